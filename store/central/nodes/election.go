package nodes

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
	"time"
)

// ErrNotLeader means the node does not hold the election (any more).
var ErrNotLeader = errors.New("nodes: this node is not the elected one")

// DefaultElectionCheck is how often a follower asks for the lock and a
// leader checks that the connection holding it is alive.
const DefaultElectionCheck = 2 * time.Second

// Election elects one node at a time for a job, by a session advisory
// lock held on a connection of its own. The lock lives exactly as long as
// that connection: a node that dies, or whose connection breaks, loses it
// and the server releases it, and another node's next try wins. A leader
// does its elected work on the same connection (Do), so work done as
// leader can never outlive the leadership: if the connection is gone the
// work fails instead of running beside a new leader.
type Election struct {
	db    *sql.DB
	key   int64
	check time.Duration
	// OnChange, when set before Start, is told every change of
	// leadership; OnLost, why a leader stopped being one.
	OnChange func(leader bool)
	OnLost   func(err error)

	mu   sync.Mutex
	conn *sql.Conn // holds the lock; nil while following

	stop chan struct{}
	done chan struct{}
}

// NewElection prepares an election for the job named name on db; check is
// how often to try or re-check (DefaultElectionCheck when zero).
func NewElection(db *sql.DB, name string, check time.Duration) *Election {
	if check <= 0 {
		check = DefaultElectionCheck
	}
	return &Election{db: db, key: LockKey(name), check: check}
}

// Start tries at once, then keeps trying (or checking) in the background
// until Close.
func (e *Election) Start(ctx context.Context) {
	e.stop, e.done = make(chan struct{}), make(chan struct{})
	e.step(ctx)
	go func() {
		defer close(e.done)
		t := time.NewTicker(e.check)
		defer t.Stop()
		for {
			select {
			case <-e.stop:
				return
			case <-t.C:
				e.step(context.Background())
			}
		}
	}()
}

// step tries for the lock when following, or checks the connection when
// leading.
func (e *Election) step(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, e.check+5*time.Second)
	defer cancel()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn != nil {
		var one int
		err := e.conn.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
		if err == nil {
			return
		}
		if e.OnLost != nil {
			e.OnLost(err)
		}
		e.dropLocked()
		return
	}
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return
	}
	var won bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, e.key).Scan(&won); err != nil || !won {
		conn.Close()
		return
	}
	e.conn = conn
	if e.OnChange != nil {
		e.OnChange(true)
	}
}

// dropLocked gives up a connection that can no longer be trusted to hold
// the lock: it is closed, not returned to the pool, so the server ends
// the session and with it the lock if it still had it.
func (e *Election) dropLocked() {
	e.conn.Raw(func(any) error { return driver.ErrBadConn })
	e.conn.Close()
	e.conn = nil
	if e.OnChange != nil {
		e.OnChange(false)
	}
}

// Leader reports whether this node holds the election as last checked.
func (e *Election) Leader() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.conn != nil
}

// Do runs fn on the connection that holds the lock, so everything fn does
// happens while this node is certainly the leader; ErrNotLeader when it
// is not. An error from fn that leaves the connection broken costs the
// leadership (checked at once).
func (e *Election) Do(ctx context.Context, fn func(conn *sql.Conn) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn == nil {
		return ErrNotLeader
	}
	err := fn(e.conn)
	if err != nil {
		if perr := e.conn.PingContext(ctx); perr != nil {
			if e.OnLost != nil {
				e.OnLost(perr)
			}
			e.dropLocked()
		}
	}
	return err
}

// Close stops trying and resigns: the lock is released at once, so
// another node can take over at its next try.
func (e *Election) Close() {
	if e.stop != nil {
		close(e.stop)
		<-e.done
		e.stop = nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := e.conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, e.key); err != nil {
		e.dropLocked()
		return
	}
	e.conn.Close()
	e.conn = nil
	if e.OnChange != nil {
		e.OnChange(false)
	}
}
