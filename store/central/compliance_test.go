package central

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/maintenance"
)

func account(t *testing.T, rep AccessReview, name string) AccountReview {
	t.Helper()
	for _, a := range rep.Accounts {
		if a.Username == name {
			return a
		}
	}
	t.Fatalf("%s not in the review", name)
	return AccountReview{}
}

// reviewStore builds a store with every case the review must catch: a
// dormant account, MFA exempt and pending, a disabled account that still
// holds a session (a defect the review must shout about), reveals with
// reasons (one naming a patient), and a lockout.
func reviewStore(t *testing.T) (*env, *Admin) {
	e := newEnv(t, func(c *Config) {
		c.SeedUsers = append(c.SeedUsers, SeedUser{Username: "boss", Password: testPasswords["boss"], Role: "supervisor"})
	})
	ctx := context.Background()
	a := testAdmin(t, e)
	if _, err := a.AddUser(ctx, "cli:root", "olga", "quartz-willow-ember-29", policy.RoleFrontDesk); err != nil {
		t.Fatal(err)
	}
	// Seventy days pass: olga never signs in.
	e.clock.Advance(70 * 24 * time.Hour)
	e.patientWrites(patientUK, "my date of birth is 03/04/1961 and my name is Zebulon Quixote")
	nurse := e.login("nurse")
	id := e.threadFor(nurse, patientUK)
	msg := e.thread(nurse, id).Messages[0]
	path := api.Version + "/threads/" + id + "/messages/" + msg.ID + "/reveal"
	for _, why := range []string{"Confirming DOB for Zebulon Quixote before callback", "checking the callback time the patient asked for"} {
		if c := e.do("POST", path, nurse, api.RevealRequest{Reason: why}, nil); c != 200 {
			t.Fatalf("reveal: %d", c)
		}
	}
	e.login("boss")
	e.login("desk")
	// desk: five wrong passwords lock the account once.
	for i := 0; i < auth.UserLockout.MaxFailures; i++ {
		e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: "wrong-password-here-1", ConsoleID: "c-desk"}, nil)
	}
	// admin: signed in, then disabled behind the server's back, so its
	// session survives (the admin tool would have ended it).
	e.login("admin")
	if _, err := e.srv.db.Exec(`UPDATE users SET disabled = 1 WHERE username = 'admin'`); err != nil {
		t.Fatal(err)
	}
	return e, a
}

