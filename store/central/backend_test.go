package central

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
	"github.com/clinicwa/triage/store/pgsql"
)

// envBackend selects the database the central suite runs on: unset or
// "sqlite" for SQLite files, "postgres" for a throwaway PostgreSQL
// cluster (`make test` runs the suite once on each).
const envBackend = "TRIAGE_CENTRAL_BACKEND"

// pgTemplate is the migrated database every test's database copies.
const pgTemplate = "central_migrated"

// testPG is the PostgreSQL side of the suite when it runs there.
var testPG struct {
	sync.Mutex
	cluster *pgcluster.Cluster
	byDir   map[string]string // data folder → database URL
	n       int
}

// onPostgres reports whether this run keeps the stores in PostgreSQL.
func onPostgres() bool { return os.Getenv(envBackend) == "postgres" }

// runWithBackend runs the tests; on PostgreSQL it first starts the
// cluster and migrates the template, and gives every data folder a
// database of its own (databaseURLFor), so each test, and each reopening
// of a test's folder (a restart, an admin command), finds its own store.
func runWithBackend(m *testing.M) int {
	switch b := os.Getenv(envBackend); b {
	case "", "sqlite":
		return pgcluster.Main(m)
	case "postgres":
	default:
		fmt.Fprintf(os.Stderr, "%s=%q: want sqlite or postgres\n", envBackend, b)
		return 2
	}
	ctx := context.Background()
	c, err := pgcluster.Start(ctx)
	if err != nil {
		// Asked for explicitly: a missing PostgreSQL fails, never skips.
		fmt.Fprintln(os.Stderr, "central tests on PostgreSQL:", err)
		return 1
	}
	defer c.Stop()
	if err := migrateTemplate(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "central tests on PostgreSQL: template:", err)
		return 1
	}
	testPG.cluster, testPG.byDir = c, map[string]string{}
	if os.Getenv("TRIAGE_PGSQL_DEBUG") != "" {
		// Debugging a failure: every refused statement to stderr.
		pgsql.OnError = func(q string, err error) { fmt.Fprintf(os.Stderr, "PGSQL ERR: %v\n   IN: %s\n", err, q) }
	}
	databaseURLFor = testDatabaseURL
	return pgcluster.Main(m)
}

func migrateTemplate(ctx context.Context, c *pgcluster.Cluster) error {
	if err := c.CreateDatabase(ctx, pgTemplate, "template0"); err != nil {
		return err
	}
	db, err := c.Open(pgTemplate)
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := migrations.Postgres()
	if err != nil {
		return err
	}
	return migrate.Apply(ctx, db, migrate.Postgres, ms, "triaged")
}

// testDatabaseURL is databaseURLFor in a PostgreSQL run: the folder's
// database, created from the template on first use.
func testDatabaseURL(dataDir string) (string, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	testPG.Lock()
	defer testPG.Unlock()
	if u, ok := testPG.byDir[dir]; ok {
		return u, nil
	}
	testPG.n++
	name := fmt.Sprintf("store_%04d", testPG.n)
	if err := testPG.cluster.CreateDatabase(context.Background(), name, pgTemplate); err != nil {
		return "", err
	}
	u := testPG.cluster.URL(name)
	testPG.byDir[dir] = u
	return u, nil
}

// openTestDB opens the database of the store in dataDir as the server
// does (SQLite file or the folder's PostgreSQL database), for tests that
// look at rows directly. It is closed when t ends.
func openTestDB(t testing.TB, dataDir string) *sql.DB {
	t.Helper()
	url := ""
	if databaseURLFor != nil {
		var err error
		if url, err = databaseURLFor(dataDir); err != nil {
			t.Fatal(err)
		}
	}
	db, _, err := openConfigured(context.Background(), dataDir, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// skipOnPostgres skips a test about SQLite's files, which a PostgreSQL
// store does not have; why names the SQLite-only behaviour.
func skipOnPostgres(t testing.TB, why string) {
	t.Helper()
	if onPostgres() {
		t.Skip("SQLite-only: " + why)
	}
}

// storedBytes is everything the store keeps at rest, as an attacker with
// the storage would read it: the SQLite file (its write-ahead log folded
// in first), or a pg_dump of the PostgreSQL database.
func storedBytes(t testing.TB, e *env) []byte {
	t.Helper()
	if !onPostgres() {
		if e.srv != nil {
			e.srv.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		}
		raw, err := os.ReadFile(filepath.Join(e.dir, DBFileName))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	u, err := testDatabaseURL(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := testPG.cluster.Dump(context.Background(), databaseName(t, u))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// databaseName is the database a cluster URL names.
func databaseName(t testing.TB, u string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(p.Path, "/")
}

// TestPostgresWithALinguisticCollationIsRefused: keyset pages compare text
// ids byte by byte (SQLite's order); a database whose default collation
// orders them otherwise (here ICU's en-US, which keeps datcollate "C", so
// the name alone would not tell) is refused at open with the fix.
func TestPostgresWithALinguisticCollationIsRefused(t *testing.T) {
	c := pgcluster.Shared(t)
	ctx := context.Background()
	admin, err := c.Open("postgres")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("linguistic_%d", os.Getpid())
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`); err != nil {
		t.Skipf("this PostgreSQL cannot make an ICU database: %v", err)
	}
	_, err = OpenPostgres(ctx, c.URL(name))
	if err == nil || !strings.Contains(err.Error(), "LC_COLLATE 'C'") {
		t.Fatalf("open of an en-US database: %v, want a refusal naming the fix", err)
	}
	// The byte-ordered template itself opens.
	db, err := OpenPostgres(ctx, c.URL(pgTemplateFor(t)))
	if err != nil {
		t.Fatalf("a C-collated database: %v", err)
	}
	db.Close()
}

// pgTemplateFor is a fresh byte-ordered database for t on the shared cluster.
func pgTemplateFor(t *testing.T) string {
	t.Helper()
	return pgcluster.NewDatabase(t).Name
}
