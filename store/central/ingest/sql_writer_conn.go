package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/pgsql"
)

// maxCachedStatements bounds the committer's prepared statements; the
// store issues a fixed set of statements, far fewer than this.
const maxCachedStatements = 128

// writerConn is the committer's own database connection, held for the
// committer's life, with the store's statements prepared on it once, so a
// webhook's statements are not parsed and planned again for every webhook
// (parsing was a quarter of the ingest's CPU). Everything the committer
// runs inside its transaction, preparing included, stays on this one
// connection: borrowing a second one from the pool while holding the
// write lock could wait forever on a connection whose holder is itself
// waiting for that lock.
type writerConn struct {
	db    *sql.DB
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
	// lockWait is the transaction's lock_timeout on PostgreSQL
	// (CommitterConfig.LockWait).
	lockWait time.Duration
}

// begin opens a write transaction, connecting first if needed.
func (c *writerConn) begin(ctx context.Context) error {
	if c.conn == nil {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			return err
		}
		c.conn, c.stmts = conn, map[string]*sql.Stmt{}
	}
	// Dialect: IMMEDIATE is SQLite's, taking the write lock at BEGIN so a
	// batch never fails half-way on a lock upgrade; PostgreSQL's rows lock
	// as they are written, and a plain BEGIN serves.
	if _, err := c.conn.ExecContext(ctx, pgsql.Spelling(`BEGIN IMMEDIATE`, `BEGIN`)); err != nil {
		// Busy past the timeout, or a broken connection: start the next
		// batch on a fresh one either way.
		c.discard()
		return err
	}
	if pgsql.IsPostgres(c.db) {
		// For this transaction only: a lock another transaction holds
		// longer than this fails the batch (SQLSTATE 55P03) instead of
		// holding this node's intake (CommitterConfig.LockWait).
		if _, err := c.conn.ExecContext(ctx, fmt.Sprintf(`SET LOCAL lock_timeout = '%dms'`, c.lockWait.Milliseconds())); err != nil {
			c.rollback(ctx)
			return err
		}
	}
	return nil
}

// savepoint opens the savepoint one webhook is written in, so a failing
// webhook can be undone without the rest of its batch.
func (c *writerConn) savepoint(ctx context.Context) error {
	_, err := c.ExecContext(ctx, `SAVEPOINT webhook`)
	return err
}

// rollbackToSavepoint undoes everything the webhook wrote since its
// savepoint. It fails when the database has already rolled the whole
// transaction back (SQLite does on an I/O error or a full disk), and
// the savepoint is gone with it.
func (c *writerConn) rollbackToSavepoint(ctx context.Context) error {
	_, err := c.ExecContext(ctx, `ROLLBACK TO webhook`)
	return err
}

// releaseSavepoint ends the webhook's savepoint, keeping what is left of
// its writes in the transaction.
func (c *writerConn) releaseSavepoint(ctx context.Context) error {
	_, err := c.ExecContext(ctx, `RELEASE webhook`)
	return err
}

// commit commits the transaction; when that fails it is rolled back, so
// nothing of it is stored and the connection is left clean.
func (c *writerConn) commit(ctx context.Context) error {
	if _, err := c.conn.ExecContext(ctx, `COMMIT`); err != nil {
		c.rollback(ctx)
		return err
	}
	return nil
}

// rollback ends the transaction without storing anything. SQLite may have
// rolled it back already (an I/O error, a full disk); if the connection's
// state is then unknown it is discarded rather than reused or pooled.
func (c *writerConn) rollback(ctx context.Context) {
	_, err := c.conn.ExecContext(ctx, `ROLLBACK`)
	if err == nil || strings.Contains(err.Error(), "no transaction is active") {
		return
	}
	c.discard()
}

// discard closes the underlying connection instead of returning it to the
// pool; the next batch connects afresh.
func (c *writerConn) discard() {
	c.closeStmts()
	c.conn.Raw(func(any) error { return driver.ErrBadConn })
	c.conn.Close()
	c.conn = nil
}

func (c *writerConn) closeStmts() {
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

func (c *writerConn) close() {
	if c.conn == nil {
		return
	}
	c.closeStmts()
	c.conn.Close()
	c.conn = nil
}

// stmt returns query prepared on the connection, or nil when it cannot be
// kept (the cache is full, or preparing failed: the caller then runs the
// query directly, which reports the error itself).
func (c *writerConn) stmt(ctx context.Context, query string) *sql.Stmt {
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts) >= maxCachedStatements {
		return nil
	}
	st, err := c.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.stmts[query] = st
	return st
}

// ExecContext implements storage.Querier.
func (c *writerConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.conn.ExecContext(ctx, query, args...)
}

// QueryContext implements storage.Querier.
func (c *writerConn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.conn.QueryContext(ctx, query, args...)
}

// QueryRowContext implements storage.Querier.
func (c *writerConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.conn.QueryRowContext(ctx, query, args...)
}
