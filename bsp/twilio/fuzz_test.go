package twilio

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

// FuzzReceiver feeds hostile form bodies through the receiver the way the
// server calls it, to a status-callback URL carrying an idempotency key:
// a body that is not a form must be refused as unreadable; one that is
// must verify under its own signature and not under another token; and
// Parse must never panic and must return consistent events (the key from
// the body when it has one, else from the URL), or an error wrapping
// bsp.ErrMalformed and no events.
//
//	go test ./bsp/twilio -run '^$' -fuzz FuzzReceiver -fuzztime 30s
func FuzzReceiver(f *testing.F) {
	for _, s := range []string{
		"SmsMessageSid=SM11&NumMedia=0&ProfileName=Mar%C3%ADa&MessageType=text&SmsStatus=received&Body=hi&MessageSid=SM11&From=whatsapp%3A%2B5215512345678",
		"ProfileName=teknisee&MessageType=interactive&SmsStatus=received&ButtonText=Konfirmasi&ButtonPayload=x&MessageSid=SM8824&OriginalRepliedMessageSid=MM5cc4&From=whatsapp:%2B6285176810035",
		"MessageSid=MM13&SmsStatus=received&NumMedia=99999999999&MediaContentType0=image%2Fwebp&From=whatsapp%3A%2B16505551234",
		"MessageSid=SM2&MessageStatus=undelivered&ErrorCode=63016&To=whatsapp%3A%2B16505551234&idempotency_key=k",
		"MessageSid=SM3&MessageStatus=read&To=whatsapp%3A",
		"MessageSid=SM4&SmsStatus=received&WaId=12&Latitude=x",
	} {
		f.Add(s)
	}
	const token, fullURL = "fuzz-auth-token", "https://clinic.example" + StatusPath + "?idempotency_key=from-url"
	rcv := NewReceiver(token)
	f.Fuzz(func(t *testing.T, body string) {
		h := http.Header{}
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		req := &bsp.WebhookRequest{URL: fullURL, Header: h, Body: []byte(body)}
		form, perr := url.ParseQuery(body) // what the signature covers
		if perr != nil {
			h.Set(SignatureHeader, Sign(token, fullURL, form))
			if err := rcv.Verify(req); !errors.Is(err, bsp.ErrUnreadableRequest) {
				t.Fatalf("undecodable form: Verify = %v, want ErrUnreadableRequest", err)
			}
			return
		}
		h.Set(SignatureHeader, Sign(token+"x", fullURL, form))
		if err := rcv.Verify(req); !errors.Is(err, bsp.ErrBadSignature) {
			t.Fatalf("another token: Verify = %v", err)
		}
		h.Set(SignatureHeader, Sign(token, fullURL, form))
		if err := rcv.Verify(req); err != nil {
			t.Fatalf("own signature refused: %v", err)
		}
		if string(rcv.RecordBody(req)) != string(rcv.RecordBody(req)) {
			t.Fatal("recorded body is not stable")
		}
		ev, err := rcv.Parse(req)
		if err != nil {
			if ev != nil || !errors.Is(err, bsp.ErrMalformed) {
				t.Fatalf("events %v with error %v", ev, err)
			}
			return
		}
		wantKey := "from-url"
		if v, ok := form[IdempotencyParam]; ok {
			wantKey = v[0]
		}
		for _, e := range ev {
			if e.Provider != ProviderName {
				t.Fatalf("event from %q", e.Provider)
			}
			switch e.Kind {
			case bsp.EventMessage:
				if e.Message == nil || e.Message.ProviderID == "" || e.Message.Type == "" {
					t.Fatalf("bad message event %+v", e)
				}
			case bsp.EventStatus:
				if e.StatusUpdate == nil || (e.StatusUpdate.Status == bsp.StatusFailed && e.StatusUpdate.Err == nil) {
					t.Fatalf("bad status event %+v", e)
				}
				if e.StatusUpdate.IdempotencyKey != wantKey {
					t.Fatalf("idempotency key %q, want %q", e.StatusUpdate.IdempotencyKey, wantKey)
				}
			default:
				t.Fatalf("unexpected kind %q", e.Kind)
			}
		}
	})
}

// FuzzSignature checks that what Sign produces, VerifySignature accepts,
// and that changing any value breaks it.
func FuzzSignature(f *testing.F) {
	f.Add("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", "CallSid=CA1&Digits=1234")
	f.Fuzz(func(t *testing.T, token, u, body string) {
		if token == "" {
			return
		}
		form, _ := url.ParseQuery(body)
		sig := Sign(token, u, form)
		if err := VerifySignature(token, u, form, sig); err != nil {
			t.Fatalf("own signature rejected for %q", u)
		}
		if VerifySignature(token+"x", u, form, sig) == nil {
			t.Fatal("signature accepted under another token")
		}
	})
}
