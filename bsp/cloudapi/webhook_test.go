package cloudapi

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
)

func TestSignatureVectors(t *testing.T) {
	// Published vector: HMAC-SHA256(key "secret", msg "test").
	const want = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
	if got := Sign([]byte("secret"), []byte("test")); got != want {
		t.Fatalf("Sign = %s; want %s", got, want)
	}
	if err := VerifySignature([]byte("secret"), []byte("test"), want); err != nil {
		t.Errorf("published vector rejected: %v", err)
	}
	if err := VerifySignature([]byte("secret"), []byte("test"), strings.ToUpper(want[:7])+want[7:]); err == nil {
		t.Error("a header with a different prefix was accepted")
	}

	body, err := os.ReadFile(filepath.Join("testdata", "wh_text.json"))
	if err != nil {
		t.Fatal(err)
	}
	good := Sign([]byte("app-secret"), body)
	bad := []struct {
		name   string
		secret string
		body   []byte
		header string
	}{
		{"missing header", "app-secret", body, ""},
		{"wrong secret", "other-secret", body, good},
		{"body changed by one byte", "app-secret", append([]byte{' '}, body...), good},
		{"no sha256= prefix", "app-secret", body, strings.TrimPrefix(good, "sha256=")},
		{"legacy sha1 header", "app-secret", body, "sha1=0123456789abcdef0123456789abcdef01234567"},
		{"truncated", "app-secret", body, good[:len(good)-2]},
		{"not hex", "app-secret", body, "sha256=" + strings.Repeat("zz", 32)},
		{"empty secret", "", body, Sign(nil, body)},
	}
	if err := VerifySignature([]byte("app-secret"), body, good); err != nil {
		t.Fatalf("good signature rejected: %v", err)
	}
	for _, tt := range bad {
		if err := VerifySignature([]byte(tt.secret), tt.body, tt.header); !errors.Is(err, bsp.ErrBadSignature) {
			t.Errorf("%s: err = %v; want ErrBadSignature", tt.name, err)
		}
	}
}

func TestVerifyHandshake(t *testing.T) {
	q := func(mode, token, challenge string) url.Values {
		return url.Values{"hub.mode": {mode}, "hub.verify_token": {token}, "hub.challenge": {challenge}}
	}
	if c, ok := VerifyHandshake(q("subscribe", "clinic-verify", "1158201444"), "clinic-verify"); !ok || c != "1158201444" {
		t.Errorf("valid handshake = %q, %v", c, ok)
	}
	for name, tc := range map[string]struct {
		q     url.Values
		token string
	}{
		"wrong token":         {q("subscribe", "guess", "1"), "clinic-verify"},
		"wrong mode":          {q("unsubscribe", "clinic-verify", "1"), "clinic-verify"},
		"unconfigured token":  {q("subscribe", "", "1"), ""},
		"markup in challenge": {q("subscribe", "clinic-verify", "<script>"), "clinic-verify"},
		"empty challenge":     {q("subscribe", "clinic-verify", ""), "clinic-verify"},
	} {
		if c, ok := VerifyHandshake(tc.q, tc.token); ok {
			t.Errorf("%s: accepted with challenge %q", name, c)
		}
	}
}

