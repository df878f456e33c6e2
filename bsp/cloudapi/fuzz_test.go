package cloudapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

// FuzzReceiver feeds hostile bodies through both receivers the way the
// server calls them: Verify must accept the body signed as the provider
// signs it and refuse it under another secret, and Parse must never
// panic and must return only internally consistent events, or an error
// wrapping bsp.ErrMalformed and no events.
//
//	go test ./bsp/cloudapi -run '^$' -fuzz FuzzReceiver -fuzztime 30s
func FuzzReceiver(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "wh_*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"type":"text","timestamp":"-1"}]}}]}]}`))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"status":"failed","errors":[]}]}}]}]}`))
	const secret = "fuzz-app-secret"
	meta, d360 := NewReceiver(secret, "v"), NewD360Receiver(secret)
	f.Fuzz(func(t *testing.T, data []byte) {
		signed := http.Header{}
		signed.Set(SignatureHeader, Sign([]byte(secret), data))
		signed.Set("Authorization", "Bearer "+secret)
		forged := http.Header{}
		forged.Set(SignatureHeader, Sign([]byte(secret+"x"), data))
		forged.Set("Authorization", "Bearer "+secret+"x")
		var first []bsp.Event
		for i, rcv := range []bsp.WebhookReceiver{meta, d360} {
			if err := rcv.Verify(&bsp.WebhookRequest{Header: signed, Body: data}); err != nil {
				t.Fatalf("%s refused its own signature: %v", rcv.Provider(), err)
			}
			if rcv.Verify(&bsp.WebhookRequest{Header: forged, Body: data}) == nil {
				t.Fatalf("%s accepted another secret", rcv.Provider())
			}
			ev, err := rcv.Parse(&bsp.WebhookRequest{Header: signed, Body: data})
			if err != nil {
				if ev != nil || !errors.Is(err, bsp.ErrMalformed) {
					t.Fatalf("%s: events %v with error %v", rcv.Provider(), ev, err)
				}
				return
			}
			if i == 0 {
				first = ev
			} else if len(ev) != len(first) {
				t.Fatalf("360dialog read %d events where the Cloud API read %d", len(ev), len(first))
			}
			checkEvents(t, rcv.Provider(), data, ev)
		}
	})
}

// checkEvents fails t unless every event is consistent with its kind
// and names the provider that parsed it.
func checkEvents(t *testing.T, provider string, data []byte, ev []bsp.Event) {
	t.Helper()
	if len(ev) > len(data) {
		t.Fatalf("%d events from %d bytes", len(ev), len(data))
	}
	for _, e := range ev {
		if e.Provider != provider {
			t.Fatalf("event from %q parsed by %s", e.Provider, provider)
		}
		switch e.Kind {
		case bsp.EventMessage:
			if e.Message == nil || e.Message.Type == "" {
				t.Fatalf("message event without a typed message: %+v", e)
			}
		case bsp.EventStatus:
			if e.StatusUpdate == nil || e.StatusUpdate.Status.Rank() < 0 {
				t.Fatalf("status event without a known status: %+v", e)
			}
			if e.StatusUpdate.Status == bsp.StatusFailed && e.StatusUpdate.Err == nil {
				t.Fatal("failed status without an error")
			}
		case bsp.EventError:
			if e.Err == nil {
				t.Fatal("error event without an error")
			}
		default:
			t.Fatalf("unknown kind %q", e.Kind)
		}
	}
}

// FuzzParseMessage feeds hostile message objects to the per-message
// decoder that every message of a body goes through on its own: it must
// never panic, and what it reads must be typed.
func FuzzParseMessage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "wh_*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		var w struct {
			Entry []struct {
				Changes []struct {
					Value struct {
						Messages []json.RawMessage `json:"messages"`
					} `json:"value"`
				} `json:"changes"`
			} `json:"entry"`
		}
		if json.Unmarshal(b, &w) != nil {
			continue
		}
		for _, e := range w.Entry {
			for _, c := range e.Changes {
				for _, m := range c.Value.Messages {
					f.Add([]byte(m))
				}
			}
		}
	}
	f.Add([]byte(`{"type":"location","location":{"latitude":"52.1","longitude":null}}`))
	f.Add([]byte(`{"type":"edit","edit":{"message":{"type":"edit"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, err := ParseMessage(data)
		if err != nil {
			if msg != nil {
				t.Fatal("message returned with an error")
			}
			return
		}
		if msg.Type == "" {
			t.Fatalf("untyped message: %+v", msg)
		}
		if msg.Type == bsp.MessageReaction && msg.ReactionRemoved != (msg.Text == "") {
			t.Fatalf("reaction removal disagrees with its emoji: %+v", msg)
		}
		if msg.Type == bsp.MessageEdit && msg.EditedType == bsp.MessageEdit {
			t.Fatal("an edit cannot contain an edit")
		}
	})
}
