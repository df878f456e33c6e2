package central

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/events"
	"github.com/clinicwa/triage/store/pgsql"
)

// testAdmin opens account administration on the running test server's
// data folder, as `triage user` does, with the same keys.
func testAdmin(t *testing.T, e *env) *Admin {
	t.Helper()
	cfg := e.cfg
	a, err := OpenAdmin(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// serverChain returns the server's audit entries with action.
func serverChain(t *testing.T, e *env, action string) []api.AuditEntry {
	t.Helper()
	chain, err := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	var out []api.AuditEntry
	for _, a := range chain {
		if a.Action == action {
			out = append(out, a)
		}
	}
	return out
}

func TestEnrolmentAtFirstSignIn(t *testing.T) {
	e := newEnv(t)
	adm := testAdmin(t, e)
	const pw = "amber-willow-quarry-55"
	if _, err := adm.AddUser(context.Background(), "cli:root", "Wren", pw, policy.RoleNurse); err != nil {
		t.Fatal(err)
	}
	login := func(pass, code string) int {
		return e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "wren", Password: pass, TOTP: code, ConsoleID: "c-wren"}, nil)
	}
	// A wrong password never learns that the account needs enrolment.
	var plain api.Error
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "wren", Password: "not-the-password-1", ConsoleID: "c1"}, &plain); code != 401 || strings.Contains(plain.Error, "enrol") {
		t.Fatalf("wrong password before enrolment: %d %q", code, plain.Error)
	}
	// Asking twice offers the same secret, so an app scanned a moment ago
	// still matches; the older token no longer works.
	var first, second api.EnrolmentChallenge
	e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "wren", Password: pw, ConsoleID: "c1"}, &first)
	e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "wren", Password: pw, ConsoleID: "c1"}, &second)
	if first.Enrolment.Secret == "" || first.Enrolment.Secret != second.Enrolment.Secret || first.Enrolment.Token == second.Enrolment.Token {
		t.Fatalf("repeat offer: %+v / %+v", first.Enrolment, second.Enrolment)
	}
	code, _ := totp.GenerateCode(second.Enrolment.Secret, e.clock.Now())
	if c := e.do("POST", api.Version+"/totp/enrol", "", api.TOTPEnrolRequest{Token: first.Enrolment.Token, Code: code, ConsoleID: "c1"}, nil); c != 401 {
		t.Errorf("superseded enrolment token: %d", c)
	}
	if c := e.do("POST", api.Version+"/totp/enrol", "", api.TOTPEnrolRequest{Token: second.Enrolment.Token, Code: "000000", ConsoleID: "c1"}, nil); c != 401 {
		t.Errorf("wrong enrolment code: %d", c)
	}
	var res api.TOTPEnrolResponse
	if c := e.do("POST", api.Version+"/totp/enrol", "", api.TOTPEnrolRequest{Token: second.Enrolment.Token, Code: code, ConsoleID: "c1"}, &res); c != 200 {
		t.Fatalf("enrol: %d", c)
	}
	if res.Login.Token == "" || res.Login.User.Role != api.RoleNurse || len(res.RecoveryCodes) != recoveryCodeCount {
		t.Fatalf("enrol result: %+v", res)
	}
	e.acknowledge(res.Login.Token)
	if c := e.do("GET", api.Version+"/threads", res.Login.Token, nil, nil); c != 200 {
		t.Errorf("session from enrolment: %d", c)
	}
	// The token is single-use, and the enrolment code was the first use
	// of its step: replaying it at sign-in fails.
	if c := e.do("POST", api.Version+"/totp/enrol", "", api.TOTPEnrolRequest{Token: second.Enrolment.Token, Code: code, ConsoleID: "c1"}, nil); c != 401 {
		t.Errorf("enrolment token reused: %d", c)
	}
	if c := login(pw, code); c != 401 {
		t.Errorf("enrolment code replayed at sign-in: %d", c)
	}
	if c := login(pw, ""); c != 401 {
		t.Errorf("enrolled account without a code: %d", c)
	}
	e.clock.Advance(auth.TOTPPeriod * 2)
	next, _ := totp.GenerateCode(second.Enrolment.Secret, e.clock.Now())
	if c := login(pw, next); c != 200 {
		t.Errorf("next code: %d", c)
	}
	// A recovery code works once, typed any which way.
	rc := strings.ToUpper(strings.ReplaceAll(res.RecoveryCodes[3], "-", " "))
	if c := login(pw, rc); c != 200 {
		t.Errorf("recovery code: %d", c)
	}
	if c := login(pw, rc); c != 401 {
		t.Errorf("recovery code reused: %d", c)
	}
	info, _ := adm.User(context.Background(), "wren")
	if !info.TOTPEnrolled || info.RecoveryCodesLeft != recoveryCodeCount-1 {
		t.Errorf("after enrolment: %+v", info)
	}
	// Nothing secret reaches the audit trail.
	chain, _ := e.srv.store.Audit.Chain(context.Background(), e.srv.db, ServerConsoleID)
	for _, a := range chain {
		for _, v := range a.Detail {
			if strings.Contains(v, second.Enrolment.Secret) || strings.Contains(v, code) && len(v) == 6 || strings.Contains(v, res.RecoveryCodes[0]) {
				t.Errorf("secret in audit detail of %s: %q", a.Action, v)
			}
		}
	}
	if len(serverChain(t, e, "totp.enrol")) < 2 {
		t.Errorf("enrolment attempts not audited")
	}
	if got := serverChain(t, e, "user.create"); len(got) == 0 || got[len(got)-1].UserID != "cli:root" {
		t.Errorf("admin creation audit: %+v", got)
	}
}