func parseFile(t *testing.T, name string) []bsp.Event {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := ParseWebhook(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

func TestParseInboundKinds(t *testing.T) {
	tests := []struct {
		file string
		want bsp.InboundMessage
	}{
		{"wh_text.json", bsp.InboundMessage{ProviderID: "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
			From: "+16505551234", ProfileName: "Sheena Nelson", Type: bsp.MessageText,
			Text: "Does it come in another color? äöå", Timestamp: time.Unix(1749416383, 0).UTC(), RawType: "text"}},
		{"wh_text_bsuid.json", bsp.InboundMessage{ProviderID: "wamid.BSUID1", FromUserID: "US.13491208655302741918",
			ProfileName: "Sheena Nelson", Type: bsp.MessageText, Text: "hi", Timestamp: time.Unix(1749416384, 0).UTC(), RawType: "text"}},
		{"wh_button.json", bsp.InboundMessage{ProviderID: "wamid.BUTTON1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageButton, Text: "No", Payload: "No-Button-Payload", PayloadTitle: "No", ReplyTo: "wamid.OUTBOUND1",
			Timestamp: time.Unix(1603069091, 0).UTC(), RawType: "button"}},
		{"wh_interactive_button.json", bsp.InboundMessage{ProviderID: "wamid.IBUTTON1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageInteractive, Text: "Cancel", Payload: "cancel-button", PayloadTitle: "Cancel", ReplyTo: "wamid.OUTBOUND2",
			Timestamp: time.Unix(1603069092, 0).UTC(), RawType: "interactive"}},
		{"wh_interactive_list.json", bsp.InboundMessage{ProviderID: "wamid.ILIST1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageInteractive, Text: "Tuesday 10:00", Payload: "slot-2", PayloadTitle: "Tuesday 10:00", ReplyTo: "wamid.OUTBOUND3",
			Timestamp: time.Unix(1603069093, 0).UTC(), RawType: "interactive"}},
		{"wh_image.json", bsp.InboundMessage{ProviderID: "wamid.IMAGE1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageImage, Text: "my rash", MediaMIME: "image/jpeg", Timestamp: time.Unix(1603069094, 0).UTC(), RawType: "image"}},
		{"wh_audio.json", bsp.InboundMessage{ProviderID: "wamid.AUDIO1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageAudio, MediaMIME: "audio/ogg; codecs=opus", Timestamp: time.Unix(1603069095, 0).UTC(), RawType: "audio"}},
		{"wh_video.json", bsp.InboundMessage{ProviderID: "wamid.VIDEO1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageVideo, MediaMIME: "video/mp4", Timestamp: time.Unix(1603069096, 0).UTC(), RawType: "video"}},
		{"wh_document.json", bsp.InboundMessage{ProviderID: "wamid.DOC1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageDocument, Text: "lab results", MediaMIME: "application/pdf", Timestamp: time.Unix(1603069097, 0).UTC(), RawType: "document"}},
		{"wh_sticker.json", bsp.InboundMessage{ProviderID: "wamid.STICKER1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageSticker, MediaMIME: "image/webp", Timestamp: time.Unix(1603069098, 0).UTC(), RawType: "sticker"}},
		{"wh_location.json", bsp.InboundMessage{ProviderID: "wamid.LOC1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageLocation, Text: "Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301",
			Location: &bsp.Location{Latitude: "37.48382", Longitude: "-122.14829", Name: "Philz Coffee", Address: "101 Forest Ave, Palo Alto, CA 94301"}, Timestamp: time.Unix(1603069099, 0).UTC(), RawType: "location"}},
		{"wh_contacts.json", bsp.InboundMessage{ProviderID: "wamid.CONTACTS1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageContacts, Text: "Barbara Johnson",
			Contacts: []bsp.Contact{{Name: "Barbara Johnson", Phones: []string{"+1 (940) 555-1234"}}}, Timestamp: time.Unix(1603069100, 0).UTC(), RawType: "contacts"}},
		{"wh_reaction.json", bsp.InboundMessage{ProviderID: "wamid.REACT1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageReaction, Text: "👍", TargetID: "wamid.OUTBOUND4", Timestamp: time.Unix(1603069101, 0).UTC(), RawType: "reaction"}},
		{"wh_unsupported.json", bsp.InboundMessage{ProviderID: "wamid.UNSUP1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageUnsupported, Text: "Message type unknown", Timestamp: time.Unix(1603069102, 0).UTC(), RawType: "unsupported"}},
		{"wh_order.json", bsp.InboundMessage{ProviderID: "wamid.ORDER1", From: "+16315551234", ProfileName: "Kerry Fisher",
			Type: bsp.MessageOrder, Order: &bsp.Order{CatalogID: "1"}, Timestamp: time.Unix(1603069103, 0).UTC(), RawType: "order"}},
	}
	for _, tt := range tests {
		ev := parseFile(t, tt.file)
		if len(ev) != 1 || ev[0].Kind != bsp.EventMessage || ev[0].Provider != "cloudapi" || ev[0].Message == nil {
			t.Errorf("%s: events = %+v", tt.file, ev)
			continue
		}
		if got := *ev[0].Message; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.file, got, tt.want)
		}
	}
}

func TestParseStatuses(t *testing.T) {
	ev := parseFile(t, "wh_status_sent.json")
	if len(ev) != 1 || ev[0].Kind != bsp.EventStatus {
		t.Fatalf("events = %+v", ev)
	}
	su := ev[0].StatusUpdate
	if su.ProviderID != "wamid.OUT1" || su.Status != bsp.StatusSent || su.Recipient != "+16505551234" ||
		su.IdempotencyKey != "send-0001" || !su.Timestamp.Equal(time.Unix(1750030073, 0)) || su.Err != nil {
		t.Errorf("sent status = %+v", su)
	}

	ev = parseFile(t, "wh_status_failed.json")
	su = ev[0].StatusUpdate
	if su.Status != bsp.StatusFailed || su.Err == nil || su.Err.Code != 131047 || su.Err.Class != bsp.ClassOutsideWindow ||
		su.Err.Title != "Re-engagement message" || !strings.Contains(su.Err.Details, "24 hours") || su.IdempotencyKey != "send-0002" {
		t.Errorf("failed status = %+v err=%+v", su, su.Err)
	}

	ev = parseFile(t, "wh_value_errors.json")
	if len(ev) != 1 || ev[0].Kind != bsp.EventError || ev[0].Err.Code != 131000 || ev[0].Err.Class != bsp.ClassRetry {
		t.Errorf("value errors = %+v", ev)
	}
}

func TestParseBatchLoopsEverything(t *testing.T) {
	ev := parseFile(t, "wh_batch.json")
	var got []string
	for _, e := range ev {
		switch e.Kind {
		case bsp.EventMessage:
			got = append(got, "msg "+e.Message.ProviderID+" "+e.Message.From+" "+e.Message.ProfileName)
		case bsp.EventStatus:
			got = append(got, "status "+e.StatusUpdate.ProviderID+" "+string(e.StatusUpdate.Status))
		}
	}
	want := []string{
		"msg wamid.B1 +5511987654321 Ana",
		"msg wamid.B2 +447700900123 Ben",
		"status wamid.OUT3 read", // the template-review change in between is skipped
		"status wamid.OUT3 delivered",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseMalformed(t *testing.T) {
	tests := map[string]string{
		"not json":         `{"object":"whatsapp_business_account","entry":[`,
		"wrong object":     `{"object":"page","entry":[]}`,
		"wrong field type": `{"object":"whatsapp_business_account","entry":{"id":"1"}}`,
		"empty":            ``,
	}
	for name, body := range tests {
		ev, err := ParseWebhook([]byte(body))
		if !errors.Is(err, ErrMalformed) || ev != nil {
			t.Errorf("%s: events=%v err=%v; want ErrMalformed", name, ev, err)
		}
	}
	// The error never quotes patient text from the body.
	_, err := ParseWebhook([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"text":{"body":"I am HIV positive"`))
	if err == nil || strings.Contains(err.Error(), "HIV") {
		t.Errorf("err = %v", err)
	}
	big := make([]byte, MaxWebhookBody+1)
	if _, err := ParseWebhook(big); !errors.Is(err, ErrMalformed) {
		t.Errorf("oversized body: err = %v", err)
	}
}

func TestTimestampTolerance(t *testing.T) {
	body := `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[
		{"from":"16505551234","id":"a","timestamp":1749416383,"type":"text","text":{"body":"number"}},
		{"from":"16505551234","id":"b","timestamp":"yesterday","type":"text","text":{"body":"garbage"}}]}}]}]}`
	ev, err := ParseWebhook([]byte(body))
	if err != nil || len(ev) != 2 {
		t.Fatalf("ev=%v err=%v", ev, err)
	}
	if !ev[0].Message.Timestamp.Equal(time.Unix(1749416383, 0)) || !ev[1].Message.Timestamp.IsZero() {
		t.Errorf("timestamps = %v, %v", ev[0].Message.Timestamp, ev[1].Message.Timestamp)
	}
}
