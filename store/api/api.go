// Package api is the contract between a console and the central endpoint:
// the JSON bodies of the console API and of its live event stream. It holds
// types only, so the console's UI, its client and the server all agree on
// one shape. Every text field here that came from a patient is already
// masked by the central endpoint unless a type says otherwise.
package api

import "time"

// Version is the path prefix of the console API.
const Version = "/api/v1"

// Role is a console user's role.
type Role string

const (
	RoleFrontDesk  Role = "frontdesk"
	RoleNurse      Role = "nurse"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// LoginRequest starts a session. Device proves which console signs in
// (see store/device); ConsoleID, when set, must be that device's id. A
// session without a device may read and act, but cannot upload an audit
// chain.
type LoginRequest struct {
	Username  string       `json:"username"`
	Password  string       `json:"password"`
	TOTP      string       `json:"totp,omitempty"`
	ConsoleID string       `json:"console_id,omitempty"`
	Device    *DeviceProof `json:"device,omitempty"`
}

// DeviceProof names a console's device and proves the console holds its
// key: DeviceID is derived from PublicKey (base64url Ed25519), and
// Signature (base64url) is over store/device's sign-in message.
type DeviceProof struct {
	DeviceID  string `json:"device_id"`
	PublicKey string `json:"public_key"`
	Signature string `json:"signature"`
}

// User is the signed-in person.
type User struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Role     Role   `json:"role"`
}

// LoginResponse carries the session token (sent as "Authorization: Bearer").
type LoginResponse struct {
	Token     string    `json:"token"`
	User      User      `json:"user"`
	ExpiresAt time.Time `json:"expires_at"`
	// IdleTimeout is how long the console may sit idle before it logs off.
	IdleTimeoutSeconds int `json:"idle_timeout_seconds"`
}

// ThreadState is where a thread stands in the clinic's workflow.
type ThreadState string

const (
	ThreadOpen     ThreadState = "open"     // front desk answers
	ThreadClinical ThreadState = "clinical" // handed to nurses
	ThreadClosed   ThreadState = "closed"
)

// ThreadSummary is one row of the inbox.
type ThreadSummary struct {
	ID           string      `json:"id"`
	PatientLabel string      `json:"patient_label"` // opaque label, never a name or number
	Preview      string      `json:"preview"`       // masked
	Unread       int         `json:"unread"`
	State        ThreadState `json:"state"`
	Clinical     bool        `json:"clinical"` // a message in it reads as clinical
	OptedIn      bool        `json:"opted_in"`
	LastAt       time.Time   `json:"last_at"`
	// WindowOpenUntil is when WhatsApp's 24-hour customer-service window
	// closes; zero when the patient never wrote.
	WindowOpenUntil time.Time `json:"window_open_until"`
	LastOutStatus   string    `json:"last_out_status,omitempty"`
	// LastFromClinic says the preview is the clinic's own message (a
	// reply a person sent), the one LastOutStatus is about; when the
	// patient wrote last the status belongs to another message and a
	// console shows the text alone.
	LastFromClinic bool `json:"last_from_clinic,omitempty"`
	// LastOutAuto says the clinic's latest outbound message, the one
	// LastOutStatus is about, is an automatic text (the first-message
	// explanation, a consent text, the safety reply, a hand-off's
	// acknowledgment). Such texts never take the preview, which stays
	// what a person last wrote; a console may mark that an automatic
	// reply went out.
	LastOutAuto bool `json:"last_out_auto,omitempty"`
	// Urgent is set once a patient message in the thread suggested an
	// emergency (policy.DetectUrgent); UrgentAt is when.
	Urgent   bool      `json:"urgent,omitempty"`
	UrgentAt time.Time `json:"urgent_at,omitzero"`
	// Inbound is how many patient messages the thread ever received;
	// with Unread it gives the reader's read marker, so a console can
	// apply a live event's summary (whose Unread is not per user) to its
	// own count.
	Inbound int `json:"inbound,omitempty"`
	// Seq is the change sequence number of this summary: a console that
	// missed events asks for changes after the highest Seq it holds.
	Seq int64 `json:"seq,omitempty"`
	// Arrival orders threads whose last activity fell in the same second
	// (providers time messages in whole seconds): the later-stored last
	// message sorts first. The inbox sorts by LastAt, Arrival, then ID.
	Arrival int64 `json:"arrival,omitempty"`
	// Gone says the thread left the reader's inbox (handed to a queue
	// the reader's role may not open): the console drops the row. Only
	// ID and Seq are set then.
	Gone bool `json:"gone,omitempty"`

	// The triage workflow (see triage.go): the queue the thread is in,
	// its owner, the patient's wait, and the hand-off or escalation that
	// put it where it is, so a console updates the row in place.
	Queue        Queue     `json:"queue,omitempty"`
	OwnerID      string    `json:"owner_id,omitempty"`
	Owner        string    `json:"owner,omitempty"` // username
	OwnedAt      time.Time `json:"owned_at,omitzero"`
	WaitingSince time.Time `json:"waiting_since,omitzero"` // oldest unanswered patient message; zero when the clinic replied last
	Lang         string    `json:"lang,omitempty"`         // language of the patient's last message: "en" or "es"
	// Handoff is the current clinical hand-off (nurses' queue).
	Handoff *HandoffInfo `json:"handoff,omitempty"`
	// Escalation is set while the thread waits for a supervisor.
	Escalation *EscalationInfo `json:"escalation,omitempty"`
	// ClosedOutcome is why the thread was last closed.
	ClosedOutcome string `json:"closed_outcome,omitempty"`
}

