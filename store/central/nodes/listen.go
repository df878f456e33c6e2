package nodes

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/clinicwa/triage/store/pgsql"
)

// Notify sends payload on channel, through q (a transaction sends it when
// it commits, and not at all if it rolls back). PostgreSQL caps a payload
// at 8000 bytes; callers send ids, never patient text: every node that
// listens, and the server's own logs, may see it.
func Notify(ctx context.Context, q interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}, channel, payload string) error {
	_, err := q.ExecContext(ctx, `SELECT pg_notify($1, $2)`, channel, payload)
	return err
}

// pgxConn reaches the pgx connection under a database/sql one: pgx's
// own, or store/pgsql's, which wraps it to rebind placeholders.
func pgxConn(dc any) (*pgx.Conn, error) {
	switch c := dc.(type) {
	case *stdlib.Conn:
		return c.Conn(), nil
	case *pgsql.Conn:
		return c.Conn.Conn(), nil
	}
	return nil, fmt.Errorf("nodes: listening needs a PostgreSQL connection, not %T", dc)
}

// Listener receives the notices sent on one channel, on a connection of
// its own. A broken connection is replaced, after a backoff that grows
// from MinBackoff to MaxBackoff; notices sent while no connection was
// listening are lost, so every reconnect is reported (OnGap) for the
// receiver to catch up by other means.
type Listener struct {
	db      *sql.DB
	channel string
	// OnNotice receives each notice's payload, in the order sent; it
	// runs on the listening goroutine, so it must not block for long.
	OnNotice func(payload string)
	// OnGap is called each time listening (re)starts after the first:
	// notices may have been missed.
	OnGap func()
	// OnListening, when set, is called every time LISTEN has taken effect
	// (tests wait for it).
	OnListening func()
	// MinBackoff and MaxBackoff bound the wait before reconnecting.
	MinBackoff, MaxBackoff time.Duration
	// OnError, when set, is told why listening stopped before a retry.
	OnError func(error)
}

// NewListener prepares a listener on channel; call Run.
func NewListener(db *sql.DB, channel string, onNotice func(payload string)) *Listener {
	return &Listener{db: db, channel: channel, OnNotice: onNotice, MinBackoff: 100 * time.Millisecond, MaxBackoff: 10 * time.Second}
}

// Run listens until ctx ends, reconnecting as needed.
func (l *Listener) Run(ctx context.Context) {
	backoff := l.MinBackoff
	for first := true; ctx.Err() == nil; first = false {
		heard, err := l.listenOnce(ctx, !first)
		if ctx.Err() != nil {
			return
		}
		if l.OnError != nil && err != nil {
			l.OnError(err)
		}
		if heard {
			backoff = l.MinBackoff // it worked for a while: start the backoff again
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		backoff = min(backoff*2, l.MaxBackoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// listenOnce takes a connection, listens and hands notices over until
// the connection or ctx ends. listened says LISTEN took effect.
func (l *Listener) listenOnce(ctx context.Context, gap bool) (listened bool, err error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc, err := pgxConn(dc)
		if err != nil {
			return err
		}
		if _, err := pc.Exec(ctx, "LISTEN "+pgx.Identifier{l.channel}.Sanitize()); err != nil {
			return errors.Join(err, driver.ErrBadConn)
		}
		listened = true
		if l.OnListening != nil {
			l.OnListening()
		}
		if gap && l.OnGap != nil {
			l.OnGap()
		}
		for {
			n, err := pc.WaitForNotification(ctx)
			if err != nil {
				// Cancelled or broken, the connection is in no state to be
				// pooled again (it is still LISTENing, or dead).
				return errors.Join(err, driver.ErrBadConn)
			}
			if l.OnNotice != nil {
				l.OnNotice(n.Payload)
			}
		}
	})
	return listened, err
}
