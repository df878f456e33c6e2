package main

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
)

// TestDemoFillsTheNurseQueueAndEscalates runs the demo stack with its
// scripted front desk: the clinical patients' threads reach the nurses'
// queue with notes, the forms request is escalated by hand, and once the
// demo's SLA passes the hand-offs escalate by themselves, so the nurse
// and the supervisor each have work to do.
func TestDemoFillsTheNurseQueueAndEscalates(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo stack")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	old := demoHandoffSLA
	demoHandoffSLA = 10 * time.Second
	t.Cleanup(func() { demoHandoffSLA = old })
	log := slog.New(slog.NewTextHandler(discardLog{}, nil))
	stack, err := startDemoStack(ctx, t.TempDir(), "127.0.0.1:0", log)
	if err != nil {
		t.Fatal(err)
	}
	defer stack.stop()
	go playScript(ctx, stack.SimURL, 20, log)
	triageRun(ctx, stack, 6*time.Second, log)

	client := func(role string) *store.Client {
		con, err := store.OpenConsole(ctx, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { con.Close() })
		c := store.NewClient(stack.CentralURL, &http.Client{Timeout: 15 * time.Second}, con)
		u := stack.Users[role]
		if _, err := c.Login(ctx, u.Username, u.Password, ""); err != nil {
			t.Fatal(err)
		}
		pol, err := c.Policy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.AcknowledgePolicy(ctx, pol.Version, "Demo Tester"); err != nil {
			t.Fatal(err)
		}
		return c
	}
	nurse, boss := client("nurse"), client("supervisor")
	nq, err := nurse.Inbox(ctx, api.InboxFilter{Queue: api.QueueNurse}, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(nq.Threads) < 3 {
		t.Fatalf("nurse queue holds %d threads, want the scripted hand-offs", len(nq.Threads))
	}
	for _, th := range nq.Threads {
		if th.Handoff == nil || th.Handoff.By != "demo.desk" || th.Handoff.Note == "" {
			t.Fatalf("hand-off row %+v", th.Handoff)
		}
	}
	var esc api.ThreadPage
	deadline := time.Now().Add(30 * time.Second)
	for {
		if esc, err = boss.Escalations(ctx, "", 50); err != nil {
			t.Fatal(err)
		}
		kinds := map[api.EscalationKind]int{}
		for _, th := range esc.Threads {
			if th.Escalation != nil {
				kinds[th.Escalation.Kind]++
			}
		}
		if kinds[api.EscalationManual] == 1 && kinds[api.EscalationSLA] >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("escalations %v, want the forms request and at least one overdue hand-off", kinds)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
