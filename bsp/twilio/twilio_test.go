package twilio

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.form")

func TestSignaturePublishedVector(t *testing.T) {
	// Twilio's documented example.
	form := url.Values{
		"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"},
	}
	const u = "https://mycompany.com/myapp.php?foo=1&bar=2"
	const want = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
	if got := Sign("12345", u, form); got != want {
		t.Fatalf("Sign = %s; want %s", got, want)
	}
	if err := VerifySignature("12345", u, form, want); err != nil {
		t.Errorf("published vector rejected: %v", err)
	}
	// Twilio may have signed with the default port spelled out, or not.
	if err := VerifySignature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", form, want); err != nil {
		t.Errorf("port-443 variant rejected: %v", err)
	}
	withPort := Sign("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", form)
	if err := VerifySignature("12345", u, form, withPort); err != nil {
		t.Errorf("signature over the :443 URL rejected: %v", err)
	}

	bad := map[string]struct {
		token, url string
		form       url.Values
		header     string
	}{
		"wrong token":      {"54321", u, form, want},
		"proxy's http URL": {"12345", "http://mycompany.com/myapp.php?foo=1&bar=2", form, want},
		"query dropped":    {"12345", "https://mycompany.com/myapp.php", form, want},
		"param tampered":   {"12345", u, with(form, "Digits", "9999"), want},
		"param added":      {"12345", u, with(form, "Extra", "1"), want},
		"missing header":   {"12345", u, form, ""},
		"empty token":      {"", u, form, Sign("", u, form)},
		"other port 8443":  {"12345", "https://mycompany.com:8443/myapp.php?foo=1&bar=2", form, want},
	}
	for name, tt := range bad {
		if err := VerifySignature(tt.token, tt.url, tt.form, tt.header); !errors.Is(err, bsp.ErrBadSignature) {
			t.Errorf("%s: err = %v; want ErrBadSignature", name, err)
		}
	}
}

func with(f url.Values, k, v string) url.Values {
	out := url.Values{}
	for kk, vv := range f {
		out[kk] = append([]string(nil), vv...)
	}
	out.Set(k, v)
	return out
}

func TestSignatureRepeatedKeys(t *testing.T) {
	// Several MediaUrl values: order on the wire must not matter.
	a := url.Values{"MediaUrl": {"https://a.example/2", "https://a.example/1"}, "Body": {"x"}}
	b := url.Values{"Body": {"x"}, "MediaUrl": {"https://a.example/1", "https://a.example/2"}}
	if Sign("t", "https://h/p", a) != Sign("t", "https://h/p", b) {
		t.Error("signature depends on the order of repeated values")
	}
}

type capture struct {
	path, user, pass, ctype string
	body                    []byte
}

func fakeTwilio(t *testing.T, status int, resp string) (*httptest.Server, *[]capture) {
	var got []capture
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		u, p, _ := r.BasicAuth()
		got = append(got, capture{r.URL.Path, u, p, r.Header.Get("Content-Type"), b})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, resp)
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

const created = `{"account_sid":"AC123","api_version":"2010-04-01","body":"Hello","direction":"outbound-api","error_code":null,"error_message":null,"from":"whatsapp:+14155238886","num_media":"0","num_segments":"1","sid":"SMcd04f021bd7ee79d1d8b0a12a822d0d0","status":"queued","to":"whatsapp:+16505551234"}`

