package cloudapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
)

// The kinds a patient's WhatsApp sends beyond plain text, shaped like the
// bodies providers really deliver (string and number fields mixed,
// optional fields missing, documentation placeholders).
func TestParseRicherKinds(t *testing.T) {
	ts := func(n int64) time.Time { return time.Unix(n, 0).UTC() }
	tests := []struct {
		file string
		want bsp.InboundMessage
	}{
		{"wh_reply_text.json", bsp.InboundMessage{ProviderID: "wamid.REPLY1", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageText, Text: "Yes, Tuesday works", ReplyTo: "wamid.OUTBOUND5", Timestamp: ts(1749416390), RawType: "text"}},
		{"wh_unreaction.json", bsp.InboundMessage{ProviderID: "wamid.UNREACT1", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageReaction, TargetID: "wamid.OUTBOUND4", ReactionRemoved: true, Timestamp: ts(1749416391), RawType: "reaction"}},
		{"wh_order_items.json", bsp.InboundMessage{ProviderID: "wamid.ORDER2", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageOrder, Text: "For my mother, Anna de Vries", Order: &bsp.Order{CatalogID: "354160437058781", Items: []bsp.OrderItem{
				{ProductID: "BP-CUFF", Quantity: "1", Price: "34.50", Currency: "EUR"},
				{ProductID: "STRIPS-50", Quantity: "2", Price: "12", Currency: "EUR"}}},
			Timestamp: ts(1749416392), RawType: "order"}},
		{"wh_system_number_change.json", bsp.InboundMessage{ProviderID: "wamid.SYSTEM1", From: "+31612345678",
			Type: bsp.MessageSystem, Text: "Marieke changed from 31612345678 to 31687654321", SystemType: bsp.SystemNumberChanged,
			NewNumber: "+31687654321", Timestamp: ts(1749416393), RawType: "system"}},
		{"wh_revoke.json", bsp.InboundMessage{ProviderID: "wamid.REVOKE1", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageRevoke, TargetID: "wamid.REPLY1", Timestamp: ts(1749416394), RawType: "revoke"}},
		{"wh_edit.json", bsp.InboundMessage{ProviderID: "wamid.EDIT1", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageEdit, TargetID: "wamid.REPLY1", EditedType: bsp.MessageText, Text: "Yes, Wednesday works, call 06 12345678",
			Timestamp: ts(1749416395), RawType: "edit"}},
		{"wh_flow.json", bsp.InboundMessage{ProviderID: "wamid.FLOW1", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageFlow, Text: "Sent", Payload: "flow", ReplyTo: "wamid.OUTBOUND6",
			FlowResponse: `{"full_name": "Marieke de Vries", "date_of_birth": "1984-03-02", "symptoms": "chest pain", "flow_token": "AQAAAAACS5FpgQ_cAAAAAD0QI3s."}`,
			Timestamp:    ts(1749416396), RawType: "interactive"}},
		{"wh_bsuid_only.json", bsp.InboundMessage{ProviderID: "wamid.BSUID2", FromUserID: "NL.13491208655302741918", ProfileName: "NAME",
			Type: bsp.MessageText, Text: "Is the clinic open on Saturday?", Timestamp: ts(1749416397), RawType: "text"}},
		{"wh_bsuid_and_phone.json", bsp.InboundMessage{ProviderID: "wamid.BSUID3", From: "+31612345678", FromUserID: "NL.13491208655302741918",
			ProfileName: "Marieke de Vries", Type: bsp.MessageText, Text: "Sorry, same question again", Timestamp: ts(1749416398), RawType: "text"}},
		{"wh_location_nl.json", bsp.InboundMessage{ProviderID: "wamid.LOC2", From: "+31612345678", ProfileName: "Marieke de Vries",
			Type: bsp.MessageLocation, Text: "Thuis, Oudegracht 231, 3511 NK Utrecht, Nederland",
			Location:  &bsp.Location{Latitude: "52.0907", Longitude: "5.1214", Name: "Thuis", Address: "Oudegracht 231, 3511 NK Utrecht, Nederland"},
			Timestamp: ts(1749416399), RawType: "location"}},
	}
	for _, tt := range tests {
		ev := parseFile(t, tt.file)
		if len(ev) != 1 || ev[0].Kind != bsp.EventMessage || ev[0].Message == nil {
			t.Errorf("%s: events = %+v", tt.file, ev)
			continue
		}
		if ev[0].BusinessNumber != "106540352242922" {
			t.Errorf("%s: business number = %q", tt.file, ev[0].BusinessNumber)
		}
		if got := *ev[0].Message; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.file, got, tt.want)
		}
	}
}

