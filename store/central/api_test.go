package central

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/pquerna/otp/totp"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/device"
)

func TestHandoffLink(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.PortalURL = "https://portal.example.org/continue?lang=en" })
	e.patientWrites(patientUK, "hello")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	now := e.clock.Now()
	valid, _ := policy.NewHandoffToken(e.srv.linkKey, id, now, time.Hour)
	expired, _ := policy.NewHandoffToken(e.srv.linkKey, id, now.Add(-2*time.Hour), time.Hour)
	altered := valid[:len(valid)-2] + "AA"
	if altered == valid {
		altered = valid[:len(valid)-2] + "BB"
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(tok string) (*http.Response, string) {
		resp, err := client.Get(e.url + "/h/" + tok)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, _ := get(valid)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid: %d", resp.StatusCode)
	}
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "https://portal.example.org/continue?") || !strings.Contains(loc, "handoff="+valid) || !strings.Contains(loc, "lang=en") {
		t.Errorf("redirect to %q", loc)
	}
	resp, body := get(expired)
	if resp.StatusCode != http.StatusGone || resp.Header.Get("Location") != "" ||
		!strings.Contains(body, "This link has expired. Please message the clinic on WhatsApp for a new one.") {
		t.Errorf("expired: %d %q", resp.StatusCode, body)
	}
	resp, body = get(altered)
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" || !strings.Contains(body, "not valid") {
		t.Errorf("altered: %d %q", resp.StatusCode, body)
	}
	chain, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	outcomes := map[string]int{}
	for _, a := range chain {
		if a.Action == "handoff.open" {
			outcomes[a.Outcome]++
		}
	}
	if outcomes["ok"] != 1 || outcomes["refused"] != 2 {
		t.Errorf("handoff.open audit outcomes %v", outcomes)
	}
}

func TestDemoPortalPage(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.url + "/portal?handoff=x")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Clinic patient portal — please sign in") || !strings.Contains(string(b), "demo portal") {
		t.Errorf("portal: %d %s", resp.StatusCode, b)
	}
}

// consoleChain builds n linked entries of a console's chain.
func consoleChain(consoleID string, n int) []api.AuditEntry {
	return consoleChainFor(consoleID, "usr_x", api.RoleFrontDesk, n)
}

// consoleChainFor is a chain of n thread views by user as role.
func consoleChainFor(consoleID, user string, role api.Role, n int) []api.AuditEntry {
	var out []api.AuditEntry
	var prev *api.AuditEntry
	for i := 0; i < n; i++ {
		e := audit.Link(prev, api.AuditEntry{ConsoleID: consoleID, At: time.Date(2026, 3, 1, 9, 0, i, 0, time.UTC),
			UserID: user, Role: role, Action: "thread.view", Object: "thread:thr_x", Outcome: "ok",
			Detail: map[string]string{"n": string(rune('a' + i))}})
		out = append(out, e)
		prev = &out[len(out)-1]
	}
	return out
}

func TestAuditBatchContinuity(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk") // from device testDevice("desk")
	deskUser := mustUser(t, e, "desk")
	chain := consoleChainFor(testDeviceID("desk"), deskUser.ID, api.RoleFrontDesk, 6)
	post := func(entries []api.AuditEntry) (int, api.AuditBatchResult) {
		var res api.AuditBatchResult
		b := api.AuditBatch{BatchID: "b", Entries: entries}
		device.SignBatch(testDevice("desk"), &b)
		code := e.do("POST", api.Version+"/audit", desk, b, &res)
		return code, res
	}
	if code, res := post(chain[:3]); code != 200 || res.HeadSeq != 3 || res.HeadHash != chain[2].Hash {
		t.Fatalf("first batch: %d %+v", code, res)
	}
	// The same batch again (the answer was lost): accepted, not stored twice.
	if code, res := post(chain[:3]); code != 200 || res.HeadSeq != 3 {
		t.Fatalf("re-sent batch: %d %+v", code, res)
	}
	// Overlapping batch: held entries skipped, new ones stored.
	if code, res := post(chain[2:4]); code != 200 || res.HeadSeq != 4 {
		t.Fatalf("overlapping batch: %d %+v", code, res)
	}
	// A gap: 409 with the held head.
	if code, res := post(chain[5:]); code != http.StatusConflict || res.HeadSeq != 4 || res.HeadHash != chain[3].Hash {
		t.Fatalf("gap: %d %+v", code, res)
	}
	// An edited entry is refused, not stored.
	bad := append([]api.AuditEntry(nil), chain[4:]...)
	bad[0].Outcome = "refused"
	if code, _ := post(bad); code != http.StatusUnprocessableEntity {
		t.Fatalf("edited: %d", code)
	}
	// An entry already held, but different: refused.
	forked := chain[1]
	forked.Detail = map[string]string{"n": "z"}
	forked.Hash = audit.Hash(forked)
	if code, _ := post([]api.AuditEntry{forked}); code != http.StatusUnprocessableEntity {
		t.Fatalf("fork: %d", code)
	}
	// Another console's entries: refused.
	if code, _ := post(consoleChain("console-other", 1)); code != http.StatusForbidden {
		t.Fatalf("foreign console: %d", code)
	}
	if code, res := post(chain[4:]); code != 200 || res.HeadSeq != 6 {
		t.Fatalf("resend from head: %d %+v", code, res)
	}
	held, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, testDeviceID("desk"))
	if len(held) != 6 {
		t.Fatalf("held %d entries, want 6", len(held))
	}
	if err := audit.Verify(nil, held); err != nil {
		t.Fatalf("stored chain does not verify: %v", err)
	}
}

