package pgcluster

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// One cluster per test binary: started by the first test that asks for a
// database (so a run filtered to other tests pays nothing), stopped by
// Main when the tests are done.
var shared struct {
	sync.Mutex
	inMain    bool
	cluster   *Cluster
	err       error
	n         int
	templates map[string]error
}

// Main runs the package's tests and then stops the shared cluster. Call it
// from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgcluster.Main(m)) }
func Main(m *testing.M) int {
	shared.Lock()
	shared.inMain = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	defer shared.Unlock()
	if shared.cluster != nil {
		if err := shared.cluster.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgcluster: stop:", err)
			if code == 0 {
				code = 1
			}
		}
		shared.cluster = nil
	}
	return code
}

// Required reports whether a missing PostgreSQL fails the tests instead of
// skipping them: `make test` sets TRIAGE_REQUIRE_POSTGRES=1 after it has
// installed PostgreSQL.
func Required() bool { return os.Getenv("TRIAGE_REQUIRE_POSTGRES") == "1" }

// Shared returns the test binary's cluster, starting it on first use. A
// machine without PostgreSQL skips the test (fails it under
// TRIAGE_REQUIRE_POSTGRES=1); a cluster that will not start fails it.
func Shared(t testing.TB) *Cluster {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if !shared.inMain {
		t.Fatal("pgcluster: the package's TestMain must call pgcluster.Main, which stops the cluster")
	}
	if shared.cluster == nil && shared.err == nil {
		shared.cluster, shared.err = Start(context.Background())
	}
	switch {
	case errors.Is(shared.err, ErrNotInstalled) && !Required():
		t.Skip(shared.err)
	case shared.err != nil:
		t.Fatal(shared.err)
	}
	return shared.cluster
}

// Database is one test's own database on the shared cluster.
type Database struct {
	Name string
	URL  string
	DB   *sql.DB // closed when the test ends
}

// NewDatabase creates an empty database for t.
func NewDatabase(t testing.TB) Database {
	t.Helper()
	return NewDatabaseFrom(t, "template0")
}

// NewDatabaseFrom creates a database for t as a copy of template (made
// with Template).
func NewDatabaseFrom(t testing.TB, template string) Database {
	t.Helper()
	c := Shared(t)
	name := uniqueName(t.Name())
	if err := c.CreateDatabase(context.Background(), name, template); err != nil {
		t.Fatalf("pgcluster: create database: %v", err)
	}
	db, err := c.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return Database{Name: name, URL: c.URL(name), DB: db}
}

// Template creates, once per test binary, a template database named name
// prepared by prepare (for example: every migration applied), so each
// test's NewDatabaseFrom copies it instead of preparing its own. A failed
// preparation fails every test that asks for it.
func Template(t testing.TB, name string, prepare func(*sql.DB) error) {
	t.Helper()
	c := Shared(t)
	shared.Lock()
	defer shared.Unlock()
	if shared.templates == nil {
		shared.templates = map[string]error{}
	}
	err, done := shared.templates[name]
	if !done {
		err = buildTemplate(c, name, prepare)
		shared.templates[name] = err
	}
	if err != nil {
		t.Fatalf("pgcluster: template %s: %v", name, err)
	}
}

func buildTemplate(c *Cluster, name string, prepare func(*sql.DB) error) error {
	ctx := context.Background()
	if err := c.CreateDatabase(ctx, name, "template0"); err != nil {
		return err
	}
	db, err := c.Open(name)
	if err != nil {
		return err
	}
	err = prepare(db)
	// A template cannot be copied while anyone is connected to it.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Dump returns a plain-SQL pg_dump of d.
func (d Database) Dump(t testing.TB) []byte {
	t.Helper()
	out, err := Shared(t).Dump(context.Background(), d.Name)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var notIdent = regexp.MustCompile(`[^a-z0-9_]+`)

// uniqueName makes a database name from a test name that stays within
// PostgreSQL's 63-byte identifiers and reads back to the test in the log.
func uniqueName(test string) string {
	shared.Lock()
	shared.n++
	n := shared.n
	shared.Unlock()
	base := notIdent.ReplaceAllString(strings.ToLower(test), "_")
	if len(base) > 48 {
		base = base[:48]
	}
	return fmt.Sprintf("t%04d_%s", n, base)
}
