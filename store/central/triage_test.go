package central

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/device"
)

// triagePassword is every extra seeded colleague's password in these tests.
const triagePassword = "copper-willow-beacon-55"

// triageEnv is a clinic with a supervisor ("boss"), extra front-desk
// colleagues desk1..deskN, a 2-hour SLA on a clock that never stops (so
// the tests do not depend on the day of the week) and a fast sweeper.
func triageEnv(t *testing.T, desks int, opts ...envOpt) *env {
	t.Helper()
	all := append([]envOpt{func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
		for i := 1; i <= desks; i++ {
			c.SeedUsers = append(c.SeedUsers, SeedUser{Username: fmt.Sprintf("desk%d", i), Password: triagePassword, Role: "frontdesk"})
		}
		// The tests move the clock by hours; sessions outlast that.
		c.IdleTimeout, c.SessionTTL = 12*time.Hour, 24*time.Hour
		c.SeedOptIns = append(c.SeedOptIns, inboxPatients(8)...)
		h := policy.AlwaysOpen()
		c.BusinessHours, c.HandoffSLA, c.SLASweepInterval = &h, 2*time.Hour, 20*time.Millisecond
	}}, opts...)
	return newEnv(t, all...)
}

// loginAs signs a seeded colleague in (with a device) and acknowledges
// the messaging policy.
func (e *env) loginAs(user, password string) string {
	e.t.Helper()
	var lr api.LoginResponse
	p := device.SignIn(testDevice(user), user)
	code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: user, Password: password, ConsoleID: p.DeviceID, Device: &p}, &lr)
	if code != 200 {
		e.t.Fatalf("login %s: %d", user, code)
	}
	e.acknowledge(lr.Token)
	return lr.Token
}

func (e *env) queue(token string, q url.Values) api.ThreadPage {
	e.t.Helper()
	var p api.ThreadPage
	if code := e.do("GET", api.Version+"/inbox?"+q.Encode(), token, nil, &p); code != 200 {
		e.t.Fatalf("inbox %s: %d", q.Encode(), code)
	}
	return p
}

func (e *env) act(token, id string, act policy.ThreadAct, req api.ThreadActRequest) (int, api.ThreadActResult) {
	e.t.Helper()
	var res api.ThreadActResult
	code := e.do("POST", api.Version+"/threads/"+id+"/"+string(act), token, req, &res)
	return code, res
}

func ids(list []api.ThreadSummary) []string {
	out := make([]string, len(list))
	for i, ts := range list {
		out[i] = ts.ID
	}
	return out
}

