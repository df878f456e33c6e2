package central

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/private"
)

// TestMain starts the tests as the binaries start: with umask 077, so
// the folders t.TempDir makes are private like a real data folder (the
// stores refuse one that others can read). With
// TRIAGE_CENTRAL_BACKEND=postgres every store the tests open lives in a
// PostgreSQL database of a throwaway cluster (backend_test.go).
//
// Passwords are hashed at a token Argon2id cost: the suite signs in
// thousands of times, and under the race detector each 64 MiB hash costs
// seconds of shadow-memory work. The sign-in logic is the same at any
// cost; store/auth's tests hold DefaultParams to its measured cost.
func TestMain(m *testing.M) {
	private.RestrictUmask()
	passwordParams = auth.Params{Memory: 256, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	os.Exit(runWithBackend(m))
}
