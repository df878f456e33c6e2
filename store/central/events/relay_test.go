package events

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

// TestNoticesCarryIdsOnlyAndFitPostgresPayloads: what one node tells the
// others holds no thread summary (masked text, labels), stays under
// PostgreSQL's 8000-byte payload cap however many events are batched,
// and reads back as the same events.
func TestNoticesCarryIdsOnlyAndFitPostgresPayloads(t *testing.T) {
	h := NewHub(nil, nil)
	defer h.Close()
	h.MarkClinical("thr_clinical")
	r := &Relay{node: "node_a", hub: h}
	var batch []api.Event
	for i := range 600 {
		th := fmt.Sprintf("thr_%04d", i)
		if i == 7 {
			th = "thr_clinical"
		}
		batch = append(batch, api.Event{Type: api.EventMessageNew, ThreadID: th, MessageID: fmt.Sprintf("msg_%04d", i), Status: "queued",
			Thread: &api.ThreadSummary{ID: th, PatientLabel: "Patient 7K2Q", Preview: "Zebulon Quixote, DOB 03/04/1961"}})
	}
	r.lost.Store(true)
	payloads := r.notices(batch)
	if len(payloads) < 2 {
		t.Fatalf("600 events in %d notice(s): they cannot fit one payload", len(payloads))
	}
	var got []noticeEvent
	for i, p := range payloads {
		if len(p) > 8000 {
			t.Fatalf("notice %d is %d bytes; PostgreSQL refuses payloads over 8000", i, len(p))
		}
		for _, leak := range []string{"Zebulon", "1961", "Patient 7K2Q", "preview"} {
			if strings.Contains(p, leak) {
				t.Fatalf("notice %d carries %q: %s", i, leak, p[:200])
			}
		}
		var n nodeNotice
		if err := json.Unmarshal([]byte(p), &n); err != nil {
			t.Fatal(err)
		}
		if n.Node != "node_a" || n.Resync != (i == 0) {
			t.Fatalf("notice %d: node %q resync %v; want node_a, resync on the first only (events were lost before it)", i, n.Node, n.Resync)
		}
		got = append(got, n.Events...)
	}
	if len(got) != len(batch) {
		t.Fatalf("%d events read back, want %d", len(got), len(batch))
	}
	for i, e := range got {
		if e.ThreadID != batch[i].ThreadID || e.MessageID != batch[i].MessageID || e.Type != batch[i].Type || e.Clinical != (e.ThreadID == "thr_clinical") {
			t.Fatalf("event %d read back as %+v", i, e)
		}
	}
}
