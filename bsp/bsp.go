// Package bsp is the clinic's one view of a WhatsApp Business Solution Provider:
// a Provider interface for sending, a WebhookReceiver interface for checking
// and parsing webhooks, and one normalized Event type that every provider's
// webhooks are parsed into. Adapters live in sub-packages (cloudapi, twilio),
// the list of them in providers; the simulator that speaks their HTTP lives
// in sim.
//
// The package imports only the standard library so that it can be trusted,
// fuzzed and reused by both the central endpoint and the simulator.
package bsp

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// EventKind says what a normalized webhook event carries.
type EventKind string

const (
	// EventMessage is a patient's inbound message of any type.
	EventMessage EventKind = "message"
	// EventStatus is a delivery status change for a message the clinic sent.
	EventStatus EventKind = "status"
	// EventError is a provider-level error that is not tied to one message.
	EventError EventKind = "error"
)

// MessageType is the kind of content of an inbound message. Types the
// clinic does not render (reactions, stickers, locations) are kept as typed
// events rather than dropped, so the console can say that they arrived.
type MessageType string

const (
	MessageText        MessageType = "text"
	MessageButton      MessageType = "button"      // tap on a template quick reply
	MessageInteractive MessageType = "interactive" // reply to an interactive message
	MessageImage       MessageType = "image"
	MessageAudio       MessageType = "audio"
	MessageVideo       MessageType = "video"
	MessageDocument    MessageType = "document"
	MessageSticker     MessageType = "sticker"
	MessageLocation    MessageType = "location"
	MessageContacts    MessageType = "contacts"
	MessageReaction    MessageType = "reaction"
	MessageOrder       MessageType = "order"  // a cart sent from the catalog, with the patient's note
	MessageFlow        MessageType = "flow"   // a completed WhatsApp Flow form (nfm_reply)
	MessageSystem      MessageType = "system" // the patient changed number or identity
	MessageRevoke      MessageType = "revoke" // the patient deleted one of their messages
	MessageEdit        MessageType = "edit"   // the patient edited one of their messages
	MessageUnsupported MessageType = "unsupported"
	// MessageUnreadable is a message the adapter could not decode. It is
	// kept, with its raw bytes for a sealed digest, so one odd field never
	// loses the rest of a delivery and the loss itself is on record.
	MessageUnreadable MessageType = "unreadable"
)

// System message kinds (InboundMessage.SystemType).
const (
	SystemNumberChanged   = "user_changed_number"
	SystemIdentityChanged = "customer_identity_changed"
)

// IsMedia reports whether the message carries an attachment. Media is never
// fetched into a chat view: photos of wounds or lab sheets are PHI.
func (t MessageType) IsMedia() bool {
	switch t {
	case MessageImage, MessageAudio, MessageVideo, MessageDocument, MessageSticker:
		return true
	}
	return false
}

// Status is the delivery state of an outbound message.
type Status string

const (
	StatusQueued    Status = "queued" // accepted by the clinic, not yet by the provider
	StatusSent      Status = "sent"
	StatusDelivered Status = "delivered"
	StatusRead      Status = "read"
	StatusFailed    Status = "failed"
)

// Rank orders statuses so that a late "delivered" after "read" never
// regresses a message's state. Failed outranks everything.
func (s Status) Rank() int {
	switch s {
	case StatusQueued:
		return 0
	case StatusSent:
		return 1
	case StatusDelivered:
		return 2
	case StatusRead:
		return 3
	case StatusFailed:
		return 4
	}
	return -1
}

// Event is one normalized webhook event. Exactly one of Message or
// StatusUpdate is set, according to Kind (EventError uses Err only).
type Event struct {
	Kind     EventKind
	Provider string // "cloudapi", "360dialog", "twilio"
	// BusinessNumber names the clinic number the event was addressed to:
	// the Cloud API's metadata.phone_number_id, or Twilio's own WhatsApp
	// number in E.164. The receiver refuses events for any other number.
	BusinessNumber string

	Message      *InboundMessage
	StatusUpdate *StatusUpdate
	Err          *ProviderError
}

