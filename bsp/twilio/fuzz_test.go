package twilio

import (
	"net/url"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

// FuzzParseWebhook feeds hostile form bodies to the parser: no panic, and
// consistent events.
func FuzzParseWebhook(f *testing.F) {
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
	f.Fuzz(func(t *testing.T, body string) {
		form, _ := url.ParseQuery(body) // Go's own parser, as r.ParseForm would use
		ev, err := ParseWebhook(form)
		if err != nil {
			return
		}
		for _, e := range ev {
			switch e.Kind {
			case bsp.EventMessage:
				if e.Message == nil || e.Message.ProviderID == "" || e.Message.Type == "" {
					t.Fatalf("bad message event %+v", e)
				}
			case bsp.EventStatus:
				if e.StatusUpdate == nil || (e.StatusUpdate.Status == bsp.StatusFailed && e.StatusUpdate.Err == nil) {
					t.Fatalf("bad status event %+v", e)
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
