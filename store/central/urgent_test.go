package central

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// safetyRepliesTo counts the safety replies the simulated provider
// received for phone.
func (e *env) safetyRepliesTo(phone string, lang policy.Language) int {
	n := 0
	for _, m := range e.sentTo(phone) {
		if m.Text == policy.DefaultSafetyReply[lang] {
			n++
		}
	}
	return n
}

// An urgent message in English (opted-in patient) and one in Spanish (a
// new number that never opted in) each get exactly one safety reply in
// their language, through the real provider adapter and the simulator,
// and their threads are marked urgent at the top of the inbox; a
// duplicate delivery and a restart change nothing; the nurse's stream
// carries the alert.
func TestUrgentMessagesGetOneSafetyReplyAndAMark(t *testing.T) {
	e := newEnv(t)
	nurse := e.login("nurse")
	e.acknowledge(nurse)
	desk := e.login("desk")
	e.acknowledge(desk)
	_, _, events := openStream(t, e, nurse)

	e.patientWrites(patientUS, "what time do you open tomorrow?")
	body := inboundJSON("wamid.urgent-en", patientUK[1:], "Zebulon Quixote", "i have CHEST PIAN and cant breath!!")
	if code := e.postWebhook(body, true); code != 200 {
		t.Fatalf("webhook: %d", code)
	}
	e.postWebhook(body, true) // the provider's duplicate delivery
	e.patientWrites(newNumber, "Hola, me duele mucho el pecho y no puedo respirar.")

	e.waitSent(patientUK, 1)
	e.waitSent(newNumber, 2) // the explanation and the safety reply

	alerts := map[string]bool{}
	deadline := time.After(5 * time.Second)
	for len(alerts) < 2 {
		select {
		case ev := <-events:
			if ev.Type == api.EventThreadUrgent {
				alerts[ev.ThreadID] = true
			}
		case <-deadline:
			t.Fatalf("nurse's stream carried %d urgent alerts, want 2", len(alerts))
		}
	}

	// A restart and the same webhook once more: the message is known, no
	// second reply. The stop waits for the replies to be recorded: one
	// cut short by the stop would be held in doubt for minutes, which is
	// the in-doubt tests' subject, not this one's.
	outboxDrained := func() bool {
		var n int
		e.srv.db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE state = 'pending'`).Scan(&n)
		return n == 0
	}
	waitFor(t, "the replies to be recorded", outboxDrained)
	e.stop()
	e.start()
	e.postWebhook(body, true)
	e.flush()
	waitFor(t, "the outbox to drain", outboxDrained)

	if n := e.safetyRepliesTo(patientUK, policy.LangEnglish); n != 1 {
		t.Errorf("English patient received %d safety replies, want exactly 1 (all sent: %+v)", n, e.sentTo(patientUK))
	}
	if n := e.safetyRepliesTo(newNumber, policy.LangSpanish); n != 1 {
		t.Errorf("Spanish patient received %d safety replies, want exactly 1 (all sent: %+v)", n, e.sentTo(newNumber))
	}
	if e.count("urgent_messages") != 2 {
		t.Errorf("urgent_messages holds %d rows, want 2", e.count("urgent_messages"))
	}

	list := e.threads(desk)
	if len(list) != 3 || !list[0].Urgent || !list[1].Urgent || list[2].Urgent {
		t.Fatalf("inbox order = %+v, want the two urgent threads first and the routine one last", list)
	}
	for _, phone := range []string{patientUK, newNumber} {
		id := e.threadFor(desk, phone)
		d := e.thread(desk, id)
		if !d.Thread.Urgent || d.Thread.UrgentAt.IsZero() || !alerts[id] {
			t.Errorf("thread of %s: urgent=%v at=%v alerted=%v, want marked, timed and alerted", phone, d.Thread.Urgent, d.Thread.UrgentAt, alerts[id])
		}
		last := d.Messages[len(d.Messages)-1]
		if last.Direction != "out" || last.MacroID != safetyReplyLabel {
			t.Errorf("thread of %s ends with %+v, want the safety reply", phone, last)
		}
	}
	// The audit entry names the categories, never the words.
	var detail string
	e.srv.db.QueryRow(`SELECT detail FROM audit WHERE action = ? LIMIT 1`, ActionUrgentFlag).Scan(&detail)
	if !strings.Contains(detail, "chest_pain") || strings.Contains(strings.ToLower(detail), "pecho") || strings.Contains(strings.ToLower(detail), "pian") {
		t.Errorf("urgent audit detail = %q, want categories without the patient's words", detail)
	}
}

// A patient who sent STOP is not written to, even in an emergency (their
// STOP stands); the thread is still marked and staff alerted.
func TestUrgentAfterStopMarksWithoutReply(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	e.acknowledge(desk)
	e.patientWrites(patientUK, "STOP")
	before := len(e.waitSent(patientUK, 1)) // the opt-out confirmation
	e.patientWrites(patientUK, "my husband passed out and won't wake up")
	time.Sleep(100 * time.Millisecond)
	if got := len(e.sentTo(patientUK)); got != before {
		t.Fatalf("opted-out patient received %d more messages, want none", got-before)
	}
	d := e.thread(desk, e.threadFor(desk, patientUK))
	if !d.Thread.Urgent {
		t.Fatal("thread not marked urgent")
	}
}

func TestSafetyRepliesMustCarryNoPHI(t *testing.T) {
	for _, tc := range []struct {
		replies map[string]string
		ok      bool
	}{
		{nil, true},
		{map[string]string{"en": policy.DefaultSafetyReply[policy.LangEnglish], "es": policy.DefaultSafetyReply[policy.LangSpanish]}, true},
		{map[string]string{"en": "If this is an emergency call 911. Your HIV test came back positive."}, false},
		{map[string]string{"fr": "Appelez le 15."}, false},
	} {
		if err := CheckSafetyReplies(tc.replies, policy.ClinicProfile{}); (err == nil) != tc.ok {
			t.Errorf("CheckSafetyReplies(%v) = %v, want ok=%v", tc.replies, err, tc.ok)
		}
	}
}
