package providers

import (
	"errors"
	"testing"

	"github.com/clinicwa/triage/bsp/twilio"
)

func settingsOf(m map[string]string) Setting { return func(n string) string { return m[n] } }

// Every listed provider can build its sender, and names the first setting
// it lacks, so the operator is told what to set rather than meeting a
// refusal at the first send.
func TestSenderForEveryProvider(t *testing.T) {
	full := map[string]string{
		"whatsapp-app-secret": "s", "whatsapp-verify-token": "v", "whatsapp-token": "t",
		"whatsapp-phone-number-id": "123", "whatsapp-api-base": "http://127.0.0.1:1",
		"twilio-account-sid": "AC1", "twilio-auth-token": "tok", "twilio-from": "whatsapp:+15550001111",
		"public-url": "https://clinic.example",
	}
	for _, name := range Names() {
		p, err := Sender(name, settingsOf(full))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Name() != name {
			t.Errorf("Sender(%q) built %q", name, p.Name())
		}
		for _, need := range senders[name].needs {
			partial := map[string]string{}
			for k, v := range full {
				partial[k] = v
			}
			partial[need] = "  "
			var miss *MissingSettingError
			if _, err := Sender(name, settingsOf(partial)); !errors.As(err, &miss) || miss.Setting != need {
				t.Errorf("%s without %s: %v", name, need, err)
			}
		}
	}
	if len(senders) != len(Names()) {
		t.Errorf("%d senders for %d adapters", len(senders), len(Names()))
	}
}

func TestSenderRefusesUnknownProviderAndBadPublicURL(t *testing.T) {
	if _, err := Sender("carrier-pigeon", settingsOf(nil)); !errors.Is(err, ErrUnknownProvider) {
		t.Fatalf("unknown provider: %v", err)
	}
	bad := map[string]string{"twilio-account-sid": "AC1", "twilio-auth-token": "tok", "twilio-from": "x", "public-url": "clinic.example/hook?x=1"}
	var inv *InvalidSettingError
	if _, err := Sender(twilio.ProviderName, settingsOf(bad)); !errors.As(err, &inv) || inv.Setting != "public-url" {
		t.Fatalf("bad public URL: %v", err)
	}
}
