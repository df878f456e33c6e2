package central

import (
	"testing"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// A message refused for quiet hours is scheduled for the patient's next
// allowed minute; it survives a restart of the central endpoint and goes
// out once, at 08:00 the patient's time. A second schedule is cancelled
// and never goes; cancelling twice is refused.
func TestQuietHoursScheduleSurvivesRestartAndSendsOnce(t *testing.T) {
	e := newEnv(t)
	london, _ := time.LoadLocation("Europe/London")
	// Move both clocks to 21:00 London, when the patient writes.
	now := time.Now().In(london)
	at21 := time.Date(now.Year(), now.Month(), now.Day(), 21, 0, 0, 0, london)
	if !at21.After(now) {
		at21 = at21.AddDate(0, 0, 1)
	}
	advance := func(d time.Duration) { e.clock.Advance(d); e.sim.Advance(d) }
	advance(time.Until(at21))
	e.patientWrites(patientUK, "Can someone tell me the parking code?")
	advance(time.Hour) // 22:00: quiet, and the patient wrote over 30 minutes ago
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	req := api.SendRequest{IdempotencyKey: "late-1", MacroID: "parking-directions"}
	if code, _, ref := e.send(desk, id, req); code != 422 || ref.Rule != policy.RuleQuietHours {
		t.Fatalf("send at 22:00 London: %d %+v, want the quiet-hours refusal", code, ref)
	}
	var sr api.ScheduleResponse
	if code := e.do("POST", api.Version+"/threads/"+id+"/schedule", desk, req, &sr); code != 200 {
		t.Fatalf("schedule: %d", code)
	}
	want := time.Date(at21.Year(), at21.Month(), at21.Day(), 8, 0, 0, 0, london).AddDate(0, 0, 1)
	if !sr.Scheduled.DueAt.Equal(want) {
		t.Fatalf("due at %s, want %s (08:00 London)", sr.Scheduled.DueAt.In(london), want)
	}
	var again api.ScheduleResponse
	e.do("POST", api.Version+"/threads/"+id+"/schedule", desk, req, &again)
	if again.Scheduled.ID != sr.Scheduled.ID {
		t.Fatalf("a retried schedule made a second one: %s and %s", sr.Scheduled.ID, again.Scheduled.ID)
	}
	var other api.ScheduleResponse
	e.do("POST", api.Version+"/threads/"+id+"/schedule", desk, api.SendRequest{IdempotencyKey: "late-2", MacroID: "hours"}, &other)
	if code := e.do("DELETE", api.Version+"/scheduled/"+other.Scheduled.ID, desk, nil, nil); code != 204 {
		t.Fatalf("cancel: %d", code)
	}
	if code := e.do("DELETE", api.Version+"/scheduled/"+other.Scheduled.ID, desk, nil, nil); code != 409 {
		t.Fatalf("second cancel: %d, want 409", code)
	}
	d := e.thread(desk, id)
	if len(d.Scheduled) != 2 {
		t.Fatalf("thread shows %d scheduled messages, want 2", len(d.Scheduled))
	}

	// triaged stops; it is 08:00:30 London when it starts again.
	e.stop()
	if n := len(e.sentTo(patientUK)); n != 0 {
		t.Fatalf("%d messages went out during quiet hours", n)
	}
	advance(want.Add(30 * time.Second).Sub(e.clock.Now()))
	e.start()
	sent := e.waitSent(patientUK, 1)
	time.Sleep(3 * scheduleEvery) // time enough for a second copy, were there one
	sent = e.sentTo(patientUK)
	if len(sent) != 1 {
		t.Fatalf("the patient received %d messages, want the scheduled one once", len(sent))
	}
	if got := sent[0].At.In(london); got.Before(want) {
		t.Errorf("sent at %s London, before 08:00", got.Format("15:04"))
	}
	desk = e.login("desk")
	for _, s := range e.thread(desk, id).Scheduled {
		switch s.ID {
		case sr.Scheduled.ID:
			if s.State != "sent" {
				t.Errorf("the due schedule is %q, want sent", s.State)
			}
		case other.Scheduled.ID:
			if s.State != "cancelled" {
				t.Errorf("the cancelled schedule is %q", s.State)
			}
		}
	}
}
