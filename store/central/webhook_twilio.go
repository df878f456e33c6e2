package central

import (
	"errors"
	"io"
	"net/http"

	"github.com/clinicwa/triage/bsp/twilio"
)

// Twilio webhook routes. Register PublicURL + TwilioInboundPath as the
// sender's "A message comes in" webhook in the Twilio console; the status
// callback URL is passed on every send (twilio.Config.StatusCallback =
// PublicURL + TwilioStatusPath), so nothing needs registering for it.
const (
	TwilioInboundPath = "/webhooks/twilio"
	TwilioStatusPath  = "/webhooks/twilio/status"
)

// MaxTwilioWebhookBytes caps a Twilio webhook body. Twilio's form posts
// are a few kilobytes (a 1,600-character body and some dozen fields).
const MaxTwilioWebhookBytes = 256 << 10

// twimlEmpty answers an inbound webhook without an automatic reply.
const twimlEmpty = `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`

func ackTwiML(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, twimlEmpty)
}

// handleTwilioWebhook receives Twilio inbound messages and status
// callbacks. The signature covers the URL exactly as Twilio called it,
// which behind a proxy is the public one, so it is rebuilt from
// Config.PublicURL and the request's own path and query. Nothing is
// stored unless it verifies, and 200 is answered only after the commit.
func (s *Server) handleTwilioWebhook(w http.ResponseWriter, r *http.Request) {
	route := r.URL.Path
	r.Body = http.MaxBytesReader(w, r.Body, MaxTwilioWebhookBytes)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.log.Warn("webhook refused: body too large", "route", route)
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		// An undecodable form cannot be checked against its signature.
		s.log.Warn("webhook refused: unreadable form", "route", route)
		http.Error(w, "could not read form", http.StatusBadRequest)
		return
	}
	target := r.RequestURI
	if target == "" || target[0] != '/' {
		target = r.URL.RequestURI()
	}
	if err := twilio.VerifySignature(s.cfg.TwilioAuthToken, s.cfg.PublicURL+target, r.PostForm, r.Header.Get(twilio.SignatureHeader)); err != nil {
		s.log.Warn("webhook refused: bad signature", "route", route)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	// Encode sorts by name, so every retry of one callback gets the same
	// recorded digest if it has to be recorded as malformed.
	raw := []byte(r.Form.Encode())
	events, err := twilio.ParseWebhook(r.Form)
	if err != nil {
		s.acceptMalformed(w, r, route, raw, err, ackTwiML)
		return
	}
	if len(events) == 0 {
		// queued, accepted, sending: states the clinic does not track.
		ackTwiML(w)
		return
	}
	s.commitWebhook(w, r, route, raw, events, ackTwiML)
}
