package main

import (
	"testing"

	"github.com/clinicwa/triage/cmd/internal/clidoc/clidoctest"
)

func TestManAndCompletionsCoverEveryFlag(t *testing.T) {
	clidoctest.CheckCoverage(t, bspsimDoc())
}
