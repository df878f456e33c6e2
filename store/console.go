package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

	mu         sync.Mutex // serialises appends so the chain links in order
	head       *api.AuditEntry
	pending    int64 // entries the central endpoint does not hold yet
	maxPending int64
	hmacKey    []byte
	keys       consoleKeys // sealing keys for drafts, set by OpenConsoleKeys (console_keys.go)
	// devicePriv signs sign-ins and audit batches (console_device.go);
	// nil when this console cannot sign.
	devicePriv ed25519.PrivateKey
}

// DefaultMaxPending bounds the audit outbox: with this many entries not
// yet at the central endpoint, new actions are refused rather than any
// entry being dropped. At a few hundred bytes an entry it is a few
// hundred megabytes, weeks of a busy desk working offline.
const DefaultMaxPending = 1_000_000

// sessionReserve is extra room above the bound for signing in and out:
// a full outbox drains only through a signed-in session, so signing in
// must stay possible.
const sessionReserve = 1000

// ErrOutboxFull means the audit outbox reached its bound: the console
// refuses new actions until the central endpoint has received the
// backlog. Nothing is dropped.
var ErrOutboxFull = errors.New("too many audit entries are waiting for the clinic server; actions are paused until it can be reached and the backlog is delivered")

// OpenConsole opens or creates the console store in dir.
func OpenConsole(ctx context.Context, dir string, now func() time.Time) (*Console, error) {
	if now == nil {
		now = time.Now
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("console data folder: %w", err)
	}
	db, err := openConsoleDB(ctx, filepath.Join(dir, ConsoleDBName))
	if err != nil {
		return nil, err
	}
	c := &Console{db: db, now: now, maxPending: DefaultMaxPending}
	if c.id, err = c.consoleID(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := c.openDevice(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if c.head, err = c.loadHead(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE synced = 0`).Scan(&c.pending); err != nil {
		db.Close()
		return nil, err
	}
	if c.hmacKey, err = c.auditKey(ctx); err != nil {
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

// SetMaxPending changes the outbox bound (DefaultMaxPending).
func (c *Console) SetMaxPending(n int64) {
	c.mu.Lock()
	c.maxPending = n
	c.mu.Unlock()
}

// auditKey is the console's random key for keyed hashes in its entries,
// made at first start. It only keeps such values from being read at a
// glance: anyone holding this database also holds the key.
func (c *Console) auditKey(ctx context.Context) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if _, err := c.db.ExecContext(ctx, `INSERT OR IGNORE INTO meta (key, value) VALUES ('audit_hmac_key', ?)`, hex.EncodeToString(key)); err != nil {
		return nil, err
	}
	var v string
	if err := c.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'audit_hmac_key'`).Scan(&v); err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}

// KeyedHash is the form in which an entry records a value that must not
// be kept in clear, such as a user name typed at a failed sign-in.
func (c *Console) KeyedHash(domain, value string) string {
	return audit.KeyedHash(c.hmacKey, domain, value)
}

func (c *Console) consoleID(ctx context.Context) (string, error) {
	var id string
	err := c.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'console_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	// First start: the console is a new device, and its id is the
	// device's, derived from the key pair made now.
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if id, err = c.newDevice(ctx, tx); err != nil {
		return "", err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('console_id', ?)`, id); err != nil {
		return "", err
	}
	return id, tx.Commit()
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
	return c.appendEntry(ctx, false, who, action, object, outcome, detail)
}

// AppendSession is Append for signing in and out, which may use a small
// reserve above the outbox bound: a full outbox drains only through a
// signed-in session.
func (c *Console) AppendSession(ctx context.Context, who Actor, action, object, outcome string, detail map[string]string) (api.AuditEntry, error) {
	return c.appendEntry(ctx, true, who, action, object, outcome, detail)
}

func (c *Console) appendEntry(ctx context.Context, reserve bool, who Actor, action, object, outcome string, detail map[string]string) (api.AuditEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := c.maxPending
	if reserve {
		limit += sessionReserve
	}
	if c.pending >= limit {
		return api.AuditEntry{}, fmt.Errorf("%w: %w (%d waiting, limit %d)", ErrAuditUnwritable, ErrOutboxFull, c.pending, c.maxPending)
	}
	e := audit.Link(c.head, api.AuditEntry{
		ConsoleID: c.id,
		// Wall-clock UTC, never earlier than the entry before.
		At:      audit.NextTime(c.head, c.now().Round(0)),
		UserID:  who.UserID,
		Role:    who.Role,
		Action:  action,
		Object:  object,
		Outcome: outcome,
		Detail:  detail,
	})
	d, err := json.Marshal(e.Detail)
	if err != nil {
		return e, err
	}
	_, err = c.db.ExecContext(ctx, `INSERT INTO audit (`+auditCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.PrevHash, e.Hash, e.At.Format(time.RFC3339Nano), e.UserID, string(e.Role), e.Action, e.Object, e.Outcome, string(d))
	if err != nil {
		return e, fmt.Errorf("%w: %w", ErrAuditUnwritable, err)
	}
	c.head = &e
	c.pending++
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

// MarkSynced records that the central endpoint holds every entry up to
// seq, whose hash there is hash. The head is kept: a later local
// verification checks the chain still reaches it unchanged, which catches
// a local chain cut back or rewritten after it was delivered.
func (c *Console) MarkSynced(ctx context.Context, seq int64, hash string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE audit SET synced = 1 WHERE seq <= ? AND synced = 0`, seq)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	if seq > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('central_head', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, fmt.Sprintf("%d:%s", seq, hash)); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	c.pending -= n
	return nil
}

// MarkUnsyncedFrom makes every entry after seq pending again: the central
// endpoint reported that it holds the chain only up to seq.
func (c *Console) MarkUnsyncedFrom(ctx context.Context, seq int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	res, err := c.db.ExecContext(ctx, `UPDATE audit SET synced = 0 WHERE seq > ? AND synced = 1`, seq)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	c.pending += n
	return nil
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
// order and verifies each link, then checks that the chain still reaches,
// unchanged, the last head the central endpoint confirmed holding. A
// break is diagnosed (edited, deleted, inserted, swapped, truncated) and
// returned as an *audit.BreakError.
func VerifyConsoleDB(ctx context.Context, db *sql.DB, consoleID string) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	var (
		prev   *api.AuditEntry
		n      int
		failAt api.AuditEntry
		broken *audit.BreakError
	)
	for rows.Next() {
		e, err := scanEntry(consoleID, rows)
		if err != nil {
			// A time or detail that no longer parses was edited.
			rows.Close()
			return n, &audit.BreakError{ConsoleID: consoleID, Seq: e.Seq, Damage: audit.DamageEdited, Detail: "a field no longer parses"}
		}
		if err := audit.Verify(prev, []api.AuditEntry{e}); err != nil {
			if !errors.As(err, &broken) {
				rows.Close()
				return n, err
			}
			failAt = e
			break
		}
		prev = &e
		n++
	}
	rerr := rows.Err()
	rows.Close()
	if rerr != nil {
		return n, rerr
	}
	if broken != nil {
		be, err := audit.Diagnose(prev, failAt, broken, func(seq int64) (*api.AuditEntry, error) {
			e, err := scanEntry(consoleID, db.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit WHERE seq = ?`, seq))
			if errors.Is(err, sql.ErrNoRows) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return &e, nil
		})
		if err != nil {
			return n, err
		}
		return n, be
	}
	var head string
	err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'central_head'`).Scan(&head)
	if errors.Is(err, sql.ErrNoRows) {
		return n, nil
	}
	if err != nil {
		return n, err
	}
	seqText, hash, _ := strings.Cut(head, ":")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil {
		return n, fmt.Errorf("console store: unreadable central head %q", head)
	}
	var last int64
	if prev != nil {
		last = prev.Seq
	}
	if last < seq {
		return n, &audit.BreakError{ConsoleID: consoleID, Seq: last + 1, Damage: audit.DamageTruncated,
			Detail: fmt.Sprintf("the clinic server confirmed holding entries up to %d; the local chain ends at %d", seq, last)}
	}
	var have string
	if err := db.QueryRowContext(ctx, `SELECT hash FROM audit WHERE seq = ?`, seq).Scan(&have); err != nil {
		return n, err
	}
	if have != hash {
		return n, &audit.BreakError{ConsoleID: consoleID, Seq: seq, Damage: audit.DamageForged,
			Detail: fmt.Sprintf("entry %d no longer has the hash the clinic server confirmed: the chain was recomputed", seq)}
	}
	return n, nil
}
