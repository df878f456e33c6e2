package central

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// honestConsole is a real console (its own store, its own key) signed in
// as user.
func honestConsole(t *testing.T, e *env, user string) (*store.Client, *store.Console) {
	t.Helper()
	con, err := store.OpenConsole(context.Background(), t.TempDir(), e.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { con.Close() })
	c := store.NewClient(e.url, &http.Client{Timeout: 10 * time.Second}, con)
	if _, err := c.Login(context.Background(), user, testPasswords[user], ""); err != nil {
		t.Fatalf("%s signs in: %v", user, err)
	}
	// The thread routes stay shut until the messaging policy is
	// acknowledged, as the console's acknowledgment screen does.
	pol, err := c.Policy(context.Background())
	if err != nil {
		t.Fatalf("%s reads the policy: %v", user, err)
	}
	if !pol.Acknowledged {
		if _, err := c.AcknowledgePolicy(context.Background(), pol.Version, "Test Staff Member"); err != nil {
			t.Fatalf("%s acknowledges the policy: %v", user, err)
		}
	}
	return c, con
}

// TestForgedChainCannotHijackAnotherConsole replays the attack that broke
// the trail: a front-desk user signs in naming a nurse console's id,
// appends to that console's chain, and so blocks the nurse console's
// sync for good, with the entry shown as genuine in the audit view. The
// attacker's requests are plain JSON, as a hostile client would send.
func TestForgedChainCannotHijackAnotherConsole(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	nurse, nurseCon := honestConsole(t, e, "nurse")
	if _, err := nurse.SyncOnce(ctx); err != nil {
		t.Fatalf("the nurse console's first sync: %v", err)
	}

	// The front desk signs in claiming the nurse console's id.
	var lr api.LoginResponse
	e.do("POST", api.Version+"/login", "", map[string]any{
		"username": "desk", "password": testPasswords["desk"], "console_id": nurseCon.ID(),
	}, &lr)
	if lr.Token != "" {
		desk := mustUser(t, e, "desk")
		// Learn the held head from a gap answer, then append to it.
		var head api.AuditBatchResult
		gap := audit.Link(&api.AuditEntry{ConsoleID: nurseCon.ID(), Seq: 999, Hash: audit.GenesisHash},
			api.AuditEntry{ConsoleID: nurseCon.ID(), At: e.clock.Now(), UserID: desk.ID, Role: api.RoleFrontDesk,
				Action: "thread.view", Object: "thread:thr_x", Outcome: "ok"})
		e.do("POST", api.Version+"/audit", lr.Token, api.AuditBatch{BatchID: "x", Entries: []api.AuditEntry{gap}}, &head)
		if head.HeadSeq > 0 {
			forged := audit.Link(&api.AuditEntry{ConsoleID: nurseCon.ID(), Seq: head.HeadSeq, Hash: head.HeadHash},
				api.AuditEntry{ConsoleID: nurseCon.ID(), At: e.clock.Now().Add(time.Second), UserID: desk.ID, Role: api.RoleFrontDesk,
					Action: "thread.view", Object: "thread:thr_x", Outcome: "ok"})
			code := e.do("POST", api.Version+"/audit", lr.Token, api.AuditBatch{BatchID: "y", Entries: []api.AuditEntry{forged}}, nil)
			if code == http.StatusOK {
				t.Errorf("a front-desk session appended to the nurse console's chain")
			}
		}
	}

	// The nurse console goes on: it acts and its trail reaches the server.
	e.patientWrites(patientUK, "Can I move my appointment?")
	if _, err := nurse.Thread(ctx, e.threadFor("", patientUK)); err != nil {
		t.Fatal(err)
	}
	if _, err := nurse.SyncOnce(ctx); err != nil {
		t.Fatalf("the nurse console's sync is blocked after the forgery: %v", err)
	}
	if n, _ := nurseCon.Pending(ctx); n != 0 {
		t.Fatalf("%d of the nurse console's entries did not reach the server", n)
	}

	// The audit view shows the nurse console's chain with the nurse's
	// entries only.
	admin := e.login("admin")
	var page api.AuditPage
	if code := e.do("GET", api.Version+"/audit?console="+nurseCon.ID(), admin, nil, &page); code != http.StatusOK {
		t.Fatalf("audit view: %d", code)
	}
	nurseUser := mustUser(t, e, "nurse")
	for _, en := range page.Entries {
		if en.UserID != nurseUser.ID || en.Role != api.RoleNurse {
			t.Errorf("the audit view shows entry %d of the nurse console by %s as %s", en.Seq, en.UserID, en.Role)
		}
	}
	held, err := e.srv.store.Audit.Chain(ctx, e.srv.db, nurseCon.ID())
	if err != nil || len(held) == 0 {
		t.Fatalf("the nurse console's chain at the server: %d entries, %v", len(held), err)
	}
	if err := audit.Verify(nil, held); err != nil {
		t.Fatalf("the nurse console's chain does not verify: %v", err)
	}
}
