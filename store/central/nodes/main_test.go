package nodes

import (
	"os"
	"testing"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

func TestMain(m *testing.M) { os.Exit(pgcluster.Main(m)) }
