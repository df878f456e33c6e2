package migrate_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
	"github.com/clinicwa/triage/store/private"
	"github.com/clinicwa/triage/store/sqlite"
)

func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(pgcluster.Main(m))
}

// backend is one database the runner must behave the same on.
type backend struct {
	name    string
	dialect migrate.Dialect
	open    func(t *testing.T) *sql.DB
}

var backends = []backend{
	{"sqlite", migrate.SQLite, func(t *testing.T) *sql.DB {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}},
	{"postgres", migrate.Postgres, func(t *testing.T) *sql.DB { return pgcluster.NewDatabase(t).DB }},
}

func set(t *testing.T, files map[string]string) []migrate.Migration {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys["m/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	ms, err := migrate.Load(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func tableCount(t *testing.T, db *sql.DB, pg bool, name string) int {
	t.Helper()
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if pg {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`
	}
	var n int
	if err := db.QueryRow(q, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpgradeRestartAndRefusalOfANewerSchema(t *testing.T) {
	v1 := map[string]string{"0001_a.sql": `CREATE TABLE a (x BIGINT);`}
	v2 := map[string]string{"0001_a.sql": v1["0001_a.sql"], "0002_b.sql": `CREATE TABLE b (y BIGINT); INSERT INTO a VALUES (1);`}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			db := b.open(t)
			for _, ms := range [][]migrate.Migration{set(t, v1), set(t, v2), set(t, v2)} { // upgrade, then a restart
				if err := migrate.Apply(ctx, db, b.dialect, ms, "triaged"); err != nil {
					t.Fatal(err)
				}
			}
			var rows, inA int
			db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&rows)
			db.QueryRow(`SELECT COUNT(*) FROM a`).Scan(&inA)
			if rows != 2 || inA != 1 {
				t.Fatalf("after upgrade and restart: %d versions recorded, %d rows in a; want 2 and 1 (each migration once)", rows, inA)
			}
			err := migrate.Apply(ctx, db, b.dialect, set(t, v1), "triaged")
			if err == nil || !strings.Contains(err.Error(), "database schema version 2 is newer than this triaged (1)") {
				t.Fatalf("older migrations on a newer schema: %v", err)
			}
		})
	}
}

func TestABrokenMigrationLeavesNothingBehind(t *testing.T) {
	bad := map[string]string{"0001_a.sql": `CREATE TABLE a (x BIGINT); CREATE TABLE broken (`}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			db := b.open(t)
			if err := migrate.Apply(context.Background(), db, b.dialect, set(t, bad), "triaged"); err == nil ||
				!strings.Contains(err.Error(), "migration 0001_a.sql") {
				t.Fatalf("a broken migration: %v", err)
			}
			if tableCount(t, db, b.dialect.Name == "postgres", "a") != 0 {
				t.Fatal("half of a broken migration stayed in the schema")
			}
			if v, err := migrate.Version(context.Background(), db); err != nil || v != 0 {
				t.Fatalf("version after a broken migration: %d, %v", v, err)
			}
		})
	}
}

func TestNumberingWithoutGapsOrStrangeNames(t *testing.T) {
	for _, files := range []map[string]string{
		{"0001_a.sql": "", "0003_c.sql": ""},
		{"0002_b.sql": ""},
		{"0001_a.sql": "", "0001_again.sql": ""},
		{"a.sql": ""},
		{"0001_a.txt": ""},
	} {
		fsys := fstest.MapFS{}
		for name := range files {
			fsys["m/"+name] = &fstest.MapFile{}
		}
		if _, err := migrate.Load(fsys, "m"); err == nil {
			t.Errorf("migrations %v were accepted", files)
		}
	}
	// A folder beside the files is another dialect's set, not a migration.
	fsys := fstest.MapFS{"m/0001_a.sql": {}, "m/postgres/0001_a.sql": {}}
	if ms, err := migrate.Load(fsys, "m"); err != nil || len(ms) != 1 {
		t.Errorf("a set with a dialect folder beside it: %v, %v", ms, err)
	}
	// Apply checks a hand-made list too.
	gap := []migrate.Migration{{Version: 1, Name: "0001_a.sql"}, {Version: 3, Name: "0003_c.sql"}}
	if err := migrate.Apply(context.Background(), nil, migrate.SQLite, gap, "triaged"); err == nil {
		t.Error("Apply took a list with a gap")
	}
}

// Several triaged nodes started at once on one PostgreSQL apply each
// migration exactly once: the advisory lock queues them, and each finds
// the work done by the first.
func TestNodesStartingTogetherMigrateOnce(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	ms := set(t, map[string]string{
		"0001_a.sql": `CREATE TABLE a (x BIGINT);`,
		"0002_b.sql": `INSERT INTO a VALUES (1); SELECT pg_sleep(0.05);`,
		"0003_c.sql": `INSERT INTO a VALUES (2);`,
	})
	const nodes = 4
	var wg sync.WaitGroup
	errs := make([]error, nodes)
	start := make(chan struct{})
	for i := range nodes {
		// Each node has its own pool, as separate processes would.
		db, err := sql.Open("pgx", d.URL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = migrate.Apply(context.Background(), db, migrate.Postgres, ms, "triaged")
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("node %d: %v", i, err)
		}
	}
	var rows, versions int
	d.DB.QueryRow(`SELECT COUNT(*) FROM a`).Scan(&rows)
	d.DB.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&versions)
	if rows != 2 || versions != 3 {
		t.Fatalf("%d rows in a and %d versions recorded, want 2 and 3: a migration ran more than once", rows, versions)
	}
	var held int
	d.DB.QueryRow(`SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'`).Scan(&held)
	if held != 0 {
		t.Errorf("%d advisory locks still held after migrating", held)
	}
}
