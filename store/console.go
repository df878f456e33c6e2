package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// ConsoleDBName is the console's store file inside its data folder.
const ConsoleDBName = "console.db"

// Console is the console's local store: its identity and its audit chain.
// Every action the console takes is appended here before it happens; the
// entries not yet held by the central endpoint form the sync outbox.
type Console struct {
	db  *sql.DB
	id  string
	now func() time.Time

	mu   sync.Mutex // serialises appends so the chain links in order
	head *api.AuditEntry
}

// OpenConsole opens or creates the console store in dir.
func OpenConsole(ctx context.Context, dir string, now func() time.Time) (*Console, error) {
	if now == nil {
		now = time.Now
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("console data folder: %w", err)
	}
	db, err := OpenSQLite(filepath.Join(dir, ConsoleDBName))
	if err != nil {
		return nil, err
	}
	if err := Migrate(ctx, db, migrations, "migrations"); err != nil {
		db.Close()
		return nil, err
	}
	c := &Console{db: db, now: now}
	if c.id, err = c.consoleID(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if c.head, err = c.loadHead(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// Close closes the store.
func (c *Console) Close() error { return c.db.Close() }

// ID is this console install's identity, fixed at first start.
func (c *Console) ID() string { return c.id }

// DB exposes the handle for tools (verification, tests).
func (c *Console) DB() *sql.DB { return c.db }

func (c *Console) consoleID(ctx context.Context) (string, error) {
	var id string
	err := c.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'console_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id = "console-" + hex.EncodeToString(b)
	_, err = c.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('console_id', ?)`, id)
	return id, err
}

const auditCols = `seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail`

func scanEntry(consoleID string, row interface{ Scan(...any) error }) (api.AuditEntry, error) {
	var e api.AuditEntry
	var at, detail, role string
	if err := row.Scan(&e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &role, &e.Action, &e.Object, &e.Outcome, &detail); err != nil {
		return e, err
	}
	e.ConsoleID = consoleID
	e.Role = api.Role(role)
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return e, fmt.Errorf("audit entry %d: bad time: %w", e.Seq, err)
	}
	e.At = t
	if detail != "" && detail != "{}" {
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			return e, fmt.Errorf("audit entry %d: bad detail: %w", e.Seq, err)
		}
	}
	return e, nil
}

func (c *Console) loadHead(ctx context.Context) (*api.AuditEntry, error) {
	row := c.db.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq DESC LIMIT 1`)
	e, err := scanEntry(c.id, row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// Actor is who performs an audited action.
type Actor struct {
	UserID string
	Role   api.Role
}

// Append links a new entry onto the chain and commits it durably. When it
// returns an error the action it records must not happen (fail closed).
func (c *Console) Append(ctx context.Context, who Actor, action, object, outcome string, detail map[string]string) (api.AuditEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := audit.Link(c.head, api.AuditEntry{
		ConsoleID: c.id,
		At:        c.now().UTC(),
		UserID:    who.UserID,
		Role:      who.Role,
		Action:    action,
		Object:    object,
		Outcome:   outcome,
		Detail:    detail,
	})
	d, err := json.Marshal(e.Detail)
	if err != nil {
		return e, err
	}
	_, err = c.db.ExecContext(ctx, `INSERT INTO audit (`+auditCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.PrevHash, e.Hash, e.At.Format(time.RFC3339Nano), e.UserID, string(e.Role), e.Action, e.Object, e.Outcome, string(d))
	if err != nil {
		return e, fmt.Errorf("the audit trail could not be written, so the action was not taken: %w", err)
	}
	c.head = &e
	return e, nil
}

// Unsynced returns up to limit entries the central endpoint does not hold
// yet, oldest first.
func (c *Console) Unsynced(ctx context.Context, limit int) ([]api.AuditEntry, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit WHERE synced = 0 ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []api.AuditEntry
	for rows.Next() {
		e, err := scanEntry(c.id, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkSynced records that the central endpoint holds every entry up to seq.
func (c *Console) MarkSynced(ctx context.Context, seq int64) error {
	_, err := c.db.ExecContext(ctx, `UPDATE audit SET synced = 1 WHERE seq <= ? AND synced = 0`, seq)
	return err
}

// MarkUnsyncedFrom makes every entry after seq pending again: the central
// endpoint reported that it holds the chain only up to seq.
func (c *Console) MarkUnsyncedFrom(ctx context.Context, seq int64) error {
	_, err := c.db.ExecContext(ctx, `UPDATE audit SET synced = 0 WHERE seq > ?`, seq)
	return err
}

// Pending counts entries not yet held by the central endpoint.
func (c *Console) Pending(ctx context.Context) (int, error) {
	var n int
	err := c.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE synced = 0`).Scan(&n)
	return n, err
}

// VerifyChain checks the whole local chain and returns the number of
// entries verified, or an *audit.BreakError naming the first bad entry.
func (c *Console) VerifyChain(ctx context.Context) (int, error) {
	return VerifyConsoleDB(ctx, c.db, c.id)
}

// VerifyConsoleDB walks the audit table of a console store in sequence
// order and verifies each link.
func VerifyConsoleDB(ctx context.Context, db *sql.DB, consoleID string) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var prev *api.AuditEntry
	n := 0
	for rows.Next() {
		e, err := scanEntry(consoleID, rows)
		if err != nil {
			return n, err
		}
		if err := audit.Verify(prev, []api.AuditEntry{e}); err != nil {
			return n, err
		}
		prev = &e
		n++
	}
	return n, rows.Err()
}
