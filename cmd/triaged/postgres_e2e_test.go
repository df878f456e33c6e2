//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/pgtest"
)

// TestServeOnPostgres runs the real binaries with the store in a
// PostgreSQL database (TRIAGED_DATABASE_URL): a patient writes in through
// the simulated provider, the front desk answers and the answer reaches
// the provider; `triage user add` creates an account in the same
// database beside the running server; the data folder holds no SQLite
// file. Then a pg_dump of the database, everything PostgreSQL keeps,
// must not contain the patient's name, numbers or words in any case or
// digit-only form: PostgreSQL sees only sealed values and blind indexes.
func TestServeOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs triaged, bspsim and triage as processes")
	}
	pg := pgtest.NewDatabase(t)
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator),
		"github.com/clinicwa/triage/cmd/triaged", "github.com/clinicwa/triage/cmd/bspsim", "github.com/clinicwa/triage/cmd/triage")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	simAddr, triAddr := freeAddr(t), freeAddr(t)
	simURL, triURL := "http://"+simAddr, "http://"+triAddr
	dataDir := filepath.Join(dir, "data")
	passFile := filepath.Join(dir, "passphrase")
	usersFile := filepath.Join(dir, "users.json")
	os.WriteFile(passFile, []byte("correct-horse-battery-staple-pg\n"), 0o600)
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: e2ePassword, Role: "frontdesk"}})
	os.WriteFile(usersFile, users, 0o600)
	const (
		patient     = "+447700900187"
		patientName = "Ottoline Brackenbury"
		patientText = "Hi, Ottoline here, DOB 14/02/1979, my other number is 07700 900 461 and the rash is spreading"
	)

	logs := startSimulator(t, dir, binDir, simAddr, triURL)
	pgEnv := append(baseEnv(), central.EnvDatabaseURL+"="+pg.URL, "TRIAGED_DATA="+dataDir, "TRIAGED_KEY_PASSPHRASE_FILE="+passFile)
	triEnv := append(pgEnv,
		"TRIAGED_ADDR="+triAddr, "TRIAGED_PROVIDER=cloudapi",
		"TRIAGED_WHATSAPP_APP_SECRET="+e2eAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+e2eVerifyToken,
		"TRIAGED_WHATSAPP_TOKEN="+e2eToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+e2ePhoneID,
		"TRIAGED_WHATSAPP_API_BASE="+simURL, "TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_SEED_OPTINS="+patient,
		"TRIAGED_LOG="+logs[1], "TRIAGED_METRICS_ADDR=off",
	)
	os.MkdirAll(dataDir, 0o700)
	tri := startProc(t, "triaged", filepath.Join(binDir, "triaged"), nil, triEnv, filepath.Join(dir, "triaged.out"))
	eventually(t, 20*time.Second, "triaged to answer /healthz", func() (bool, string) {
		select {
		case <-tri.done:
			b, _ := os.ReadFile(tri.log)
			t.Fatalf("triaged exited at start: %s", b)
		default:
		}
		code, err := call("GET", triURL+"/healthz", "", nil, nil)
		return err == nil && code == 200, fmt.Sprint(code, err)
	})

	// A patient writes in (the webhook delivered twice: stored once).
	mustCall(t, 200, "POST", simURL+"/sim/faults", "", map[string]any{"duplicate_ratio": 1.0}, nil)
	mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": patient, "name": patientName, "text": patientText}, nil)
	var login api.LoginResponse
	mustCall(t, 200, "POST", triURL+api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: e2ePassword, ConsoleID: "console-pg"}, &login)
	var pol api.MessagingPolicy
	mustCall(t, 200, "GET", triURL+api.Version+"/policy", login.Token, nil, &pol)
	mustCall(t, 200, "POST", triURL+api.Version+"/policy/ack", login.Token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil)
	var threads []api.ThreadSummary
	eventually(t, 15*time.Second, "the patient's thread", func() (bool, string) {
		threads = nil
		call("GET", triURL+api.Version+"/threads", login.Token, nil, &threads)
		return len(threads) == 1 && threads[0].Inbound == 1, fmt.Sprintf("%+v", threads)
	})
	var detail api.ThreadDetail
	mustCall(t, 200, "GET", triURL+api.Version+"/threads/"+threads[0].ID, login.Token, nil, &detail)
	if strings.Contains(detail.Thread.PatientLabel, "Ottoline") {
		t.Errorf("the console sees the patient's name: %q", detail.Thread.PatientLabel)
	}

	// The front desk answers; the answer reaches the provider once.
	const answer = "Thank you, a nurse will call you back today"
	mustCall(t, 200, "POST", triURL+api.Version+"/threads/"+threads[0].ID+"/send", login.Token,
		api.SendRequest{IdempotencyKey: "pg-answer-1", Text: answer}, nil)
	eventually(t, 15*time.Second, "the answer at the provider", func() (bool, string) {
		var outbox []simEntry
		call("GET", simURL+"/sim/outbox", "", nil, &outbox)
		n := 0
		for _, m := range outbox {
			if m.To == patient && m.Text == answer {
				n++
			}
		}
		return n == 1, fmt.Sprintf("%+v", outbox)
	})

	// An administrator adds an account from the command line, beside the
	// running server, into the same database.
	newPass := filepath.Join(dir, "new-user-password")
	os.WriteFile(newPass, []byte("quartz-heron-lantern-58\n"), 0o600)
	cmd := exec.Command(filepath.Join(binDir, "triage"), "user", "add", "nora", "--role", "nurse", "--password-file", newPass)
	cmd.Env = pgEnv
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("triage user add: %v\n%s", err, out)
	}
	var added int
	if err := pg.DB.QueryRow(`SELECT COUNT(*) FROM users WHERE username = 'nora' AND role = 'nurse'`).Scan(&added); err != nil || added != 1 {
		t.Fatalf("the account is not in PostgreSQL: %d, %v", added, err)
	}
	var inbound int
	if err := pg.DB.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'in'`).Scan(&inbound); err != nil || inbound != 1 {
		t.Fatalf("inbound messages in PostgreSQL: %d, %v; want 1 (the webhook came twice)", inbound, err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, central.DBFileName)); err == nil {
		t.Errorf("a %s was made in the data folder although the store is in PostgreSQL", central.DBFileName)
	}

	// The audit log in PostgreSQL verifies with the offline command, and
	// the SQLite file backup refuses, naming PostgreSQL's own.
	verify := exec.Command(filepath.Join(binDir, "triaged"), "audit", "verify", "--data", dataDir)
	verify.Env = pgEnv
	if out, err := verify.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("OK: ")) {
		t.Fatalf("triaged audit verify on PostgreSQL: %v\n%s", err, out)
	}
	backup := exec.Command(filepath.Join(binDir, "triaged"), "backup", "--out", filepath.Join(dir, "backup.db"))
	backup.Env = pgEnv
	if out, err := backup.CombinedOutput(); err == nil || !bytes.Contains(out, []byte("pg_dump")) {
		t.Fatalf("triaged backup of a PostgreSQL store: %v\n%s; want a refusal naming pg_dump", err, out)
	}

	// What PostgreSQL holds, as a dump of the whole database.
	dump := pg.Dump(t)
	if !bytes.Contains(dump, []byte("COPY public.messages")) {
		t.Fatalf("the dump holds no messages table:\n%.2000s", dump)
	}
	folded := bytes.ToLower(dump)
	digits := regexp.MustCompile(`[^0-9]+`).ReplaceAllString
	phi := []string{patientName, "Ottoline", "Brackenbury", "rash is spreading", "14/02/1979", "07700 900 461",
		patient, strings.TrimPrefix(patient, "+"), digits(patient, ""), "7700900187", digits("07700 900 461", ""), "7700900461"}
	for _, s := range phi {
		if bytes.Contains(folded, bytes.ToLower([]byte(s))) {
			t.Errorf("the pg_dump holds %q in clear", s)
		}
	}
	// The sealed values are there (as bytea hex), so nothing was lost.
	var sealed int
	if err := pg.DB.QueryRow(`SELECT COUNT(*) FROM patients WHERE phone_sealed IS NOT NULL AND profile_name_sealed IS NOT NULL`).Scan(&sealed); err != nil || sealed != 1 {
		t.Fatalf("sealed patient rows: %d, %v", sealed, err)
	}
}
