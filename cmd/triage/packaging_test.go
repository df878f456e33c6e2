package main

import (
	"testing"

	"github.com/clinicwa/triage/cmd/internal/clidoc/clidoctest"
)

func TestManAndCompletionsCoverEveryConsoleFlag(t *testing.T) {
	doc := triageDoc()
	clidoctest.CheckCoverage(t, doc)
	for _, f := range []string{"server", "data", "ca-file", "key-passphrase-file"} {
		if doc.Env[f] == "" && f != "key-passphrase-file" {
			t.Errorf("--%s: no environment variable found in its help", f)
		}
	}
}
