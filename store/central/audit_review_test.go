package central

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// reviewEnv is a clinic with two patients, a nurse who revealed one
// message with a reason, and a supervisor ("boss") to review it.
type reviewEnv struct {
	*env
	nurse, boss, admin, desk string
	ukThread, usThread       string
	ukLabel, usLabel         string
	why                      string
	revealedMsg              string
}

func newReviewEnv(t *testing.T) *reviewEnv {
	t.Helper()
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	r := &reviewEnv{env: e, why: "Confirming the callback time for the patient"}
	e.patientWrites(patientUK, "my date of birth is 03/04/1961, can I book?")
	e.patientWrites(patientUS, "Is the clinic open on Saturday?")
	r.nurse, r.boss, r.admin, r.desk = e.login("nurse"), e.login("boss"), e.login("admin"), e.login("desk")
	r.ukThread, r.usThread = e.threadFor(r.nurse, patientUK), e.threadFor(r.nurse, patientUS)
	for _, s := range e.threads(r.nurse) {
		switch s.ID {
		case r.ukThread:
			r.ukLabel = s.PatientLabel
		case r.usThread:
			r.usLabel = s.PatientLabel
		}
	}
	if r.ukLabel == "" || r.usLabel == "" || r.ukLabel == r.usLabel {
		t.Fatalf("patient labels %q %q", r.ukLabel, r.usLabel)
	}
	d := e.thread(r.nurse, r.ukThread)
	r.revealedMsg = d.Messages[0].ID
	if c := e.do("POST", api.Version+"/threads/"+r.ukThread+"/messages/"+r.revealedMsg+"/reveal", r.nurse,
		api.RevealRequest{Reason: r.why}, nil); c != 200 {
		t.Fatalf("reveal: %d", c)
	}
	e.thread(r.desk, r.usThread)
	// A new number with an urgent message: the explanation and the
	// safety reply are recorded with the ids of the messages sent.
	e.patientWrites("+12025550177", "I have crushing chest pain right now")
	return r
}

// review fetches one review page as token, failing the test on a status
// other than want.
func (r *reviewEnv) review(t *testing.T, token string, f api.AuditReviewFilter, want int) api.AuditReviewPage {
	t.Helper()
	var page api.AuditReviewPage
	path := api.Version + "/audit/review"
	if q := f.Query().Encode(); q != "" {
		path += "?" + q
	}
	if c := r.do("GET", path, token, nil, &page); c != want {
		t.Fatalf("review %s: %d, want %d", path, c, want)
	}
	return page
}

func TestAuditReviewShowsUsernamesPatientLabelsAndRevealReasons(t *testing.T) {
	r := newReviewEnv(t)
	page := r.review(t, r.boss, api.AuditReviewFilter{Limit: api.MaxAuditReviewPage}, 200)
	var reveal *api.AuditReviewEntry
	for i, e := range page.Entries {
		if e.Action == "message.reveal" && e.Outcome == "ok" {
			reveal = &page.Entries[i]
		}
	}
	if reveal == nil {
		t.Fatalf("no reveal in %+v", page.Entries)
	}
	if reveal.User != "nurse" || reveal.Patient != r.ukLabel || reveal.Reason != r.why || reveal.Object != "message" || reveal.Source != "server" {
		t.Errorf("reveal as reviewed: %+v", *reveal)
	}
	// No internal id reaches the reviewer: not the users', threads',
	// messages' or the reveal's.
	nurseID, deskID := mustUser(t, r.env, "nurse").ID, mustUser(t, r.env, "desk").ID
	ids := []string{nurseID, deskID, r.ukThread, r.usThread, r.revealedMsg, "rvl_", testDeviceID("nurse")}
	for _, e := range page.Entries {
		all := e.User + " " + e.Object + " " + e.Patient + " " + e.Subject + " " + e.Reason
		for k, v := range e.Detail {
			all += " " + k + "=" + v
		}
		for _, id := range ids {
			if strings.Contains(all, id) {
				t.Errorf("internal id %q in %+v", id, e)
			}
		}
		for k, v := range e.Detail {
			if recordID.MatchString(v) || strings.Contains(v, "wamid.") {
				t.Errorf("an internal id in detail %s=%s of %+v", k, v, e)
			}
		}
	}
	// The admin reviews who, what and when, but not why.
	page = r.review(t, r.admin, api.AuditReviewFilter{Action: "message.reveal"}, 200)
	if len(page.Entries) == 0 {
		t.Fatal("admin sees no reveals")
	}
	for _, e := range page.Entries {
		if e.Outcome == "ok" && (e.Reason != "" || !e.ReasonWithheld) {
			t.Errorf("admin reads the reason: %+v", e)
		}
	}
}

