package cloudapi

import (
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
