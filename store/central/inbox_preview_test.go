package central

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/assets"
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
	// A new number gets the clinic's first-message explanation: it went
	// out (its status is on the row), but the patient's words stay the
	// preview and the clinic has not answered yet.
	rows := e.threads(desk)
	if len(rows) != 1 || rows[0].LastFromClinic || !rows[0].LastOutAuto || rows[0].LastOutStatus == "" ||
		rows[0].Preview != "Can I move my appointment?" {
		t.Fatalf("after the explanation: %+v, want the patient's text with the automatic reply's status beside it", rows)
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
}

// TestRowPreviewsWhatAPersonLastSaid: a new patient's row, in the inbox,
// its pages, its changes and the Unanswered queue, previews the patient's
// masked question, not the first-message explanation every new number is
// sent, so the front desk sees what the patient wants without opening the
// thread. A staff reply takes the row; a later automatic text (the
// confirmation of a recorded opt-in, the PHI advisory) does not.
func TestRowPreviewsWhatAPersonLastSaid(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	e.patientWrites(newNumber, "Can I move my appointment to Friday? My date of birth is 04/12/1981")
	id := e.threadFor(desk, newNumber)
	e.waitSent(newNumber, 1) // the explanation
	var question string
	for _, m := range e.thread(desk, id).Messages {
		if m.Direction == "in" {
			question = m.Masked
		}
	}
	if question == "" || strings.Contains(question, "1981") || !strings.Contains(question, "Can I move my appointment to Friday?") {
		t.Fatalf("the stored question is %q, want it masked", question)
	}
	row := func(when string) api.ThreadSummary {
		t.Helper()
		var got []api.ThreadSummary
		for _, list := range [][]api.ThreadSummary{
			e.threads(desk),
			e.inboxPage(desk, "", 10).Threads,
			e.inboxChanges(desk, 0).Threads,
		} {
			for _, ts := range list {
				if ts.ID == id {
					got = append(got, ts)
				}
			}
		}
		if len(got) != 3 {
			t.Fatalf("%s: the thread is on %d of the inbox, its page and its changes, want all 3", when, len(got))
		}
		for _, ts := range got[1:] {
			if ts.Preview != got[0].Preview || ts.LastFromClinic != got[0].LastFromClinic || ts.LastOutAuto != got[0].LastOutAuto {
				t.Fatalf("%s: the inbox says %+v but a page or the changes say %+v", when, got[0], ts)
			}
		}
		return got[0]
	}
	unanswered := func() []api.ThreadSummary {
		t.Helper()
		return e.queue(desk, url.Values{"queue": {"unanswered"}}).Threads
	}

	if r := row("new patient"); r.Preview != question || r.LastFromClinic || !r.LastOutAuto {
		t.Fatalf("new patient's row %+v, want the question %q and the automatic reply marked", r, question)
	}
	if q := unanswered(); len(q) != 1 || q[0].ID != id || q[0].Preview != question {
		t.Fatalf("Unanswered %+v, want the new patient's row previewing the question", q)
	}

	// The front desk records the patient's verbal opt-in: the
	// confirmation goes out on its own and leaves the question on the row.
	e.clock.Advance(time.Minute)
	en, _ := assets.CurrentConsentText(assets.ConsentExplanation, "en")
	var cr api.ConsentResponse
	if code := e.do("POST", api.Version+"/threads/"+id+"/consent", desk, api.ConsentRequest{Action: api.ConsentActionOptIn,
		Channel: api.ConsentByFrontDeskVerbal, TextVersion: en.Version}, &cr); code != 200 || !cr.ConfirmationSent {
		t.Fatalf("verbal opt-in: %d %+v", code, cr)
	}
	if r := row("after the opt-in confirmation"); r.Preview != question || !r.LastOutAuto {
		t.Fatalf("after the opt-in confirmation the row is %+v, want the question still", r)
	}

	// A person answers: the reply is the row, with its own status.
	e.clock.Advance(time.Minute)
	reply := "Friday at 10 works, see you then."
	e.reply(desk, id, reply)
	r := row("after the reply")
	if r.Preview != reply || !r.LastFromClinic || r.LastOutAuto || r.LastOutStatus == "" {
		t.Fatalf("after the reply the row is %+v, want the reply with its status", r)
	}
	if q := unanswered(); len(q) != 0 {
		t.Errorf("Unanswered after the reply: %+v, want empty", q)
	}

	// A later automatic text (the PHI advisory the front desk asks the
	// server to send) does not take the row from the reply.
	e.clock.Advance(time.Minute)
	if code := e.do("POST", api.Version+"/threads/"+id+"/phi-preference", desk, struct{}{}, nil); code != 204 {
		t.Fatalf("PHI advisory: %d", code)
	}
	e.waitSent(newNumber, 4)
	if r := row("after the advisory"); r.Preview != reply || r.LastFromClinic || !r.LastOutAuto {
		t.Fatalf("after the advisory the row is %+v, want the reply still, the advisory marked as an automatic reply", r)
	}
}
