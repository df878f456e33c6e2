package store_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
)

// TestSendDoesNotHappenWhenTheLocalTrailCannotBeWritten: when the
// console's store refuses writes (read-only, or the disk is full), a send
// is refused before it leaves the console: the provider never sees it and
// the central endpoint stores no message and no send in its own chain.
func TestSendDoesNotHappenWhenTheLocalTrailCannotBeWritten(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, c *store.Console)
	}{
		{"writable store (control)", nil},
		{"read-only store", func(t *testing.T, c *store.Console) {
			c.DB().SetMaxOpenConns(1)
			if _, err := c.DB().Exec(`PRAGMA query_only = 1`); err != nil {
				t.Fatal(err)
			}
		}},
		{"disk full", func(t *testing.T, c *store.Console) {
			// The file may not grow by one more page: SQLITE_FULL, as on
			// a full disk.
			c.DB().SetMaxOpenConns(1)
			var pages int
			if err := c.DB().QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
				t.Fatal(err)
			}
			if _, err := c.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
				t.Fatal(err)
			}
			if err := c.DB().QueryRow(`PRAGMA max_page_count = 1`).Scan(&pages); err != nil {
				t.Fatal(err)
			}
			// Fill what is left of the last pages so the next entry needs a new one.
			for i := 0; i < 200; i++ {
				if _, err := c.Append(context.Background(), store.Actor{UserID: "filler"}, "filler", "", "ok", nil); err != nil {
					return
				}
			}
			t.Fatal("the store never filled up")
		}},
	}
	env := newCentral(t)
	threadID := env.patientWrites("Hello, can I book a flu jab?")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			con, err := store.OpenConsole(ctx, t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer con.Close()
			cl := store.NewClient(env.url(), &http.Client{Timeout: 5 * time.Second}, con)
			if _, err := cl.Login(ctx, "desk", passwords["desk"], ""); err != nil {
				t.Fatal(err)
			}
			before := len(env.sim.Outbox())
			pending, _ := con.Pending(ctx)

			if tc.damage == nil {
				// The same send on a healthy store goes out and is recorded.
				if _, err := cl.Send(ctx, threadID, api.SendRequest{Text: "Yes, Tuesday at 10 works.", IdempotencyKey: "control"}); err != nil {
					t.Fatal(err)
				}
				found := false
				for _, e := range auditView(t, env, "message.send") {
					found = found || (e.Detail["console"] == con.ID() && e.Outcome == "ok")
				}
				waitUntil(t, "the provider to receive the control send", func() bool { return len(env.sim.Outbox()) == before+1 })
				if !found {
					t.Fatal("the central trail does not show the control send")
				}
				return
			}
			tc.damage(t, con)
			_, err = cl.Send(ctx, threadID, api.SendRequest{Text: "Yes, Tuesday at 10 works.", IdempotencyKey: "fail-closed-" + tc.name})
			if !errors.Is(err, store.ErrAuditUnwritable) {
				t.Fatalf("send with an unwritable trail: err = %v, want ErrAuditUnwritable", err)
			}
			time.Sleep(100 * time.Millisecond) // a send that slipped out would reach the simulator by now
			if n := len(env.sim.Outbox()); n != before {
				t.Fatalf("the provider received %d messages; the send must not leave the console", n-before)
			}
			page := auditView(t, env, "message.send")
			for _, e := range page {
				if e.Detail["console"] == con.ID() {
					t.Fatalf("the central endpoint recorded a send from this console: %+v", e)
				}
			}
			if now, _ := con.Pending(ctx); tc.name == "read-only store" && now != pending {
				t.Fatalf("pending entries changed from %d to %d on a read-only store", pending, now)
			}
		})
	}
}

// auditView reads the central trail as the supervisor.
func auditView(t *testing.T, env *centralEnv, action string) []api.AuditEntry {
	t.Helper()
	boss := env.client(t.TempDir())
	ctx := context.Background()
	if _, err := boss.Login(ctx, "boss", passwords["boss"], ""); err != nil {
		t.Fatal(err)
	}
	entries, err := boss.AuditEntries(ctx, api.AuditFilter{Action: action, ConsoleID: "triaged", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
