package central

import (
	"bytes"
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/twilio"
	"github.com/clinicwa/triage/store/seal"
)

const fuzzPublicURL = "https://clinic.example"

// FuzzWebhookHandler drives hostile bodies through the whole webhook
// path of the server (size cap, signature, parse, store) on both the Cloud
// API and the Twilio routes. Whatever the body, the handler must not
// panic; without a valid signature it must refuse and store nothing, not
// even a malformed-webhook record; with one it must answer 200 (stored or
// recorded), never a 4xx that a provider would retry for days.
//
//	go test ./store/central -run '^$' -fuzz FuzzWebhookHandler -fuzztime 30s
func FuzzWebhookHandler(f *testing.F) {
	f.Add([]byte(inboundJSON("wamid.f1", "447700900123", "Zebulon Quixote", "Is parking free?")), uint8(2), uint8(0))
	f.Add([]byte(statusJSON("wamid.f1", "delivered", "447700900123")), uint8(2), uint8(0))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{}]}}]}]}`), uint8(2), uint8(0))
	f.Add([]byte(`not json`), uint8(1), uint8(0))
	f.Add([]byte(twilioInboundForm("SM0123456789abcdef0123456789abcdef", "Hello").Encode()), uint8(2), uint8(1))
	f.Add([]byte("MessageSid=SMx&MessageStatus=failed&ErrorCode=63016"), uint8(2), uint8(2))
	f.Add([]byte("From=%zz&Body=%"), uint8(2), uint8(1))

	s, err := New(context.Background(), Config{
		DataDir: f.TempDir(), Keys: fuzzKeys(f), Provider: &fakeProvider{}, PublicURL: fuzzPublicURL,
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken, TwilioAuthToken: testTwilioToken,
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Shutdown(context.Background()) })
	h := s.Handler()
	counts := func() (n int) {
		s.db.QueryRow(`SELECT (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM audit WHERE action = ?)`, ActionWebhookMalformed).Scan(&n)
		return n
	}

	f.Fuzz(func(t *testing.T, body []byte, sig, route uint8) {
		path := []string{"/webhooks/whatsapp", TwilioInboundPath, TwilioStatusPath + "?idempotency_key=msg_f"}[int(route)%3]
		req := httptest.NewRequest("POST", path, bytes.NewReader(body))
		signed := sig%3 == 2
		if path == "/webhooks/whatsapp" {
			req.Header.Set("Content-Type", "application/json")
			switch sig % 3 {
			case 1:
				req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte("not-the-secret"), body))
			case 2:
				req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(testAppSecret), body))
			}
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			form, err := url.ParseQuery(string(body))
			if err != nil {
				signed = false // no form to sign: the handler must refuse it
			}
			switch sig % 3 {
			case 1:
				req.Header.Set(twilio.SignatureHeader, twilio.Sign("not-the-token", fuzzPublicURL+path, form))
			case 2:
				req.Header.Set(twilio.SignatureHeader, twilio.Sign(testTwilioToken, fuzzPublicURL+path, form))
			}
		}
		before := counts()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		code := rec.Code
		switch {
		case !signed:
			if code == http.StatusOK {
				t.Fatalf("unsigned or wrongly signed body accepted on %s", path)
			}
			if after := counts(); after != before {
				t.Fatalf("stored %d rows without a valid signature on %s", after-before, path)
			}
		case len(body) > MaxTwilioWebhookBytes && path != "/webhooks/whatsapp":
			if code != http.StatusRequestEntityTooLarge {
				t.Fatalf("oversize form: %d", code)
			}
		default:
			if code != http.StatusOK {
				t.Fatalf("signed body on %s answered %d, want 200", path, code)
			}
		}
	})
}

func fuzzKeys(f *testing.F) *seal.Keys {
	dk, ik := make([]byte, 32), make([]byte, 32)
	rand.Read(dk)
	rand.Read(ik)
	k, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		f.Fatal(err)
	}
	return k
}
