package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
)

// TestEvidencePackFromDemoHasNoPHI runs the demo's whole loop (the
// seeded patients write in, the front desk answers, a nurse reveals a
// message giving a reason that names the patient and her medicine),
// then makes an evidence pack from that data folder. The pack verifies;
// altering a file makes verification fail and name it; and no byte of
// the pack holds any of the seeded patients' details.
func TestEvidencePackFromDemoHasNoPHI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo stack")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	logFile, err := os.OpenFile(filepath.Join(dir, "demo.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))
	stack, err := startDemoStack(ctx, dir, "127.0.0.1:0", log)
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			stack.stop()
		}
	}()
	playScript(ctx, stack.SimURL, 60, log)

	signIn := func(role string) *store.Client {
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
		// The demo's users acknowledge the messaging policy once, as the
		// console asks them to.
		if _, err := c.Threads(ctx); !store.PolicyAckRequired(err) {
			t.Fatalf("%s opened the inbox before acknowledging the policy: %v", role, err)
		}
		acknowledgePolicy(t, c)
		return c
	}
	desk, nurse := signIn("frontdesk"), signIn("nurse")
	var threads []api.ThreadSummary
	deadline := time.Now().Add(30 * time.Second)
	for len(threads) < 4 && time.Now().Before(deadline) {
		if threads, err = desk.Threads(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i, th := range threads {
		if _, err := desk.Thread(ctx, th.ID); err != nil {
			t.Fatal(err)
		}
		desk.Send(ctx, th.ID, api.SendRequest{IdempotencyKey: fmt.Sprintf("ev-%d", i), MacroID: "hours"})
	}
	nt, err := nurse.Threads(ctx)
	if err != nil || len(nt) == 0 {
		t.Fatalf("nurse threads: %d %v", len(nt), err)
	}
	revealed := 0
	for _, th := range nt {
		d, err := nurse.Thread(ctx, th.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range d.Messages {
			if m.Direction == "in" && revealed < 2 {
				if _, err := nurse.Reveal(ctx, th.ID, m.ID, "Calling Robert Chen back about his metformin and chest pain"); err != nil {
					t.Fatal(err)
				}
				revealed++
			}
		}
	}
	if revealed == 0 {
		t.Fatal("nothing revealed: the reveal reasons would not be tested")
	}
	desk.SyncOnce(ctx)
	nurse.SyncOnce(ctx)
	stopped = true
	stack.stop()

	a, err := central.OpenAdmin(ctx, central.Config{DataDir: filepath.Join(dir, "triaged"), AllowDemoKey: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	now := time.Now().UTC()
	out := filepath.Join(dir, "evidence")
	res, err := a.Evidence(ctx, central.EvidenceOptions{From: now.Add(-24 * time.Hour), To: now.Add(time.Hour), OutDir: out,
		Providers: []string{"cloudapi"}, Configuration: map[string]string{"TRIAGED_WHATSAPP_TOKEN": "set (redacted)"}})
	if err != nil {
		t.Fatal(err)
	}
	rev, _ := os.ReadFile(filepath.Join(res.Dir, "04-access-review.txt"))
	if !strings.Contains(string(rev), "reason: Calling") || !strings.Contains(string(rev), "patient details masked") {
		t.Errorf("the access review lacks the masked reveal reasons:\n%s", rev)
	}
	pubRaw, err := os.ReadFile(filepath.Join(res.Dir, "03-audit-checkpoint.pub"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := audit.ParsePublicKey(string(pubRaw))
	if err != nil {
		t.Fatal(err)
	}
	if _, probs, err := central.VerifyEvidence(res.Dir, pub); err != nil || len(probs) != 0 {
		t.Fatalf("the demo's pack does not verify: %v %v", probs, err)
	}
	scanned := scanDir(t, out, phiNeedles("evidence-test-no-draft"))
	if len(scanned) < 13 {
		t.Errorf("scanned only %v", keysOf(scanned))
	}
	// Altering any file is named.
	os.WriteFile(filepath.Join(res.Dir, "07-consent-statistics.json"), []byte("{}\n"), 0o600)
	if _, probs, _ := central.VerifyEvidence(res.Dir, pub); len(probs) != 1 || probs[0].File != "07-consent-statistics.json" {
		t.Errorf("altered consent statistics: %v", probs)
	}
}