func TestLockoutDoublesAndSourceLockout(t *testing.T) {
	e := newEnv(t)
	login := func(user, pw string) int {
		return e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: user, Password: pw, ConsoleID: "c1"}, nil)
	}
	fail := func(n int) {
		for i := 0; i < n; i++ {
			login("desk", "wrong-password-123")
		}
	}
	fail(auth.UserLockout.MaxFailures)
	e.clock.Advance(auth.UserLockout.BaseLock - time.Minute)
	if c := login("desk", testPasswords["desk"]); c != 401 {
		t.Fatalf("still locked: %d", c)
	}
	e.clock.Advance(2 * time.Minute)
	// Second lock without a success in between: twice as long.
	fail(auth.UserLockout.MaxFailures)
	e.clock.Advance(auth.UserLockout.BaseLock + time.Minute)
	if c := login("desk", testPasswords["desk"]); c != 401 {
		t.Fatalf("second lock ended after one base period: %d", c)
	}
	e.clock.Advance(auth.UserLockout.BaseLock)
	if c := login("desk", testPasswords["desk"]); c != 200 {
		t.Fatalf("after the doubled lock: %d", c)
	}
	// A success forgives the doubling: the next lock is the base length.
	fail(auth.UserLockout.MaxFailures)
	e.clock.Advance(auth.UserLockout.BaseLock + time.Second)
	if c := login("desk", testPasswords["desk"]); c != 200 {
		t.Fatalf("lock after a success was not the base length: %d", c)
	}
	// An admin unlock lifts a lock at once.
	fail(auth.UserLockout.MaxFailures)
	if err := testAdmin(t, e).Unlock(context.Background(), "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	if c := login("desk", testPasswords["desk"]); c != 200 {
		t.Fatalf("after admin unlock: %d", c)
	}
	locks := 0
	for _, a := range serverChain(t, e, "login") {
		if strings.Contains(a.Detail["reason"], "locked_now") {
			locks++
		}
	}
	if locks != 4 {
		t.Errorf("%d locks audited, want 4", locks)
	}

	// One address guessing across usernames is stopped even though no
	// single account reaches its limit; a success does not clear it.
	e.clock.Advance(48 * time.Hour)
	names := []string{"alpha", "bravo", "charlie", "delta"}
	for i := 0; i < auth.SourceLockout.MaxFailures; i++ {
		login(names[i%len(names)], "guess-number-"+string(rune('a'+i)))
	}
	if c := login("nurse", testPasswords["nurse"]); c != 401 {
		t.Fatalf("right password from a locked source: %d", c)
	}
	var sourceLocked bool
	for _, a := range serverChain(t, e, "login") {
		sourceLocked = sourceLocked || strings.Contains(a.Detail["reason"], "source_locked")
	}
	if !sourceLocked {
		t.Error("source lock not audited")
	}
	e.clock.Advance(auth.SourceLockout.BaseLock + time.Second)
	if c := login("nurse", testPasswords["nurse"]); c != 200 {
		t.Fatalf("after the source lock: %d", c)
	}
}