// InboundMessage is a patient's message as the clinic stores it.
type InboundMessage struct {
	ProviderID  string // wamid or Twilio MessageSid: the deduplication key
	From        string // E.164 ("+15551230001"); empty when the provider omitted it
	FromUserID  string // business-scoped user id, when the provider sends one
	ProfileName string // the patient's WhatsApp profile name (PHI)
	Type        MessageType
	Text        string // body, caption, button title or reply title
	Payload     string // button payload or interactive reply id
	ReplyTo     string // provider id of the clinic message this replies to
	MediaMIME   string // for media messages; the media itself is never fetched
	Timestamp   time.Time
	// RawType is the provider's own name for the message type, kept so that
	// an unsupported or newly introduced type can still be named on screen.
	RawType string

	// PayloadTitle is the title of the button or list row a patient
	// picked (Text carries it too); kept apart so the console can show
	// which choice was made even when Text is the patient's own words.
	PayloadTitle string
	// TargetID is the provider id of the message a reaction, edit or
	// revoke acts on.
	TargetID string
	// ReactionRemoved is set on a reaction with an empty emoji: the
	// patient took their reaction back.
	ReactionRemoved bool
	// Forwarded is set when WhatsApp marked the message as forwarded.
	Forwarded bool

	Location *Location
	Contacts []Contact
	// ContactsNotFetched is set when a contact card was only linked (a
	// Twilio vCard media URL): it is never fetched, so its content is unknown.
	ContactsNotFetched bool
	Order              *Order
	// FlowResponse is a completed Flow's answers as the provider sent
	// them (JSON): the patient's form entries, PHI.
	FlowResponse string
	// EditedType is the type of the new content of an edit.
	EditedType MessageType
	// SystemType is the provider's kind of system message (SystemNumberChanged…);
	// NewNumber is the patient's new E.164 number for a number change.
	SystemType string
	NewNumber  string
	NewUserID  string

	// Raw holds an unreadable message's bytes as received (at most
	// MaxUnreadableRaw), so the store can keep a keyed digest of them;
	// Reason says why it could not be read, without quoting it.
	Raw    []byte
	Reason string
}

// MaxUnreadableRaw caps the bytes an unreadable message keeps for its digest.
const MaxUnreadableRaw = 64 << 10

// Location is a shared location. Every field is PHI: a patient's
// location is where they live or are.
type Location struct {
	Latitude, Longitude string // as sent, so nothing is lost to rounding
	Name, Address       string
	URL                 string
}

// Contact is one shared contact card.
type Contact struct {
	Name   string
	Phones []string
	Emails []string
}

// Order is a cart the patient sent from the clinic's catalog.
type Order struct {
	CatalogID string
	Items     []OrderItem
}

// OrderItem is one line of an Order. Numbers are kept as sent.
type OrderItem struct {
	ProductID string
	Quantity  string
	Price     string
	Currency  string
}

// StatusUpdate is a delivery status change for a message the clinic sent.
type StatusUpdate struct {
	ProviderID string
	Recipient  string // E.164 when known
	Status     Status
	Timestamp  time.Time
	Err        *ProviderError // set for StatusFailed
	// IdempotencyKey is the SendRequest.IdempotencyKey echoed back by the
	// provider (Cloud API biz_opaque_callback_data, a Twilio status-callback
	// query parameter), so a status can be matched to its send even when the
	// clinic crashed before it stored the provider id.
	IdempotencyKey string
}

// SendKind is the kind of an outbound message.
type SendKind string

const (
	SendText        SendKind = "text"
	SendTemplate    SendKind = "template"
	SendInteractive SendKind = "interactive"
)

// TemplateParam is one template body parameter. Name is empty for
// positional ({{1}}) parameters.
type TemplateParam struct {
	Name  string
	Value string
}

// Button is an interactive reply button (at most three per message).
type Button struct {
	ID    string
	Title string
}

// SendRequest is one outbound message. IdempotencyKey is stable across
// retries of the same logical send, so a retry never sends twice.
type SendRequest struct {
	IdempotencyKey string
	To             string // E.164
	Kind           SendKind
	Text           string // text body, or interactive body
	PreviewURL     bool

	TemplateName     string
	TemplateLanguage string
	TemplateParams   []TemplateParam
	TemplateSID      string // Twilio Content SID

	Buttons []Button
	ReplyTo string // provider id to reply in-thread to
}

