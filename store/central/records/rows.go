package records

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

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

// AckRow is one stored acknowledgment (the name stays sealed).
type AckRow struct {
	ID, Version, SHA256 string
	At                  time.Time
}

// AckRecord is one acknowledgment as the evidence pack lists it: who,
// which version, when. The typed name stays sealed in the store.
type AckRecord struct {
	Username string    `json:"username"`
	Role     string    `json:"role"`
	Version  string    `json:"version"`
	SHA256   string    `json:"sha256"`
	At       time.Time `json:"at"`
}

// ConsentStats are counts only: who is opted in now, and the changes in
// the period by where they came from.
type ConsentStats struct {
	Source           string         `json:"source"`
	PatientsOptedIn  int            `json:"patients_opted_in_now"`
	PatientsOptedOut int            `json:"patients_opted_out_now"`
	OptInsInPeriod   map[string]int `json:"opt_ins_in_period_by_source"`
	OptOutsInPeriod  map[string]int `json:"opt_outs_in_period_by_source"`
}

// KeyRecord is one key's dates, or one rotation or rewrap.
type KeyRecord struct {
	Event   string `json:"event"` // "key" or the audit action
	Purpose string `json:"purpose,omitempty"`
	KeyID   uint32 `json:"key_id,omitempty"`
	KEK     string `json:"kek,omitempty"`
	At      string `json:"at"`
	Outcome string `json:"outcome,omitempty"`
}

// DeviceInfo is one registered console device as the admin tools list it.
type DeviceInfo struct {
	ID           string
	RegisteredBy string
	Via          string
	Accounts     []string // usernames bound to it
	Revoked      bool
}

// ErrIncidentConflict is an update made against a version another
// supervisor has changed since.
var ErrIncidentConflict = errors.New("the incident changed since it was loaded; load it again")

// IncidentStep is a remediation step as sealed in steps_sealed.
type IncidentStep struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Done   bool   `json:"done"`
	DoneBy string `json:"done_by,omitempty"` // user id
	DoneAt int64  `json:"done_at,omitempty"`
}

// IncidentRow is the stored incident, unsealed.
type IncidentRow struct {
	ID, Kind, ThreadID, MessageID, OpenedBy string
	DiscoveredAt, OpenedAt, DecidedAt       time.Time
	Description, Reasoning                  string
	Assessment                              api.IncidentAssessment
	Steps                                   []IncidentStep
	Outcome, DecidedBy, State               string
	Version                                 int
}

// ReviewRecord is a completed review.
type ReviewRecord struct {
	ID       string    `json:"id"`
	Reviewer string    `json:"reviewer"`
	Note     string    `json:"note"`
	Accounts int       `json:"accounts"`
	Findings int       `json:"findings"`
	At       time.Time `json:"at"`
	NextDue  time.Time `json:"next_due"`
}

// ReviewCursor is the last entry of a page: its time and its place in
// the log, which together order the trail without ties.
type ReviewCursor struct {
	AtNS, GSeq int64
	Set        bool
}

// patientLabel turns what a reviewer typed ("7k2q", "patient 7K2Q") into
// the label as the console shows it ("Patient 7K2Q").
func patientLabel(v string) string {
	code := strings.TrimSpace(v)
	if len(code) > len("patient ") && strings.EqualFold(code[:len("patient ")], "patient ") {
		code = strings.TrimSpace(code[len("patient "):])
	}
	return "Patient " + strings.ToUpper(code)
}

// SystemSender is the sent_by of messages the central endpoint sends on
// its own: the first-message explanation and consent confirmations.
const SystemSender = "system"

// HandoffAckKey starts the acknowledgment's idempotency key; the
// migration's wait-clock trigger names the same prefix.
const HandoffAckKey = "handoff-ack:"

func (c ReviewCursor) String() string {
	return strconv.FormatInt(c.AtNS, 10) + "." + strconv.FormatInt(c.GSeq, 10)
}

// Empty reports whether d holds nothing worth storing (a plain message).
func (d *MessageDetail) Empty() bool {
	return d.ReplyTo == "" && d.Target == "" && d.Payload == "" && d.PayloadTitle == "" && !d.ReactionRemoved && !d.Forwarded &&
		d.Location == nil && len(d.Contacts) == 0 && !d.ContactsNotFetched && d.Order == nil && d.FlowResponse == "" &&
		d.EditedType == "" && d.SystemType == "" && d.NewNumber == "" && d.Digest == "" && d.Reason == ""
}
