package bsp

import (
	"errors"
	"net/http"
	"net/url"
)

// WebhookRequest is one webhook delivery as the receiving server read it,
// before anything of it is trusted.
type WebhookRequest struct {
	// URL is the address the provider called, as the provider knows it:
	// the clinic's public URL followed by the request's path and query.
	// Behind a proxy it is not the address the server listens on, and
	// Twilio signs over it.
	URL string
	// Header holds the request's headers (the signature among them).
	Header http.Header
	// Body is the raw body exactly as received, at most the receiver's
	// MaxBody bytes. Signatures are checked over these bytes, never over
	// a re-encoding of what was parsed from them.
	Body []byte
}

// Ack is the success answer a provider expects for a delivery it made:
// 200 with this content type and body (none when empty).
type Ack struct {
	ContentType string
	Body        string
}

// WebhookReceiver checks and parses one provider's webhooks. It is the
// one interface the central endpoint calls: the endpoint reads the body
// within MaxBody, calls Verify and stores nothing when it fails, calls
// Parse, stores the events and only then answers Ack. Everything that
// differs between providers (where they sign, what they sign, how they
// encode a message) stays behind it.
type WebhookReceiver interface {
	// Provider names the adapter ("cloudapi", "360dialog", "twilio"),
	// as the Event.Provider of what it parses.
	Provider() string
	// Routes are the paths, under the clinic's public URL, the provider
	// POSTs to.
	Routes() []string
	// MaxBody is the largest body the provider sends; a larger one is
	// refused unread.
	MaxBody() int64
	// Verify checks the request's signature over the raw body (and the
	// URL, where the provider signs it), in constant time. It returns
	// ErrBadSignature when the signature is missing or wrong, including
	// when the receiver holds no secret, and an error wrapping
	// ErrUnreadableRequest when the request cannot even be checked.
	Verify(req *WebhookRequest) error
	// Parse turns a verified request into provider-neutral events: every
	// inbound message (a type the adapter does not know is kept as
	// MessageUnsupported, a part it cannot decode as MessageUnreadable),
	// every status and every provider-level error. An error means the
	// request as a whole cannot be read; it wraps ErrMalformed and never
	// quotes the body. No events and no error is a delivery with nothing
	// the clinic tracks.
	Parse(req *WebhookRequest) ([]Event, error)
	// Ack is the answer the provider expects once the events are stored.
	Ack() Ack
}

// Handshaker is a WebhookReceiver whose provider checks its URL with a GET
// before delivering to it (Meta's hub.challenge). ok false means refuse
// (403); otherwise the challenge is the plain-text answer.
type Handshaker interface {
	Handshake(query url.Values) (challenge string, ok bool)
}

// RecordBody is a WebhookReceiver whose raw body is not a stable identity
// for a delivery, such as a form whose fields may come in any order.
// When a delivery cannot be stored, the server records a keyed digest of
// RecordBody instead of the raw body, so every retry of one delivery gets
// the same digest. It is called only after Verify succeeded.
type RecordBody interface {
	RecordBody(req *WebhookRequest) []byte
}

var (
	// ErrMalformed is wrapped by every Parse error caused by the request
	// itself. Such errors never quote the body, so the server may record
	// their text.
	ErrMalformed = errors.New("malformed webhook")
	// ErrUnreadableRequest is wrapped by Verify errors for a request whose
	// signature cannot even be computed (a form body that does not
	// decode): the server answers 400 rather than 401.
	ErrUnreadableRequest = errors.New("webhook request cannot be read")
)
