package central

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/central/report"
)

// bookStore is a hand-built store: real SQLite, real sealing, rows written
// through the stores at chosen times.
type bookStore struct {
	t   *testing.T
	ctx context.Context
	st  *Store
	n   int
}

func newBookStore(t *testing.T) *bookStore {
	t.Helper()
	ctx := context.Background()
	db := openTestDB(t, t.TempDir())
	return &bookStore{t: t, ctx: ctx, st: newStore(db, testKeys(t), onPostgres())}
}

// patient creates a patient with a thread; returns patient and thread ids.
func (b *bookStore) patient(phone string, at time.Time) (string, string) {
	b.t.Helper()
	p, _, err := b.st.Patients.Upsert(b.ctx, b.st.DB, phone, "", "", at)
	if err != nil {
		b.t.Fatal(err)
	}
	th, err := b.st.Threads.ForPatient(b.ctx, b.st.DB, p.ID, at)
	if err != nil {
		b.t.Fatal(err)
	}
	return p.ID, th.ID
}

func (b *bookStore) consent(pid string, in bool, source string, at time.Time) {
	b.t.Helper()
	if _, err := b.st.Patients.SetConsent(b.ctx, b.st.DB, pid, in, source, "", at); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bookStore) inbound(thread string, at time.Time, spanTypes ...string) {
	b.t.Helper()
	b.n++
	m := &records.Message{ThreadID: thread, Type: "text", Body: "x", Masked: "x", ProviderID: fmt.Sprintf("wamid.%d", b.n), At: at}
	for _, ty := range spanTypes {
		m.Spans = append(m.Spans, api.Span{Start: 0, End: 1, Type: ty})
	}
	if _, err := b.st.Messages.InsertInbound(b.ctx, b.st.DB, m); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bookStore) outbound(thread, macro string, status bsp.Status, reason string, at time.Time) {
	b.t.Helper()
	m := &records.Message{ThreadID: thread, Type: "text", Body: "hello", Masked: "hello", MacroID: macro, Status: status, Error: reason, SentBy: "usr_desk", At: at}
	if err := b.st.Messages.InsertOutbound(b.ctx, b.st.DB, m); err != nil {
		b.t.Fatal(err)
	}
}

func (b *bookStore) audit(action, object, outcome string, detail map[string]string, at time.Time) {
	b.t.Helper()
	head, err := b.st.Audit.Head(b.ctx, b.st.DB, ServerConsoleID)
	if err != nil {
		b.t.Fatal(err)
	}
	e := audit.Link(head, api.AuditEntry{ConsoleID: ServerConsoleID, At: audit.NextTime(head, at), UserID: "usr_desk", Role: "frontdesk",
		Action: action, Object: object, Outcome: outcome, Detail: detail})
	if err := b.st.Audit.Insert(b.ctx, b.st.DB, e, at); err != nil {
		b.t.Fatal(err)
	}
}

// buildReport builds the program report from st against the server's
// default targets, as the metrics screen does.
func buildReport(ctx context.Context, st *Store, opt report.Options) (*report.Report, error) {
	if opt.HandoffSLA == 0 {
		opt.HandoffSLA = DefaultHandoffSLA
	}
	if opt.LinkTTL == 0 {
		opt.LinkTTL = DefaultLinkTTL
	}
	return report.Build(ctx, st.DB, st, opt)
}

// share is the report's share of n in of, at the rounded rate written out
// (nil when of is zero).
func share(n, of int, rate float64) report.Share {
	s := report.Share{Count: n, Of: of}
	if of > 0 {
		s.Share = &rate
	}
	return s
}

