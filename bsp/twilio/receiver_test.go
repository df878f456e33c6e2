package twilio

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

const public = "https://clinic.example"

// formRequest is a delivery of body to url, signed with token over the
// URL and the body's parameters when token is not empty.
func formRequest(t *testing.T, fullURL, body, token string) *bsp.WebhookRequest {
	t.Helper()
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		form, err := url.ParseQuery(body)
		if err != nil {
			t.Fatal(err)
		}
		h.Set(SignatureHeader, Sign(token, fullURL, form))
	}
	return &bsp.WebhookRequest{URL: fullURL, Header: h, Body: []byte(body)}
}

// The receiver checks X-Twilio-Signature over the URL Twilio called
// (query included) and the raw body's parameters, and a request it
// cannot decode is told apart from a bad signature.
func TestReceiverVerify(t *testing.T) {
	rcv := NewReceiver("auth-token")
	const body = "MessageSid=SM1&From=whatsapp%3A%2B447700900123&To=whatsapp%3A%2B14155238886&Body=Hello&SmsStatus=received"
	inbound := public + InboundPath
	status := public + StatusPath + "?idempotency_key=msg_1"
	if err := rcv.Verify(formRequest(t, inbound, body, "auth-token")); err != nil {
		t.Fatalf("signed inbound refused: %v", err)
	}
	if err := rcv.Verify(formRequest(t, status, body, "auth-token")); err != nil {
		t.Fatalf("signed status callback refused: %v", err)
	}
	// Twilio's documented vector, as a raw body posted to its URL.
	doc := formRequest(t, "https://mycompany.com/myapp.php?foo=1&bar=2",
		"CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212", "")
	doc.Header.Set(SignatureHeader, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
	if err := NewReceiver("12345").Verify(doc); err != nil {
		t.Errorf("published vector refused: %v", err)
	}

	swapped := formRequest(t, status, body, "auth-token")
	swapped.URL = public + StatusPath + "?idempotency_key=msg_other"
	internal := formRequest(t, inbound, body, "auth-token")
	internal.URL = "http://127.0.0.1:9400" + InboundPath
	tampered := formRequest(t, inbound, body, "auth-token")
	tampered.Body = []byte(strings.Replace(body, "Hello", "Hellp", 1))
	jsonBody := formRequest(t, inbound, body, "auth-token")
	jsonBody.Header.Set("Content-Type", "application/json")
	undecodable := formRequest(t, inbound, "", "")
	undecodable.Body = []byte("From=%zz")
	badQuery := formRequest(t, inbound, body, "auth-token")
	badQuery.URL = inbound + "?a=%zz"
	bad := []struct {
		name       string
		rcv        *Receiver
		req        *bsp.WebhookRequest
		unreadable bool
	}{
		{"unsigned", rcv, formRequest(t, inbound, body, ""), false},
		{"another token", rcv, formRequest(t, inbound, body, "not-the-token"), false},
		{"idempotency key swapped in the URL", rcv, swapped, false},
		{"signed over the internal address", rcv, internal, false},
		{"body changed after signing", rcv, tampered, false},
		{"receiver without a token", NewReceiver(""), formRequest(t, inbound, body, ""), false},
		{"form that does not decode", rcv, undecodable, true},
		{"JSON body", rcv, jsonBody, true},
		{"query that does not decode", rcv, badQuery, true},
	}
	for _, tc := range bad {
		err := tc.rcv.Verify(tc.req)
		switch {
		case tc.unreadable && !errors.Is(err, bsp.ErrUnreadableRequest):
			t.Errorf("%s: err = %v, want ErrUnreadableRequest", tc.name, err)
		case !tc.unreadable && !errors.Is(err, bsp.ErrBadSignature):
			t.Errorf("%s: err = %v, want ErrBadSignature", tc.name, err)
		}
	}
}

// Parse sees the body's parameters before the URL's, as r.Form does: the
// status callback's idempotency key comes from the query, and a body
// field wins over a query field of the same name.
func TestReceiverParse(t *testing.T) {
	rcv := NewReceiver("auth-token")
	req := formRequest(t, public+StatusPath+"?idempotency_key=msg_1&MessageStatus=sent",
		"MessageSid=SM9&MessageStatus=delivered&From=whatsapp%3A%2B14155238886&To=whatsapp%3A%2B447700900123", "auth-token")
	ev, err := rcv.Parse(req)
	if err != nil || len(ev) != 1 || ev[0].StatusUpdate == nil {
		t.Fatalf("events %+v, err %v", ev, err)
	}
	su := ev[0].StatusUpdate
	if su.IdempotencyKey != "msg_1" || su.Status != bsp.StatusDelivered || ev[0].Provider != ProviderName || ev[0].BusinessNumber != "+14155238886" {
		t.Errorf("status %+v of %+v", su, ev[0])
	}

	_, err = rcv.Parse(formRequest(t, public+InboundPath, "From=whatsapp%3A%2B447700900123&Body=my+DOB+is+03%2F04%2F1961", ""))
	if !errors.Is(err, bsp.ErrMalformed) || !errors.Is(err, ErrMalformed) || strings.Contains(err.Error(), "1961") {
		t.Errorf("no MessageSid: err = %v, want ErrMalformed not quoting the body", err)
	}
	if ev, err := rcv.Parse(formRequest(t, public+StatusPath, "MessageSid=SM9&MessageStatus=queued", "")); err != nil || len(ev) != 0 {
		t.Errorf("queued: %v %v, want nothing to track", ev, err)
	}
	if a := rcv.Ack(); a.ContentType != "text/xml" || !strings.Contains(a.Body, "<Response></Response>") {
		t.Errorf("ack %+v, want empty TwiML", a)
	}
	if rcv.MaxBody() != MaxWebhookBody || strings.Join(rcv.Routes(), " ") != InboundPath+" "+StatusPath {
		t.Errorf("max body %d, routes %v", rcv.MaxBody(), rcv.Routes())
	}
}

// One callback delivered twice with its fields in another order is one
// body for the record: the server's digest of it is the same.
func TestReceiverRecordBodyIgnoresFieldOrder(t *testing.T) {
	rcv := NewReceiver("t")
	a := formRequest(t, public+StatusPath+"?idempotency_key=k", "MessageSid=SM1&MessageStatus=failed&ErrorCode=63016", "")
	b := formRequest(t, public+StatusPath+"?idempotency_key=k", "ErrorCode=63016&MessageStatus=failed&MessageSid=SM1", "")
	c := formRequest(t, public+StatusPath+"?idempotency_key=other", "MessageSid=SM1&MessageStatus=failed&ErrorCode=63016", "")
	if string(rcv.RecordBody(a)) != string(rcv.RecordBody(b)) {
		t.Error("field order changes the recorded body")
	}
	if string(rcv.RecordBody(a)) == string(rcv.RecordBody(c)) {
		t.Error("callbacks for two sends record the same body")
	}
}