func TestAccessReviewFigures(t *testing.T) {
	e, a := reviewStore(t)
	ctx := context.Background()
	rep, err := a.AccessReview(ctx, AccessReviewOptions{DormantDays: 60})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Accounts) != 5 {
		t.Fatalf("accounts = %d, want 5", len(rep.Accounts))
	}
	olga := account(t, rep, "olga")
	if olga.LastSignIn != nil || olga.MFA != MFAPending || !slices.Contains(olga.Flags, FlagDormant) || !slices.Contains(olga.Flags, FlagNoPolicyAck) {
		t.Errorf("olga (never signed in, 70 days old): %+v", olga)
	}
	if !slices.Equal(rep.Dormant, []string{"olga"}) {
		t.Errorf("dormant = %v, want [olga]", rep.Dormant)
	}
	nurse := account(t, rep, "nurse")
	if nurse.MFA != MFAExempt || !slices.Contains(nurse.Flags, FlagMFAExempt) || nurse.LastSignIn == nil || slices.Contains(nurse.Flags, FlagDormant) {
		t.Errorf("nurse (seeded, signed in): %+v", nurse)
	}
	if len(nurse.Reveals) != 2 {
		t.Fatalf("nurse reveals = %+v", nurse.Reveals)
	}
	// The staff reason is shown to the reviewer, with patient details
	// masked; a reason without any is shown as written.
	if r := nurse.Reveals[0]; strings.Contains(r.Reason, "Zebulon") || strings.Contains(r.Reason, "Quixote") || !r.Masked || !strings.Contains(r.Reason, "before callback") {
		t.Errorf("masked reason: %+v", r)
	}
	if r := nurse.Reveals[1]; r.Reason != "checking the callback time the patient asked for" || r.Masked {
		t.Errorf("plain reason: %+v", r)
	}
	if nurse.PolicyAck == nil || !nurse.PolicyAck.Current {
		t.Errorf("nurse acknowledgment: %+v", nurse.PolicyAck)
	}
	desk := account(t, rep, "desk")
	if desk.Lockouts != 1 || desk.FailedSignIns != auth.UserLockout.MaxFailures || !slices.Contains(desk.Flags, FlagLockedOut) {
		t.Errorf("desk lockouts: %+v", desk)
	}
	adm := account(t, rep, "admin")
	if !adm.Disabled || adm.LiveSessions != 1 || !slices.Contains(adm.Flags, FlagDisabledWithSessions) {
		t.Errorf("admin (disabled with a session): %+v", adm)
	}
	if !slices.Equal(rep.DisabledWithSessions, []string{"admin"}) {
		t.Errorf("disabled with sessions = %v", rep.DisabledWithSessions)
	}
	if !rep.Due || rep.LastReview != nil {
		t.Errorf("a store never reviewed must be due: %+v", rep)
	}
	// Running the review opened sealed reasons: it is audited.
	if got := serverChain(t, e, "access_review.run"); len(got) != 1 || got[0].UserID != "cli:unknown" {
		t.Errorf("review audit: %+v", got)
	}
	// The text form shouts the defect and never prints patient details.
	var b bytes.Buffer
	WriteAccessReviewText(&b, rep)
	if !strings.Contains(b.String(), "DISABLED ACCOUNTS STILL HOLD SESSIONS: admin") || strings.Contains(b.String(), "Zebulon") {
		t.Errorf("text review:\n%s", b.String())
	}
	// The period bounds the reveals: a period before them holds none.
	old, err := a.AccessReview(ctx, AccessReviewOptions{From: e.clock.Now().Add(-365 * 24 * time.Hour), To: e.clock.Now().Add(-24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(account(t, old, "nurse").Reveals); n != 0 {
		t.Errorf("reveals outside the period: %d", n)
	}
	// Disabling through the admin tool ends the session: the finding goes.
	if _, err := a.Disable(ctx, "cli:root", "admin"); err != nil {
		t.Fatal(err)
	}
	after, _ := a.AccessReview(ctx, AccessReviewOptions{})
	if len(after.DisabledWithSessions) != 0 {
		t.Errorf("after disable: %v", after.DisabledWithSessions)
	}
}

func TestAccessReviewDoneIsAuditedAndDueQuarterly(t *testing.T) {
	e, a := reviewStore(t)
	ctx := context.Background()
	rep, _ := a.AccessReview(ctx, AccessReviewOptions{})
	for _, bad := range []struct{ by, note string }{
		{"nurse", "reviewed all accounts"},  // not a reviewer role
		{"nobody", "reviewed all accounts"}, // no such account
		{"boss", "   "},                     // no note
		{"boss", "Zebulon Quixote's reveal was justified, DOB 03/04/1961"}, // patient details
	} {
		if _, err := a.RecordAccessReview(ctx, "cli:root", bad.by, bad.note, rep); err == nil {
			t.Errorf("review by %q with note %q accepted", bad.by, bad.note)
		}
	}
	rec, err := a.RecordAccessReview(ctx, "cli:root", "boss", "Checked all accounts; olga to be disabled; admin session revoked.", rep)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Findings != rep.Findings() || rec.Accounts != 5 || rec.NextDue.Sub(rec.At) != ReviewInterval {
		t.Errorf("record: %+v", rec)
	}
	got := serverChain(t, e, "access_review.done")
	if len(got) != 1 || got[0].Object != "access_review:"+rec.ID || got[0].Detail["actor"] != "cli:root" || got[0].Role != api.RoleSupervisor {
		t.Fatalf("audit: %+v", got)
	}
	// The server says not due now, and due a quarter later.
	boss := e.login("boss")
	var st api.ReviewStatus
	if c := e.do("GET", api.Version+"/access-review/status", boss, nil, &st); c != 200 || st.Due || st.LastBy != "boss" {
		t.Fatalf("status after review: %d %+v", c, st)
	}
	if c := e.do("GET", api.Version+"/access-review/status", e.login("nurse"), nil, nil); c != 403 {
		t.Errorf("a nurse read the review status: %d", c)
	}
	e.clock.Advance(ReviewInterval + time.Hour)
	boss = e.login("boss")
	if c := e.do("GET", api.Version+"/access-review/status", boss, nil, &st); c != 200 || !st.Due {
		t.Fatalf("status a quarter later: %d %+v", c, st)
	}
}

// TestEvidencePackVerifiesAndNamesTampering: a pack verifies as made;
// altering, removing or adding any file, or the manifest, fails and
// names the file.
func TestEvidencePackVerifiesAndNamesTampering(t *testing.T) {
	e, a := reviewStore(t)
	ctx := context.Background()
	if _, _, err := e.srv.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	now := e.clock.Now()
	res, err := a.Evidence(ctx, EvidenceOptions{From: now.Add(-90 * 24 * time.Hour), To: now.Add(time.Hour), OutDir: out,
		Configuration: map[string]string{"TRIAGED_WHATSAPP_TOKEN": "set (redacted)"}, Providers: []string{"cloudapi"},
		Binaries: []BinaryInfo{{Name: "triaged", Path: "/usr/local/bin/triaged", Version: "test"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"disabled accounts still hold sessions: admin", "vendor cloudapi: no entry in the vendor register"} {
		if !slices.ContainsFunc(res.Findings, func(f string) bool { return strings.Contains(f, want) }) {
			t.Errorf("findings %v lack %q", res.Findings, want)
		}
	}
	if got := serverChain(t, e, "evidence.generate"); len(got) != 1 || got[0].Outcome != "ok" {
		t.Errorf("evidence audit: %+v", got)
	}
	pubRaw, _ := os.ReadFile(filepath.Join(res.Dir, "03-audit-checkpoint.pub"))
	pub := mustPub(t, string(pubRaw))
	if _, probs, err := VerifyEvidence(res.Dir, pub); err != nil || len(probs) != 0 {
		t.Fatalf("fresh pack: %v %v", probs, err)
	}
	names, _ := os.ReadDir(res.Dir)
	var files []string
	for _, n := range names {
		files = append(files, n.Name())
	}
	for _, want := range []string{"01-safeguard-map.md", "02-configuration.json", "03-audit-verify.txt", "04-access-review.json",
		"04-policy-acknowledgments.json", "05-template-review.json", "06-incidents.txt", "07-consent-statistics.json",
		"08-key-rotation.json", "09-asset-inventory.json", "10-vendor-register.json", ManifestFile, ManifestSignatureFile} {
		if !slices.Contains(files, want) {
			t.Errorf("pack lacks %s (has %v)", want, files)
		}
	}
	verify, _ := os.ReadFile(filepath.Join(res.Dir, "03-audit-verify.txt"))
	if !strings.HasPrefix(string(verify), "OK: ") || !strings.Contains(string(verify), "Newest signed checkpoint") || strings.Contains(string(verify), "arrived after the latest checkpoint") {
		t.Errorf("audit verify file:\n%s", verify)
	}
	incidents, _ := os.ReadFile(filepath.Join(res.Dir, "06-incidents.txt"))
	if !strings.Contains(string(incidents), "Incident register (45 CFR 164.402)") || !strings.Contains(string(incidents), "No incident was opened in this period") {
		t.Errorf("incidents: %s", incidents)
	}
	// The template review covers the quick replies and the WhatsApp
	// template library, each template with its legal review dates.
	var reviews []TemplateReview
	if raw, _ := os.ReadFile(filepath.Join(res.Dir, "05-template-review.json")); json.Unmarshal(raw, &reviews) != nil {
		t.Fatal("template review does not parse")
	}
	kinds := map[string]int{}
	for _, r := range reviews {
		kinds[r.Kind]++
		if r.Kind == "whatsapp_template" && (r.LastReview == "" || r.NextReview <= r.LastReview || r.ProviderStatus == "") {
			t.Errorf("template %s lacks its review dates or provider status: %+v", r.ID, r)
		}
	}
	if kinds["macro"] == 0 || kinds["whatsapp_template"] == 0 {
		t.Errorf("template review kinds: %v", kinds)
	}
	var cs records.ConsentStats
	raw, _ := os.ReadFile(filepath.Join(res.Dir, "07-consent-statistics.json"))
	if err := json.Unmarshal(raw, &cs); err != nil || cs.PatientsOptedIn != 2 {
		t.Errorf("consent statistics: %+v %v", cs, err)
	}
	// No patient detail anywhere in the pack. The date of birth is looked
	// for as written: a bare "1961" turns up by chance inside the
	// manifest's hex digests about once in a hundred runs.
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(res.Dir, f))
		for _, needle := range []string{"Zebulon", "Quixote", "03/04/1961", "04/1961", strings.TrimPrefix(patientUK, "+"), "Test Staff Member"} {
			if bytes.Contains(b, []byte(needle)) {
				t.Errorf("%s holds %q", f, needle)
			}
		}
	}

	// Each kind of tampering is named.
	tamper := []struct {
		name string
		do   func(dir string)
		file string
		what string
	}{
		{"altered", func(d string) { appendTo(t, filepath.Join(d, "04-access-review.txt"), "\nall fine\n") }, "04-access-review.txt", "altered"},
		{"missing", func(d string) { os.Remove(filepath.Join(d, "06-incidents.txt")) }, "06-incidents.txt", "missing"},
		{"extra", func(d string) { os.WriteFile(filepath.Join(d, "11-extra.txt"), []byte("x"), 0o600) }, "11-extra.txt", "extra"},
		{"manifest", func(d string) { appendTo(t, filepath.Join(d, ManifestFile), " ") }, ManifestFile, "signature"},
	}
	for _, tc := range tamper {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, res.Dir)
			tc.do(dir)
			_, probs, err := VerifyEvidence(dir, pub)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(probs, EvidenceProblem{File: tc.file, What: tc.what}) {
				t.Errorf("problems %v do not name %s %s", probs, tc.file, tc.what)
			}
		})
	}
	// Every file, altered one at a time, is named.
	for _, f := range files {
		if f == ManifestSignatureFile {
			continue
		}
		dir := copyDir(t, res.Dir)
		appendTo(t, filepath.Join(dir, f), "x")
		_, probs, _ := VerifyEvidence(dir, pub)
		if len(probs) == 0 || (probs[0].File != f && f != ManifestFile) {
			t.Errorf("altering %s: %v", f, probs)
		}
	}
	// Another key does not verify it.
	other, _, _ := ed25519.GenerateKey(nil)
	if _, probs, _ := VerifyEvidence(res.Dir, other); len(probs) == 0 || probs[0].What != "signature" {
		t.Errorf("wrong key: %v", probs)
	}
}