// TestReportFigures checks every figure against a store built with known
// counts, on a range of one clinic day in New York that starts and ends
// in the middle of two UTC days.
func TestReportFigures(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	b := newBookStore(t)
	// Clinic day 2026-01-15 in New York (UTC-5) is 05:00Z on the 15th to
	// 05:00Z on the 16th.
	day := time.Date(2026, 1, 15, 0, 0, 0, 0, ny)
	in := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	beforeDay := time.Date(2026, 1, 15, 3, 0, 0, 0, time.UTC) // the 14th in New York, the 15th in UTC
	lateInDay := time.Date(2026, 1, 16, 3, 0, 0, 0, time.UTC) // the 15th in New York, the 16th in UTC
	afterDay := time.Date(2026, 1, 16, 6, 0, 0, 0, time.UTC)  // the 16th in both

	var pids, threads []string
	for i := range 16 {
		pid, th := b.patient(fmt.Sprintf("+1202555%04d", 100+i), beforeDay.Add(-time.Hour))
		pids, threads = append(pids, pid), append(threads, th)
	}
	// Consent: two opted in the evening before (clinic's 14th), twelve by
	// keyword on the day (the last late in the evening), two by the web
	// form, one STOP on the day, one opt-in the next day.
	b.consent(pids[0], true, "whatsapp:start", beforeDay)
	b.consent(pids[1], true, "whatsapp:start", beforeDay)
	for i := 2; i < 13; i++ {
		b.consent(pids[i], true, "whatsapp:start", in(9, i))
	}
	b.consent(pids[13], true, "whatsapp:start", lateInDay)
	b.consent(pids[14], true, "web-form", in(10, 0))
	b.consent(pids[15], true, "web-form", in(10, 1))
	b.consent(pids[0], false, "whatsapp:stop", in(11, 0))
	b.consent(pids[1], false, "whatsapp:stop", afterDay)

	// Inbound: 14 on the day (the last at 22:00 New York), 4 of them with
	// PHI; 2 outside the day.
	for i := range 13 {
		b.inbound(threads[i], in(12, i))
	}
	b.inbound(threads[13], lateInDay, string(policy.SpanDOB), string(policy.SpanPhone))
	b.inbound(threads[0], beforeDay, string(policy.SpanDOB))
	b.inbound(threads[1], afterDay)
	// Re-label three of the day's messages as carrying PHI.
	for i, types := range [][]string{{string(policy.SpanDOB)}, {string(policy.SpanPhone)}, {string(policy.SpanEmail), string(policy.SpanPhone)}} {
		b.inbound(threads[i], in(13, i), types...)
	}
	// That makes 17 on the day: 13 plain, 1 late, 3 more with PHI.

	// Portal links: three sent on the day, one failed (not counted); two
	// opened (one of them twice); one open of a link sent the day before.
	// The server's chain is in time order: its entry before the day first.
	b.audit("message.send", "thread:"+threads[10], "refused", map[string]string{"rule": "window"}, beforeDay)
	b.outbound(threads[2], "portal-secure", bsp.StatusDelivered, "", in(14, 0))
	b.outbound(threads[3], "results-portal", bsp.StatusRead, "", in(14, 1))
	b.outbound(threads[4], "portal-secure", bsp.StatusSent, "", in(14, 2))
	b.outbound(threads[5], "portal-secure", bsp.StatusFailed, "The number is not on WhatsApp.", in(14, 3))
	b.audit("handoff.open", "thread:"+threads[2], "ok", nil, in(14, 10))
	b.audit("handoff.open", "thread:"+threads[2], "ok", nil, in(14, 20))
	b.audit("handoff.open", "thread:"+threads[3], "ok", nil, in(15, 0))
	b.audit("handoff.open", "thread:"+threads[4], "refused", map[string]string{"reason": "expired"}, in(15, 1))

	// Hand-offs: answered after 5 minutes, after 50 (past the 30-minute
	// SLA), and one never answered (hours ago by the report's clock).
	b.audit("thread.handoff", "thread:"+threads[6], "ok", nil, in(16, 0))
	b.outbound(threads[6], "", bsp.StatusDelivered, "", in(16, 5))
	b.audit("thread.handoff", "thread:"+threads[7], "ok", nil, in(16, 0))
	b.outbound(threads[7], "", bsp.StatusDelivered, "", in(16, 50))
	b.audit("thread.handoff", "thread:"+threads[8], "ok", nil, in(16, 0))

	// Refusals by rule; one refusal before the day.
	b.audit("message.send", "thread:"+threads[9], "refused", map[string]string{"rule": policy.RulePHI}, in(17, 0))
	b.audit("message.send", "thread:"+threads[9], "refused", map[string]string{"rule": policy.RulePHI}, in(17, 1))
	b.audit("message.send", "thread:"+threads[10], "refused", map[string]string{"rule": "window"}, in(17, 2))

	// Appointments on the day. Messaged in the 72h before: patients 2, 3,
	// 4, 6, 7 (the messages above, all before 17:00). Not messaged: 11, 12.
	recs := []AppointmentRecord{
		{Where: "line 2", ExternalID: "A1", Phone: "+12025550102", Start: in(18, 0), Status: AppointmentFulfilled},
		{Where: "line 3", ExternalID: "A2", Phone: "+12025550103", Start: in(18, 0), Status: AppointmentFulfilled},
		{Where: "line 4", ExternalID: "A3", Phone: "+12025550104", Start: in(18, 0), Status: AppointmentNoShow},
		{Where: "line 5", ExternalID: "A4", Phone: "+12025550106", Start: in(18, 0), Status: AppointmentCancelled, CancelledAt: in(17, 30)},
		{Where: "line 6", ExternalID: "A5", Phone: "+12025550111", Start: in(18, 0), Status: AppointmentFulfilled},
		{Where: "line 7", ExternalID: "A6", Phone: "+12025550112", Start: in(18, 0), Status: AppointmentCancelled, CancelledAt: in(-48, 0)},
		{Where: "line 8", ExternalID: "A7", Phone: "+12025550112", Start: afterDay, Status: AppointmentNoShow},
	}
	if res, err := ImportAppointments(b.ctx, b.st, recs, in(20, 0)); err != nil || len(res.Problems) > 0 || res.Added != 7 {
		t.Fatalf("import: %+v, %v", res, err)
	}

	rep, err := buildReport(b.ctx, b.st, report.Options{From: day, To: day, Zone: ny, Now: func() time.Time { return in(23, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Days; len(got) != 1 || got[0] != "2026-01-15" {
		t.Fatalf("days = %v", got)
	}
	f := rep.Total
	ptr := func(v float64) *float64 { return &v }
	checks := []struct {
		name      string
		got, want any
	}{
		{"opt_ins_by_source", f.OptInsBySource, map[string]int{"whatsapp:start": 12, "web-form": 2}},
		{"opt_outs", f.OptOuts, 1},
		// 2 before, +14 on the day, -1 STOP.
		{"active_opted_in", f.ActiveOptedIn, 15},
		{"inbound_messages", f.InboundMessages, 17},
		{"inbound_with_phi", f.InboundWithPHI, share(4, 17, 0.2353)},
		{"phi_types", f.PHITypes, map[string]int{string(policy.SpanDOB): 2, string(policy.SpanPhone): 3, string(policy.SpanEmail): 1}},
		{"portal_links_sent", f.PortalLinksSent, 3},
		{"portal_links_opened", f.PortalLinksOpened, 2},
		{"link_conversion", f.LinkConversion, share(2, 3, 0.6667)},
		// Threads with a message on the day: 0..13 inbound, 5 (failed
		// link) and the rest are among them: 14 threads.
		{"conversations_moved_to_secure", f.ConversationsMovedToSecure, share(2, 14, 0.1429)},
		{"handoffs", f.Handoffs, 3},
		{"handoff_first_response_s", f.HandoffFirstResponse, report.ResponseTimes{Answered: 2, Unanswered: 1, WithinSLA: 1, SLASeconds: 1800, P50: ptr(300), P90: ptr(3000)}},
		{"escalations", f.Escalations, 2},
		{"outbound_refusals_by_rule", f.OutboundRefusalsByRule, map[string]int{policy.RulePHI: 2, "window": 1}},
		{"delivery_failures_by_reason", f.DeliveryFailuresByReason, map[string]int{"The number is not on WhatsApp.": 1}},
		{"show_rate_messaged", f.ShowRateMessaged, share(2, 3, 0.6667)},
		{"show_rate_not_messaged", f.ShowRateNotMessaged, share(1, 1, 1)},
		{"late_cancellations_messaged", f.LateCancellationsMessaged, share(1, 4, 0.25)},
		{"late_cancellations_not_messaged", f.LateCancellationsNotMsged, share(0, 2, 0)},
		{"incidents_opened", f.IncidentsOpened, 0},
	}
	for _, c := range checks {
		g, _ := json.Marshal(c.got)
		w, _ := json.Marshal(c.want)
		if !bytes.Equal(g, w) {
			t.Errorf("%s = %s, want %s", c.name, g, w)
		}
	}
	if d := rep.ByDay["2026-01-15"]; d.InboundMessages != 17 || d.ActiveOptedIn != 15 {
		t.Errorf("the day's figures differ from the one-day range: inbound %d active %d", d.InboundMessages, d.ActiveOptedIn)
	}

	t.Run("no identifiers in any form", func(t *testing.T) {
		var all bytes.Buffer
		rep.WriteJSON(&all)
		rep.WriteCSV(&all)
		rep.WriteText(&all)
		for _, id := range append(append([]string{"+1202555", "2025550"}, pids...), threads...) {
			if strings.Contains(all.String(), id) {
				t.Errorf("report names %q", id)
			}
		}
	})
	t.Run("two days split at the clinic's midnight", func(t *testing.T) {
		rep2, err := buildReport(b.ctx, b.st, report.Options{From: day.AddDate(0, 0, -1), To: day, Zone: ny, Now: func() time.Time { return in(23, 0) }})
		if err != nil {
			t.Fatal(err)
		}
		prev := rep2.ByDay["2026-01-14"]
		if prev.InboundMessages != 1 || prev.OptInsBySource["whatsapp:start"] != 2 || prev.ActiveOptedIn != 2 || prev.OutboundRefusalsByRule["window"] != 1 {
			t.Errorf("the 14th in New York = inbound %d, opt-ins %v, active %d, refusals %v", prev.InboundMessages, prev.OptInsBySource, prev.ActiveOptedIn, prev.OutboundRefusalsByRule)
		}
		if rep2.Total.InboundMessages != 18 || rep2.ByDay["2026-01-15"].InboundMessages != 17 {
			t.Errorf("total inbound %d", rep2.Total.InboundMessages)
		}
	})
	t.Run("utc days differ", func(t *testing.T) {
		utcDay := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
		repUTC, err := buildReport(b.ctx, b.st, report.Options{From: utcDay, To: utcDay, Zone: time.UTC, Now: func() time.Time { return in(23, 0) }})
		if err != nil {
			t.Fatal(err)
		}
		// In UTC the 15th holds the early message, not the late one.
		if repUTC.Total.InboundMessages != 17 || repUTC.Total.PHITypes[string(policy.SpanDOB)] != 2 {
			t.Errorf("UTC day: inbound %d types %v", repUTC.Total.InboundMessages, repUTC.Total.PHITypes)
		}
	})
	t.Run("to before from", func(t *testing.T) {
		if _, err := buildReport(b.ctx, b.st, report.Options{From: day, To: day.AddDate(0, 0, -1), Zone: ny}); err == nil {
			t.Error("a reversed range was accepted")
		}
	})
}

// TestPurgeTakesOldAppointments: appointments go with the message
// retention, and a patient with a kept appointment is not deleted under it.
func TestPurgeTakesOldAppointments(t *testing.T) {
	b := newBookStore(t)
	now := time.Now()
	old := now.Add(-3 * maintenance.Year)
	oldP, _ := b.patient("+12025550300", old)
	keptP, _ := b.patient("+12025550301", old)
	recs := []AppointmentRecord{
		{Where: "line 2", ExternalID: "old", Phone: "+12025550300", Start: old.Add(time.Hour), Status: AppointmentFulfilled},
		{Where: "line 3", ExternalID: "new", Phone: "+12025550301", Start: now.Add(-time.Hour), Status: AppointmentNoShow},
	}
	if _, err := ImportAppointments(b.ctx, b.st, recs, now); err != nil {
		t.Fatal(err)
	}
	r := maintenance.Retention{Messages: maintenance.Year, Audit: 6 * maintenance.Year, Consent: 6 * maintenance.Year}
	rep, err := maintenance.PurgeDB(b.ctx, b.st.DB, r, maintenance.PurgeOptions{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	b.st.DB.QueryRow(`SELECT count(*) FROM appointments`).Scan(&n)
	if rep.Appointments != 1 || n != 1 {
		t.Errorf("purged %d appointments, %d left; want 1 and 1", rep.Appointments, n)
	}
	var left int
	b.st.DB.QueryRow(`SELECT count(*) FROM patients WHERE id = ?`, oldP).Scan(&left)
	if left != 0 {
		t.Errorf("the patient whose only appointment was purged is kept")
	}
	b.st.DB.QueryRow(`SELECT count(*) FROM patients WHERE id = ?`, keptP).Scan(&left)
	if left != 1 {
		t.Errorf("a patient with a kept appointment was deleted")
	}
}

// TestReportJudgesHandoffsOnTheNurseQueuesClock: the SLA clock of the
// nurse queue runs only in business hours, so a hand-off at closing time
// on Friday is due on Monday morning. The report's "within the SLA" and
// "escalations" must follow that clock: before, it counted wall-clock
// time, and a hand-off answered first thing on Monday was reported as an
// escalation the queue never raised.
func TestReportJudgesHandoffsOnTheNurseQueuesClock(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	const sla = 30 * time.Minute
	hours := policy.DefaultBusinessHours(ny) // 08:00-18:00, Monday to Friday
	friday := time.Date(2026, 1, 16, 0, 0, 0, 0, ny)
	if friday.Weekday() != time.Friday {
		t.Fatalf("%s is a %s", friday.Format(time.DateOnly), friday.Weekday())
	}
	at := func(day time.Time, h, m int) time.Time {
		return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	monday := friday.AddDate(0, 0, 3)
	b := newBookStore(t)
	// In time order: the audit chain's times only move forward.
	cases := []struct{ handoff, answered time.Time }{ // zero answered: still waiting
		{at(friday, 9, 0), time.Time{}},         // due 09:30, still waiting on Saturday: late
		{at(friday, 10, 0), at(friday, 10, 45)}, // due 10:30, answered 10:45: late
		{at(friday, 17, 50), at(monday, 8, 10)}, // due Monday 08:20, answered 08:10: within
		{at(friday, 17, 55), time.Time{}},       // due Monday 08:25, still waiting on Saturday: not late yet
	}
	for i, c := range cases {
		_, th := b.patient(fmt.Sprintf("+1202555%04d", 300+i), at(friday, 7, 0))
		b.audit("thread.handoff", "thread:"+th, "ok", nil, c.handoff)
		if !c.answered.IsZero() {
			b.outbound(th, "", bsp.StatusDelivered, "", c.answered)
		}
	}
	saturdayNoon := at(friday.AddDate(0, 0, 1), 12, 0)
	opt := report.Options{From: friday, To: friday, Zone: ny, HandoffSLA: sla, Now: func() time.Time { return saturdayNoon }}
	opt.HandoffDue = func(at time.Time) time.Time { return hours.Due(at, sla) }
	rep, err := buildReport(b.ctx, b.st, opt)
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Total
	if f.Handoffs != 4 || f.HandoffFirstResponse.Answered != 2 || f.HandoffFirstResponse.Unanswered != 2 {
		t.Fatalf("hand-offs %d, answered %d, waiting %d; want 4, 2, 2", f.Handoffs, f.HandoffFirstResponse.Answered, f.HandoffFirstResponse.Unanswered)
	}
	if f.HandoffFirstResponse.WithinSLA != 1 {
		t.Errorf("within the SLA: %d, want 1 (the hand-off at closing answered on Monday morning)", f.HandoffFirstResponse.WithinSLA)
	}
	if f.Escalations != 2 {
		t.Errorf("escalations: %d, want 2 (the late answer and the morning hand-off still waiting)", f.Escalations)
	}
	// The waits stay wall-clock: how long the patients waited.
	if p90 := f.HandoffFirstResponse.P90; p90 == nil || *p90 < at(monday, 8, 10).Sub(at(friday, 17, 50)).Seconds() {
		t.Errorf("p90 wait %v s; the weekend wait should show in full", p90)
	}
}
