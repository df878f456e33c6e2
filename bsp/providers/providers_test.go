package providers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/twilio"
)

// Every provider's routes are served whichever provider the clinic sends
// through, and the shared Cloud API route is answered by the adapter the
// clinic sends through (the first listed when it sends through neither).
func TestRoutesPickTheSendingProvidersAdapter(t *testing.T) {
	cases := []struct {
		sending string
		want    map[string]string // path → receiver's provider
	}{
		{cloudapi.DialectCloudAPI, map[string]string{cloudapi.WebhookPath: "cloudapi", twilio.InboundPath: "twilio", twilio.StatusPath: "twilio"}},
		{cloudapi.Dialect360dialog, map[string]string{cloudapi.WebhookPath: "360dialog", twilio.InboundPath: "twilio", twilio.StatusPath: "twilio"}},
		{twilio.ProviderName, map[string]string{cloudapi.WebhookPath: "cloudapi", twilio.InboundPath: "twilio", twilio.StatusPath: "twilio"}},
		{"", map[string]string{cloudapi.WebhookPath: "cloudapi", twilio.InboundPath: "twilio", twilio.StatusPath: "twilio"}},
	}
	for _, tc := range cases {
		rs := Routes(tc.sending, Credentials{AppSecret: "s", VerifyToken: "v", TwilioAuthToken: "t"})
		if err := Check(rs); err != nil {
			t.Fatalf("sending %q: %v", tc.sending, err)
		}
		got := map[string]string{}
		for _, r := range rs {
			got[r.Path] = r.Receiver.Provider()
		}
		if len(got) != len(tc.want) {
			t.Errorf("sending %q: routes %v, want %v", tc.sending, got, tc.want)
		}
		for p, w := range tc.want {
			if got[p] != w {
				t.Errorf("sending %q: %s answered by %q, want %q", tc.sending, p, got[p], w)
			}
		}
	}
}

// Each adapter checks its own secret: a delivery signed for one provider
// does not pass another's receiver, and an adapter given no secret
// accepts nothing, so serving every provider's routes opens no door.
func TestEveryAdapterRefusesWithoutItsSecret(t *testing.T) {
	body := []byte(`{"object":"whatsapp_business_account","entry":[]}`)
	forged := http.Header{}
	forged.Set(cloudapi.SignatureHeader, cloudapi.Sign(nil, body))
	forged.Set("Authorization", "Bearer ")
	forged.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, name := range Names() {
		for _, r := range Routes(name, Credentials{}) {
			u := "https://clinic.example" + r.Path
			h := forged.Clone()
			h.Set(twilio.SignatureHeader, twilio.Sign("", u, url.Values{"MessageSid": {"SM1"}}))
			req := &bsp.WebhookRequest{URL: u, Header: h, Body: []byte("MessageSid=SM1")}
			if r.Path == cloudapi.WebhookPath {
				req.Body = body
			}
			if err := r.Receiver.Verify(req); !errors.Is(err, bsp.ErrBadSignature) {
				t.Errorf("%s at %s without a secret: Verify = %v, want ErrBadSignature", r.Receiver.Provider(), r.Path, err)
			}
		}
	}
}

// A list given in place of Routes (Config.Webhooks) must not answer one
// path twice or name a relative one.
func TestCheckRefusesAmbiguousRoutes(t *testing.T) {
	rcv := cloudapi.NewReceiver("s", "v")
	if err := Check([]Route{{"/a", rcv}, {"/a", twilio.NewReceiver("t")}}); err == nil {
		t.Error("two receivers for one path accepted")
	}
	if err := Check([]Route{{"a", rcv}}); err == nil {
		t.Error("relative path accepted")
	}
}

func TestNamesListEveryAdapter(t *testing.T) {
	if got := strings.Join(Names(), ","); got != "cloudapi,360dialog,twilio" {
		t.Errorf("Names() = %s", got)
	}
}
