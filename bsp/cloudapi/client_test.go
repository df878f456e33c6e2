package cloudapi

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// captured is one request as the provider saw it.
type captured struct {
	method, path, auth, d360, ctype string
	body                            []byte
}

// fakeGraph answers every request with status and body and records it.
func fakeGraph(t *testing.T, status int, respBody string) (*httptest.Server, *[]captured) {
	t.Helper()
	var got []captured
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, captured{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("D360-API-KEY"), r.Header.Get("Content-Type"), b})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, respBody)
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

const okResponse = `{"messaging_product":"whatsapp","contacts":[{"input":"+16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA"}]}`

func TestSendGoldenBodies(t *testing.T) {
	tests := []struct {
		name string
		req  bsp.SendRequest
	}{
		{"text", bsp.SendRequest{IdempotencyKey: "send-0001", To: "+1 (650) 555-1234", Kind: bsp.SendText,
			Text: "Your results are ready. Call us at <clinic> & ask for Dr. Ortiz."}},
		{"text_reply_preview", bsp.SendRequest{IdempotencyKey: "send-0002", To: "+16505551234", Kind: bsp.SendText,
			Text: "See https://clinic.example/portal", PreviewURL: true, ReplyTo: "wamid.INBOUND1"}},
		{"template_positional", bsp.SendRequest{IdempotencyKey: "send-0003", To: "+16505551234", Kind: bsp.SendTemplate,
			TemplateName: "appointment_reminder", TemplateLanguage: "en_US",
			TemplateParams: []bsp.TemplateParam{{Value: "Jessica"}, {Value: "Tuesday 10:00"}}}},
		{"template_named", bsp.SendRequest{IdempotencyKey: "send-0004", To: "+16505551234", Kind: bsp.SendTemplate,
			TemplateName: "results_ready", TemplateLanguage: "es",
			TemplateParams: []bsp.TemplateParam{{Name: "first_name", Value: "José"}, {Name: "clinic", Value: "Clínica Sur"}}}},
		{"template_no_params", bsp.SendRequest{IdempotencyKey: "send-0005", To: "+16505551234", Kind: bsp.SendTemplate,
			TemplateName: "reopen_conversation", TemplateLanguage: "en"}},
		{"interactive", bsp.SendRequest{IdempotencyKey: "send-0006", To: "+16505551234", Kind: bsp.SendInteractive,
			Text: "How bad is the pain now, from 1 to 3?", ReplyTo: "wamid.INBOUND2",
			Buttons: []bsp.Button{{ID: "pain-1", Title: "1 mild"}, {ID: "pain-2", Title: "2 moderate"}, {ID: "pain-3", Title: "3 severe"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, got := fakeGraph(t, 200, okResponse)
			c := New(Config{BaseURL: srv.URL, PhoneNumberID: "106540352242922", Token: "tok-1"})
			res, err := c.Send(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if res.ProviderID != "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA" || res.Status != bsp.StatusSent {
				t.Errorf("result = %+v", res)
			}
			r := (*got)[0]
			if r.method != "POST" || r.path != "/v25.0/106540352242922/messages" || r.auth != "Bearer tok-1" || r.ctype != "application/json" {
				t.Errorf("request line/headers = %s %s auth=%q ctype=%q", r.method, r.path, r.auth, r.ctype)
			}
			checkGolden(t, "send_"+tt.name, r.body)
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("body differs from %s\n got: %s\nwant: %s", path, got, want)
	}
}

func Test360dialogDialect(t *testing.T) {
	srv, got := fakeGraph(t, 200, okResponse)
	c := New(Config{BaseURL: srv.URL, Token: "d360-key", Dialect: Dialect360dialog, PhoneNumberID: "ignored"})
	if c.Name() != "360dialog" {
		t.Errorf("Name = %q", c.Name())
	}
	if _, err := c.Send(context.Background(), bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	if r.path != "/messages" || r.d360 != "d360-key" || r.auth != "" {
		t.Errorf("path=%q D360-API-KEY=%q Authorization=%q", r.path, r.d360, r.auth)
	}
	if New(Config{Dialect: Dialect360dialog}).endpoint != "https://waba-v2.360dialog.io/messages" {
		t.Error("360dialog default base URL not applied")
	}
	if New(Config{PhoneNumberID: "1"}).endpoint != "https://graph.facebook.com/v25.0/1/messages" {
		t.Error("Graph default base URL not applied")
	}
}

func TestMarkRead(t *testing.T) {
	srv, got := fakeGraph(t, 200, `{"success":true}`)
	c := New(Config{BaseURL: srv.URL, PhoneNumberID: "106540352242922", Token: "tok"})
	if err := c.MarkRead(context.Background(), "wamid.IN1"); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "mark_read", (*got)[0].body)
}

func TestSendValidation(t *testing.T) {
	long := strings.Repeat("a", MaxTextLen+1)
	tests := []struct {
		name  string
		req   bsp.SendRequest
		class bsp.ErrorClass
	}{
		{"bad number", bsp.SendRequest{To: "call me", Kind: bsp.SendText, Text: "x"}, bsp.ClassInvalid},
		{"empty text", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "  "}, bsp.ClassInvalid},
		{"text too long", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: long}, bsp.ClassInvalid},
		{"four buttons", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendInteractive, Text: "q",
			Buttons: []bsp.Button{{ID: "a", Title: "A"}, {ID: "b", Title: "B"}, {ID: "c", Title: "C"}, {ID: "d", Title: "D"}}}, bsp.ClassInvalid},
		{"long title", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendInteractive, Text: "q",
			Buttons: []bsp.Button{{ID: "a", Title: "this title is far too long"}}}, bsp.ClassInvalid},
		{"duplicate titles", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendInteractive, Text: "q",
			Buttons: []bsp.Button{{ID: "a", Title: "Yes"}, {ID: "b", Title: "Yes"}}}, bsp.ClassInvalid},
		{"no template name", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendTemplate, TemplateLanguage: "en"}, bsp.ClassTemplate},
		{"mixed params", bsp.SendRequest{To: "+16505551234", Kind: bsp.SendTemplate, TemplateName: "t", TemplateLanguage: "en",
			TemplateParams: []bsp.TemplateParam{{Value: "a"}, {Name: "b", Value: "b"}}}, bsp.ClassTemplate},
		{"unknown kind", bsp.SendRequest{To: "+16505551234", Kind: "sticker"}, bsp.ClassInvalid},
	}
	srv, got := fakeGraph(t, 200, okResponse)
	c := New(Config{BaseURL: srv.URL, PhoneNumberID: "1", Token: "t"})
	for _, tt := range tests {
		_, err := c.Send(context.Background(), tt.req)
		pe, ok := bsp.AsProviderError(err)
		if !ok || pe.Class != tt.class || pe.Retryable() {
			t.Errorf("%s: err = %v; want class %s, not retryable", tt.name, err, tt.class)
		}
	}
	if len(*got) != 0 {
		t.Errorf("%d invalid requests reached the provider", len(*got))
	}
}

