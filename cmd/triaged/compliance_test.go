package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/auditlog"
)

type noKeyring struct{}

var errNoKeyring = errors.New("keyring not used in this test")

func (noKeyring) Get(string, string) (string, error) { return "", errNoKeyring }
func (noKeyring) Set(string, string, string) error   { return errNoKeyring }
func (noKeyring) Delete(string, string) error        { return errNoKeyring }

// TestPrivacyOfficerCommands drives the quarter's commands as the privacy
// officer types them, against a real data folder whose keys are under a
// passphrase: the vendor register, the access review and its record, the
// evidence pack and its check (naming an altered file), and a backup
// restored into an empty folder.
func TestPrivacyOfficerCommands(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("privacy-officer-passphrase-long\n"), 0o600)
	t.Setenv("TRIAGED_KEY_PASSPHRASE_FILE", pass)
	t.Setenv("TRIAGED_DATA", dir)
	t.Setenv("TRIAGED_PROVIDER", "twilio")
	t.Setenv("TRIAGED_TWILIO_AUTH_TOKEN", "twilio-secret-token-value")
	ctx := context.Background()
	srv, err := central.New(ctx, central.Config{DataDir: dir, Addr: "127.0.0.1:0", KeyPassphraseFile: pass, Keyring: noKeyring{},
		Provider: nullProvider{}, WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v",
		SeedUsers: []central.SeedUser{{Username: "desk", Password: "plum-otter-lantern-97", Role: "frontdesk"},
			{Username: "boss", Password: "saffron-river-tundra-63", Role: "supervisor"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Shutdown(ctx)

	var out, errb bytes.Buffer
	do := func(fn func([]string, *bytes.Buffer, *bytes.Buffer) error, args ...string) error {
		out.Reset()
		errb.Reset()
		return fn(args, &out, &errb)
	}
	wrap := func(f func([]string, io.Writer, io.Writer) error) func([]string, *bytes.Buffer, *bytes.Buffer) error {
		return func(a []string, o, e *bytes.Buffer) error { return f(a, o, e) }
	}
	vendor, review, evidence := wrap(runVendor), wrap(runAccessReview), wrap(runEvidence)

	// The vendor register: Meta is refused; Twilio recorded.
	if err := do(vendor, "set", "--provider", "cloudapi", "--vendor", "Meta", "--baa", "signed", "--signed-on", "2026-01-01", "--product", "x", "--next-review", "2027-01-01"); err == nil {
		t.Error("a BAA with Meta was accepted")
	}
	if err := do(vendor, "set", "--provider", "twilio", "--vendor", "Twilio Inc.", "--baa", "signed", "--signed-on", "2025-01-10",
		"--product", "Twilio WhatsApp Business API", "--next-review", "2025-12-31"); err != nil {
		t.Fatal(err, errb.String())
	}
	if err := do(vendor, "list"); err != nil || !strings.Contains(out.String(), "Twilio Inc.") || !strings.Contains(out.String(), "review was due 2025-12-31") {
		t.Fatalf("vendor list: %v\n%s", err, out.String())
	}

	// The access review, as JSON for a spreadsheet.
	if err := do(review, "--format", "json", "--dormant-days", "30"); err != nil {
		t.Fatal(err, errb.String())
	}
	var rep central.AccessReview
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || len(rep.Accounts) != 2 || !rep.Due {
		t.Fatalf("review json: %v %+v", err, rep)
	}
	if err := do(review, "--format", "xml"); err == nil {
		t.Error("--format xml accepted")
	}
	if err := do(review, "done", "--by", "desk", "--note", "all accounts checked"); err == nil {
		t.Error("a front-desk account recorded a review")
	}
	if err := do(review, "done", "--by", "boss", "--note", "all accounts checked; demo exemptions accepted"); err != nil {
		t.Fatal(err, errb.String())
	}
	if err := do(review); err != nil || strings.Contains(out.String(), "REVIEW DUE") || !strings.Contains(out.String(), "by boss") {
		t.Fatalf("review after done: %v\n%s", err, out.String())
	}

	// The evidence pack, and its check.
	packs := t.TempDir()
	if err := do(evidence, "--from", "2026-01-01", "--to", "2099-01-01", "--out", packs); err != nil {
		t.Fatal(err, errb.String())
	}
	if !strings.Contains(out.String(), "FINDING: vendor twilio: the BAA review was due 2025-12-31") {
		t.Errorf("evidence findings:\n%s", out.String())
	}
	entries, _ := os.ReadDir(packs)
	if len(entries) != 1 {
		t.Fatalf("packs: %v", entries)
	}
	pack := filepath.Join(packs, entries[0].Name())
	cfg, _ := os.ReadFile(filepath.Join(pack, "02-configuration.json"))
	if bytes.Contains(cfg, []byte("twilio-secret-token-value")) || !bytes.Contains(cfg, []byte("set (redacted)")) || !bytes.Contains(cfg, []byte(`"kek": "passphrase"`)) {
		t.Errorf("configuration:\n%s", cfg)
	}
	if err := do(wrap(runEvidenceVerify), pack); err != nil || !strings.HasPrefix(out.String(), "OK: ") {
		t.Fatalf("verify: %v\n%s", err, out.String())
	}
	os.WriteFile(filepath.Join(pack, "08-key-rotation.json"), []byte("[]\n"), 0o600)
	if err := do(wrap(runEvidenceVerify), pack); err == nil || !strings.Contains(out.String(), "BROKEN: 08-key-rotation.json: altered") {
		t.Fatalf("verify after an edit: %v\n%s", err, out.String())
	}

	// Backup, and a restore into an empty folder.
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := do(wrap(runBackup), "--out", backup); err != nil {
		t.Fatal(err)
	}
	restored := t.TempDir()
	if err := do(wrap(runRestore), "--from", backup, "--data", restored, "--pubkey", filepath.Join(dir, auditlog.PublicKeyFileName)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "signed checkpoints hold") {
		t.Errorf("restore: %s", out.String())
	}
	if err := do(wrap(runRestore), "--from", backup, "--data", restored); err == nil {
		t.Error("a restore over a store was accepted")
	}
}

// TestStartupWarnsAboutBAAsAndRefusesABrokenPolicy: at start-up triaged
// logs (names and dates only) a configured provider without a BAA on
// record, and refuses to serve with a messaging policy file it cannot
// read, naming it.
func TestStartupWarnsAboutBAAsAndRefusesABrokenPolicy(t *testing.T) {
	dir := t.TempDir()
	var logBuf bytes.Buffer
	warnVendors(dir, "twilio", slog.New(slog.NewTextHandler(&logBuf, nil)))
	if !strings.Contains(logBuf.String(), "level=WARN") || !strings.Contains(logBuf.String(), "provider=twilio") || !strings.Contains(logBuf.String(), "finding=missing") {
		t.Errorf("start-up log: %s", logBuf.String())
	}
	os.WriteFile(filepath.Join(dir, "messaging-policy.txt"), []byte("just some words"), 0o600)
	t.Setenv("TRIAGED_DATA", dir)
	t.Setenv("TRIAGED_PROVIDER", "cloudapi")
	t.Setenv("TRIAGED_WHATSAPP_APP_SECRET", "s")
	t.Setenv("TRIAGED_WHATSAPP_VERIFY_TOKEN", "v")
	t.Setenv("TRIAGED_WHATSAPP_TOKEN", "t")
	t.Setenv("TRIAGED_WHATSAPP_PHONE_NUMBER_ID", "1")
	if err := run(nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "messaging policy") {
		t.Fatalf("start with a broken policy file: %v", err)
	}
}