// ThreadPage is one page of the inbox, newest activity first.
type ThreadPage struct {
	Threads []ThreadSummary `json:"threads"`
	// Next is the cursor of the following page; empty on the last page.
	Next string `json:"next,omitempty"`
	// Counts is how many threads the caller may see in each state.
	Counts map[ThreadState]int `json:"counts"`
	// Seq is the change sequence number the page was read at.
	Seq int64 `json:"seq"`
	// Queues is how many threads the caller may see in each queue
	// (QueueMine counts the caller's own), whatever the page's filters.
	// It comes with a first page only (no after): counting passes over
	// every open thread, and a console walking on keeps what it has.
	Queues map[Queue]int `json:"queues,omitempty"`
	// Search is set when the page was searched: how many threads were
	// looked at, and whether the bounded scan stopped before the end
	// (Next then continues the search).
	Search *SearchInfo `json:"search,omitempty"`
}

// ThreadChanges answers "what changed after change sequence N".
type ThreadChanges struct {
	// Seq is the number to ask from next time.
	Seq int64 `json:"seq"`
	// Reset says too much changed to send row by row: reload the first
	// page instead. Threads is empty then.
	Reset   bool                `json:"reset,omitempty"`
	Threads []ThreadSummary     `json:"threads"`
	Counts  map[ThreadState]int `json:"counts"`
}

// MaxThreadPage is the largest inbox page the server returns.
const MaxThreadPage = 500

// Span is one masked stretch of a message: its type and where it stood in
// the original text (UTF-8 byte offsets, end exclusive). It lets the console
// say what was masked without ever holding the text itself.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Message is one message in a thread.
type Message struct {
	ID        string    `json:"id"`
	ThreadID  string    `json:"thread_id"`
	Direction string    `json:"direction"` // "in" or "out"
	Type      string    `json:"type"`      // bsp.MessageType for inbound; "text" or "template" outbound
	Masked    string    `json:"masked"`    // the text with PHI replaced by [TYPE] placeholders
	Spans     []Span    `json:"spans,omitempty"`
	Clinical  bool      `json:"clinical"`
	Status    string    `json:"status,omitempty"`  // outbound delivery status
	Error     string    `json:"error,omitempty"`   // plain-language failure reason
	SentBy    string    `json:"sent_by,omitempty"` // the sender's username
	MacroID   string    `json:"macro_id,omitempty"`
	At        time.Time `json:"at"`

	// ReplyTo is the id of the message in this thread that this one
	// answers (a quoted reply, a button or list choice, a Flow).
	ReplyTo string `json:"reply_to,omitempty"`
	// Choice is the button or list option the patient picked: its id as
	// the clinic set it and its title, both masked.
	Choice *Choice `json:"choice,omitempty"`
	// Reactions are the patient's current reactions to this message.
	Reactions []Reaction `json:"reactions,omitempty"`
	// Edited is set when the patient edited the message: Masked is then
	// the newest version, masked like any message.
	Edited bool `json:"edited,omitempty"`
	// Revoked is set when the patient deleted the message: its text is
	// withheld from every console (the sealed original is kept for the
	// retention period).
	Revoked bool `json:"revoked,omitempty"`
	// Items are an order's lines.
	Items []OrderItem `json:"items,omitempty"`
	// Forwarded is set when WhatsApp marked the message as forwarded.
	Forwarded bool `json:"forwarded,omitempty"`
	// LinkOpenedAt is when the patient first opened the portal link this
	// message carried (zero: not opened); LinkOpens counts the opens.
	LinkOpenedAt time.Time `json:"link_opened_at,omitzero"`
	LinkOpens    int       `json:"link_opens,omitempty"`
}

// Choice is a picked button or list option, masked.
type Choice struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// Reaction is an emoji a patient put on a message.
type Reaction struct {
	Emoji string    `json:"emoji"`
	At    time.Time `json:"at"`
}

// OrderItem is one line of an order from the clinic's catalog.
type OrderItem struct {
	ProductID string `json:"product_id"`
	Quantity  string `json:"quantity"`
	Price     string `json:"price,omitempty"`
	Currency  string `json:"currency,omitempty"`
}

// ThreadDetail is a thread with its messages, oldest first.
type ThreadDetail struct {
	Thread   ThreadSummary `json:"thread"`
	Messages []Message     `json:"messages"`
	// Consent is the patient's consent with its source and date.
	Consent *ConsentState `json:"consent,omitempty"`
	// Clock is the patient's local time and the cap's count.
	Clock *PatientClock `json:"clock,omitempty"`
	// Scheduled are the thread's scheduled messages, oldest first.
	Scheduled []ScheduledSend `json:"scheduled,omitempty"`
}

