package ingest

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/providers"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/sqlite"
)

// lineReceiver is a provider adapter for the tests: the signature is
// the header X-Sig naming the URL it was sent to, the body one message
// per line as "id from business", and "garbage" a body it cannot parse.
type lineReceiver struct{}

func (lineReceiver) Provider() string { return "lines" }
func (lineReceiver) Routes() []string { return []string{"/webhooks/lines"} }
func (lineReceiver) MaxBody() int64   { return 64 }
func (lineReceiver) Ack() bsp.Ack {
	return bsp.Ack{ContentType: "text/xml", Body: "<Response></Response>"}
}

func (lineReceiver) Verify(req *bsp.WebhookRequest) error {
	switch req.Header.Get("X-Sig") {
	case req.URL:
		return nil
	case "unreadable":
		return fmt.Errorf("%w: no form", bsp.ErrUnreadableRequest)
	}
	return bsp.ErrBadSignature
}

func (lineReceiver) Parse(req *bsp.WebhookRequest) ([]bsp.Event, error) {
	var events []bsp.Event
	for line := range strings.Lines(string(req.Body)) {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("%w: a line of %d fields", bsp.ErrMalformed, len(f))
		}
		for i := range f {
			f[i] = strings.Trim(f[i], "-") // "-" is an empty field
		}
		events = append(events, bsp.Event{Kind: bsp.EventMessage, BusinessNumber: f[2],
			Message: &bsp.InboundMessage{ProviderID: f[0], From: f[1]}})
	}
	return events, nil
}

func (lineReceiver) Handshake(q url.Values) (string, bool) {
	return q.Get("challenge"), q.Get("token") == "right"
}

const publicURL = "https://clinic.example/triage"

// Each route's request is refused unread when it is too large, refused
// unparsed when its signature fails, and otherwise answered with the
// adapter's acknowledgement only once what it carried is committed: its
// messages, or for a body that cannot be parsed, what the Store records
// of it. A webhook that cannot be stored is answered 503.
func TestRoutesAnswerAfterCommit(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), storage.DBFileName), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	createSchema(t, db)
	c, store := newTestCommitter(t, db)
	mux := http.NewServeMux()
	Routes{
		Routes: []providers.Route{{Path: "/webhooks/lines", Receiver: lineReceiver{}}}, PublicURL: publicURL,
		BusinessNumber: "clinic", Committer: c, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	post := func(body, sig string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+"/webhooks/lines?attempt=1", strings.NewReader(body))
		req.Header.Set("X-Sig", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	signed := publicURL + "/webhooks/lines?attempt=1"

	for _, tc := range []struct {
		name, body, sig string
		status          int
	}{
		{"too large", strings.Repeat("x", 65), signed, http.StatusRequestEntityTooLarge},
		{"bad signature", "w.bad pat clinic\n", "forged", http.StatusUnauthorized},
		{"signed over the listening address", "w.bad pat clinic\n", srv.URL + "/webhooks/lines?attempt=1", http.StatusUnauthorized},
		{"unreadable", "w.bad pat clinic\n", "unreadable", http.StatusBadRequest},
	} {
		if resp := post(tc.body, tc.sig); resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}
	if w := store.prepared.Load(); w != nil || stored(t, db, "w.bad") {
		t.Fatalf("a refused request reached the Store: %+v", w)
	}

	resp := post("w.1 pat1 clinic\nw.2 pat2 clinic\n", signed)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/xml" || string(body) != "<Response></Response>" {
		t.Errorf("stored webhook answered %d %q %q, want the adapter's Ack", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if !stored(t, db, "w.1") || !stored(t, db, "w.2") {
		t.Error("acknowledged before its messages were committed")
	}
	if got := store.committed.Load(); got != 1 {
		t.Errorf("Committed ran %d times, want once before the answer", got)
	}

	// Another business's event and a message without a sender are set
	// apart for the Store to record; the clinic's own is stored.
	if resp := post("w.3 pat3 clinic\nw.4 pat4 other\nw.5 - clinic\n", signed); resp.StatusCode != http.StatusOK {
		t.Errorf("mixed webhook: status %d", resp.StatusCode)
	}
	w := store.prepared.Load()
	if ids(w.Events) != "w.3" || ids(w.Misrouted) != "w.4" || ids(w.Unusable) != "w.5" {
		t.Errorf("events %s, misrouted %s, unusable %s; want w.3, w.4, w.5", ids(w.Events), ids(w.Misrouted), ids(w.Unusable))
	}

	// A signed body that cannot be parsed reaches the Store to be
	// recorded, and is then acknowledged.
	if resp := post("garbage\n", signed); resp.StatusCode != http.StatusOK {
		t.Errorf("malformed webhook: status %d, want 200 once recorded", resp.StatusCode)
	}
	if w := store.prepared.Load(); !errors.Is(w.ParseErr, bsp.ErrMalformed) || w.Events != nil || string(w.Body) != "garbage\n" {
		t.Errorf("malformed webhook handed over as %+v", w)
	}

	// A webhook whose storing fails (here the same message twice) is
	// answered 503 so the provider retries it.
	if resp := post("w.6 pat6 clinic\nw.6 pat6 clinic\n", signed); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("failing webhook: status %d, want 503", resp.StatusCode)
	}

	// The provider's check of the URL.
	for token, want := range map[string]int{"right": http.StatusOK, "wrong": http.StatusForbidden} {
		resp, err := http.Get(srv.URL + "/webhooks/lines?challenge=abc&token=" + token)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || (want == http.StatusOK && string(body) != "abc") {
			t.Errorf("handshake with the %s token: %d %q", token, resp.StatusCode, body)
		}
	}
}

func ids(events []bsp.Event) string {
	var out []string
	for _, ev := range events {
		out = append(out, ev.Message.ProviderID)
	}
	return strings.Join(out, ",")
}