// TestModifiedConsoleRefusedAtServer calls every console API route that
// a role may not use straight at the server, as a modified console
// would, and expects a refusal for each.
func TestModifiedConsoleRefusedAtServer(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	e.patientWrites(patientUK, "my date of birth is 03/04/1961, chest pain")
	e.patientWrites(patientUS, "Is parking free?")
	tokens := map[policy.Role]string{
		policy.RoleFrontDesk: e.login("desk"), policy.RoleNurse: e.login("nurse"),
		policy.RoleSupervisor: e.login("boss"), policy.RoleAdmin: e.login("admin"),
	}
	open := e.threadFor(tokens[policy.RoleFrontDesk], patientUS)
	clinical := e.threadFor(tokens[policy.RoleFrontDesk], patientUK)
	if c := e.do("POST", api.Version+"/threads/"+clinical+"/handoff", tokens[policy.RoleFrontDesk], api.HandoffRequest{}, nil); c != 200 {
		t.Fatalf("handoff: %d", c)
	}
	inbound := func(thread string) string {
		for _, m := range e.thread(tokens[policy.RoleNurse], thread).Messages {
			if m.Direction == "in" {
				return m.ID
			}
		}
		t.Fatal("no inbound message")
		return ""
	}
	openMsg, clinicalMsg := inbound(open), inbound(clinical)
	reason := api.RevealRequest{Reason: "patient asked us to confirm the date"}

	can := func(a policy.Action) func(policy.Role) bool {
		return func(r policy.Role) bool { return policy.Can(r, a) }
	}
	type route struct {
		name, method, path string
		body               any
		// allowed says whether the role may use the route; nil leaves the
		// allowed roles unchecked (another rule may still refuse them).
		allowed func(policy.Role) bool
		refused []policy.Role
	}
	routes := []route{
		{"inbox", "GET", "/threads", nil, can(policy.ActionViewThreads), nil},
		{"thread", "GET", "/threads/" + open, nil, can(policy.ActionViewThreads), nil},
		{"clinical thread", "GET", "/threads/" + clinical, nil, can(policy.ActionViewClinicalThreads), nil},
		{"send", "POST", "/threads/" + open + "/send", api.SendRequest{IdempotencyKey: "k-open", MacroID: "hours"},
			func(r policy.Role) bool { return policy.MayUseMacro(r, []string{"frontdesk", "nurse", "supervisor"}) }, nil},
		{"send to clinical", "POST", "/threads/" + clinical + "/send", api.SendRequest{IdempotencyKey: "k-clin", Text: "We will call you back today."},
			nil, []policy.Role{policy.RoleFrontDesk, policy.RoleAdmin}},
		{"handoff", "POST", "/threads/" + open + "/handoff", api.HandoffRequest{}, can(policy.ActionHandoffToNurse), nil},
		{"events", "GET", "/events", nil, nil, []policy.Role{policy.RoleAdmin}},
		{"reveal", "POST", "/threads/" + open + "/messages/" + openMsg + "/reveal", reason, can(policy.ActionRevealMasked), nil},
		{"reveal clinical", "POST", "/threads/" + clinical + "/messages/" + clinicalMsg + "/reveal", reason, can(policy.ActionRevealMasked), nil},
		{"reveal review", "GET", "/reveals", nil, can(policy.ActionViewAudit), nil},
		{"audit trail", "GET", "/audit", nil, can(policy.ActionViewAudit), nil},
	}
	for _, rt := range routes {
		for _, role := range []policy.Role{policy.RoleFrontDesk, policy.RoleNurse, policy.RoleSupervisor, policy.RoleAdmin} {
			mustRefuse := slices.Contains(rt.refused, role) || (rt.allowed != nil && !rt.allowed(role))
			mustAllow := rt.allowed != nil && rt.allowed(role)
			if rt.path == "/events" && !mustRefuse {
				continue // an open stream; only its refusal is checked here
			}
			t.Run(rt.name+"/"+string(role), func(t *testing.T) {
				code := e.do(rt.method, api.Version+rt.path, tokens[role], rt.body, nil)
				refused := code == http.StatusForbidden || code == http.StatusUnprocessableEntity
				if mustRefuse && !refused {
					t.Errorf("%s %s as %s: %d, want 403 or 422", rt.method, rt.path, role, code)
				}
				if mustAllow && (refused || code >= 300) {
					t.Errorf("%s %s as %s: %d, want it allowed", rt.method, rt.path, role, code)
				}
			})
		}
	}
	// Every refusal of a reveal is in the server's chain.
	refusedReveals := 0
	for _, a := range serverChain(t, e, "message.reveal") {
		if a.Outcome == "refused" {
			refusedReveals++
		}
	}
	if refusedReveals < 3 {
		t.Errorf("%d refused reveals audited", refusedReveals)
	}
}