func TestLoginFailuresLockoutAndTOTP(t *testing.T) {
	e := newEnv(t)
	login := func(user, pw, code string) int {
		return e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: user, Password: pw, TOTP: code, ConsoleID: "c1"}, nil)
	}
	if code := login("nobody", "whatever-password", ""); code != 401 {
		t.Errorf("unknown user: %d", code)
	}
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "triaged"}, nil); code != 400 {
		t.Errorf("server's console id accepted: %d", code)
	}
	for i := 0; i < auth.UserLockout.MaxFailures; i++ {
		if code := login("desk", "wrong-password-"+string(rune('a'+i)), ""); code != 401 {
			t.Fatalf("bad password %d: %d", i, code)
		}
	}
	if code := login("desk", testPasswords["desk"], ""); code != 401 {
		t.Fatalf("locked account signed in: %d", code)
	}
	e.clock.Advance(auth.UserLockout.BaseLock + time.Minute)
	if code := login("desk", testPasswords["desk"], ""); code != 200 {
		t.Fatalf("after lockout: %d", code)
	}

	// TOTP: enrol the nurse, then the code is required and single-use.
	secret, _, err := auth.NewTOTPSecret("Clinic", "nurse")
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := e.keys.SealString("users", "totp", mustUser(t, e, "nurse").ID, secret)
	e.srv.db.Exec(`UPDATE users SET totp_sealed = ? WHERE username = 'nurse'`, sealed)
	if code := login("nurse", testPasswords["nurse"], ""); code != 401 {
		t.Errorf("no TOTP code: %d", code)
	}
	code, _ := totp.GenerateCode(secret, e.clock.Now())
	if c := login("nurse", testPasswords["nurse"], code); c != 200 {
		t.Errorf("good TOTP code: %d", c)
	}
	if c := login("nurse", testPasswords["nurse"], code); c != 401 {
		t.Errorf("replayed TOTP code: %d", c)
	}

	chain, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	var ok, refused int
	for _, a := range chain {
		if a.Action == "login" {
			if a.Outcome == "ok" {
				ok++
			} else {
				refused++
			}
			for _, v := range a.Detail {
				if strings.Contains(v, "password") && v != "bad_password" && !strings.HasPrefix(v, "bad_password") {
					t.Errorf("audit detail %q", v)
				}
			}
		}
	}
	if ok != 2 || refused < auth.UserLockout.MaxFailures+3 {
		t.Errorf("login audit: %d ok, %d refused", ok, refused)
	}
}

func mustUser(t *testing.T, e *env, name string) records.User {
	u, err := e.srv.store.Users.ByUsername(context.Background(), e.srv.db, name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSessionIdleTimeoutAndLogout(t *testing.T) {
	e := newEnv(t)
	tok := e.login("desk")
	if code := e.do("GET", api.Version+"/threads", tok, nil, nil); code != 200 {
		t.Fatal(code)
	}
	e.clock.Advance(DefaultIdleTimeout + time.Second)
	if code := e.do("GET", api.Version+"/threads", tok, nil, nil); code != 401 {
		t.Errorf("idle session still valid: %d", code)
	}
	tok = e.login("desk")
	if code := e.do("POST", api.Version+"/logout", tok, nil, nil); code != http.StatusNoContent {
		t.Fatal(code)
	}
	if code := e.do("GET", api.Version+"/threads", tok, nil, nil); code != 401 {
		t.Errorf("token valid after logout: %d", code)
	}
	var hashed int
	e.srv.db.QueryRow(`SELECT COUNT(*) FROM sessions WHERE length(token_hash) = 32`).Scan(&hashed)
	if hashed != 2 {
		t.Errorf("sessions stored as hashes: %d of 2", hashed)
	}
}

func TestEventStream(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")
	req, _ := http.NewRequest("GET", e.url+api.Version+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+desk)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	events := make(chan api.Event, 16)
	heartbeats := make(chan struct{}, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			if line == ": heartbeat" {
				heartbeats <- struct{}{}
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var ev api.Event
				if json.Unmarshal([]byte(data), &ev) == nil {
					events <- ev
				}
			}
		}
		close(events)
	}()
	e.patientWrites(patientUK, "Is the clinic open on Saturday?")
	deadline := time.After(5 * time.Second)
	var got api.Event
	for got.Type != api.EventMessageNew {
		select {
		case got = <-events:
		case <-deadline:
			t.Fatal("no message.new event")
		}
	}
	if got.ThreadID == "" || got.MessageID == "" || got.Seq == 0 {
		t.Errorf("event %+v", got)
	}
	// The event carries the thread's inbox row, so the console updates
	// that row in place instead of fetching the inbox.
	if th := got.Thread; th == nil || th.ID != got.ThreadID || th.Preview == "" || th.Inbound != 1 || th.Seq == 0 {
		t.Errorf("event's thread row %+v", got.Thread)
	}
	select {
	case <-heartbeats:
	case <-time.After(3 * time.Second):
		t.Error("no heartbeat")
	}
}
