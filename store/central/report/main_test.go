package report

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/private"
)

// TestMain runs the tests with umask 077, as the binaries run: the
// SQLite files they make are private like a real data folder's.
func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(m.Run())
}
