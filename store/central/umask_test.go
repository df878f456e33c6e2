package central

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/private"
)

// TestMain starts the tests as the binaries start: with umask 077, so
// the folders t.TempDir makes are private like a real data folder (the
// stores refuse one that others can read). With
// TRIAGE_CENTRAL_BACKEND=postgres every store the tests open lives in a
// PostgreSQL database of a throwaway cluster (backend_test.go).
func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(runWithBackend(m))
}
