package main

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/pgtest"
	"github.com/clinicwa/triage/store/private"
)

// TestMain starts the tests as the binaries start: with umask 077, so
// the folders t.TempDir makes are private like a real data folder (the
// stores refuse one that others can read). pgtest.Main stops the
// PostgreSQL cluster a test may have started.
func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(pgtest.Main(m))
}