func (e *env) auditCount(action, outcome, object string) int {
	e.t.Helper()
	var n int
	if err := e.srv.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = ? AND outcome = ? AND object = ?`, action, outcome, object).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) reply(token, id, text string) {
	e.t.Helper()
	var ref api.Refusal
	if code := e.do("POST", api.Version+"/threads/"+id+"/send", token, api.SendRequest{Text: text, IdempotencyKey: "r-" + id + text}, &ref); code != 200 {
		e.t.Fatalf("reply: %d %+v", code, ref)
	}
}

// TestQueuesSortAndFilterOnTheServer: Unanswered is oldest wait first
// with its wait clock; a reply moves a thread to Waiting on patient and a
// new patient message brings it back; Mine, owner, language, state mark,
// waiting-longer-than and the masked-text search each narrow the page;
// bad filters are refused with a reason.
func TestQueuesSortAndFilterOnTheServer(t *testing.T) {
	e := triageEnv(t, 0)
	desk := e.login("desk")
	ps := inboxPatients(4)
	e.patientWrites(ps[0], "Can I move my appointment to Friday?")
	e.clock.Advance(10 * time.Minute)
	e.patientWrites(ps[1], "Hola, necesito una cita para mañana por favor")
	e.clock.Advance(10 * time.Minute)
	e.patientWrites(ps[2], "Where do I park?")
	e.clock.Advance(10 * time.Minute)
	e.patientWrites(ps[3], "I have chest pain")
	e.outboundSettled(desk)
	first, second, third, urgent := e.threadFor(desk, ps[0]), e.threadFor(desk, ps[1]), e.threadFor(desk, ps[2]), e.threadFor(desk, ps[3])

	un := e.queue(desk, url.Values{"queue": {"unanswered"}})
	if got, want := ids(un.Threads), []string{urgent, first, second, third}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("unanswered order %v, want urgent first then oldest wait first %v", got, want)
	}
	if un.Threads[1].WaitingSince.IsZero() || un.Threads[1].Queue != api.QueueUnanswered {
		t.Fatalf("unanswered row without its wait clock: %+v", un.Threads[1])
	}
	if un.Queues[api.QueueUnanswered] != 4 || un.Queues[api.QueueWaiting] != 0 {
		t.Fatalf("queue counts %v", un.Queues)
	}
	// The first-message explanation and the safety reply are the
	// system's, not an answer: everything is still unanswered. A person's
	// reply moves the thread to Waiting on patient.
	e.reply(desk, third, "Parking is behind the clinic.")
	wait := e.queue(desk, url.Values{"queue": {"waiting"}})
	if len(wait.Threads) != 1 || wait.Threads[0].ID != third || !wait.Threads[0].WaitingSince.IsZero() {
		t.Fatalf("waiting on patient: %v", ids(wait.Threads))
	}
	e.patientWrites(ps[2], "Thanks, and is it free?")
	if q := e.queue(desk, url.Values{"queue": {"unanswered"}}); len(q.Threads) != 4 {
		t.Fatalf("a new patient message did not bring the thread back to unanswered: %v", ids(q.Threads))
	}

	// Mine and owner.
	if code, res := e.act(desk, second, policy.ActClaim, api.ThreadActRequest{}); code != 200 || res.Thread.Owner != "desk" || !res.Visible {
		t.Fatalf("claim: %d %+v", code, res)
	}
	for _, q := range []url.Values{{"queue": {"mine"}}, {"owner": {"me"}}, {"owner": {"desk"}}} {
		if got := e.queue(desk, q); len(got.Threads) != 1 || got.Threads[0].ID != second {
			t.Errorf("%s: %v", q.Encode(), ids(got.Threads))
		}
	}
	if got := e.queue(desk, url.Values{"owner": {"none"}, "queue": {"unanswered"}}); len(got.Threads) != 3 {
		t.Errorf("unowned: %v", ids(got.Threads))
	}
	if got := e.queue(desk, url.Values{}); got.Queues[api.QueueMine] != 1 {
		t.Errorf("mine count %v", got.Queues)
	}
	// Language, mark, waiting longer than.
	if got := e.queue(desk, url.Values{"lang": {"es"}}); len(got.Threads) != 1 || got.Threads[0].ID != second || got.Threads[0].Lang != "es" {
		t.Errorf("lang es: %v", ids(got.Threads))
	}
	if got := e.queue(desk, url.Values{"mark": {"urgent"}}); len(got.Threads) != 1 || got.Threads[0].ID != urgent {
		t.Errorf("urgent: %v", ids(got.Threads))
	}
	if got := e.queue(desk, url.Values{"queue": {"unanswered"}, "waiting_over": {"25m"}}); strings.Join(ids(got.Threads), ",") != strings.Join([]string{first}, ",") {
		// first waited 30 minutes; second 20; the others less.
		t.Errorf("waiting over 25m: %v", ids(got.Threads))
	}
	// Search runs over masked text on the server.
	s := e.queue(desk, url.Values{"q": {"PARK"}})
	if len(s.Threads) != 1 || s.Threads[0].ID != third || s.Search == nil || s.Search.Scanned != 4 {
		t.Errorf("search park: %v %+v", ids(s.Threads), s.Search)
	}
	if got := e.queue(desk, url.Values{"q": {"friday"}, "queue": {"unanswered"}}); len(got.Threads) != 1 || got.Threads[0].ID != first {
		t.Errorf("search friday: %v", ids(got.Threads))
	}
	// Bad filters.
	for _, q := range []string{"queue=later", "mark=shiny", "lang=fr", "waiting_over=soon", "queue=unanswered&after=0.1.2.x", "q=" + strings.Repeat("a", 201)} {
		var er api.Error
		if code := e.do("GET", api.Version+"/inbox?"+q, desk, nil, &er); code != http.StatusBadRequest || er.Error == "" {
			t.Errorf("%s: %d %q", q, code, er.Error)
		}
	}
}

// TestSearchNeverMatchesPHI: masked text is what is searched, so a name
// or number the patient wrote cannot be found, while the words around it
// can.
func TestSearchNeverMatchesPHI(t *testing.T) {
	e := triageEnv(t, 0)
	desk := e.login("desk")
	e.patientWrites(patientUK, "My name is Zebulon Quixote and my number is 07700 900456, I need a refill")
	e.outboundSettled(desk)
	for _, needle := range []string{"Quixote", "900456"} {
		if got := e.queue(desk, url.Values{"q": {needle}}); len(got.Threads) != 0 {
			t.Errorf("search %q found %v: PHI is searchable", needle, ids(got.Threads))
		}
	}
	if got := e.queue(desk, url.Values{"q": {"refill"}}); len(got.Threads) != 1 {
		t.Errorf("search refill: %v", ids(got.Threads))
	}
}

// TestSearchIsBoundedAndContinues: a search that reaches its scan budget
// stops, says so, and its Next continues where it stopped.
func TestSearchPagesContinueAfterTheLastRowLooked(t *testing.T) {
	e := triageEnv(t, 0)
	desk := e.login("desk")
	ps := inboxPatients(5)
	for i, p := range ps {
		text := "Just saying hello"
		if i%2 == 0 {
			text = "Need a refill please"
		}
		e.patientWrites(p, text)
		e.clock.Advance(time.Minute)
	}
	e.outboundSettled(desk)
	var got []string
	after := ""
	for pages := 0; pages < 5; pages++ {
		q := url.Values{"q": {"refill"}, "limit": {"1"}}
		if after != "" {
			q.Set("after", after)
		}
		p := e.queue(desk, q)
		got = append(got, ids(p.Threads)...)
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	if len(got) != 3 {
		t.Fatalf("paged search found %v, want the three refill threads once each", got)
	}
}

// TestThreadStepsFollowThePermissionMatrixOverHTTP runs each workflow
// step as each role through the real API: who may, who gets a 403 with a
// reason, and which situations are a 409.
func TestThreadStepsFollowThePermissionMatrixOverHTTP(t *testing.T) {
	e := triageEnv(t, 1)
	desk, desk1, nurse, boss := e.login("desk"), e.loginAs("desk1", triagePassword), e.login("nurse"), e.login("boss")
	admin := e.login("admin")
	ps := inboxPatients(3)
	for _, p := range ps {
		e.patientWrites(p, "Can I book a flu shot?")
	}
	a, b, c := e.threadFor(desk, ps[0]), e.threadFor(desk, ps[1]), e.threadFor(desk, ps[2])

	steps := []struct {
		name  string
		token string
		id    string
		act   policy.ThreadAct
		req   api.ThreadActRequest
		want  int
		owner string
	}{
		{"admin cannot claim", admin, a, policy.ActClaim, api.ThreadActRequest{}, 403, ""},
		{"front desk claims", desk, a, policy.ActClaim, api.ThreadActRequest{}, 200, "desk"},
		{"claiming again is a no-op", desk, a, policy.ActClaim, api.ThreadActRequest{}, 200, "desk"},
		{"a colleague cannot claim it", desk1, a, policy.ActClaim, api.ThreadActRequest{}, 409, "desk"},
		{"a colleague cannot release it", desk1, a, policy.ActRelease, api.ThreadActRequest{}, 403, "desk"},
		{"a colleague cannot close it", desk1, a, policy.ActClose, api.ThreadActRequest{Outcome: "answered"}, 403, "desk"},
		{"front desk cannot assign", desk, a, policy.ActAssign, api.ThreadActRequest{User: "desk1"}, 403, "desk"},
		{"nurse cannot assign", nurse, a, policy.ActAssign, api.ThreadActRequest{User: "desk1"}, 403, "desk"},
		{"supervisor assigns", boss, a, policy.ActAssign, api.ThreadActRequest{User: "desk1"}, 200, "desk1"},
		{"assign to nobody", boss, a, policy.ActAssign, api.ThreadActRequest{User: "ghost"}, 400, "desk1"},
		{"assign to an admin", boss, a, policy.ActAssign, api.ThreadActRequest{User: "admin"}, 403, "desk1"},
		{"owner releases", desk1, a, policy.ActRelease, api.ThreadActRequest{}, 200, ""},
		{"nothing to release", desk1, a, policy.ActRelease, api.ThreadActRequest{}, 409, ""},
		{"close needs an outcome", desk, a, policy.ActClose, api.ThreadActRequest{}, 400, ""},
		{"close with free text", desk, a, policy.ActClose, api.ThreadActRequest{Outcome: "sorted it"}, 400, ""},
		{"front desk closes", desk, a, policy.ActClose, api.ThreadActRequest{Outcome: "appointment_booked"}, 200, ""},
		{"already closed", desk, a, policy.ActClose, api.ThreadActRequest{Outcome: "answered"}, 409, ""},
		{"claim a closed thread", desk, a, policy.ActClaim, api.ThreadActRequest{}, 409, ""},
		{"reopen", desk, a, policy.ActReopen, api.ThreadActRequest{}, 200, ""},
		{"reopen an open thread", desk, a, policy.ActReopen, api.ThreadActRequest{}, 409, ""},
		{"escalate needs a reason", desk, b, policy.ActEscalate, api.ThreadActRequest{}, 400, ""},
		{"escalate with a long reason", desk, b, policy.ActEscalate, api.ThreadActRequest{Reason: strings.Repeat("x", 501)}, 400, ""},
		{"front desk escalates", desk, b, policy.ActEscalate, api.ThreadActRequest{Reason: "Patient is upset about a bill"}, 200, ""},
		{"escalate twice", desk1, b, policy.ActEscalate, api.ThreadActRequest{Reason: "again"}, 409, ""},
		{"front desk cannot claim an escalation", desk1, b, policy.ActClaim, api.ThreadActRequest{}, 403, ""},
		{"front desk cannot return it", desk, b, policy.ActReturn, api.ThreadActRequest{}, 403, ""},
		{"supervisor returns it to the front desk", boss, b, policy.ActReturn, api.ThreadActRequest{}, 200, ""},
		{"return twice", boss, b, policy.ActReturn, api.ThreadActRequest{}, 409, ""},
		{"nurse claims front-desk work", nurse, c, policy.ActClaim, api.ThreadActRequest{}, 200, "nurse"},
		{"nurse cannot take over", desk, c, policy.ActTakeOver, api.ThreadActRequest{}, 403, "nurse"},
		{"supervisor takes over", boss, c, policy.ActTakeOver, api.ThreadActRequest{}, 200, "boss"},
		{"unknown thread", desk, "thr_nope", policy.ActClaim, api.ThreadActRequest{}, 404, ""},
	}
	for _, s := range steps {
		var er api.Error
		code := e.do("POST", api.Version+"/threads/"+s.id+"/"+string(s.act), s.token, s.req, &er)
		if code != s.want {
			t.Fatalf("%s: %d %q, want %d", s.name, code, er.Error, s.want)
		}
		if code >= 400 && (er.Error == "" || (code != 400 && strings.Contains(er.Error, "_"))) {
			t.Errorf("%s: refusal %q is not a plain sentence", s.name, er.Error)
		}
		if s.id != "thr_nope" {
			ts, err := e.srv.store.Threads.Summary(t.Context(), e.srv.db, s.id, "", time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if ts.Owner != s.owner {
				t.Fatalf("%s: owner %q, want %q", s.name, ts.Owner, s.owner)
			}
		}
	}
	// Every step, allowed or refused, is in the audit log.
	for action, want := range map[string][2]int{
		"thread.claim": {2, 4}, "thread.assign": {1, 3}, "thread.release": {1, 2}, "thread.close": {1, 2},
		"thread.reopen": {1, 1}, "thread.escalate": {1, 1}, "thread.return": {1, 2}, "thread.take_over": {1, 1},
	} {
		ok := e.auditCount(action, "ok", "thread:"+a) + e.auditCount(action, "ok", "thread:"+b) + e.auditCount(action, "ok", "thread:"+c)
		ref := e.auditCount(action, "refused", "thread:"+a) + e.auditCount(action, "refused", "thread:"+b) + e.auditCount(action, "refused", "thread:"+c)
		if ok != want[0] || ref != want[1] {
			t.Errorf("%s audited ok=%d refused=%d, want %v", action, ok, ref, want)
		}
	}
	// The escalation's reason showed masked; the close outcome stays.
	if ts, _ := e.srv.store.Threads.Summary(t.Context(), e.srv.db, a, "", time.Hour); ts.ClosedOutcome != "" {
		t.Errorf("reopened thread still shows outcome %q", ts.ClosedOutcome)
	}
}

// TestConcurrentClaimsHaveExactlyOneWinner: eight colleagues claim the
// same thread at the same moment over real HTTP; exactly one owns it and
// the others are told a colleague was first.
func TestConcurrentClaimsHaveExactlyOneWinner(t *testing.T) {
	const n = 8
	e := triageEnv(t, n)
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = e.loginAs(fmt.Sprintf("desk%d", i+1), triagePassword)
	}
	for round := 0; round < 3; round++ {
		p := inboxPatients(3)[round]
		e.patientWrites(p, "Can I get an earlier appointment?")
		id := e.threadFor(tokens[0], p)
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			codes = make([]int, n)
		)
		for i := range tokens {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				codes[i], _ = e.act(tokens[i], id, policy.ActClaim, api.ThreadActRequest{})
			}(i)
		}
		close(start)
		wg.Wait()
		tally := map[int]int{}
		for _, c := range codes {
			tally[c]++
		}
		if tally[200] != 1 || tally[409] != n-1 {
			t.Fatalf("round %d: answers %v, want exactly one 200 and %d 409", round, tally, n-1)
		}
		if got := e.auditCount("thread.claim", "ok", "thread:"+id); got != 1 {
			t.Fatalf("round %d: %d successful claims audited, want 1", round, got)
		}
	}
}

// TestNextHandsOutTheOldestUnansweredOnce: "next" gives the oldest
// waiting thread nobody else owns, claims it when asked, and two
// colleagues asking at once get different threads.
func TestNextHandsOutTheOldestUnansweredOnce(t *testing.T) {
	e := triageEnv(t, 2)
	d1, d2 := e.loginAs("desk1", triagePassword), e.loginAs("desk2", triagePassword)
	ps := inboxPatients(3)
	for _, p := range ps {
		e.patientWrites(p, "Do you have a slot this week?")
		e.clock.Advance(time.Minute)
	}
	oldest := e.threadFor(d1, ps[0])
	var peek api.NextResult
	if code := e.do("POST", api.Version+"/inbox/next", d1, api.NextRequest{}, &peek); code != 200 || peek.Thread == nil || peek.Thread.ID != oldest || peek.Claimed {
		t.Fatalf("peek: %d %+v", code, peek)
	}
	var (
		wg  sync.WaitGroup
		res [2]api.NextResult
	)
	start := make(chan struct{})
	for i, tok := range []string{d1, d2} {
		wg.Add(1)
		go func(i int, tok string) {
			defer wg.Done()
			<-start
			e.do("POST", api.Version+"/inbox/next", tok, api.NextRequest{Claim: true}, &res[i])
		}(i, tok)
	}
	close(start)
	wg.Wait()
	if res[0].Thread == nil || res[1].Thread == nil || !res[0].Claimed || !res[1].Claimed || res[0].Thread.ID == res[1].Thread.ID {
		t.Fatalf("next for two colleagues: %+v / %+v", res[0].Thread, res[1].Thread)
	}
	got := map[string]bool{res[0].Thread.ID: true, res[1].Thread.ID: true}
	if !got[oldest] || !got[e.threadFor(d1, ps[1])] {
		t.Fatalf("next handed out %v, want the two oldest", got)
	}
	// The third is the last; then nothing waits.
	var last, none api.NextResult
	e.do("POST", api.Version+"/inbox/next", d1, api.NextRequest{Claim: true}, &last)
	if last.Thread == nil || last.Thread.ID != e.threadFor(d1, ps[2]) {
		t.Fatalf("third next: %+v", last.Thread)
	}
	e.reply(d1, last.Thread.ID, "Yes, Thursday at 10.")
	e.reply(d1, res[0].Thread.ID, "Yes, Thursday at 11.")
	e.reply(d2, res[1].Thread.ID, "Yes, Thursday at 12.")
	if code := e.do("POST", api.Version+"/inbox/next", d2, api.NextRequest{Claim: true}, &none); code != 200 || none.Thread != nil {
		t.Fatalf("nothing waits, got %d %+v", code, none.Thread)
	}
}

// TestHandoffReachesNursesEscalatesOnTheClockAndIsClosedByANurse is the
// workflow end to end: a front-desk hand-off with a note reaches the
// nurses' queue with who, when and the SLA; the patient gets the
// acknowledgment with a portal link; the front desk gets a clean answer;
// the SLA runs out on the server's clock and the thread appears in the
// supervisor's escalations, exactly once even across a restart; the
// nurse claims and closes it with an outcome.
func TestHandoffReachesNursesEscalatesOnTheClockAndIsClosedByANurse(t *testing.T) {
	e := triageEnv(t, 0)
	desk, nurse, boss := e.login("desk"), e.login("nurse"), e.login("boss")
	e.patientWrites(patientUK, "My rash is getting worse since the new cream")
	id := e.threadFor(desk, patientUK)

	var res api.HandoffResult
	code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Rash worse after new cream; Zebulon Quixote asked for a call on 07700 900123"}, &res)
	if code != 200 || res.Visible || res.State != api.ThreadClinical || res.Queue != api.QueueNurse || res.Preview != "" {
		t.Fatalf("front-desk hand-off: %d %+v, want a clean answer that the thread left their view", code, res)
	}
	if !res.Ack.Sent || res.Ack.MessageID == "" {
		t.Fatalf("acknowledgment not sent: %+v", res.Ack)
	}
	var macro string
	e.srv.db.QueryRow(`SELECT macro_id FROM messages WHERE id = ?`, res.Ack.MessageID).Scan(&macro)
	if macro != "clinical-handoff" {
		t.Fatalf("acknowledgment is %q, want the clinical-handoff reply with its portal link", macro)
	}
	waitFor(t, "the acknowledgment delivered with a portal link", func() bool {
		for _, m := range e.sim.Outbox() {
			if strings.Contains(m.Text, "/h/") && strings.Contains(m.Text, "nurse") {
				return true
			}
		}
		return false
	})
	// The front desk's inbox moves on: the thread is gone from it.
	if got := e.queue(desk, url.Values{}); len(got.Threads) != 0 {
		t.Fatalf("front desk still sees %v", ids(got.Threads))
	}

	// The nurses' queue.
	nq := e.queue(nurse, url.Values{"queue": {"nurse"}})
	if len(nq.Threads) != 1 || nq.Threads[0].ID != id {
		t.Fatalf("nurse queue: %v", ids(nq.Threads))
	}
	h := nq.Threads[0].Handoff
	if h == nil || h.By != "desk" || h.At.IsZero() || h.Overdue || h.LeftSeconds <= 0 || h.LeftSeconds > 7200 {
		t.Fatalf("hand-off on the nurse queue row: %+v", h)
	}
	if strings.Contains(h.Note, "Quixote") || strings.Contains(h.Note, "900123") || !strings.Contains(h.Note, "asked for a call") {
		t.Fatalf("note shown %q: want it masked", h.Note)
	}
	var sealed []byte
	e.srv.db.QueryRow(`SELECT handoff_note_sealed FROM threads WHERE id = ?`, id).Scan(&sealed)
	if len(sealed) == 0 || strings.Contains(string(sealed), "Rash") {
		t.Fatal("hand-off note is not sealed at rest")
	}
	if got := e.do("GET", api.Version+"/escalations", boss, nil, &api.ThreadPage{}); got != 200 {
		t.Fatalf("escalations: %d", got)
	}
	if got := e.do("GET", api.Version+"/escalations", nurse, nil, nil); got != 403 {
		t.Fatalf("nurse escalations: %d, want 403", got)
	}

	// The SLA runs out on the server's clock.
	e.clock.Advance(2*time.Hour + time.Minute)
	var esc api.ThreadPage
	waitFor(t, "the overdue hand-off in the supervisor's escalations", func() bool {
		esc = api.ThreadPage{}
		e.do("GET", api.Version+"/escalations", boss, nil, &esc)
		return len(esc.Threads) == 1
	})
	row := esc.Threads[0]
	if row.ID != id || row.Queue != api.QueueEscalated || row.Escalation == nil || row.Escalation.Kind != api.EscalationSLA ||
		row.Escalation.By != "system" || row.Handoff == nil || !row.Handoff.Overdue {
		t.Fatalf("escalation row %+v / %+v / %+v", row, row.Escalation, row.Handoff)
	}
	// Exactly once: more sweeps, and a restart, add nothing.
	time.Sleep(100 * time.Millisecond)
	e.stop()
	e.start()
	nurse, boss = e.login("nurse"), e.login("boss")
	if n, err := e.srv.sweepOverdue(t.Context()); err != nil || n != 0 {
		t.Fatalf("sweep after restart escalated %d (%v)", n, err)
	}
	if got := e.auditCount("thread.escalate", "ok", "thread:"+id); got != 1 {
		t.Fatalf("%d escalation audit entries, want exactly 1", got)
	}

	// The nurse claims it (an overdue hand-off is still theirs to take)
	// and closes it with an outcome.
	if code, r := e.act(nurse, id, policy.ActClaim, api.ThreadActRequest{}); code != 200 || r.Thread.Owner != "nurse" || r.Thread.Escalation != nil {
		t.Fatalf("nurse claim: %d %+v", code, r.Thread)
	}
	// Claiming settled the escalation; the overdue clock does not raise
	// it again.
	if n, err := e.srv.sweepOverdue(t.Context()); err != nil || n != 0 {
		t.Fatalf("sweep after the nurse's claim escalated %d (%v)", n, err)
	}
	if got := e.queue(boss, url.Values{"queue": {"escalated"}}); len(got.Threads) != 0 {
		t.Fatalf("claimed thread still escalated: %v", ids(got.Threads))
	}
	if got := e.queue(nurse, url.Values{"queue": {"mine"}}); len(got.Threads) != 1 {
		t.Fatalf("nurse's own queue: %v", ids(got.Threads))
	}
	if code, _ := e.act(desk, id, policy.ActClose, api.ThreadActRequest{Outcome: "answered"}); code != 403 {
		t.Fatalf("front desk closed a clinical thread: %d", code)
	}
	code, r := e.act(nurse, id, policy.ActClose, api.ThreadActRequest{Outcome: "clinical_advice_given"})
	if code != 200 || r.Thread.State != api.ThreadClosed || r.Thread.Queue != api.QueueClosed || r.Thread.ClosedOutcome != "clinical_advice_given" || r.Thread.Owner != "" {
		t.Fatalf("nurse close: %d %+v", code, r.Thread)
	}
	if got := e.queue(nurse, url.Values{"queue": {"closed"}}); len(got.Threads) != 1 {
		t.Fatalf("closed queue: %v", ids(got.Threads))
	}
	if e.auditCount("thread.handoff", "ok", "thread:"+id) != 1 || e.auditCount("thread.close", "ok", "thread:"+id) != 1 {
		t.Fatal("hand-off and close not audited")
	}
}

// TestHandoffAcknowledgmentFollowsTheOutboundRules: a patient who has not
// opted in gets no acknowledgment; the hand-off still stands, and the
// answer and the audit say why.
func TestHandoffAcknowledgmentFollowsTheOutboundRules(t *testing.T) {
	e := triageEnv(t, 0)
	desk, nurse := e.login("desk"), e.login("nurse")
	const stranger = "+447700900777"
	e.patientWrites(stranger, "I think my prescription dose is wrong")
	id := e.threadFor(desk, stranger)
	var res api.HandoffResult
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Dose question"}, &res); code != 200 {
		t.Fatalf("hand-off: %d", code)
	}
	if res.Ack.Sent || res.Ack.Rule != policy.RuleConsent || res.Ack.Reason == "" {
		t.Fatalf("ack %+v, want refused by consent", res.Ack)
	}
	if got := e.queue(nurse, url.Values{"queue": {"nurse"}}); len(got.Threads) != 1 {
		t.Fatalf("hand-off did not stand: %v", ids(got.Threads))
	}
	var detail string
	e.srv.db.QueryRow(`SELECT detail FROM audit WHERE action = 'thread.handoff' AND object = ?`, "thread:"+id).Scan(&detail)
	if !strings.Contains(detail, "refused") || !strings.Contains(detail, policy.RuleConsent) {
		t.Fatalf("audit detail %s does not record the refused acknowledgment", detail)
	}
	var er api.Error
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", nurse, api.HandoffRequest{Note: strings.Repeat("n", 501)}, &er); code != 400 {
		t.Fatalf("long note: %d", code)
	}
}

// TestOverdueSweepsAtOnceEscalateOnce: sweeps racing each other escalate
// an overdue hand-off once.
func TestOverdueSweepsAtOnceEscalateOnce(t *testing.T) {
	e := triageEnv(t, 0, func(c *Config) { c.SLASweepInterval = time.Hour })
	desk := e.login("desk")
	e.patientWrites(patientUK, "Question about my stitches")
	id := e.threadFor(desk, patientUK)
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "stitches"}, nil); code != 200 {
		t.Fatalf("hand-off: %d", code)
	}
	e.clock.Advance(3 * time.Hour)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	start := make(chan struct{})
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			n, err := e.srv.sweepOverdue(t.Context())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	if total != 1 || e.auditCount("thread.escalate", "ok", "thread:"+id) != 1 {
		t.Fatalf("%d escalations from six racing sweeps, want 1", total)
	}
}

// TestWorkflowEventsCarryTheRow: a claim, a hand-off and an escalation
// each reach the other consoles as a thread event whose row carries the
// owner, queue, hand-off and escalation, so a console updates the row in
// place without fetching the inbox.
func TestWorkflowEventsCarryTheRow(t *testing.T) {
	e := triageEnv(t, 0)
	desk, nurse, boss := e.login("desk"), e.login("nurse"), e.login("boss")
	e.patientWrites(patientUK, "My wound looks red around the stitches")
	id := e.threadFor(desk, patientUK)
	_, _, events := openStream(t, e, boss)
	next := func(what string, ok func(api.ThreadSummary) bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case ev, open := <-events:
				if !open {
					t.Fatalf("%s: stream ended", what)
				}
				if ev.Type == api.EventThreadUpdated && ev.ThreadID == id && ev.Thread != nil && ok(*ev.Thread) {
					return
				}
			case <-deadline:
				t.Fatalf("no event with %s", what)
			}
		}
	}
	if code, _ := e.act(desk, id, policy.ActClaim, api.ThreadActRequest{}); code != 200 {
		t.Fatalf("claim: %d", code)
	}
	next("the owner", func(ts api.ThreadSummary) bool { return ts.Owner == "desk" && ts.Queue == api.QueueUnanswered })
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Wound check"}, nil); code != 200 {
		t.Fatalf("hand-off: %d", code)
	}
	next("the hand-off", func(ts api.ThreadSummary) bool {
		return ts.Queue == api.QueueNurse && ts.Owner == "" && ts.Handoff != nil && ts.Handoff.By == "desk" && ts.Handoff.LeftSeconds > 0
	})
	if code, _ := e.act(nurse, id, policy.ActEscalate, api.ThreadActRequest{Reason: "Needs the surgeon"}); code != 200 {
		t.Fatalf("escalate: %d", code)
	}
	next("the escalation", func(ts api.ThreadSummary) bool {
		return ts.Queue == api.QueueEscalated && ts.Escalation != nil && ts.Escalation.By == "nurse" && ts.Escalation.Kind == api.EscalationManual
	})
}

// TestSupervisorReturnsAClinicalEscalationToTheFrontDesk: a hand-off a
// nurse escalates can be returned to the front desk: it leaves the
// nurses' queue and the escalations, and front desk may open it again.
func TestSupervisorReturnsAClinicalEscalationToTheFrontDesk(t *testing.T) {
	e := triageEnv(t, 0)
	desk, nurse, boss := e.login("desk"), e.login("nurse"), e.login("boss")
	e.patientWrites(patientUK, "Is my referral letter ready?")
	id := e.threadFor(desk, patientUK)
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Asks about a letter"}, nil); code != 200 {
		t.Fatalf("hand-off: %d", code)
	}
	if code, _ := e.act(nurse, id, policy.ActEscalate, api.ThreadActRequest{Reason: "Administrative, not clinical"}); code != 200 {
		t.Fatalf("escalate: %d", code)
	}
	if code := e.do("GET", api.Version+"/threads/"+id, desk, nil, nil); code != http.StatusForbidden {
		t.Fatalf("front desk opened a clinical thread: %d", code)
	}
	code, res := e.act(boss, id, policy.ActReturn, api.ThreadActRequest{})
	if code != 200 || res.Thread.State != api.ThreadOpen || res.Thread.Escalation != nil || res.Thread.Handoff != nil {
		t.Fatalf("return: %d %+v", code, res.Thread)
	}
	if got := e.queue(boss, url.Values{"queue": {"escalated"}}); len(got.Threads) != 0 {
		t.Fatalf("escalations after return: %v", ids(got.Threads))
	}
	if got := e.queue(desk, url.Values{"queue": {"unanswered"}}); len(got.Threads) != 1 || got.Threads[0].ID != id {
		t.Fatalf("front desk unanswered after return: %v", ids(got.Threads))
	}
	if code := e.do("GET", api.Version+"/threads/"+id, desk, nil, nil); code != 200 {
		t.Fatalf("front desk opening the returned thread: %d", code)
	}
}