func mustPub(t *testing.T, s string) ed25519.PublicKey {
	t.Helper()
	pub, err := audit.ParsePublicKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(s)
	f.Close()
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dst, e.Name()), b, 0o600)
	}
	return dst
}

func TestVendorRegisterFlagsMissingAndOverdueBAAs(t *testing.T) {
	e := newEnv(t)
	dir := e.dir
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if f := VendorFindings(mustVendors(t, dir), []string{"twilio"}, now); len(f) != 1 || f[0].Finding != "missing" {
		t.Fatalf("empty register: %+v", f)
	}
	for _, bad := range []Vendor{
		{Provider: "whatsapp", Vendor: "X", Product: "p", NextReview: "2027-01-01"},
		{Provider: "cloudapi", Vendor: "Meta", BAASigned: true, SignedOn: "2026-01-01", Product: "p", NextReview: "2027-01-01"},
		{Provider: "twilio", Vendor: "Twilio", BAASigned: true, Product: "p", NextReview: "2027-01-01"},
		{Provider: "twilio", Vendor: "Twilio", BAASigned: true, SignedOn: "2026-01-01", Product: "p", NextReview: "soon"},
		{Provider: "twilio", Vendor: "Twilio\x1b[2J", BAASigned: true, SignedOn: "2026-01-01", Product: "p", NextReview: "2027-01-01"},
	} {
		if err := SetVendor(ctx, dir, "os:tester", bad, now); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if err := SetVendor(ctx, dir, "os:tester", Vendor{Provider: "twilio", Vendor: "Twilio Inc.", BAASigned: true, SignedOn: "2025-05-01",
		Product: "Twilio WhatsApp Business API", NextReview: "2026-05-01"}, now); err != nil {
		t.Fatal(err)
	}
	if err := SetVendor(ctx, dir, "os:tester", Vendor{Provider: "cloudapi", Vendor: "Acme BSP", BAASigned: false,
		Product: "WhatsApp Cloud API hosting", NextReview: "2026-09-01"}, now); err != nil {
		t.Fatal(err)
	}
	reg := mustVendors(t, dir)
	f := VendorFindings(reg, []string{"twilio", "cloudapi"}, now)
	want := []VendorFinding{{Provider: "twilio", Finding: "review_overdue"}, {Provider: "cloudapi", Finding: "baa_not_signed"}}
	if len(f) != len(want) {
		t.Fatalf("findings: %+v", f)
	}
	for i := range want {
		if f[i].Provider != want[i].Provider || f[i].Finding != want[i].Finding {
			t.Errorf("finding %d = %+v, want %+v", i, f[i], want[i])
		}
	}
	// Each change is in the server's audit chain.
	if got := serverChain(t, e, "vendor.set"); len(got) != 2 || got[0].UserID != "os:tester" || got[0].Object != "vendor:twilio" {
		t.Errorf("audit: %+v", got)
	}
	// Admins read the register through the API, with the findings for
	// the configured provider (cloudapi: no BAA, and by the server's real
	// clock its review date has passed); other roles may not.
	var shown api.VendorRegister
	if c := e.do("GET", api.Version+"/vendors", e.login("admin"), nil, &shown); c != 200 || len(shown.Vendors) != 2 || len(shown.Findings) != 2 ||
		!strings.Contains(shown.Findings[0], "no Business Associate Agreement is signed with Acme BSP") {
		t.Errorf("vendors route: %d %+v", c, shown)
	}
	if c := e.do("GET", api.Version+"/vendors", e.login("nurse"), nil, nil); c != 403 {
		t.Errorf("a nurse read the vendor register: %d", c)
	}
	// A hand-broken file is an error, never an empty register.
	os.WriteFile(filepath.Join(dir, VendorsFileName), []byte("{not json"), 0o600)
	if _, err := LoadVendors(dir); err == nil {
		t.Error("a broken register loaded")
	}
}

func mustVendors(t *testing.T, dir string) VendorRegister {
	t.Helper()
	r, err := LoadVendors(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBackupRestoresAConsistentCopy: a backup taken while the server
// writes restores into an empty folder, opens with the same keys, and
// its audit log verifies; restoring over a store is refused, and a
// damaged backup is refused before anything is put in place.
func TestBackupRestoresAConsistentCopy(t *testing.T) {
	skipOnPostgres(t, "the backup is an SQLite file made with VACUUM INTO (PostgreSQL is backed up with pg_dump)")
	e := newEnv(t)
	ctx := context.Background()
	e.patientWrites(patientUK, "Is the clinic open on Saturday?")
	desk := e.login("desk")
	if _, _, err := e.srv.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "triaged-backup.db")
	rep, err := maintenance.Backup(ctx, e.dir, backup)
	if err != nil {
		t.Fatal(err)
	}
	if rep.AuditEntries == 0 || rep.SchemaVersion == 0 {
		t.Fatalf("backup report: %+v", rep)
	}
	if _, err := maintenance.Backup(ctx, e.dir, backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	// The server goes on writing after the backup.
	e.threads(desk)
	e.login("nurse")
	var before int
	e.srv.db.QueryRow(`SELECT COUNT(*) FROM audit`).Scan(&before)

	pub := mustPub(t, e.srv.AuditPublicKey())
	if _, err := maintenance.Restore(ctx, backup, e.dir, pub); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("restore over a live store: %v", err)
	}
	dst := t.TempDir()
	got, err := maintenance.Restore(ctx, backup, dst, pub)
	if err != nil {
		t.Fatal(err)
	}
	if got.AuditEntries != rep.AuditEntries || got.Checkpoints == 0 || int(got.AuditEntries) >= before {
		t.Errorf("restored %+v; backup %+v; live store now %d entries", got, rep, before)
	}
	// The restored store serves: the same keys open it and the thread is there.
	cfg := e.cfg
	cfg.DataDir = dst
	r, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Shutdown(ctx)
	p, err := r.store.Patients.ByPhone(ctx, r.db, patientUK)
	if err != nil || p.Phone != patientUK {
		t.Fatalf("patient after restore: %+v %v", p, err)
	}
	// A damaged backup is refused and nothing is restored.
	raw, _ := os.ReadFile(backup)
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, raw[:len(raw)/2], 0o600)
	empty := t.TempDir()
	if _, err := maintenance.Restore(ctx, bad, empty, pub); err == nil {
		t.Error("a truncated backup was restored")
	}
	if _, err := os.Stat(filepath.Join(empty, DBFileName)); err == nil {
		t.Error("a refused restore left a store behind")
	}
}