// One message whose field has the wrong type must not cost the others:
// two entries, three changes (one not about messages), three messages,
// one unreadable. The unreadable one keeps its sender and id so it can be
// recorded in the patient's thread, and numbers sent as JSON numbers
// (phone_number_id, from, longitude) are read like strings.
func TestParseFaultIsolation(t *testing.T) {
	ev := parseFile(t, "wh_fault_isolation.json")
	if len(ev) != 3 {
		t.Fatalf("events = %d, want 3: %+v", len(ev), ev)
	}
	var good, bad []*bsp.InboundMessage
	for _, e := range ev {
		if e.BusinessNumber != "106540352242922" {
			t.Errorf("business number = %q", e.BusinessNumber)
		}
		if e.Message.Type == bsp.MessageUnreadable {
			bad = append(bad, e.Message)
		} else {
			good = append(good, e.Message)
		}
	}
	if len(good) != 2 || len(bad) != 1 {
		t.Fatalf("good=%d unreadable=%d", len(good), len(bad))
	}
	if good[0].ProviderID != "wamid.GOOD1" || good[0].Text != "first" {
		t.Errorf("first good = %+v", good[0])
	}
	if g := good[1]; g.ProviderID != "wamid.GOOD2" || g.From != "+31687654321" || g.Location == nil ||
		g.Location.Latitude != "52.1" || g.Location.Longitude != "5.12" || g.Text != "52.1, 5.12" {
		t.Errorf("second good = %+v loc=%+v", g, g.Location)
	}
	b := bad[0]
	if b.ProviderID != "wamid.BAD1" || b.From != "+31612345678" || b.RawType != "text" || len(b.Raw) == 0 || b.Reason == "" {
		t.Errorf("unreadable = %+v", b)
	}
	if !json.Valid(b.Raw) {
		t.Errorf("unreadable raw is not the message's own JSON: %q", b.Raw)
	}
}

// A body for another business number still parses; the number it was
// addressed to travels with every event so the receiver can refuse it.
func TestParseKeepsBusinessNumber(t *testing.T) {
	ev := parseFile(t, "wh_misrouted.json")
	if len(ev) != 1 || ev[0].BusinessNumber != "PHONE_NUMBER_ID" {
		t.Fatalf("events = %+v", ev)
	}
	// A documentation placeholder is not a number: no sender, kept as is.
	if m := ev[0].Message; m.From != "" && m.From != "PHONE_NUMBER" {
		t.Errorf("from = %q", m.From)
	}
}

// An entry that is not an object becomes an unreadable record without a
// sender; the valid entry next to it is still read.
func TestParseUnreadableEntry(t *testing.T) {
	body := `{"object":"whatsapp_business_account","entry":["oops",{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},
		"messages":[{"from":"16505551234","id":"wamid.OK","timestamp":"1","type":"text","text":{"body":"hi"}}]}}]}]}`
	ev, err := ParseWebhook([]byte(body))
	if err != nil || len(ev) != 2 {
		t.Fatalf("ev=%+v err=%v", ev, err)
	}
	if ev[0].Message.Type != bsp.MessageUnreadable || ev[0].Message.ProviderID != "" {
		t.Errorf("first = %+v", ev[0].Message)
	}
	if ev[1].Message.ProviderID != "wamid.OK" || ev[1].BusinessNumber != "1" {
		t.Errorf("second = %+v", ev[1])
	}
}

// The retired On-Premise shape (360dialog v1: messages at the top, no
// object, no business number) is refused with a reason that says so.
func TestParseOnPremiseShapeRefused(t *testing.T) {
	_, err := ParseWebhook([]byte(`{"contacts":[{"profile":{"name":"A"},"wa_id":"1"}],"messages":[{"from":"1","id":"x","type":"text","text":{"body":"Test"}}]}`))
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "On-Premise") {
		t.Errorf("err = %v", err)
	}
}
