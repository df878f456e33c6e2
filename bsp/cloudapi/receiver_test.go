package cloudapi

import (
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

func request(h http.Header, body []byte) *bsp.WebhookRequest {
	if h == nil {
		h = http.Header{}
	}
	return &bsp.WebhookRequest{URL: "https://clinic.example" + WebhookPath, Header: h, Body: body}
}

// The Cloud API receiver checks Meta's header over the raw bytes with the
// app secret it was built with, and nothing else authenticates: not
// 360dialog's bearer header, not a signature under another secret.
func TestReceiverVerify(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "wh_text.json"))
	if err != nil {
		t.Fatal(err)
	}
	rcv := NewReceiver("app-secret", "verify-me")
	hdr := func(k, v string) http.Header { h := http.Header{}; h.Set(k, v); return h }
	cases := []struct {
		name string
		rcv  *Receiver
		h    http.Header
		body []byte
		ok   bool
	}{
		{"signed with the app secret", rcv, hdr(SignatureHeader, Sign([]byte("app-secret"), body)), body, true},
		{"header name in another case", rcv, hdr("x-hub-signature-256", Sign([]byte("app-secret"), body)), body, true},
		{"no header", rcv, nil, body, false},
		{"another secret", rcv, hdr(SignatureHeader, Sign([]byte("other"), body)), body, false},
		{"body changed after signing", rcv, hdr(SignatureHeader, Sign([]byte("app-secret"), body)), append(body, ' '), false},
		{"360dialog's bearer header instead", rcv, hdr("Authorization", "Bearer app-secret"), body, false},
		{"receiver without a secret", NewReceiver("", "verify-me"), hdr(SignatureHeader, Sign(nil, body)), body, false},
	}
	for _, tc := range cases {
		err := tc.rcv.Verify(request(tc.h, tc.body))
		if tc.ok && err != nil {
			t.Errorf("%s: refused: %v", tc.name, err)
		}
		if !tc.ok && !errors.Is(err, bsp.ErrBadSignature) {
			t.Errorf("%s: err = %v, want ErrBadSignature", tc.name, err)
		}
	}
}

// 360dialog's receiver checks the shared secret registered with the
// webhook as a bearer header; Meta's signature means nothing to it,
// because the clinic does not hold the app secret behind it.
func TestD360ReceiverVerify(t *testing.T) {
	body := []byte(`{"object":"whatsapp_business_account","entry":[]}`)
	rcv := NewD360Receiver("shared-secret")
	cases := []struct {
		name  string
		rcv   *D360Receiver
		key   string
		value string
		ok    bool
	}{
		{"the registered header", rcv, "Authorization", "Bearer shared-secret", true},
		{"another secret", rcv, "Authorization", "Bearer shared-secreT", false},
		{"a prefix of the secret", rcv, "Authorization", "Bearer shared", false},
		{"no Bearer scheme", rcv, "Authorization", "shared-secret", false},
		{"Basic scheme", rcv, "Authorization", "Basic shared-secret", false},
		{"no header", rcv, "", "", false},
		{"Meta's signature header", rcv, SignatureHeader, Sign([]byte("shared-secret"), body), false},
		{"receiver without a secret", NewD360Receiver(""), "Authorization", "Bearer ", false},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.key != "" {
			h.Set(tc.key, tc.value)
		}
		err := tc.rcv.Verify(request(h, body))
		if tc.ok && err != nil {
			t.Errorf("%s: refused: %v", tc.name, err)
		}
		if !tc.ok && !errors.Is(err, bsp.ErrBadSignature) {
			t.Errorf("%s: err = %v, want ErrBadSignature", tc.name, err)
		}
	}
}

// Both receivers parse the same envelope and name themselves on every
// event, and a body that is no envelope is a malformed-webhook error the
// server may record (bsp.ErrMalformed), without the body in it.
func TestReceiversParse(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "wh_batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rcv := range []bsp.WebhookReceiver{NewReceiver("s", "v"), NewD360Receiver("s")} {
		ev, err := rcv.Parse(request(nil, body))
		if err != nil || len(ev) == 0 {
			t.Fatalf("%s: %d events, %v", rcv.Provider(), len(ev), err)
		}
		for _, e := range ev {
			if e.Provider != rcv.Provider() {
				t.Errorf("%s: event from %q", rcv.Provider(), e.Provider)
			}
		}
		_, err = rcv.Parse(request(nil, []byte(`{"object":"page","secret":"Zebulon"}`)))
		if !errors.Is(err, bsp.ErrMalformed) || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: not an envelope: err = %v, want ErrMalformed", rcv.Provider(), err)
		}
		if err != nil && (strings.Contains(err.Error(), "Zebulon") || strings.Contains(err.Error(), "page")) {
			t.Errorf("%s: error quotes the body: %v", rcv.Provider(), err)
		}
		if rcv.MaxBody() != MaxWebhookBody || len(rcv.Routes()) != 1 || rcv.Routes()[0] != WebhookPath {
			t.Errorf("%s: max body %d, routes %v", rcv.Provider(), rcv.MaxBody(), rcv.Routes())
		}
		if a := rcv.Ack(); a != (bsp.Ack{}) {
			t.Errorf("%s: ack %+v, want a bare 200", rcv.Provider(), a)
		}
	}
}

// Meta's handshake is answered with the configured verify token only;
// 360dialog sends none, so its receiver refuses every one.
func TestReceiversHandshake(t *testing.T) {
	q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {"verify-me"}, "hub.challenge": {"1158201444"}}
	if c, ok := NewReceiver("s", "verify-me").Handshake(q); !ok || c != "1158201444" {
		t.Errorf("Cloud API handshake = %q, %v", c, ok)
	}
	if _, ok := NewReceiver("s", "other").Handshake(q); ok {
		t.Error("Cloud API handshake accepted another verify token")
	}
	if _, ok := NewD360Receiver("verify-me").Handshake(q); ok {
		t.Error("360dialog receiver answered a handshake")
	}
}