func TestAuditReviewFilters(t *testing.T) {
	r := newReviewEnv(t)
	mid := r.clock.Now()
	r.clock.Advance(2 * time.Minute)
	r.thread(r.desk, r.ukThread) // the only thread view after mid by desk on UK
	code := strings.TrimPrefix(r.ukLabel, "Patient ")
	cases := []struct {
		name   string
		f      api.AuditReviewFilter
		accept func(api.AuditReviewEntry) bool
	}{
		{"user by username", api.AuditReviewFilter{User: "nurse"}, func(e api.AuditReviewEntry) bool { return e.User == "nurse" }},
		{"username in capitals", api.AuditReviewFilter{User: "NURSE"}, func(e api.AuditReviewEntry) bool { return e.User == "nurse" }},
		{"exact action", api.AuditReviewFilter{Action: "message.reveal"}, func(e api.AuditReviewEntry) bool { return e.Action == "message.reveal" }},
		{"action family", api.AuditReviewFilter{Action: "thread"}, func(e api.AuditReviewEntry) bool { return strings.HasPrefix(e.Action, "thread.") }},
		{"patient label", api.AuditReviewFilter{Patient: r.ukLabel}, func(e api.AuditReviewEntry) bool { return e.Patient == r.ukLabel }},
		{"label code in lower case", api.AuditReviewFilter{Patient: strings.ToLower(code)}, func(e api.AuditReviewEntry) bool { return e.Patient == r.ukLabel }},
		{"thread id", api.AuditReviewFilter{Patient: r.usThread}, func(e api.AuditReviewEntry) bool { return e.Patient == r.usLabel }},
		{"from", api.AuditReviewFilter{From: mid}, func(e api.AuditReviewEntry) bool { return !e.At.Before(mid) }},
		{"to", api.AuditReviewFilter{To: mid}, func(e api.AuditReviewEntry) bool { return e.At.Before(mid) }},
		{"all together", api.AuditReviewFilter{User: "desk", Action: "thread.view", Patient: r.ukLabel, From: mid, To: mid.Add(2 * time.Hour)},
			func(e api.AuditReviewEntry) bool {
				return e.User == "desk" && e.Action == "thread.view" && e.Patient == r.ukLabel && !e.At.Before(mid)
			}},
	}
	all := r.review(t, r.boss, api.AuditReviewFilter{Limit: api.MaxAuditReviewPage}, 200).Entries
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.f.Limit = api.MaxAuditReviewPage
			got := r.review(t, r.boss, tc.f, 200).Entries
			want := 0
			for _, e := range all {
				if tc.accept(e) {
					want++
				}
			}
			if want == 0 {
				t.Fatal("the fixture has no entry for this filter")
			}
			for _, e := range got {
				if !tc.accept(e) {
					t.Errorf("let through: %+v", e)
				}
			}
			if len(got) < want {
				t.Errorf("%d entries, want at least the %d matching before the review", len(got), want)
			}
		})
	}
	// A name that matches nothing gives an empty page, not everything.
	if got := r.review(t, r.boss, api.AuditReviewFilter{User: "nobody"}, 200).Entries; len(got) != 0 {
		t.Errorf("unknown user: %+v", got)
	}
	if got := r.review(t, r.boss, api.AuditReviewFilter{Patient: "Patient ZZZZZZ"}, 200).Entries; len(got) != 0 {
		t.Errorf("unknown patient: %+v", got)
	}
}

