package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
)

func TestAuditViewIsForReviewersAndIsItselfAudited(t *testing.T) {
	env := newCentral(t)
	ctx := context.Background()
	thread := env.patientWrites("Is the clinic open on Saturday?")

	desk := env.client(t.TempDir())
	if _, err := desk.Login(ctx, "desk", passwords["desk"], ""); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.Thread(ctx, thread); err != nil {
		t.Fatal(err)
	}
	_, err := desk.AuditEntries(ctx, api.AuditFilter{})
	var se *store.StatusError
	if !errors.As(err, &se) || se.Code != 403 {
		t.Fatalf("front desk reading the audit trail: %v; want 403", err)
	}

	boss := env.client(t.TempDir())
	if _, err := boss.Login(ctx, "boss", passwords["boss"], ""); err != nil {
		t.Fatal(err)
	}
	views, err := boss.AuditEntries(ctx, api.AuditFilter{Action: "thread.view", Object: "thread:" + thread, ConsoleID: "triaged"})
	if err != nil {
		t.Fatal(err)
	}
	if len(views) == 0 || views[0].Action != "thread.view" || views[0].Object != "thread:"+thread || views[0].Detail["console"] == "" {
		t.Fatalf("thread views: %+v", views)
	}
	for _, e := range views {
		if e.Action != "thread.view" || e.Object != "thread:"+thread {
			t.Fatalf("filter let through %+v", e)
		}
	}
	// Both the refused and the allowed look at the trail are on record.
	seen, err := boss.AuditEntries(ctx, api.AuditFilter{Action: "audit.view", ConsoleID: "triaged"})
	if err != nil {
		t.Fatal(err)
	}
	var refused, ok bool
	for _, e := range seen {
		refused = refused || e.Outcome == "refused" && e.Role == api.RoleFrontDesk
		ok = ok || e.Outcome == "ok" && e.Detail["filter_action"] == "thread.view"
	}
	if !refused || !ok {
		t.Fatalf("audit views on record: %+v", seen)
	}
}

func TestFailedSignInRecordsOnlyAKeyedHashOfTheTypedName(t *testing.T) {
	env := newCentral(t)
	ctx := context.Background()
	con, err := store.OpenConsole(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	cl := store.NewClient(env.url(), nil, con)
	typed := "correct-horse-battery-staple" // a password typed into the name field
	if _, err := cl.Login(ctx, typed, "x", ""); err == nil {
		t.Fatal("signed in with a wrong password")
	}
	entries, err := con.Unsynced(ctx, 10)
	if err != nil || len(entries) != 1 {
		t.Fatalf("entries %v, %v", entries, err)
	}
	e := entries[0]
	raw := e.UserID + e.Object
	for _, v := range e.Detail {
		raw += v
	}
	if strings.Contains(raw, typed) {
		t.Fatalf("the typed name is in the trail in clear: %+v", e)
	}
	if e.Detail["typed_name"] != con.KeyedHash("login.username", typed) || !strings.HasPrefix(e.Detail["typed_name"], "hmac-sha256:") {
		t.Fatalf("typed name recorded as %q", e.Detail["typed_name"])
	}
}