func TestSendErrorMapping(t *testing.T) {
	env := func(code int, msg string) string {
		return `{"error":{"message":"` + msg + `","type":"OAuthException","code":` + itoa(code) +
			`,"error_data":{"messaging_product":"whatsapp","details":"details here"},"error_subcode":2494055,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}`
	}
	tests := []struct {
		status int
		body   string
		class  bsp.ErrorClass
		code   int
	}{
		{401, env(190, "Error validating access token: Session has expired"), bsp.ClassAuth, 190},
		{429, env(130429, "(#130429) Rate limit hit"), bsp.ClassThrottled, 130429},
		{400, env(130429, "(#130429) Rate limit hit"), bsp.ClassThrottled, 130429},
		{400, env(80007, "(#80007) Rate limit issues"), bsp.ClassThrottled, 80007},
		{400, env(4, "(#4) Application request limit reached"), bsp.ClassThrottled, 4},
		{400, env(131056, "(#131056) Pair rate limit hit"), bsp.ClassPairRate, 131056},
		{400, env(131047, "(#131047) Re-engagement message"), bsp.ClassOutsideWindow, 131047},
		{400, env(131026, "(#131026) Message undeliverable"), bsp.ClassUndeliverable, 131026},
		{400, env(133010, "(#133010) Phone number not registered"), bsp.ClassUndeliverable, 133010},
		{404, env(132001, "(#132001) Template name does not exist in the translation"), bsp.ClassTemplate, 132001},
		{400, env(132000, "(#132000) Number of parameters does not match"), bsp.ClassTemplate, 132000},
		{400, env(100, "(#100) Invalid parameter"), bsp.ClassInvalid, 100},
		{400, env(131008, "(#131008) Required parameter is missing"), bsp.ClassInvalid, 131008},
		{400, env(131009, "(#131009) Parameter value is not valid"), bsp.ClassInvalid, 131009},
		{500, env(131000, "(#131000) Something went wrong"), bsp.ClassRetry, 131000},
		{503, env(131016, "(#131016) Service unavailable"), bsp.ClassRetry, 131016},
		{500, env(131057, "(#131057) Account in maintenance mode"), bsp.ClassRetry, 131057},
		{403, env(368, "(#368) Temporarily blocked"), bsp.ClassPermanent, 368},
		{502, `<html>Bad Gateway</html>`, bsp.ClassRetry, 0},
		{401, `{"meta":{"success":false,"http_code":401,"developer_message":"Invalid api_key"}}`, bsp.ClassAuth, 0},
		{400, `{"error":"bad request"}`, bsp.ClassPermanent, 0},
	}
	for _, tt := range tests {
		srv, _ := fakeGraph(t, tt.status, tt.body)
		c := New(Config{BaseURL: srv.URL, PhoneNumberID: "1", Token: "t"})
		_, err := c.Send(context.Background(), bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
		pe, ok := bsp.AsProviderError(err)
		if !ok || pe.Class != tt.class || pe.Code != tt.code || pe.HTTPStatus != tt.status {
			t.Errorf("%d %.40s: got %+v; want class %s code %d", tt.status, tt.body, pe, tt.class, tt.code)
			continue
		}
		if tt.code != 0 && pe.Details != "details here" {
			t.Errorf("code %d: details = %q", tt.code, pe.Details)
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(429)
		io.WriteString(w, `{"error":{"message":"(#130429) Rate limit hit","code":130429}}`)
	}))
	defer srv.Close()
	_, err := New(Config{BaseURL: srv.URL, PhoneNumberID: "1"}).Send(context.Background(),
		bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
	if pe, _ := bsp.AsProviderError(err); pe == nil || pe.RetryAfter != 7*time.Second {
		t.Errorf("err = %+v; want RetryAfter 7s", pe)
	}
}

func TestNetworkErrorsAreRetryable(t *testing.T) {
	// A server that never answers: the client's timeout fires.
	block := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer slow.Close()
	defer close(block)
	c := New(Config{BaseURL: slow.URL, PhoneNumberID: "1", HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	_, err := c.Send(context.Background(), bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
	if pe, _ := bsp.AsProviderError(err); pe == nil || pe.Class != bsp.ClassRetry || pe.Title != "provider timed out" {
		t.Errorf("timeout: err = %v", err)
	}

	// A closed port: connection refused.
	dead := httptest.NewServer(http.NotFoundHandler())
	addr := dead.URL
	dead.Close()
	_, err = New(Config{BaseURL: addr, PhoneNumberID: "1"}).Send(context.Background(),
		bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
	if pe, _ := bsp.AsProviderError(err); pe == nil || pe.Class != bsp.ClassRetry {
		t.Errorf("refused: err = %v", err)
	}

	// 200 without a message id is not a success.
	empty, _ := fakeGraph(t, 200, `{"messaging_product":"whatsapp","messages":[]}`)
	_, err = New(Config{BaseURL: empty.URL, PhoneNumberID: "1"}).Send(context.Background(),
		bsp.SendRequest{To: "+16505551234", Kind: bsp.SendText, Text: "x"})
	if pe, _ := bsp.AsProviderError(err); pe == nil || pe.Class != bsp.ClassRetry {
		t.Errorf("no id: err = %v", err)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}