func TestSendGoldenForms(t *testing.T) {
	tests := []struct {
		name string
		req  bsp.SendRequest
	}{
		{"text", bsp.SendRequest{IdempotencyKey: "send-0001", To: "+1 650 555 1234", Kind: bsp.SendText, Text: "Your results are ready & waiting."}},
		{"template_positional", bsp.SendRequest{IdempotencyKey: "send-0002", To: "+16505551234", Kind: bsp.SendTemplate,
			TemplateSID: "HXb5b62575e6e4ff6129ad7c8efe1f983e", TemplateParams: []bsp.TemplateParam{{Value: "Jessica"}, {Value: "Tuesday 10:00"}}}},
		{"template_named", bsp.SendRequest{IdempotencyKey: "send-0003", To: "+16505551234", Kind: bsp.SendTemplate,
			TemplateSID: "HXb5b62575e6e4ff6129ad7c8efe1f983e", TemplateParams: []bsp.TemplateParam{{Name: "first_name", Value: "José"}}}},
		{"interactive_quick_reply", bsp.SendRequest{IdempotencyKey: "send-0004", To: "+16505551234", Kind: bsp.SendInteractive,
			Text: "How is the pain?", TemplateSID: "HX0000000000000000000000000000quick"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, got := fakeTwilio(t, 201, created)
			c := New(Config{BaseURL: srv.URL, AccountSID: "AC123", AuthToken: "tok", From: "+14155238886",
				StatusCallback: "https://clinic.example/hooks/twilio/status"})
			res, err := c.Send(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.ProviderID != "SMcd04f021bd7ee79d1d8b0a12a822d0d0" || res.Status != bsp.StatusSent {
				t.Errorf("result = %+v", res)
			}
			r := (*got)[0]
			if r.path != "/2010-04-01/Accounts/AC123/Messages.json" || r.user != "AC123" || r.pass != "tok" ||
				r.ctype != "application/x-www-form-urlencoded" {
				t.Errorf("request = %+v", r)
			}
			path := filepath.Join("testdata", "send_"+tt.name+".golden.form")
			if *update {
				os.WriteFile(path, r.body, 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("golden (run with -update): %v", err)
			}
			if !bytes.Equal(r.body, want) {
				t.Errorf("form differs\n got %s\nwant %s", r.body, want)
			}
		})
	}
}

func TestSendRefusesWhatTwilioWould(t *testing.T) {
	srv, got := fakeTwilio(t, 201, created)
	c := New(Config{BaseURL: srv.URL, AccountSID: "AC1", AuthToken: "t", From: "+14155238886"})
	for name, tt := range map[string]struct {
		req   bsp.SendRequest
		class bsp.ErrorClass
	}{
		"template without content sid": {bsp.SendRequest{To: "+16505551234", Kind: bsp.SendTemplate, TemplateName: "x"}, bsp.ClassTemplate},
		"buttons without content sid":  {bsp.SendRequest{To: "+16505551234", Kind: bsp.SendInteractive, Text: "q", Buttons: []bsp.Button{{ID: "a", Title: "A"}}}, bsp.ClassInvalid},
		"bad number":                   {bsp.SendRequest{To: "555", Kind: bsp.SendText, Text: "x"}, bsp.ClassInvalid},
	} {
		_, err := c.Send(context.Background(), tt.req)
		if pe, ok := bsp.AsProviderError(err); !ok || pe.Class != tt.class {
			t.Errorf("%s: %v", name, err)
		}
	}
	if len(*got) != 0 {
		t.Error("a refused send reached Twilio")
	}
	// API key authentication and Messaging Service sender.
	c = New(Config{BaseURL: srv.URL, AccountSID: "AC1", APIKeySID: "SK1", APIKeySecret: "s", MessagingServiceSID: "MG1"})
	if _, err := c.Send(context.Background(), bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if r := (*got)[0]; r.user != "SK1" || !bytes.Contains(r.body, []byte("MessagingServiceSid=MG1")) || bytes.Contains(r.body, []byte("From=")) {
		t.Errorf("request = %+v %s", r, r.body)
	}
}

func TestErrorMapping(t *testing.T) {
	body := func(code, status int) string {
		return `{"code":` + itoa(code) + `,"message":"m","more_info":"https://www.twilio.com/docs/errors/` + itoa(code) + `","status":` + itoa(status) + `}`
	}
	tests := []struct {
		status, code int
		class        bsp.ErrorClass
	}{
		{401, 20003, bsp.ClassAuth},
		{429, 20429, bsp.ClassThrottled},
		{400, 63018, bsp.ClassThrottled},
		{400, 63016, bsp.ClassOutsideWindow},
		{400, 63003, bsp.ClassUndeliverable},
		{400, 63024, bsp.ClassUndeliverable},
		{400, 21211, bsp.ClassInvalid},
		{400, 21910, bsp.ClassInvalid},
		{400, 21610, bsp.ClassPermanent},
		{400, 63007, bsp.ClassPermanent},
		{500, 20500, bsp.ClassRetry},
		{503, 0, bsp.ClassRetry},
	}
	for _, tt := range tests {
		srv, _ := fakeTwilio(t, tt.status, body(tt.code, tt.status))
		_, err := New(Config{BaseURL: srv.URL, AccountSID: "AC1", From: "+14155238886"}).Send(context.Background(),
			bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
		pe, ok := bsp.AsProviderError(err)
		if !ok || pe.Class != tt.class || pe.Code != tt.code || pe.HTTPStatus != tt.status {
			t.Errorf("%d/%d: %+v; want %s", tt.status, tt.code, pe, tt.class)
		}
	}
}

func TestParseWebhook(t *testing.T) {
	q := func(s string) url.Values {
		v, err := url.ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name string
		form string
		want bsp.InboundMessage
	}{
		{"text", "SmsMessageSid=SM11&NumMedia=0&ProfileName=Mar%C3%ADa&MessageType=text&SmsSid=SM11&WaId=5215512345678&SmsStatus=received&Body=Me+duele&To=whatsapp%3A%2B14155238886&NumSegments=1&ReferralNumMedia=0&MessageSid=SM11&AccountSid=AC1&From=whatsapp%3A%2B5215512345678&ApiVersion=2010-04-01",
			bsp.InboundMessage{ProviderID: "SM11", From: "+5215512345678", ProfileName: "María", Type: bsp.MessageText, Text: "Me duele", RawType: "text"}},
		{"button tap (captured)", "ProfileName=teknisee&MessageType=interactive&SmsSid=SM8824&WaId=6285176810035&SmsStatus=received&Body=Konfirmasi&Forwarded=false&ButtonText=Konfirmasi&To=whatsapp:%2B14155238886&ButtonPayload=%7BverifyEmail:asd@asd.com%7D&NumSegments=1&ReferralNumMedia=0&MessageSid=SM8824&AccountSid=ACefb7&OriginalRepliedMessageSid=MM5cc4&From=whatsapp:%2B6285176810035&ApiVersion=2010-04-01",
			bsp.InboundMessage{ProviderID: "SM8824", From: "+6285176810035", ProfileName: "teknisee", Type: bsp.MessageInteractive,
				Text: "Konfirmasi", Payload: "{verifyEmail:asd@asd.com}", PayloadTitle: "Konfirmasi", ReplyTo: "MM5cc4", RawType: "interactive"}},
		{"template quick reply", "MessageSid=SM12&SmsStatus=received&MessageType=button&ButtonText=Yes&ButtonPayload=CONFIRM&Body=Yes&From=whatsapp%3A%2B16505551234&OriginalRepliedMessageSid=SM99",
			bsp.InboundMessage{ProviderID: "SM12", From: "+16505551234", Type: bsp.MessageButton, Text: "Yes", Payload: "CONFIRM", PayloadTitle: "Yes", ReplyTo: "SM99", RawType: "button"}},
		{"image without MessageType", "MessageSid=MM13&SmsStatus=received&NumMedia=1&MediaContentType0=image%2Fjpeg&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC1%2FMessages%2FMM13%2FMedia%2FME1&Body=rash&From=whatsapp%3A%2B16505551234",
			bsp.InboundMessage{ProviderID: "MM13", From: "+16505551234", Type: bsp.MessageImage, Text: "rash", MediaMIME: "image/jpeg"}},
		{"location", "MessageSid=SM14&SmsStatus=received&MessageType=location&Latitude=37.48&Longitude=-122.14&Address=101+Forest+Ave&Label=Clinic&From=whatsapp%3A%2B16505551234",
			bsp.InboundMessage{ProviderID: "SM14", From: "+16505551234", Type: bsp.MessageLocation, Text: "Clinic, 101 Forest Ave",
				Location: &bsp.Location{Latitude: "37.48", Longitude: "-122.14", Name: "Clinic", Address: "101 Forest Ave"}, RawType: "location"}},
		{"contact card linked as media (captured): never fetched", "To=whatsapp%3A%2B15555550100&Body=&From=whatsapp%3A%2B15555550101&WaId=15555550101&NumMedia=1&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC8b%2FMessages%2FMM3d%2FMedia%2FME60&MessageSid=MM3d3cd4db06d6f0e7b7d4f7012fd99f06&MessageType=contacts&MediaContentType0=text%2Fvcard&ProfileName=Test+User",
			bsp.InboundMessage{ProviderID: "MM3d3cd4db06d6f0e7b7d4f7012fd99f06", From: "+15555550101", ProfileName: "Test User", Type: bsp.MessageContacts,
				ContactsNotFetched: true, MediaMIME: "text/vcard", RawType: "contacts"}},
		{"contact card inline", "MessageSid=MM16&SmsStatus=received&MessageType=contacts&NumMedia=0&From=whatsapp%3A%2B16505551234&Body=" + url.QueryEscape("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Johnson;Barbara;;;\r\nFN:Barbara Johnson\r\nitem1.TEL;type=CELL:+1 (940) 555-1234\r\nEND:VCARD\r\n"),
			bsp.InboundMessage{ProviderID: "MM16", From: "+16505551234", Type: bsp.MessageContacts, Text: "Barbara Johnson",
				Contacts: []bsp.Contact{{Name: "Barbara Johnson", Phones: []string{"+1 (940) 555-1234"}}}, RawType: "contacts"}},
		{"unknown type", "MessageSid=SM15&SmsStatus=received&MessageType=poll&From=whatsapp%3A%2B16505551234",
			bsp.InboundMessage{ProviderID: "SM15", From: "+16505551234", Type: bsp.MessageUnsupported, RawType: "poll"}},
	}
	for _, tt := range tests {
		ev, err := ParseWebhook(q(tt.form))
		if err != nil || len(ev) != 1 || ev[0].Kind != bsp.EventMessage || ev[0].Provider != "twilio" {
			t.Errorf("%s: %v %+v", tt.name, err, ev)
			continue
		}
		if !reflect.DeepEqual(*ev[0].Message, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, *ev[0].Message, tt.want)
		}
	}

	// Status callbacks (captured field set) with the idempotency key from the callback URL.
	ev, err := ParseWebhook(q("SmsSid=SMc4c9&SmsStatus=sent&MessageStatus=sent&ChannelToAddress=%2B16505551234&To=whatsapp%3A%2B16505551234&ChannelPrefix=whatsapp&MessageSid=SMc4c9&AccountSid=AC8e&StructuredMessage=false&From=whatsapp%3A%2B14155238886&ApiVersion=2010-04-01&ChannelInstallSid=XEcc&idempotency_key=send-0001"))
	if err != nil || len(ev) != 1 || ev[0].StatusUpdate.Status != bsp.StatusSent || ev[0].StatusUpdate.Recipient != "+16505551234" ||
		ev[0].StatusUpdate.IdempotencyKey != "send-0001" || ev[0].StatusUpdate.ProviderID != "SMc4c9" {
		t.Errorf("sent callback: %v %+v", err, ev)
	}
	ev, _ = ParseWebhook(q("MessageSid=SM2&MessageStatus=undelivered&SmsStatus=undelivered&ErrorCode=63016&To=whatsapp%3A%2B16505551234"))
	if pe := ev[0].StatusUpdate.Err; ev[0].StatusUpdate.Status != bsp.StatusFailed || pe == nil || pe.Code != 63016 || pe.Class != bsp.ClassOutsideWindow {
		t.Errorf("undelivered callback: %+v", ev[0].StatusUpdate)
	}
	if ev, err := ParseWebhook(q("MessageSid=SM3&MessageStatus=queued")); err != nil || len(ev) != 0 {
		t.Errorf("queued callback: %v %v", ev, err)
	}
	for _, bad := range []string{"", "Body=hi", "MessageSid=SM4&SmsStatus=received"} {
		if _, err := ParseWebhook(q(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

func itoa(n int) string {
	return string(appendInt(nil, n))
}

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// The clinic's own number travels with every event: To on an inbound
// message, From on a status callback.
func TestParseWebhookBusinessNumber(t *testing.T) {
	in, _ := url.ParseQuery("MessageSid=SM1&SmsStatus=received&Body=hi&From=whatsapp%3A%2B16505551234&To=whatsapp%3A%2B14155238886")
	st, _ := url.ParseQuery("MessageSid=SM2&MessageStatus=delivered&From=whatsapp%3A%2B14155238886&To=whatsapp%3A%2B16505551234")
	for name, form := range map[string]url.Values{"inbound": in, "status": st} {
		ev, err := ParseWebhook(form)
		if err != nil || len(ev) != 1 || ev[0].BusinessNumber != "+14155238886" {
			t.Errorf("%s: %v %+v", name, err, ev)
		}
	}
}
