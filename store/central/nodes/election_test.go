package nodes

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/internal/pgcluster"
)

// pool opens another pool on d's database: one per simulated node.
func pool(t *testing.T, d pgcluster.Database) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", d.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s still waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// leaderBackend is the server process id of the session holding the
// election's lock, as PostgreSQL sees it (0: nobody).
func leaderBackend(t *testing.T, db *sql.DB, name string) int {
	t.Helper()
	key := LockKey(name)
	var pid sql.NullInt64
	// A bigint key shows as classid = high 32 bits, objid = low 32 bits
	// (both unsigned: a negative key's high half is masked too).
	// pg_locks lists the whole cluster's locks: only this database's count.
	err := db.QueryRow(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND classid = (($1::bigint >> 32) & 4294967295)::oid AND objid = ($1::bigint & 4294967295)::oid AND objsubid = 1`, key).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return int(pid.Int64)
}

func TestOneLeaderAtATimeAndTakeOver(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	const job = "test-signer"
	var elections []*Election
	var leaders [3]atomic.Int32
	for i := range 3 {
		e := NewElection(pool(t, d), job, 50*time.Millisecond)
		e.OnChange = func(leader bool) {
			if leader {
				leaders[i].Add(1)
			}
		}
		e.Start(context.Background())
		t.Cleanup(e.Close)
		elections = append(elections, e)
	}
	count := func() (n int, who int) {
		for i, e := range elections {
			if e.Leader() {
				n, who = n+1, i
			}
		}
		return n, who
	}
	waitFor(t, 5*time.Second, "a leader", func() bool { n, _ := count(); return n == 1 })
	// Over many checks, never two.
	for range 20 {
		if n, _ := count(); n != 1 {
			t.Fatalf("%d leaders at once", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, first := count()
	// Only the leader's work runs; the others are told they are not.
	for i, e := range elections {
		ran := false
		err := e.Do(context.Background(), func(*sql.Conn) error { ran = true; return nil })
		if (i == first) != ran || (i != first && !errors.Is(err, ErrNotLeader)) {
			t.Fatalf("node %d (leader %d): ran %v, err %v", i, first, ran, err)
		}
	}
	// The leader resigns (a clean stop): another takes over.
	elections[first].Close()
	waitFor(t, 5*time.Second, "a new leader after the first resigned", func() bool {
		n, who := count()
		return n == 1 && who != first
	})
	_, second := count()

	// The second leader's connection is cut (a network failure, a killed
	// session): the server drops the lock with the session, the cut node's
	// work on it fails and it stops believing it leads, and a leader is
	// elected on a new session.
	admin := pool(t, d)
	pid := leaderBackend(t, admin, job)
	if pid == 0 {
		t.Fatal("no session holds the election's lock")
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	// Its elected work cannot run on the cut session (it fails; or, if
	// the node was quick enough to be elected again, it runs on a new one).
	var ranOn int
	err := elections[second].Do(context.Background(), func(c *sql.Conn) error {
		return c.QueryRowContext(context.Background(), `SELECT pg_backend_pid()`).Scan(&ranOn)
	})
	if err == nil && ranOn == pid {
		t.Fatal("elected work ran on the cut session")
	}
	// A new session holds the lock: the third node's, or the cut node's
	// own after it reconnected; never the cut session, and never two.
	waitFor(t, 5*time.Second, "a leader on a new session", func() bool {
		n, _ := count()
		got := leaderBackend(t, admin, job)
		return n == 1 && got != 0 && got != pid
	})
}

func TestElectionsForDifferentJobsAreIndependent(t *testing.T) {
	d := pgcluster.NewDatabase(t)
	a := NewElection(pool(t, d), "job-a", 50*time.Millisecond)
	b := NewElection(pool(t, d), "job-b", 50*time.Millisecond)
	a.Start(context.Background())
	b.Start(context.Background())
	defer a.Close()
	defer b.Close()
	waitFor(t, 5*time.Second, "both to lead their own job", func() bool { return a.Leader() && b.Leader() })
}
