package nodes

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
	"time"
)

// ErrHeld means a lock asked for without waiting is held in a way that
// excludes the request: Share while someone holds it exclusively, or
// Exclude while anyone holds it at all.
var ErrHeld = errors.New("nodes: the lock is held")

// Lock waits for the session advisory lock of the job named name and
// holds it, on a connection of its own, until release: for work that
// nodes must not do at the same time but that no node leads for long,
// such as the first start of a store (its keys and seeded accounts are
// created once, not once per node starting together).
func Lock(ctx context.Context, db *sql.DB, name string) (release func(), err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	key := LockKey(name)
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		conn.Close()
		return nil, err
	}
	return releaser(conn, `SELECT pg_advisory_unlock($1)`, key), nil
}

// Share takes the session advisory lock of the job named name in shared
// mode, without waiting, and holds it on a connection of its own until
// release. Any number of nodes may share it at once; it fails with
// ErrHeld while a node holds it through Exclude. Serving nodes share one
// such lock for as long as they serve, so that work which must run with
// no node serving (key rotation) can see that some node still does.
func Share(ctx context.Context, db *sql.DB, name string) (release func(), err error) {
	return tryHold(ctx, db, name, `SELECT pg_try_advisory_lock_shared($1)`, `SELECT pg_advisory_unlock_shared($1)`)
}

// Exclude takes the session advisory lock of the job named name
// exclusively, without waiting, and holds it on a connection of its own
// until release. It fails with ErrHeld while any node holds it, shared
// or not; while it is held, Share fails everywhere.
func Exclude(ctx context.Context, db *sql.DB, name string) (release func(), err error) {
	return tryHold(ctx, db, name, `SELECT pg_try_advisory_lock($1)`, `SELECT pg_advisory_unlock($1)`)
}

func tryHold(ctx context.Context, db *sql.DB, name, try, unlock string) (func(), error) {
	h, err := tryHoldConn(ctx, db, name, try, unlock)
	if err != nil {
		return nil, err
	}
	return h.release, nil
}

// held is a session lock and the connection whose session holds it.
type held struct {
	conn    *sql.Conn
	release func()
}

func tryHoldConn(ctx context.Context, db *sql.DB, name, try, unlock string) (*held, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	key := LockKey(name)
	var got bool
	if err := conn.QueryRowContext(ctx, try, key).Scan(&got); err != nil {
		conn.Close()
		return nil, err
	}
	if !got {
		conn.Close()
		return nil, ErrHeld
	}
	return &held{conn: conn, release: releaser(conn, unlock, key)}, nil
}

// releaser gives the lock on conn back once, however often it is called.
func releaser(conn *sql.Conn, unlock string, key int64) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if _, err := conn.ExecContext(ctx, unlock, key); err != nil {
				// Unsure whether it is still held: end the session, which
				// releases it.
				conn.Raw(func(any) error { return driver.ErrBadConn })
			}
			conn.Close()
		})
	}
}
