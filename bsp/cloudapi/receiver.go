package cloudapi

import (
	"crypto/subtle"
	"net/url"
	"strings"

	"github.com/clinicwa/triage/bsp"
)

// WebhookPath is where Meta and 360dialog deliver webhooks, under the
// clinic's public URL. Both deliver the same envelope, so one clinic
// serves one of them there.
const WebhookPath = "/webhooks/whatsapp"

// Receiver receives Meta Cloud API webhooks: X-Hub-Signature-256 over the
// raw body keyed with the app secret, and the hub.challenge handshake.
type Receiver struct {
	appSecret   []byte
	verifyToken string
}

var (
	_ bsp.WebhookReceiver = (*Receiver)(nil)
	_ bsp.Handshaker      = (*Receiver)(nil)
)

// NewReceiver returns the Cloud API receiver for the Meta app with this
// secret. An empty secret refuses every delivery; an empty verify token
// refuses every handshake.
func NewReceiver(appSecret, verifyToken string) *Receiver {
	return &Receiver{appSecret: []byte(appSecret), verifyToken: verifyToken}
}

// Provider implements bsp.WebhookReceiver.
func (*Receiver) Provider() string { return DialectCloudAPI }

// Routes implements bsp.WebhookReceiver.
func (*Receiver) Routes() []string { return []string{WebhookPath} }

// MaxBody implements bsp.WebhookReceiver: Meta's 3 MB.
func (*Receiver) MaxBody() int64 { return MaxWebhookBody }

// Verify implements bsp.WebhookReceiver.
func (r *Receiver) Verify(req *bsp.WebhookRequest) error {
	return VerifySignature(r.appSecret, req.Body, req.Header.Get(SignatureHeader))
}

// Parse implements bsp.WebhookReceiver.
func (*Receiver) Parse(req *bsp.WebhookRequest) ([]bsp.Event, error) {
	return ParseWebhookFor(DialectCloudAPI, req.Body)
}

// Ack implements bsp.WebhookReceiver: Meta wants 200 and nothing else.
func (*Receiver) Ack() bsp.Ack { return bsp.Ack{} }

// Handshake implements bsp.Handshaker.
func (r *Receiver) Handshake(q url.Values) (string, bool) {
	return VerifyHandshake(q, r.verifyToken)
}

// D360Receiver receives 360dialog webhooks. 360dialog forwards Meta's
// envelope, but the clinic does not hold the Meta app secret that signs
// it, so the webhook is registered through 360dialog's
// /v1/configs/webhook with a custom header, "Authorization: Bearer
// <secret>", and that shared secret is what is checked.
type D360Receiver struct {
	secret []byte
}

var (
	_ bsp.WebhookReceiver = (*D360Receiver)(nil)
	_ bsp.Handshaker      = (*D360Receiver)(nil)
)

// NewD360Receiver returns the 360dialog receiver for the shared secret
// registered with the webhook. An empty secret refuses every delivery.
func NewD360Receiver(secret string) *D360Receiver {
	return &D360Receiver{secret: []byte(secret)}
}

// Provider implements bsp.WebhookReceiver.
func (*D360Receiver) Provider() string { return Dialect360dialog }

// Routes implements bsp.WebhookReceiver.
func (*D360Receiver) Routes() []string { return []string{WebhookPath} }

// MaxBody implements bsp.WebhookReceiver: the Cloud API's 3 MB.
func (*D360Receiver) MaxBody() int64 { return MaxWebhookBody }

// Verify implements bsp.WebhookReceiver. The comparison is constant-time
// in the secret's content.
func (r *D360Receiver) Verify(req *bsp.WebhookRequest) error {
	got, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	if len(r.secret) == 0 || !ok || subtle.ConstantTimeCompare([]byte(got), r.secret) != 1 {
		return bsp.ErrBadSignature
	}
	return nil
}

// Parse implements bsp.WebhookReceiver.
func (*D360Receiver) Parse(req *bsp.WebhookRequest) ([]bsp.Event, error) {
	return ParseWebhookFor(Dialect360dialog, req.Body)
}

// Ack implements bsp.WebhookReceiver.
func (*D360Receiver) Ack() bsp.Ack { return bsp.Ack{} }

// Handshake implements bsp.Handshaker. 360dialog registers the URL
// through its API and sends no handshake, so every one is refused (403)
// on the route Meta's would use.
func (*D360Receiver) Handshake(url.Values) (string, bool) { return "", false }
