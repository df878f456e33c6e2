package pgcluster

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

func TestMain(m *testing.M) {
	if os.Getenv("PGCLUSTER_CRASH_HELPER") == "1" {
		crashWithClusterRunning()
	}
	if os.Getenv("PGCLUSTER_NOT_INSTALLED_HELPER") == "1" {
		binGlob = filepath.Join(os.TempDir(), "no-postgresql-here", "*", "bin", "initdb")
	}
	os.Exit(Main(m))
}

func TestEachTestGetsItsOwnDatabase(t *testing.T) {
	a, b := NewDatabase(t), NewDatabase(t)
	if a.Name == b.Name {
		t.Fatalf("two databases named %s", a.Name)
	}
	if _, err := a.DB.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.DB.QueryRow(`SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'notes'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatal("a table created in one test's database is visible in another's")
	}
}

func TestServerListensOnlyOnItsPrivateSocket(t *testing.T) {
	d := NewDatabase(t)
	var listen, sockets, fsync string
	if err := d.DB.QueryRow(`SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories'), current_setting('fsync')`).
		Scan(&listen, &sockets, &fsync); err != nil {
		t.Fatal(err)
	}
	c := Shared(t)
	if listen != "" {
		t.Errorf("listen_addresses = %q: the test server must open no TCP port", listen)
	}
	if sockets != filepath.Join(c.Dir(), "socket") {
		t.Errorf("unix_socket_directories = %q, want the cluster's own folder %s", sockets, c.Dir())
	}
	if fsync != "off" {
		t.Errorf("fsync = %q, want off for a throwaway cluster", fsync)
	}
	fi, err := os.Stat(filepath.Join(c.Dir(), "socket"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("socket folder mode %v: trusted local sign-in relies on nobody else reaching the socket", fi.Mode().Perm())
	}
	uid := processUID(t, c.server.Process.Pid)
	if uid == 0 {
		t.Error("postgres runs as root")
	}
	if os.Geteuid() != 0 && uid != os.Geteuid() {
		t.Errorf("postgres runs as uid %d, want the test's own %d", uid, os.Geteuid())
	}
}

func TestTemplateIsPreparedOnceAndCopied(t *testing.T) {
	prepared := 0
	prepare := func(db *sql.DB) error {
		prepared++
		_, err := db.Exec(`CREATE TABLE clinics (name TEXT NOT NULL); INSERT INTO clinics VALUES ('Northside')`)
		return err
	}
	Template(t, "tmpl_clinics", prepare)
	Template(t, "tmpl_clinics", prepare)
	if prepared != 1 {
		t.Fatalf("template prepared %d times, want once", prepared)
	}
	a, b := NewDatabaseFrom(t, "tmpl_clinics"), NewDatabaseFrom(t, "tmpl_clinics")
	if _, err := a.DB.Exec(`INSERT INTO clinics VALUES ('Eastside')`); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d    Database
		want int
	}{{a, 2}, {b, 1}} {
		var n int
		if err := c.d.DB.QueryRow(`SELECT COUNT(*) FROM clinics`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != c.want {
			t.Errorf("%s has %d clinics, want %d", c.d.Name, n, c.want)
		}
	}
}

func TestTemplatePreparationFailureIsReported(t *testing.T) {
	c := Shared(t)
	err := buildTemplate(c, "tmpl_broken", func(db *sql.DB) error {
		_, err := db.Exec(`CREATE TABLE broken (`)
		return err
	})
	if err == nil {
		t.Fatal("a broken template preparation reported no error")
	}
}

// The dump is what the at-rest scan reads: it must carry every row as
// stored, so a value stored in clear is there to be found.
func TestDumpHoldsTheRowsAsStored(t *testing.T) {
	d := NewDatabase(t)
	if _, err := d.DB.Exec(`CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL, sealed BYTEA NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := d.DB.Exec(`INSERT INTO notes VALUES (1, $1, $2)`, "clear-marker-5521", []byte("sealed-marker")); err != nil {
		t.Fatal(err)
	}
	out := d.Dump(t)
	for _, want := range []string{"CREATE TABLE public.notes", "clear-marker-5521", `\x7365616c65642d6d61726b6572`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("dump lacks %q", want)
		}
	}
	if _, err := Shared(t).Dump(context.Background(), "no_such_database"); err == nil {
		t.Error("a dump of a missing database reported no error")
	}
}

func TestStopRemovesEverything(t *testing.T) {
	Shared(t) // skips where PostgreSQL is missing
	c, err := Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pid, dir := c.server.Process.Pid, c.Dir()
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cluster folder left after Stop: %v", err)
	}
	if processAlive(pid) {
		t.Errorf("postgres %d still runs after Stop", pid)
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

// A test binary that panics never reaches Main's Stop: its server must die
// with it, and the next run removes the folder it left.
func TestServerDiesWithACrashedTestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("a process-level test: make test runs it in its second pass")
	}
	if !serverDiesWithParent {
		t.Skip("no parent-death signal on this system")
	}
	Shared(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PGCLUSTER_CRASH_HELPER=1")
	out, _ := cmd.CombinedOutput()
	var pid int
	var dir string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "cluster" {
			pid, _ = strconv.Atoi(f[1])
			dir = f[2]
		}
	}
	if pid == 0 || !strings.Contains(string(out), "panic: a test failed hard") {
		t.Fatalf("the helper did not start a cluster and panic:\n%s", out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for processAlive(pid) || serverAlive(dir) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL) // started by this test's child
			t.Fatalf("postgres %d outlived its crashed test binary", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	removeAbandoned()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the crashed run's folder %s was not removed: %v", dir, err)
	}
}

func crashWithClusterRunning() {
	c, err := Start(context.Background())
	if err != nil {
		fmt.Println("start:", err)
		os.Exit(3)
	}
	fmt.Println("cluster", c.server.Process.Pid, c.Dir())
	panic("a test failed hard")
}

func processUID(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skip("no /proc to read the server's owner from")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "Uid:" {
			uid, _ := strconv.Atoi(f[1])
			return uid
		}
	}
	t.Fatal("no Uid line in /proc status")
	return -1
}

func TestUniqueNameFitsPostgresIdentifiers(t *testing.T) {
	long := "TestSomething/with_a_very_long_subtest_name_that_goes_on_and_on_and_on_forever"
	a, b := uniqueName(long), uniqueName(long)
	if a == b {
		t.Fatal("two calls gave one name")
	}
	if len(a) > 63 || notIdent.MatchString(a) {
		t.Fatalf("name %q is not a plain identifier of at most 63 bytes", a)
	}
}

// The store reaches PostgreSQL through database/sql; what only PostgreSQL
// has (here LISTEN/NOTIFY, for events across nodes) is reached on the same
// pool through the pgx connection underneath.
func TestNotificationsThroughTheSQLPool(t *testing.T) {
	d := NewDatabase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := d.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		if _, err := pc.Exec(ctx, `LISTEN thread_changes`); err != nil {
			return err
		}
		if _, err := d.DB.ExecContext(ctx, `SELECT pg_notify('thread_changes', '42')`); err != nil {
			return err
		}
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Channel != "thread_changes" || n.Payload != "42" {
			return fmt.Errorf("notification %s %q, want thread_changes \"42\"", n.Channel, n.Payload)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewestInstalledMajorIsUsed(t *testing.T) {
	root := t.TempDir()
	for _, major := range []string{"9", "13", "16"} {
		bin := filepath.Join(root, major, "bin")
		if err := os.MkdirAll(bin, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bin, "initdb"), nil, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	defer func(g string) { binGlob = g }(binGlob)
	binGlob = filepath.Join(root, "*", "bin", "initdb")
	t.Setenv("TRIAGE_PG_BIN", "")
	got, err := BinDir()
	if err != nil || got != filepath.Join(root, "16", "bin") {
		t.Fatalf("BinDir() = %s, %v; want the newest major, 16 (not 9 by string order)", got, err)
	}
	binGlob = filepath.Join(root, "none", "*", "bin", "initdb")
	if _, err := BinDir(); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("no PostgreSQL installed: %v", err)
	}
}

// Without PostgreSQL a developer's run skips the PostgreSQL tests and says
// why; under make test (TRIAGE_REQUIRE_POSTGRES=1) they fail.
func TestMissingPostgresSkipsUnlessRequired(t *testing.T) {
	for _, c := range []struct {
		require, want string
	}{
		{"", "--- SKIP: TestEachTestGetsItsOwnDatabase"},
		{"1", "--- FAIL: TestEachTestGetsItsOwnDatabase"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEachTestGetsItsOwnDatabase$", "-test.v")
		cmd.Env = append(os.Environ(), "PGCLUSTER_NOT_INSTALLED_HELPER=1", "TRIAGE_REQUIRE_POSTGRES="+c.require, "TRIAGE_PG_BIN=")
		out, _ := cmd.CombinedOutput()
		if !strings.Contains(string(out), c.want) || !strings.Contains(string(out), "`make setup` installs it") {
			t.Errorf("TRIAGE_REQUIRE_POSTGRES=%q without PostgreSQL: want %q and the reason, got:\n%s", c.require, c.want, out)
		}
	}
}