// SendResult is what the provider answered for an accepted send.
type SendResult struct {
	ProviderID string
	Status     Status
}

// Provider sends messages through one BSP. Its webhooks come in through the
// same adapter's WebhookReceiver.
type Provider interface {
	// Name is the provider's configuration name.
	Name() string
	// Send delivers one message. A *ProviderError tells whether to retry.
	Send(ctx context.Context, req SendRequest) (SendResult, error)
	// MarkRead tells the provider the clinic read a patient's message.
	MarkRead(ctx context.Context, providerID string) error
}

// ErrorClass groups provider errors by what the clinic should do about them.
type ErrorClass string

const (
	ClassRetry         ErrorClass = "retry"          // 5xx, timeouts: try again with backoff
	ClassThrottled     ErrorClass = "throttled"      // throughput limits: retry later
	ClassPairRate      ErrorClass = "pair_rate"      // too many to this recipient: retry this one later
	ClassAuth          ErrorClass = "auth"           // token expired or invalid: operator must act
	ClassOutsideWindow ErrorClass = "outside_window" // 24-hour window closed: send a template
	ClassUndeliverable ErrorClass = "undeliverable"  // not on WhatsApp, invalid number
	ClassTemplate      ErrorClass = "template"       // template missing, paused, wrong params
	ClassInvalid       ErrorClass = "invalid"        // malformed request
	ClassPermanent     ErrorClass = "permanent"      // anything else not worth retrying
)

// ProviderError is a provider's error, typed. Message and Details come
// from the provider and must pass the console's sanitising boundary
// before they are rendered.
type ProviderError struct {
	Class      ErrorClass
	HTTPStatus int
	Code       int // provider code: Meta's error code, Twilio's error code
	Title      string
	Details    string
	RetryAfter time.Duration
}

func (e *ProviderError) Error() string {
	return fmt.Sprintf("provider error %d (%s): %s", e.Code, e.Class, e.Title)
}

// Retryable reports whether the same send may succeed later.
func (e *ProviderError) Retryable() bool {
	switch e.Class {
	case ClassRetry, ClassThrottled, ClassPairRate:
		return true
	}
	return false
}

// PlainReason is the sentence shown on a thread when a send fails for good.
func (e *ProviderError) PlainReason() string {
	switch e.Class {
	case ClassOutsideWindow:
		return "More than 24 hours since the patient last wrote: only an approved template can reach them now."
	case ClassUndeliverable:
		return "WhatsApp could not deliver this message (the number may not use WhatsApp)."
	case ClassTemplate:
		return "The template was refused by WhatsApp (missing, paused or wrong parameters)."
	case ClassAuth:
		return "The clinic's WhatsApp credentials were refused; an administrator must renew them."
	case ClassThrottled, ClassPairRate:
		return "WhatsApp is limiting how fast messages go out; this one will be retried."
	case ClassRetry:
		return "WhatsApp is not answering right now; this message will be retried."
	case ClassInvalid:
		return "WhatsApp rejected the message as malformed."
	}
	return "WhatsApp refused this message."
}

// TransportError is the error for a send whose HTTP round trip failed
// (refused, reset, DNS, timeout, cancelled): the provider may or may not
// have the message, and the idempotency key and status webhooks sort that
// out, so the send is retried.
func TransportError(err error) *ProviderError {
	var te interface{ Timeout() bool }
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &te) && te.Timeout()) {
		return &ProviderError{Class: ClassRetry, Title: "provider timed out"}
	}
	return &ProviderError{Class: ClassRetry, Title: "provider unreachable"}
}

// AsProviderError unwraps err into a *ProviderError if it is one.
func AsProviderError(err error) (*ProviderError, bool) {
	var pe *ProviderError
	ok := errors.As(err, &pe)
	return pe, ok
}

// ErrBadSignature is returned by webhook verification when the signature
// is missing or does not match the raw body.
var ErrBadSignature = errors.New("webhook signature missing or invalid")