func TestAuditReviewRefusesBadFilters(t *testing.T) {
	r := newReviewEnv(t)
	now := time.Now().UTC().Format(time.RFC3339)
	for _, q := range []string{
		"from=yesterday", "to=3pm", "from=" + now + "&to=" + now, "limit=0", "limit=x", "export=maybe",
		"after=notacursor", "user=" + strings.Repeat("a", 201),
	} {
		if c := r.do("GET", api.Version+"/audit/review?"+q, r.boss, nil, nil); c != 400 {
			t.Errorf("%s: %d, want 400", q, c)
		}
	}
}

func TestAuditReviewPagesByKeyset(t *testing.T) {
	r := newReviewEnv(t)
	for i := 0; i < 5; i++ {
		r.thread(r.desk, r.usThread)
	}
	whole := r.review(t, r.boss, api.AuditReviewFilter{Limit: api.MaxAuditReviewPage}, 200)
	if whole.Next != "" || len(whole.Entries) < 10 {
		t.Fatalf("fixture: %d entries, next %q", len(whole.Entries), whole.Next)
	}
	// Walk three at a time; the walk is taken after the whole read, and
	// each page's own audit entry is newer than the walk, so the walk sees
	// exactly the entries the whole read saw (plus that read's own entry).
	f := api.AuditReviewFilter{Limit: 3, To: whole.Entries[0].At.Add(time.Nanosecond)}
	var walked []api.AuditReviewEntry
	pages := 0
	for {
		p := r.review(t, r.boss, f, 200)
		if len(p.Entries) > 3 {
			t.Fatalf("page of %d", len(p.Entries))
		}
		walked = append(walked, p.Entries...)
		pages++
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	if len(walked) != len(whole.Entries) {
		t.Fatalf("walked %d entries in %d pages, the whole read had %d", len(walked), pages, len(whole.Entries))
	}
	for i := range walked {
		if !walked[i].At.Equal(whole.Entries[i].At) || walked[i].Action != whole.Entries[i].Action {
			t.Fatalf("entry %d: walked %+v, whole %+v", i, walked[i], whole.Entries[i])
		}
		if i > 0 && walked[i].At.After(walked[i-1].At) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	// The page size is bounded whatever is asked.
	q := url.Values{"limit": {"100000"}}
	var big api.AuditReviewPage
	if c := r.do("GET", api.Version+"/audit/review?"+q.Encode(), r.boss, nil, &big); c != 200 || len(big.Entries) > api.MaxAuditReviewPage {
		t.Fatalf("limit 100000: %d, %d entries", c, len(big.Entries))
	}
}

func TestAuditReviewIsForReviewersAndIsAudited(t *testing.T) {
	r := newReviewEnv(t)
	r.review(t, r.desk, api.AuditReviewFilter{}, 403)
	r.review(t, r.nurse, api.AuditReviewFilter{}, 403)
	// The admin may review but not export: the person who manages users
	// and purges records does not also hand the evidence out.
	r.review(t, r.admin, api.AuditReviewFilter{Export: true}, 403)
	exported := r.review(t, r.boss, api.AuditReviewFilter{Export: true, User: "nurse"}, 200)
	if len(exported.Entries) == 0 {
		t.Fatal("export page empty")
	}
	var refusedDesk, refusedNurse, refusedExport, okExport, okView bool
	chain, err := r.srv.store.Audit.Chain(context.Background(), r.srv.db, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range chain {
		switch {
		case e.Action == "audit.view" && e.Outcome == "refused" && e.Role == api.RoleFrontDesk:
			refusedDesk = true
		case e.Action == "audit.view" && e.Outcome == "refused" && e.Role == api.RoleNurse:
			refusedNurse = true
		case e.Action == "audit.export" && e.Outcome == "refused" && e.Role == api.RoleAdmin:
			refusedExport = true
		case e.Action == "audit.export" && e.Outcome == "ok" && e.Role == api.RoleSupervisor:
			okExport = e.Detail["filter_user"] == "nurse" && e.Detail["returned"] != "" && e.Detail["returned"] != "0"
		case e.Action == "audit.view" && e.Outcome == "ok" && e.Role == api.RoleAdmin:
			okView = true
		}
	}
	if !refusedDesk || !refusedNurse || !refusedExport || !okExport {
		t.Errorf("on record: desk refused %v, nurse refused %v, admin export refused %v, export %v", refusedDesk, refusedNurse, refusedExport, okExport)
	}
	if okView {
		t.Error("a refused export was recorded as a view")
	}
	// The export is itself in the review.
	page := r.review(t, r.boss, api.AuditReviewFilter{Action: "audit.export"}, 200)
	if len(page.Entries) < 2 || page.Entries[0].User == "" {
		t.Errorf("exports as reviewed: %+v", page.Entries)
	}
}

func TestAuditReviewHidesSyncBookkeeping(t *testing.T) {
	r := newReviewEnv(t)
	// The nurse's console uploads its own chain: the entries are
	// reviewed, the upload's receipt is not.
	nurseUser := mustUser(t, r.env, "nurse")
	start := r.clock.Now()
	chain := chainOf(nil, 3, func(i int) api.AuditEntry {
		return api.AuditEntry{ConsoleID: testDeviceID("nurse"), At: start.Add(time.Duration(i) * time.Millisecond), UserID: nurseUser.ID,
			Role: api.RoleNurse, Action: "thread.view", Object: "thread:" + r.usThread, Outcome: "ok"}
	})
	if c := r.do("POST", api.Version+"/audit", r.nurse, signedBatch(testDevice("nurse"), chain), nil); c != 200 {
		t.Fatalf("batch: %d", c)
	}
	// A forged upload (an entry already held, rewritten) is refused, and
	// that refusal is a security event the review keeps.
	forged := chain[1]
	forged.Detail = map[string]string{"n": "z"}
	forged.Hash = audit.Hash(forged)
	if c := r.do("POST", api.Version+"/audit", r.nurse, signedBatch(testDevice("nurse"), []api.AuditEntry{forged}), nil); c != 422 {
		t.Fatalf("forged batch: %d", c)
	}
	if got := r.review(t, r.boss, api.AuditReviewFilter{Action: "audit.batch"}, 200).Entries; len(got) != 1 || got[0].Outcome != "refused" || got[0].User != "nurse" {
		t.Errorf("refused uploads as reviewed: %+v", got)
	}
	var held int
	r.srv.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = 'audit.batch' AND outcome = 'ok'`).Scan(&held)
	if held == 0 {
		t.Fatal("the upload's receipt is not in the trail at all")
	}
	for _, f := range []api.AuditReviewFilter{{}, {Action: "audit"}, {Action: "audit.batch"}, {User: "nurse"}} {
		f.Limit = api.MaxAuditReviewPage
		page := r.review(t, r.boss, f, 200)
		console := 0
		for _, e := range page.Entries {
			if e.Action == "audit.batch" && e.Outcome == "ok" {
				t.Errorf("filter %+v shows sync bookkeeping: %+v", f, e)
			}
			if e.Source == "console" && e.User == "nurse" && e.Patient == r.usLabel {
				console++
			}
		}
		if f.Action == "" && console != len(chain) {
			t.Errorf("filter %+v: %d of the console's %d entries reviewed", f, console, len(chain))
		}
	}
}
