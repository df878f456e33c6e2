package ingest

import (
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/providers"
)

// Routes serves the providers' webhook routes, each with its adapter,
// and stores what they deliver through the Committer.
type Routes struct {
	// Routes are the paths served, each with the adapter that receives
	// it (providers.Routes).
	Routes []providers.Route
	// PublicURL is the endpoint's address as the providers call it;
	// Twilio signs over it, not over the address the server listens on.
	PublicURL string
	// BusinessNumber is the clinic's own number (its Graph id for the
	// Cloud API). Events addressed to another are recorded, not stored;
	// empty accepts every event.
	BusinessNumber string
	Committer      *Committer
	Log            *slog.Logger
}

// Register serves each route with its receiver on mux: POST for
// deliveries, and GET where the provider checks its URL first.
func (rs Routes) Register(mux *http.ServeMux) {
	for _, rt := range rs.Routes {
		mux.HandleFunc("POST "+rt.Path, rs.handleWebhook(rt.Path, rt.Receiver))
		if hs, ok := rt.Receiver.(bsp.Handshaker); ok {
			mux.HandleFunc("GET "+rt.Path, handleHandshake(hs))
		}
	}
}

func handleHandshake(hs bsp.Handshaker) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		challenge, ok := hs.Handshake(r.URL.Query())
		if !ok {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, challenge)
	}
}

// handleWebhook receives one route's deliveries. The body is read within
// the receiver's limit (413 beyond it), the signature checked before
// anything is parsed or stored (401, or 400 for a request whose signature
// cannot even be computed), and 200 answered only after the events, or
// the record of why they cannot be stored, are committed.
func (rs Routes) handleWebhook(route string, rcv bsp.WebhookReceiver) http.HandlerFunc {
	ack := ackWith(rcv.Ack())
	return func(w http.ResponseWriter, r *http.Request) {
		raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rcv.MaxBody()))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				rs.Log.Warn("webhook refused: body too large", "route", route)
				http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "could not read body", http.StatusBadRequest)
			return
		}
		req := &bsp.WebhookRequest{URL: rs.PublicURL + requestTarget(r), Header: r.Header, Body: raw}
		if err := rcv.Verify(req); err != nil {
			if errors.Is(err, bsp.ErrUnreadableRequest) {
				rs.Log.Warn("webhook refused: unreadable request", "route", route)
				http.Error(w, "could not read request", http.StatusBadRequest)
				return
			}
			rs.Log.Warn("webhook refused: bad signature", "route", route, "bytes", len(raw))
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		record := raw
		if rb, ok := rcv.(bsp.RecordBody); ok {
			record = rb.RecordBody(req)
		}
		events, err := rcv.Parse(req)
		if err != nil {
			// Signed, so it came from the provider: acknowledge and record it
			// rather than refuse it into days of retries.
			rs.store(w, r, &Webhook{Route: route, Body: record, ParseErr: err}, ack)
			return
		}
		if len(events) == 0 {
			// Nothing the clinic tracks (a Twilio "queued" callback, a Meta
			// change for another field): nothing a crash could lose.
			ack(w)
			return
		}
		wh := &Webhook{Route: route, Body: record}
		wh.Events, wh.Misrouted = splitMisrouted(events, rs.BusinessNumber)
		wh.Events, wh.Unusable = splitUnusable(wh.Events)
		rs.store(w, r, wh, ack)
	}
}

// store commits wh through the group commit and calls ack only after the
// transaction holding it has committed, so a provider never hears
// "received" for something a crash could still lose. When the webhook
// cannot be stored the answer is 503 and the provider retries; nothing of
// it was stored.
func (rs Routes) store(w http.ResponseWriter, r *http.Request, wh *Webhook, ack func(http.ResponseWriter)) {
	stored, err := rs.Committer.Submit(r.Context(), wh)
	if err != nil {
		if wh.ParseErr != nil {
			rs.Log.Error("malformed webhook not recorded", "route", wh.Route, "err", err.Error())
		} else {
			rs.Log.Error("webhook not stored", "route", wh.Route, "err", err.Error(), "events", len(wh.Events))
		}
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	if stored == nil { // a Store with nothing to say after the commit
		ack(w)
		return
	}
	stored.Committed()
	ack(w)
	stored.Acknowledged()
}

// requestTarget is the request's path and query as the client sent them.
// The provider signed over the public URL it called, so this is appended
// to Routes.PublicURL rather than to the address the server listens on.
func requestTarget(r *http.Request) string {
	if t := r.RequestURI; t != "" && t[0] == '/' {
		return t
	}
	return r.URL.RequestURI()
}

// ackWith is the acknowledgement a receiver asks for: 200 with its
// content type and body.
func ackWith(a bsp.Ack) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if a.ContentType != "" {
			w.Header().Set("Content-Type", a.ContentType)
		}
		w.WriteHeader(http.StatusOK)
		if a.Body != "" {
			io.WriteString(w, a.Body)
		}
	}
}
