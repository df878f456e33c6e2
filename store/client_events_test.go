package store

import (
	"context"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

// TestReadEventsUnderstandsResync: the frame the server ends a stream
// with when the console fell behind reaches the console as an
// api.EventResync, after the events before it.
func TestReadEventsUnderstandsResync(t *testing.T) {
	stream := ": connected\n\n" +
		"id: 7\ndata: {\"seq\":7,\"type\":\"thread.updated\",\"thread_id\":\"thr_1\"}\n\n" +
		"event: resync\ndata: {\"type\":\"resync\"}\n\n"
	ch := make(chan api.Event, 4)
	readEvents(context.Background(), strings.NewReader(stream), ch)
	close(ch)
	var got []api.EventType
	for ev := range ch {
		got = append(got, ev.Type)
	}
	if len(got) != 2 || got[0] != api.EventThreadUpdated || got[1] != api.EventResync {
		t.Fatalf("events %v, want thread.updated then resync", got)
	}
}