// SendRequest asks the central endpoint to send to a thread: either a macro
// (MacroID) or free text (Text). IdempotencyKey makes retries safe.
type SendRequest struct {
	IdempotencyKey string `json:"idempotency_key"`
	MacroID        string `json:"macro_id,omitempty"`
	Text           string `json:"text,omitempty"`
	// Template names an approved template of the library (with
	// TemplateLanguage), sent with TemplateValues for its variables in
	// order; a variable the server fills (portal link, clinic name) is "".
	Template         string   `json:"template,omitempty"`
	TemplateLanguage string   `json:"template_language,omitempty"`
	TemplateValues   []string `json:"template_values,omitempty"`
	// ConfirmRepeat sends a portal-link quick reply again although the
	// same one went to the patient within the hour.
	ConfirmRepeat bool `json:"confirm_repeat,omitempty"`
}

// SendResponse is the accepted message.
type SendResponse struct {
	Message Message `json:"message"`
}

// Refusal is the body of a 422 answer: an outbound rule said no. Rule names
// the rule (consent, role, phi, window, quiet_hours, frequency); Reason is a
// sentence for the user; OfferPortalLink says the portal-link macro is the
// way out.
type Refusal struct {
	Rule            string   `json:"rule"`
	Reason          string   `json:"reason"`
	SpanTypes       []string `json:"span_types,omitempty"`
	OfferPortalLink bool     `json:"offer_portal_link"`
}

// HandoffRequest moves a thread to the nurses' queue.
type HandoffRequest struct {
	Note string `json:"note,omitempty"` // free text, masked before it is stored for display
}

// Error is the body of every other non-2xx answer.
type Error struct {
	Error string `json:"error"`
	// Code names a refusal the console acts on (CodePolicyAckRequired).
	Code string `json:"code,omitempty"`
	// LockedUntil is set on a sign-in refused because of a lock: when
	// it ends, for the console to show in its own time zone.
	LockedUntil time.Time `json:"locked_until,omitzero"`
}

// EventType names a live event.
type EventType string

const (
	EventMessageNew    EventType = "message.new"
	EventMessageStatus EventType = "message.status"
	EventThreadUpdated EventType = "thread.updated"
	// EventThreadUrgent says a patient message (MessageID) in ThreadID
	// suggested an emergency: nurses' and supervisors' consoles alert.
	EventThreadUrgent EventType = "thread.urgent"
	// EventResync says the server dropped this stream because the
	// console fell behind: events were lost, so the console fetches its
	// inbox again and reconnects. The stream ends after it.
	EventResync EventType = "resync"
)

// Event is one live event on the console stream (server-sent events,
// "data: <json>\n\n"). It carries ids only: the console fetches what it
// needs, so nothing on the stream bypasses masking or access checks.
type Event struct {
	Seq       int64     `json:"seq"`
	Type      EventType `json:"type"`
	ThreadID  string    `json:"thread_id"`
	MessageID string    `json:"message_id,omitempty"`
	Status    string    `json:"status,omitempty"`
	// Thread is the changed thread's inbox row (masked and sanitised, its
	// Unread not per user), so a console updates one row in place instead
	// of fetching the inbox again. Nil when the summary could not be read.
	Thread *ThreadSummary `json:"thread,omitempty"`
	// Counts is the number of threads in each state as of Thread, every
	// state (a console leaves out the queues its role cannot open).
	Counts map[ThreadState]int `json:"counts,omitempty"`
}

// AuditEntry is one link of a console's hash chain as it travels to the
// central endpoint. Hash covers every other field (see store/audit).
type AuditEntry struct {
	ConsoleID string            `json:"console_id"`
	Seq       int64             `json:"seq"`
	PrevHash  string            `json:"prev_hash"`
	Hash      string            `json:"hash"`
	At        time.Time         `json:"at"`
	UserID    string            `json:"user_id"`
	Role      Role              `json:"role"`
	Action    string            `json:"action"`
	Object    string            `json:"object,omitempty"` // opaque ids only: "thread:…", "message:…"
	Outcome   string            `json:"outcome"`          // "ok", "refused", "error"
	Detail    map[string]string `json:"detail,omitempty"` // no PHI: rule names, macro ids, keyed hashes
}

// AuditBatch is a run of consecutive entries from one console chain,
// signed by the console's device key: Signature (base64url Ed25519) is
// over store/device's batch message (device id, chain id, first seq,
// count, every entry's hash).
type AuditBatch struct {
	BatchID   string       `json:"batch_id"`
	DeviceID  string       `json:"device_id"`
	Signature string       `json:"signature"`
	Entries   []AuditEntry `json:"entries"`
}

// AuditBatchResult says how far the central endpoint holds the chain.
type AuditBatchResult struct {
	HeadSeq  int64  `json:"head_seq"`
	HeadHash string `json:"head_hash"`
}
