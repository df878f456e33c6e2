package central

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
)

// rawLogin signs in without acknowledging the policy.
func (e *env) rawLogin(user string) string {
	e.t.Helper()
	var lr api.LoginResponse
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: user, Password: testPasswords[user], ConsoleID: "console-" + user}, &lr); code != 200 {
		e.t.Fatalf("login %s: %d", user, code)
	}
	return lr.Token
}

// threadRoutesRefused checks every thread route answers 403 with the
// acknowledgment code for token.
func threadRoutesRefused(t *testing.T, e *env, token, threadID, msgID string) {
	t.Helper()
	for _, r := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/threads", nil},
		{"GET", "/threads/" + threadID, nil},
		{"POST", "/threads/" + threadID + "/send", api.SendRequest{IdempotencyKey: "k1", MacroID: "hours"}},
		{"POST", "/threads/" + threadID + "/handoff", api.HandoffRequest{Note: "please call back"}},
		{"POST", "/threads/" + threadID + "/messages/" + msgID + "/reveal", api.RevealRequest{Reason: "confirming the callback"}},
	} {
		var out api.Error
		if code := e.do(r.method, api.Version+r.path, token, r.body, &out); code != 403 || out.Code != api.CodePolicyAckRequired {
			t.Errorf("%s %s before the acknowledgment: %d %+v", r.method, r.path, code, out)
		}
	}
}

// TestThreadsClosedUntilPolicyAcknowledged: over real HTTP, a user who
// has not acknowledged the messaging policy in force cannot list, open,
// answer, hand off or reveal; a wrong version or a name that is not one
// is refused; the acknowledgment is audited and its name sealed; a new
// policy version, and a year's passing, ask again.
func TestThreadsClosedUntilPolicyAcknowledged(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "Hi, is the clinic open on Saturday?")
	threadID := e.threadFor(e.login("admin"), patientUK)
	var msgID string
	e.srv.db.QueryRow(`SELECT id FROM messages WHERE thread_id = ? AND direction = 'in'`, threadID).Scan(&msgID)

	tok := e.rawLogin("nurse")
	threadRoutesRefused(t, e, tok, threadID, msgID)

	var pol api.MessagingPolicy
	if code := e.do("GET", api.Version+"/policy", tok, nil, &pol); code != 200 || pol.Acknowledged || pol.Version == "" || pol.Text == "" {
		t.Fatalf("policy: %d %+v", code, pol)
	}
	for _, bad := range []struct {
		req  api.PolicyAckRequest
		want int
	}{
		{api.PolicyAckRequest{Version: "1999.1", FullName: "Nora Nurse"}, 409},
		{api.PolicyAckRequest{Version: pol.Version, FullName: "  x "}, 422},
		{api.PolicyAckRequest{Version: pol.Version, FullName: "12345"}, 422},
		{api.PolicyAckRequest{Version: pol.Version, FullName: "Nora\x1b[2J Nurse"}, 422},
	} {
		if code := e.do("POST", api.Version+"/policy/ack", tok, bad.req, nil); code != bad.want {
			t.Errorf("ack %+v: %d, want %d", bad.req, code, bad.want)
		}
	}
	threadRoutesRefused(t, e, tok, threadID, msgID)

	const name = "Nora Quillfeather Nurse"
	if code := e.do("POST", api.Version+"/policy/ack", tok, api.PolicyAckRequest{Version: pol.Version, FullName: name}, nil); code != 200 {
		t.Fatalf("ack: %d", code)
	}
	if code := e.do("GET", api.Version+"/threads/"+threadID, tok, nil, nil); code != 200 {
		t.Fatalf("thread after the acknowledgment: %d", code)
	}
	var nurseAcks []api.AuditEntry
	for _, a := range serverChain(t, e, "policy.ack") {
		if a.Role == api.RoleNurse {
			nurseAcks = append(nurseAcks, a)
		}
	}
	if len(nurseAcks) != 1 || nurseAcks[0].Object != "policy:"+pol.Version || nurseAcks[0].Outcome != "ok" {
		t.Fatalf("audit: %+v", nurseAcks)
	}
	// The name is sealed: nowhere in the database file in clear.
	if bytes.Contains(storedBytes(t, e), []byte("Quillfeather")) {
		t.Error("the acknowledging name is readable in triaged.db")
	}

	// The clinic publishes a new version: everyone acknowledges again.
	newPolicy := "Version: 2027.1\nTitle: Patient messaging policy\n\nNo health details in WhatsApp, ever.\n"
	if err := os.WriteFile(filepath.Join(e.dir, assets.MessagingPolicyFile), []byte(newPolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	threadRoutesRefused(t, e, tok, threadID, msgID)
	var pol2 api.MessagingPolicy
	e.do("GET", api.Version+"/policy", tok, nil, &pol2)
	if pol2.Version != "2027.1" || pol2.Acknowledged {
		t.Fatalf("new policy: %+v", pol2)
	}
	if code := e.do("POST", api.Version+"/policy/ack", tok, api.PolicyAckRequest{Version: "2027.1", FullName: name}, nil); code != 200 {
		t.Fatalf("ack of the new version: %d", code)
	}
	if code := e.do("GET", api.Version+"/threads", tok, nil, nil); code != 200 {
		t.Fatalf("threads after the new acknowledgment: %d", code)
	}

	// A year later the acknowledgment has lapsed.
	e.clock.Advance(AckValidity + time.Hour)
	tok = e.rawLogin("nurse")
	threadRoutesRefused(t, e, tok, threadID, msgID)

	// A malformed policy file closes the thread routes with a clear
	// error rather than falling back to a text nobody chose.
	os.WriteFile(filepath.Join(e.dir, assets.MessagingPolicyFile), []byte("no header here"), 0o600)
	var out api.Error
	if code := e.do("GET", api.Version+"/threads", tok, nil, &out); code != 503 || out.Error == "" {
		t.Fatalf("malformed policy: %d %+v", code, out)
	}
}

func TestParseMessagingPolicy(t *testing.T) {
	p, err := ParseMessagingPolicy(assets.DefaultMessagingPolicy())
	if err != nil || p.Version == "" || p.Title == "" || len(p.SHA256) != 64 {
		t.Fatalf("embedded policy: %+v %v", p, err)
	}
	for _, bad := range []string{"", "Version: 1\n", "Title: x\n\ntext", "Version: 1\n\n   ", "\xff\xfe"} {
		if _, err := ParseMessagingPolicy([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
