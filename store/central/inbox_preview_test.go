package central

import (
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// TestPreviewSaysWhoWroteLast: the inbox row says whether its preview is
// the clinic's own message, so a console puts the delivery status only
// on the clinic's message and never in front of the patient's new text.
func TestPreviewSaysWhoWroteLast(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	phone := inboxPatients(1)[0]
	e.patientWrites(phone, "Can I move my appointment?")
	e.outboundSettled(desk)
	// A new number gets the clinic's first-message explanation: the
	// clinic wrote last.
	rows := e.threads(desk)
	if len(rows) != 1 || !rows[0].LastFromClinic || rows[0].LastOutStatus == "" {
		t.Fatalf("after the explanation: %+v, want the clinic's message last with its status", rows)
	}
	e.clock.Advance(time.Minute)
	e.patientWrites(phone, "Is Thursday possible?")
	rows = e.threads(desk)
	if len(rows) != 1 || rows[0].LastFromClinic || rows[0].Preview != "Is Thursday possible?" {
		t.Fatalf("after the patient wrote: %+v, want the patient's text as the preview, not the clinic's", rows)
	}
	// The same row rides on live events and inbox changes.
	ch := e.inboxChanges(desk, 0)
	if ch.Reset {
		ch.Threads = e.inboxPage(desk, "", 10).Threads
	}
	for _, th := range ch.Threads {
		if th.ID == rows[0].ID && th.LastFromClinic {
			t.Errorf("changes row says the clinic wrote last: %+v", th)
		}
	}
	_ = api.ThreadOpen
}
