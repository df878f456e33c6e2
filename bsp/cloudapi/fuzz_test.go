package cloudapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/clinicwa/triage/bsp"
)

// FuzzParseWebhook feeds hostile bodies to the parser: it must never panic,
// and every event it returns must be internally consistent.
func FuzzParseWebhook(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "wh_*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"type":"text","timestamp":"-1"}]}}]}]}`))
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"status":"failed","errors":[]}]}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := ParseWebhook(data)
		if err != nil {
			if ev != nil {
				t.Fatal("events returned with an error")
			}
			return
		}
		if len(ev) > len(data) {
			t.Fatalf("%d events from %d bytes", len(ev), len(data))
		}
		for _, e := range ev {
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
	})
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