func TestRevealIsReasonedSealedAndReviewed(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	const said = "my date of birth is 03/04/1961 and my name is Zebulon Quixote"
	e.patientWrites(patientUK, said)
	nurse, boss, admin := e.login("nurse"), e.login("boss"), e.login("admin")
	id := e.threadFor(nurse, patientUK)
	d := e.thread(nurse, id)
	msg := d.Messages[0]
	if strings.Contains(msg.Masked, "1961") {
		t.Fatalf("thread view not masked: %q", msg.Masked)
	}
	path := api.Version + "/threads/" + id + "/messages/" + msg.ID + "/reveal"
	var ref api.Refusal
	if c := e.do("POST", path, nurse, api.RevealRequest{Reason: "  why?   "}, &ref); c != 422 || ref.Rule != "reason" {
		t.Errorf("short reason: %d %+v", c, ref)
	}
	const why = "Confirming DOB for Zebulon before callback"
	var rv api.RevealResponse
	if c := e.do("POST", path, nurse, api.RevealRequest{Reason: why}, &rv); c != 200 {
		t.Fatalf("reveal: %d", c)
	}
	if rv.Text != said || rv.MessageID != msg.ID || rv.ExpiresAt.Sub(e.clock.Now()) > RevealTTL || rv.RevealID == "" {
		t.Errorf("reveal answer: %+v", rv)
	}
	if c := e.do("POST", api.Version+"/threads/"+id+"/messages/msg_nonexistent/reveal", nurse, api.RevealRequest{Reason: why}, nil); c != 404 {
		t.Errorf("unknown message: %d", c)
	}
	// The reason is sealed at rest and absent from the audit trail, which
	// names only the reveal.
	var n int
	e.srv.db.QueryRow(pgsql.Spelling(`SELECT COUNT(*) FROM reveals WHERE instr(reason_sealed, CAST('Zebulon' AS BLOB)) > 0`,
		`SELECT COUNT(*) FROM reveals WHERE position(convert_to('Zebulon', 'UTF8') in reason_sealed) > 0`)).Scan(&n)
	if n != 0 {
		t.Error("reveal reason stored readable")
	}
	entries := serverChain(t, e, "message.reveal")
	last := entries[len(entries)-1]
	if last.Outcome != "ok" || last.Detail["reveal_id"] != rv.RevealID || last.Object != "message:"+msg.ID {
		t.Errorf("reveal audit: %+v", last)
	}
	for _, a := range entries {
		for _, v := range a.Detail {
			if strings.Contains(v, "Zebulon") || strings.Contains(v, "DOB") {
				t.Errorf("reason in audit detail: %q", v)
			}
		}
	}
	// Review: the supervisor reads who, what, when and why; the admin
	// reads who, what and when; the nurse may not review.
	var list []api.RevealRecord
	if c := e.do("GET", api.Version+"/reveals", boss, nil, &list); c != 200 || len(list) != 1 {
		t.Fatalf("supervisor review: %d %+v", c, list)
	}
	if r := list[0]; r.Username != "nurse" || r.Reason != why || r.MessageID != msg.ID || r.ThreadID != id || r.ReasonWithheld {
		t.Errorf("review record: %+v", r)
	}
	list = nil
	if c := e.do("GET", api.Version+"/reveals?user=boss", boss, nil, &list); c != 200 || len(list) != 0 {
		t.Errorf("filtered review: %d %+v", c, list)
	}
	list = nil
	if c := e.do("GET", api.Version+"/reveals", admin, nil, &list); c != 200 || len(list) != 1 || list[0].Reason != "" || !list[0].ReasonWithheld {
		t.Errorf("admin review: %d %+v", c, list)
	}
	if c := e.do("GET", api.Version+"/reveals", nurse, nil, nil); c != 403 {
		t.Errorf("nurse review: %d", c)
	}
	if len(serverChain(t, e, "reveals.view")) != 4 {
		t.Errorf("reviews not audited")
	}
}

