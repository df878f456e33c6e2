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

// LoginRequest starts a session. ConsoleID names the console install, so
// the audit trail says where an action came from.
type LoginRequest struct {
	Username  string `json:"username"`
	Password  string `json:"password"`
	TOTP      string `json:"totp,omitempty"`
	ConsoleID string `json:"console_id"`
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
}

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
}

// EventType names a live event.
type EventType string

const (
	EventMessageNew    EventType = "message.new"
	EventMessageStatus EventType = "message.status"
	EventThreadUpdated EventType = "thread.updated"
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

// AuditBatch is a run of consecutive entries from one console chain.
type AuditBatch struct {
	BatchID string       `json:"batch_id"`
	Entries []AuditEntry `json:"entries"`
}

// AuditBatchResult says how far the central endpoint holds the chain.
type AuditBatchResult struct {
	HeadSeq  int64  `json:"head_seq"`
	HeadHash string `json:"head_hash"`
}
