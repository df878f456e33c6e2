package ingest

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/private"
)

// TestMain runs the tests with umask 077, as the binaries run: the
// SQLite files they make are private like a real data folder's. The
// PostgreSQL runs share one throwaway cluster, stopped at the end.
func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(pgcluster.Main(m))
}