func TestAdminRevokeDisableAndRole(t *testing.T) {
	e := newEnv(t)
	adm := testAdmin(t, e)
	ctx := context.Background()
	tok := e.login("desk")
	tok2 := e.login("desk")
	n, err := adm.Revoke(ctx, "cli:root", "DESK")
	if err != nil || n != 2 {
		t.Fatalf("revoke: %d %v", n, err)
	}
	for _, tk := range []string{tok, tok2} {
		if c := e.do("GET", api.Version+"/threads", tk, nil, nil); c != 401 {
			t.Errorf("revoked token: %d", c)
		}
	}
	tok = e.login("desk")
	if n, err := adm.Disable(ctx, "cli:root", "desk"); err != nil || n != 1 {
		t.Fatalf("disable: %d %v", n, err)
	}
	if c := e.do("GET", api.Version+"/threads", tok, nil, nil); c != 401 {
		t.Errorf("disabled user's token: %d", c)
	}
	if c := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"}, nil); c != 401 {
		t.Errorf("disabled user signed in: %d", c)
	}
	if err := adm.Enable(ctx, "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	e.login("desk")
	if _, err := adm.SetRole(ctx, "cli:root", "desk", policy.RoleNurse); err != nil {
		t.Fatal(err)
	}
	var lr api.LoginResponse
	e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: "c1"}, &lr)
	if lr.User.Role != api.RoleNurse {
		t.Errorf("role after change: %+v", lr.User)
	}
	if _, err := adm.ResetPassword(ctx, "cli:root", "desk", "password123"); err == nil {
		t.Error("weak password accepted")
	}
	if _, err := adm.ResetPassword(ctx, "cli:root", "desk", "cobalt-fennel-orchard-31"); err != nil {
		t.Fatal(err)
	}
	if c := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: "cobalt-fennel-orchard-31", ConsoleID: "c1"}, nil); c != 200 {
		t.Errorf("new password: %d", c)
	}
	// A reset authenticator puts even a seeded account through enrolment.
	if _, err := adm.ResetTOTP(ctx, "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	if c := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: "cobalt-fennel-orchard-31", ConsoleID: "c1"}, nil); c != 403 {
		t.Errorf("after TOTP reset: %d, want enrolment", c)
	}
	if _, err := adm.Revoke(ctx, "cli:root", "nobody"); err == nil {
		t.Error("revoking an unknown user succeeded")
	}
	for _, action := range []string{"user.revoke", "user.disable", "user.enable", "user.role", "user.reset_password", "user.reset_totp"} {
		got := serverChain(t, e, action)
		if len(got) == 0 || got[len(got)-1].UserID != "cli:root" {
			t.Errorf("%s not audited with the actor: %+v", action, got)
		}
	}
	users, err := adm.Users(ctx)
	if err != nil || len(users) != 3 {
		t.Fatalf("list: %v %+v", err, users)
	}
}

func TestRevokedSessionLosesItsEventStream(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.HeartbeatInterval = time.Hour })
	tok := e.login("desk")
	req, _ := http.NewRequest("GET", e.url+api.Version+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("stream: %v", err)
	}
	defer resp.Body.Close()
	done := make(chan struct{})
	go func() {
		buf := make([]byte, 512)
		for {
			if _, err := resp.Body.Read(buf); err != nil {
				close(done)
				return
			}
		}
	}()
	if _, err := testAdmin(t, e).Revoke(context.Background(), "cli:root", "desk"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(events.SessionCheckEvery + 3*time.Second):
		t.Fatal("the revoked session's stream stayed open")
	}
}
