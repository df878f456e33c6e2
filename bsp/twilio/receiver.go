package twilio

import (
	"fmt"
	"mime"
	"net/url"

	"github.com/clinicwa/triage/bsp"
)

// ProviderName is the adapter's configuration name and the Provider of
// every event it parses.
const ProviderName = "twilio"

// Twilio webhook routes, under the clinic's public URL. Register
// InboundPath as the sender's "A message comes in" webhook in the Twilio
// console; the status callback URL is passed on every send
// (Config.StatusCallback = public URL + StatusPath), so nothing needs
// registering for it.
const (
	InboundPath = "/webhooks/twilio"
	StatusPath  = "/webhooks/twilio/status"
)

// MaxWebhookBody caps a Twilio webhook body. Twilio's form posts are a few
// kilobytes (a 1,600-character body and some dozen fields).
const MaxWebhookBody = 256 << 10

// twimlEmpty answers an inbound webhook without an automatic reply.
const twimlEmpty = `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`

// Receiver receives Twilio inbound-message webhooks and status callbacks:
// X-Twilio-Signature over the URL Twilio called and every POST parameter,
// keyed with the auth token.
type Receiver struct {
	authToken string
}

var (
	_ bsp.WebhookReceiver = (*Receiver)(nil)
	_ bsp.RecordBody      = (*Receiver)(nil)
)

// NewReceiver returns the receiver for the account with this auth token.
// An empty token refuses every delivery.
func NewReceiver(authToken string) *Receiver { return &Receiver{authToken: authToken} }

// Provider implements bsp.WebhookReceiver.
func (*Receiver) Provider() string { return ProviderName }

// Routes implements bsp.WebhookReceiver.
func (*Receiver) Routes() []string { return []string{InboundPath, StatusPath} }

// MaxBody implements bsp.WebhookReceiver.
func (*Receiver) MaxBody() int64 { return MaxWebhookBody }

// Verify implements bsp.WebhookReceiver. The signature covers req.URL
// exactly as Twilio called it (the public URL, query included, so a status
// callback's idempotency key cannot be swapped) and the body's parameters.
// A body that is not a form cannot be checked and wraps
// bsp.ErrUnreadableRequest.
func (r *Receiver) Verify(req *bsp.WebhookRequest) error {
	body, _, err := decode(req)
	if err != nil {
		return err
	}
	return VerifySignature(r.authToken, req.URL, body, req.Header.Get(SignatureHeader))
}

// Parse implements bsp.WebhookReceiver. It reads the body's parameters
// followed by the URL's (the order net/http gives r.Form), so a status
// callback's idempotency key in the query is seen.
func (*Receiver) Parse(req *bsp.WebhookRequest) ([]bsp.Event, error) {
	_, merged, err := decode(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return ParseWebhook(merged)
}

// Ack implements bsp.WebhookReceiver: Twilio expects TwiML, and an empty
// Response sends the patient no automatic reply.
func (*Receiver) Ack() bsp.Ack { return bsp.Ack{ContentType: "text/xml", Body: twimlEmpty} }

// RecordBody implements bsp.RecordBody: the merged parameters encoded in
// name order, so every retry of one callback has the same digest whatever
// order its fields came in.
func (*Receiver) RecordBody(req *bsp.WebhookRequest) []byte {
	_, merged, err := decode(req)
	if err != nil {
		return req.Body
	}
	return []byte(merged.Encode())
}

// decode reads the request's form: body holds the POST parameters (what
// the signature covers), merged those followed by the URL's query
// parameters. Twilio's messaging webhooks are always form-encoded; any
// other body cannot be checked against a signature.
func decode(req *bsp.WebhookRequest) (body, merged url.Values, err error) {
	if ct := req.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, nil, fmt.Errorf("%w: body is not a form", bsp.ErrUnreadableRequest)
		}
	} else if len(req.Body) > 0 {
		return nil, nil, fmt.Errorf("%w: body is not a form", bsp.ErrUnreadableRequest)
	}
	body, err = url.ParseQuery(string(req.Body))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: form does not decode", bsp.ErrUnreadableRequest)
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: URL does not parse", bsp.ErrUnreadableRequest)
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: query does not decode", bsp.ErrUnreadableRequest)
	}
	merged = make(url.Values, len(body)+len(query))
	for k, v := range body {
		merged[k] = append([]string(nil), v...)
	}
	for k, v := range query {
		merged[k] = append(merged[k], v...)
	}
	return body, merged, nil
}
