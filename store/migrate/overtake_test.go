package migrate

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"

	_ "modernc.org/sqlite"
)

// openSQLite opens the file as store/sqlite does where it matters here
// (which imports this package, so cannot be used from inside it): WAL,
// and the write lock taken at BEGIN.
func openSQLite(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// SQLite has no advisory lock: a second triaged starting on the same file
// can apply the migrations after this one read the version and before it
// took the write lock. This one must then find the work done, not run
// each migration a second time.
func TestSQLiteOvertakenBetweenReadAndWriteLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	ms, err := Load(fstest.MapFS{
		"m/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"m/0002_b.sql": {Data: []byte(`INSERT INTO a VALUES (1);`)},
	}, "m")
	if err != nil {
		t.Fatal(err)
	}
	first, second := openSQLite(t, path), openSQLite(t, path)

	overtaken := false
	afterVersionRead = func() {
		afterVersionRead = nil // the other process's own run is not overtaken
		if err := Apply(ctx, second, SQLite, ms, "triaged"); err != nil {
			t.Errorf("the overtaking process: %v", err)
		}
		overtaken = true
	}
	defer func() { afterVersionRead = nil }()
	if err := Apply(ctx, first, SQLite, ms, "triaged"); err != nil {
		t.Fatalf("the overtaken process: %v", err)
	}
	if !overtaken {
		t.Fatal("the test hook did not run")
	}
	var rows, versions int
	first.QueryRow(`SELECT COUNT(*) FROM a`).Scan(&rows)
	first.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&versions)
	if rows != 1 || versions != 2 {
		t.Fatalf("%d rows in a and %d versions recorded, want 1 and 2", rows, versions)
	}
}
