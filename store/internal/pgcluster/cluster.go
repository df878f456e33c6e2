// Package pgcluster runs a throwaway PostgreSQL cluster for tests: initdb
// into a temporary folder, the server on a Unix socket in that folder and
// on no TCP port, fsync off (the data is thrown away), one database per
// test cloned from a template, and the folder removed at the end. Nothing
// outside the folder is touched and no running service is needed.
//
// The server runs as a child of the test process with a parent-death
// signal rather than daemonised by pg_ctl: on Linux a test binary that
// panics or is killed by `go test -timeout` takes its server with it, so no
// run leaves a postgres behind, and the next run removes its folder. PostgreSQL refuses to run as root; as root the cluster
// runs as the unprivileged "postgres" account the Debian package creates
// (or "nobody"), and the folder is handed to that account.
package pgcluster

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// Superuser is the cluster's bootstrap role. Local connections are trusted:
// the socket sits in a folder only the cluster's OS account (and root)
// can enter.
const Superuser = "triage"

// dirPrefix names the cluster folders under os.TempDir, so a later run can
// find and remove the folder of a run that was killed.
const dirPrefix = "triage-pgcluster-"

// ErrNotInstalled means no PostgreSQL server binaries were found.
var ErrNotInstalled = errors.New("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); `make setup` installs it")

// Cluster is one running throwaway PostgreSQL server.
type Cluster struct {
	bin    string // folder holding initdb, postgres, pg_dump
	dir    string // everything: data, socket, log
	socket string
	server *exec.Cmd
	exited chan struct{}
	cred   *syscall.Credential // nil: run as the current user
}

// binGlob is where Debian's postgresql packages put each major version's
// server binaries.
var binGlob = "/usr/lib/postgresql/*/bin/initdb"

// BinDir returns the folder of the newest installed PostgreSQL's server
// binaries: $TRIAGE_PG_BIN when set, else /usr/lib/postgresql/<major>/bin.
func BinDir() (string, error) {
	if d := os.Getenv("TRIAGE_PG_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			return "", fmt.Errorf("TRIAGE_PG_BIN=%s: %w", d, err)
		}
		return d, nil
	}
	found, _ := filepath.Glob(binGlob)
	if len(found) == 0 {
		return "", ErrNotInstalled
	}
	major := func(p string) int {
		n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(p))))
		return n
	}
	sort.Slice(found, func(i, j int) bool { return major(found[i]) > major(found[j]) })
	return filepath.Dir(found[0]), nil
}

// Start creates and starts a cluster. Stop it with Stop.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	removeAbandoned()
	dir, err := os.MkdirTemp("", dirPrefix)
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin, dir: dir, socket: filepath.Join(dir, "socket")}
	if err := c.start(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) start(ctx context.Context) error {
	// The pid of the process the cluster belongs to: a later run removes
	// the folder once that process is gone.
	if err := os.WriteFile(filepath.Join(c.dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
		return err
	}
	if err := os.Mkdir(c.socket, 0o700); err != nil {
		return err
	}
	if os.Geteuid() == 0 {
		cred, err := unprivileged()
		if err != nil {
			return err
		}
		c.cred = cred
		for _, p := range []string{c.dir, c.socket} {
			if err := os.Chown(p, int(cred.Uid), int(cred.Gid)); err != nil {
				return err
			}
		}
	}
	data := filepath.Join(c.dir, "data")
	initdb := c.command(ctx, "initdb", "-D", data, "-U", Superuser, "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync")
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	log, err := os.OpenFile(filepath.Join(c.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer log.Close()
	// fsync, synchronous_commit and full_page_writes off: a crash loses a
	// throwaway cluster, never data anyone keeps, and tests run faster.
	c.server = c.command(context.Background(), "postgres", "-D", data,
		"-c", "listen_addresses=",
		"-c", "unix_socket_directories="+c.socket,
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
		"-c", "max_connections=200",
		"-c", "shared_buffers=32MB",
		"-c", "log_min_messages=warning",
	)
	c.server.Stdout, c.server.Stderr = log, log
	dieWithParent(c.server.SysProcAttr)
	// The parent-death signal follows the thread that started the child,
	// not the process: start it from a goroutine locked to its thread and
	// keep that thread waiting for the server, so the signal fires only
	// when the whole test process is gone.
	started := make(chan error, 1)
	c.exited = make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := c.server.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.server.Wait()
		close(c.exited)
	}()
	if err := <-started; err != nil {
		c.server = nil
		return fmt.Errorf("postgres: %w", err)
	}
	return c.waitReady(ctx)
}

// command runs a PostgreSQL binary as the cluster's OS account.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.Env = []string{"PATH=" + c.bin + ":/usr/bin:/bin", "LC_ALL=C", "HOME=" + c.dir, "TZ=UTC"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	return cmd
}

func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, c.URL("postgres"))
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-c.exited:
			return fmt.Errorf("postgres exited at start:\n%s", c.logTail())
		case <-ctx.Done():
			return fmt.Errorf("postgres not ready: %v\n%s", err, c.logTail())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (c *Cluster) logTail() string {
	b, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// Stop shuts the server down (a fast shutdown, as `pg_ctl stop -m fast`)
// and removes the cluster's folder. It is safe to call more than once.
func (c *Cluster) Stop() error {
	if c.server != nil {
		c.server.Process.Signal(syscall.SIGINT)
		select {
		case <-c.exited:
		case <-time.After(15 * time.Second):
			c.server.Process.Kill()
			<-c.exited
		}
		c.server = nil
	}
	if c.dir == "" {
		return nil
	}
	err := os.RemoveAll(c.dir)
	c.dir = ""
	return err
}

// Dir is the cluster's folder (data, socket and server log).
func (c *Cluster) Dir() string { return c.dir }

// URL is a postgres:// URL for database on the cluster's socket, in the
// form TRIAGED_DATABASE_URL takes.
func (c *Cluster) URL(database string) string {
	u := url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + database,
		RawQuery: url.Values{"host": {c.socket}, "sslmode": {"disable"}}.Encode()}
	return u.String()
}

// Open opens database through pgx's database/sql driver.
func (c *Cluster) Open(database string) (*sql.DB, error) {
	return sql.Open("pgx", c.URL(database))
}

// CreateDatabase creates database as a copy of template ("template0" for
// an empty one). Copying a template is a file copy: far faster than
// migrating every test's database from scratch.
func (c *Cluster) CreateDatabase(ctx context.Context, database, template string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{database}.Sanitize()+
		" TEMPLATE "+pgx.Identifier{template}.Sanitize())
	return err
}

// Dump returns a plain-SQL pg_dump of database: every table's rows as the
// server stores them, for scans of what is at rest.
func (c *Cluster) Dump(ctx context.Context, database string) ([]byte, error) {
	cmd := c.command(ctx, "pg_dump", "--host", c.socket, "--username", Superuser,
		"--no-password", "--format=plain", "--dbname", database)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pg_dump: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// unprivileged is the account the server runs as when the tests run as
// root.
func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, errors.New("running as root and no unprivileged account (postgres, nobody) to run PostgreSQL as")
}

// removeAbandoned removes the folders of clusters whose test process is
// gone (killed before it could clean up). Its server died with it (the
// parent-death signal); only the files are left.
func removeAbandoned() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) || serverAlive(d) {
			continue
		}
		os.RemoveAll(d)
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// serverAlive reports whether the postmaster recorded in a cluster folder
// still runs; its folder is then left alone.
func serverAlive(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		return false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	return err == nil && pid > 0 && processAlive(pid)
}
