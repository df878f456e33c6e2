package central

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
	"github.com/clinicwa/triage/store/seal"
)

// Querier is storage.Querier (a pool or a transaction), named here too
// because several hundred store methods and handlers in this package take
// one: the alias spares rewriting each signature.
type Querier = storage.Querier

// ErrNotFound is returned when a looked-up row does not exist. It is
// storage.ErrNotFound itself, so errors.Is matches it whichever package's
// store returned it (the audit log's, this package's).
var ErrNotFound = storage.ErrNotFound

// Patients stores patients, keyed for lookup by a blind index of their
// number.
type Patients interface {
	// Upsert finds the patient by phone (or, without one, by userID) and
	// creates them if new; a changed profile name is re-sealed.
	Upsert(ctx context.Context, q Querier, phone, userID, profileName string, now time.Time) (p records.Patient, created bool, err error)
	ByPhone(ctx context.Context, q Querier, phone string) (records.Patient, error)
	// ChangeNumber moves the patient to newPhone after a number change
	// (ErrNumberTaken when it names another patient).
	ChangeNumber(ctx context.Context, q Querier, id, newPhone string, now time.Time) error
	Get(ctx context.Context, q Querier, id string) (records.Patient, error)
	// SetConsent records an opt-in or opt-out and its source; changed is
	// false when the patient was already in that state.
	SetConsent(ctx context.Context, q Querier, id string, optedIn bool, source, messageID string, at time.Time) (changed bool, err error)
}

// Threads stores conversations.
type Threads interface {
	// ForPatient returns the patient's thread, creating it if needed.
	ForPatient(ctx context.Context, q Querier, patientID string, now time.Time) (records.Thread, error)
	Get(ctx context.Context, q Querier, id string) (records.Thread, error)
	// Lock holds the thread's row until the transaction ends, or reports
	// ErrNotFound (lockThreadSQL).
	Lock(ctx context.Context, q Querier, id string) error
	// NoteInbound moves the thread's clocks for a patient message and
	// reopens a closed thread.
	NoteInbound(ctx context.Context, q Querier, id string, at time.Time, clinical bool) error
	NoteOutbound(ctx context.Context, q Querier, id string, at time.Time) error
	Handoff(ctx context.Context, q Querier, id, note, masked, by string, at time.Time) error
	// Summaries lists inbox rows, newest activity first; clinical-state
	// threads only when includeClinical.
	// userID is the reader: read state, so the unread count, is per user.
	Summaries(ctx context.Context, q Querier, userID string, includeClinical bool, window time.Duration) ([]api.ThreadSummary, error)
	Summary(ctx context.Context, q Querier, id, userID string, window time.Duration) (api.ThreadSummary, error)
	// Page is one inbox page after the cursor after ("" for the first),
	// by keyset on (last activity, id), with the counts per state.
	Page(ctx context.Context, q Querier, userID string, includeClinical bool, after string, limit int, window time.Duration) (api.ThreadPage, error)
	// ChangesSince is the summaries changed after change number since,
	// or a reset when more than limit did.
	ChangesSince(ctx context.Context, q Querier, userID string, includeClinical bool, since int64, limit int, window time.Duration) (api.ThreadChanges, error)
	// Counts is how many threads are in each state.
	Counts(ctx context.Context, q Querier, includeClinical bool) (map[api.ThreadState]int, error)
	// MarkRead moves userID's read marker to the thread's newest message.
	MarkRead(ctx context.Context, q Querier, userID, threadID string) error
	// QueuePage is one inbox page of a queue, filtered and optionally
	// searched over masked text (records/sql_queues.go).
	QueuePage(ctx context.Context, q Querier, query records.InboxQuery) (api.ThreadPage, error)
	// QueueCounts is how many threads the reader may see in each queue.
	QueueCounts(ctx context.Context, q Querier, userID string, includeClinical bool) (map[api.Queue]int, error)
}

// Messages stores inbound and outbound messages.
type Messages interface {
	// InsertInbound stores m unless its provider id is already held;
	// inserted is false for a duplicate.
	InsertInbound(ctx context.Context, q Querier, m *records.Message) (inserted bool, err error)
	InsertOutbound(ctx context.Context, q Querier, m *records.Message) error
	// Revoked reports whether the patient deleted m (a revoke naming it
	// is stored in its thread).
	Revoked(ctx context.Context, q Querier, m records.Message) (bool, error)
	Get(ctx context.Context, q Querier, id string) (records.Message, error)
	ByIdempotencyKey(ctx context.Context, q Querier, userID, key string) (records.Message, error)
	ByProviderID(ctx context.Context, q Querier, providerID string) (records.Message, error)
	ListThread(ctx context.Context, q Querier, threadID string) ([]records.Message, error)
	// MarkThreadRead marks the thread's unread inbound messages read and
	// returns their provider ids, oldest first.
	MarkThreadRead(ctx context.Context, q Querier, threadID string) ([]string, error)
	// ApplyStatus moves an outbound message's status forward only
	// (bsp.Status.Rank); changed is false for a stale or repeated update.
	ApplyStatus(ctx context.Context, q Querier, id string, s bsp.Status, reason string) (changed bool, err error)
	SetProviderID(ctx context.Context, q Querier, id, providerID string) error
	// CountOutboundSince counts messages sent (or queued) to the thread
	// since t, failures excluded.
	CountOutboundSince(ctx context.Context, q Querier, threadID string, t time.Time) (int, error)
}

// Users stores console users and their lockout state.
type Users interface {
	Create(ctx context.Context, q Querier, u *records.User) error
	ByUsername(ctx context.Context, q Querier, username string) (records.User, error)
	Get(ctx context.Context, q Querier, id string) (records.User, error)
	// SaveLoginState writes the lockout counters and TOTP replay step.
	SaveLoginState(ctx context.Context, q Querier, u records.User) error
}

