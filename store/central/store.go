package central

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/policy"
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

// queryIDs runs a query whose rows are one text column each (ids) and
// returns them in the query's order.
func queryIDs(ctx context.Context, q Querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ErrNotFound is returned when a looked-up row does not exist. It is
// storage.ErrNotFound itself, so errors.Is matches it whichever package's
// store returned it (the audit log's, this package's).
var ErrNotFound = storage.ErrNotFound

// ErrNumberTaken refuses a number change to a number that already belongs
// to another patient.
var ErrNumberTaken = errors.New("central: the new number belongs to another patient")

// Patient is a person who wrote to the clinic. Phone, UserID and
// ProfileName are opened from their sealed columns; Label is the only
// thing the console ever shows.
type Patient struct {
	ID          string
	Label       string
	Phone       string // E.164, empty when the provider sent only a user id
	UserID      string // provider's business-scoped user id
	ProfileName string
	OptedIn     bool
	ConsentAt   time.Time
	CreatedAt   time.Time
}

// Thread is one patient's conversation with the clinic.
type Thread struct {
	ID            string
	PatientID     string
	State         api.ThreadState
	Clinical      bool
	LastAt        time.Time
	LastInboundAt time.Time
	HandoffBy     string
	HandoffAt     time.Time
	HandoffMasked string
	CreatedAt     time.Time
}

// Message is one stored message, opened.
type Message struct {
	ID             string
	ThreadID       string
	Direction      string // "in" or "out"
	Type           string
	RawType        string
	MediaMIME      string
	Body           string // original text (PHI)
	Masked         string
	Spans          []api.Span
	Clinical       bool
	ProviderID     string
	Status         bsp.Status
	Error          string
	SentBy         string
	MacroID        string
	IdempotencyKey string
	Read           bool
	At             time.Time
	// Detail is what the message carries beyond its text (sealed at
	// rest); nil for plain messages and everything outbound.
	Detail *MessageDetail
	// LinkOpenedAt is when the portal link this message carried was
	// first opened, LinkOpens how often (linkMessages fills them).
	LinkOpenedAt time.Time
	LinkOpens    int
}

// MessageDetail is an inbound message's kind-specific content, kept as
// one sealed JSON value: most of it is patient text or identifies the
// patient, and each kind needs only a few of the fields.
type MessageDetail struct {
	ReplyTo string `json:"reply_to,omitempty"` // provider id of the message answered
	Target  string `json:"target,omitempty"`   // provider id a reaction, edit or revoke acts on

	Payload       string `json:"payload,omitempty"` // button payload or list/button reply id
	PayloadTitle  string `json:"payload_title,omitempty"`
	PayloadMasked string `json:"payload_masked,omitempty"`

	ReactionRemoved bool `json:"reaction_removed,omitempty"`
	Forwarded       bool `json:"forwarded,omitempty"`

	Location           *bsp.Location `json:"location,omitempty"`
	Contacts           []bsp.Contact `json:"contacts,omitempty"`
	ContactsNotFetched bool          `json:"contacts_not_fetched,omitempty"`
	Order              *bsp.Order    `json:"order,omitempty"`
	FlowResponse       string        `json:"flow_response,omitempty"` // the form's answers, JSON
	EditedType         string        `json:"edited_type,omitempty"`
	SystemType         string        `json:"system_type,omitempty"`
	NewNumber          string        `json:"new_number,omitempty"`

	// Digest is the keyed digest of an unreadable message's raw bytes
	// (the bytes themselves are not kept); Reason says why it was unreadable.
	Digest string `json:"digest,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Ref is the provider id the message refers to: the target of a
// reaction, edit or revoke, else the message it replies to.
func (d *MessageDetail) Ref() string {
	if d == nil {
		return ""
	}
	if d.Target != "" {
		return d.Target
	}
	return d.ReplyTo
}

// API renders the message for the console: masked text only, and inert.
// The console keeps its own sanitising boundary; the server sanitises too
// (defence in depth), so an older or modified console, or any other API
// client, never receives a patient's or a provider's escape sequences.
func (m Message) API() api.Message {
	return api.Message{
		ID: m.ID, ThreadID: m.ThreadID, Direction: m.Direction, Type: m.Type,
		Masked: policy.Sanitize(m.Masked).String(), Spans: m.Spans, Clinical: m.Clinical, Status: string(m.Status),
		Error: policy.SanitizeLine(m.Error).String(), SentBy: policy.SanitizeLine(m.SentBy).String(),
		MacroID: policy.SanitizeLine(m.MacroID).String(), At: m.At,
		LinkOpenedAt: m.LinkOpenedAt, LinkOpens: m.LinkOpens,
	}
}

// User is a console user.
type User struct {
	ID           string
	Username     string
	Role         policy.Role
	PasswordHash string
	TOTPSecret   string // empty when not enrolled
	FailedLogins int
	LockedUntil  time.Time
	LastFailedAt time.Time
	TOTPLastStep int64
	Disabled     bool
	CreatedAt    time.Time
}

// Session is a signed-in console session. Only the token's hash is stored.
type Session struct {
	TokenHash  []byte
	UserID     string
	ConsoleID  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
	Revoked    bool
}

// Patients stores patients, keyed for lookup by a blind index of their
// number.
type Patients interface {
	// Upsert finds the patient by phone (or, without one, by userID) and
	// creates them if new; a changed profile name is re-sealed.
	Upsert(ctx context.Context, q Querier, phone, userID, profileName string, now time.Time) (p Patient, created bool, err error)
	ByPhone(ctx context.Context, q Querier, phone string) (Patient, error)
	// ChangeNumber moves the patient to newPhone after a number change
	// (ErrNumberTaken when it names another patient).
	ChangeNumber(ctx context.Context, q Querier, id, newPhone string, now time.Time) error
	Get(ctx context.Context, q Querier, id string) (Patient, error)
	// SetConsent records an opt-in or opt-out and its source; changed is
	// false when the patient was already in that state.
	SetConsent(ctx context.Context, q Querier, id string, optedIn bool, source, messageID string, at time.Time) (changed bool, err error)
}

// Threads stores conversations.
type Threads interface {
	// ForPatient returns the patient's thread, creating it if needed.
	ForPatient(ctx context.Context, q Querier, patientID string, now time.Time) (Thread, error)
	Get(ctx context.Context, q Querier, id string) (Thread, error)
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
	// searched over masked text (sql_queues.go).
	QueuePage(ctx context.Context, q Querier, query inboxQuery) (api.ThreadPage, error)
	// QueueCounts is how many threads the reader may see in each queue.
	QueueCounts(ctx context.Context, q Querier, userID string, includeClinical bool) (map[api.Queue]int, error)
}

// Messages stores inbound and outbound messages.
type Messages interface {
	// InsertInbound stores m unless its provider id is already held;
	// inserted is false for a duplicate.
	InsertInbound(ctx context.Context, q Querier, m *Message) (inserted bool, err error)
	InsertOutbound(ctx context.Context, q Querier, m *Message) error
	// Revoked reports whether the patient deleted m (a revoke naming it
	// is stored in its thread).
	Revoked(ctx context.Context, q Querier, m Message) (bool, error)
	Get(ctx context.Context, q Querier, id string) (Message, error)
	ByIdempotencyKey(ctx context.Context, q Querier, userID, key string) (Message, error)
	ByProviderID(ctx context.Context, q Querier, providerID string) (Message, error)
	ListThread(ctx context.Context, q Querier, threadID string) ([]Message, error)
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
	Create(ctx context.Context, q Querier, u *User) error
	ByUsername(ctx context.Context, q Querier, username string) (User, error)
	Get(ctx context.Context, q Querier, id string) (User, error)
	// SaveLoginState writes the lockout counters and TOTP replay step.
	SaveLoginState(ctx context.Context, q Querier, u User) error
}

// Sessions stores session token hashes.
type Sessions interface {
	Create(ctx context.Context, q Querier, s Session) error
	ByTokenHash(ctx context.Context, q Querier, hash []byte) (Session, error)
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
	sq := &sqlite{keys: keys, pg: pg}
	return &Store{
		DB:       db,
		pg:       pg,
		gate:     storage.NewWriteGate(),
		Patients: sqlPatients{sq}, Threads: urgentThreads{sqlThreads{sq}}, Messages: langMessages{linkMessages{sqlMessages{sq}}},
		Users: sqlUsers{sq}, Sessions: sqlSessions{}, Audit: auditlog.Store{}, Outbox: delivery.Outbox{},
		keys: keys,
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

// sqlite holds what the stores share: the sealing keys, and whether the
// database is PostgreSQL (for the rare statement built differently).
type sqlite struct {
	keys *seal.Keys
	pg   bool
}

// Blind-index domains. Each lookup has its own, so equal values in two
// domains do not share an index value.
const (
	bidxPhone      = "patients.phone"
	bidxUserID     = "patients.user_id"
	bidxProviderID = "messages.provider_id"
)

// jsonText reads the text field key of the JSON object in column expr.
// Dialect: json_extract is SQLite's; PostgreSQL reads the field with
// ->> once the TEXT column is cast to jsonb.
func jsonText(pg bool, expr, key string) string {
	if pg {
		return "(" + expr + "::jsonb ->> '" + key + "')"
	}
	return "json_extract(" + expr + ", '$." + key + "')"
}

func (s *sqlite) bidx(domain, v string) []byte { return s.keys.BlindIndex(domain, []byte(v)) }

func fromTS(n sql.NullInt64) time.Time {
	if !n.Valid || n.Int64 == 0 {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

var idEnc = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// newID returns an opaque random id with a readable prefix ("thr_…").
func newID(prefix string) string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("central: crypto/rand: %v", err))
	}
	return prefix + "_" + idEnc.EncodeToString(b)
}

// labelAlphabet leaves out 0/O and 1/I so a label read aloud at the desk
// is not misheard.
const labelAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// newLabel returns "Patient " and n random characters. It is random, not
// derived from the number, so it reveals nothing about the patient.
func newLabel(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("central: crypto/rand: %v", err))
	}
	for i := range b {
		b[i] = labelAlphabet[int(b[i])%len(labelAlphabet)]
	}
	return "Patient " + string(b)
}

// isUniqueViolation recognises both databases' unique-constraint errors:
// SQLite's by its message (modernc.org/sqlite has no exported code type
// worth importing here), PostgreSQL's by SQLSTATE 23505.
func isUniqueViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") || pgsql.IsUniqueViolation(err))
}

func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("central: data directory: %w", err)
	}
	return nil
}