// Sessions stores session token hashes.
type Sessions interface {
	Create(ctx context.Context, q Querier, s records.Session) error
	ByTokenHash(ctx context.Context, q Querier, hash []byte) (records.Session, error)
	Touch(ctx context.Context, q Querier, hash []byte, at time.Time) error
	Revoke(ctx context.Context, q Querier, hash []byte, at time.Time) error
}

// Audit stores hash-chained audit entries of every console and the
// server's own chain.
type Audit interface {
	// Head is the last entry held for consoleID, nil when none.
	Head(ctx context.Context, q Querier, consoleID string) (*api.AuditEntry, error)
	At(ctx context.Context, q Querier, consoleID string, seq int64) (api.AuditEntry, error)
	Insert(ctx context.Context, q Querier, e api.AuditEntry, receivedAt time.Time) error
	// Chain returns the entries of consoleID in sequence order.
	Chain(ctx context.Context, q Querier, consoleID string) ([]api.AuditEntry, error)
}

// Outbox stores delivery jobs.
type Outbox interface {
	Enqueue(ctx context.Context, q Querier, j delivery.Job) error
	// Due returns, for each thread, its oldest pending job, when that job
	// is due by now: later jobs of a thread wait so order per thread holds.
	Due(ctx context.Context, q Querier, now time.Time) ([]delivery.Job, error)
	Get(ctx context.Context, q Querier, id int64) (delivery.Job, error)
	Done(ctx context.Context, q Querier, id int64) error
	Retry(ctx context.Context, q Querier, id int64, next time.Time, lastError string) error
	Fail(ctx context.Context, q Querier, id int64, lastError string) error
	// NextDue is the earliest next_at of pending jobs (zero when none).
	NextDue(ctx context.Context, q Querier) (time.Time, error)
}

// Store composes the per-entity stores over one database. A second
// backend (PostgreSQL for a health system's replicas) implements the same
// interfaces; handlers only see these.
type Store struct {
	DB *sql.DB
	// pg is set when DB is PostgreSQL (store/pgsql): the few statements
	// spelled differently are registered there; the flag covers what is
	// not a statement (transaction starts, the audit chain's lock).
	pg bool
	// gate orders this process's write transactions (see storage.WriteGate).
	gate *storage.WriteGate
	Patients
	Threads
	Messages
	Users
	Sessions
	Audit
	Outbox
	// Incidents is the incident register (records/sql_incidents.go).
	Incidents records.Incidents
	// keys seals the incident register's free text (incidents.go).
	keys *seal.Keys
}

// NewSQLiteStore builds the SQLite implementation over db, sealing with keys.
func NewSQLiteStore(db *sql.DB, keys *seal.Keys) *Store { return newStore(db, keys, false) }

// NewPostgresStore builds the store over a PostgreSQL pool opened with
// OpenPostgres (its connections rebind the SQLite statements).
func NewPostgresStore(db *sql.DB, keys *seal.Keys) *Store { return newStore(db, keys, true) }

// Postgres reports whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.pg }

func newStore(db *sql.DB, keys *seal.Keys, pg bool) *Store {
	sq := &records.Base{Keys: keys, PG: pg}
	return &Store{
		DB:       db,
		pg:       pg,
		gate:     storage.NewWriteGate(),
		Patients: records.Patients{Base: sq}, Threads: urgentThreads{records.Threads{Base: sq}}, Messages: langMessages{linkMessages{records.Messages{Base: sq}}},
		Users: records.Users{Base: sq}, Sessions: records.Sessions{}, Audit: auditlog.Store{}, Outbox: delivery.Outbox{},
		Incidents: records.Incidents{Base: sq},
		keys:      keys,
	}
}

// Tx runs fn in one write transaction (BEGIN IMMEDIATE) and commits when
// fn returns nil. Write transactions of this process take turns.
//
// On PostgreSQL, transactions of other nodes run at the same time, and two
// that take the same locks in opposite orders (a thread's row and the
// audit log's append lock) deadlock: PostgreSQL rolls one back with
// SQLSTATE 40P01. Tx then runs fn again in a new transaction (a few times
// at most, storage.RetryTransient), so the request succeeds instead of
// failing for a conflict it did not cause. Every fn passed here must
// therefore be safe to run twice: it sets what it reports afresh on each
// run (TestDeadlockBetweenNodesIsRetried).
func (s *Store) Tx(ctx context.Context, fn func(q Querier) error) error {
	try := func() error {
		if err := s.gate.Enter(ctx); err != nil {
			return err
		}
		defer s.gate.Leave()
		return storage.WithTx(ctx, s.DB, func(tx *sql.Tx) error { return fn(tx) })
	}
	if !s.pg {
		return try()
	}
	return storage.RetryTransient(ctx, try, pgsql.IsSerializationFailure)
}

// Exec runs one writing statement on its own, in its turn with the other
// writers of this process.
func (s *Store) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := s.gate.Enter(ctx); err != nil {
		return nil, err
	}
	defer s.gate.Leave()
	return s.DB.ExecContext(ctx, query, args...)
}

func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("central: data directory: %w", err)
	}
	return nil
}

// Write runs fn's single writing statement on the database directly, in
// its turn with the other writers of this process: for a lone write that
// needs no transaction around it (see Exec).
func (s *Store) Write(ctx context.Context, fn func(q Querier) error) error {
	if err := s.gate.Enter(ctx); err != nil {
		return err
	}
	defer s.gate.Leave()
	return fn(s.DB)
}
