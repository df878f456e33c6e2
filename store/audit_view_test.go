package store_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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

// reviewer signs a supervisor in on a console of its own and returns the
// client with its console store, for reading the local trail.
func reviewer(t *testing.T, env *centralEnv) (*store.Client, *store.Console) {
	t.Helper()
	con, err := store.OpenConsole(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { con.Close() })
	c := store.NewClient(env.url(), nil, con)
	if _, err := c.Login(context.Background(), "boss", passwords["boss"], ""); err != nil {
		t.Fatal(err)
	}
	acknowledgePolicy(t, c)
	return c, con
}

func TestAuditExportWritesOwnerOnlyFormulaSafeFilesAndIsAudited(t *testing.T) {
	env := newCentral(t)
	ctx := context.Background()
	thread := env.patientWrites("Can I move my appointment to Friday?")
	boss, con := reviewer(t, env)
	d, err := boss.Thread(ctx, thread)
	if err != nil {
		t.Fatal(err)
	}
	// A reason that a spreadsheet would run as a formula.
	const why = "=HYPERLINK(\"http://evil.example\",\"confirm the slot\")"
	if _, err := boss.Reveal(ctx, thread, d.Messages[0].ID, why); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "exports") // not there yet: created owner-only
	res, err := boss.ExportAudit(ctx, api.AuditReviewFilter{Action: "message.reveal"}, store.ExportCSV, dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || filepath.Dir(res.Path) != dir {
		t.Errorf("export %s has mode %v", res.Path, st.Mode().Perm())
	}
	if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
		t.Errorf("export folder mode %v", dst.Mode().Perm())
	}
	f, _ := os.Open(res.Path)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != res.Entries+1 || res.Entries == 0 || strings.Join(rows[0], ",") != strings.Join(store.AuditCSVHeader, ",") {
		t.Fatalf("csv: %d rows for %d entries: %v", len(rows), res.Entries, rows)
	}
	var reason bool
	for _, r := range rows[1:] {
		if r[3] != "message.reveal" {
			t.Errorf("filter not applied: %v", r)
		}
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("formula cell %q", cell)
			}
		}
		if r[9] == "'"+why && r[1] == "boss" && strings.HasPrefix(r[6], "Patient ") {
			reason = true
		}
	}
	if !reason {
		t.Errorf("the reveal and its reason are not in the export: %v", rows)
	}
	raw, _ := os.ReadFile(res.Path)
	if strings.Contains(string(raw), thread) || strings.Contains(string(raw), "+44") {
		t.Error("the export holds an internal id or the patient's number")
	}

	// JSON: the same entries, with the filter that chose them.
	jres, err := boss.ExportAudit(ctx, api.AuditReviewFilter{Action: "message.reveal"}, store.ExportJSON, dir)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Filter  map[string]string      `json:"filter"`
		Entries []api.AuditReviewEntry `json:"entries"`
	}
	raw, _ = os.ReadFile(jres.Path)
	if err := json.Unmarshal(raw, &doc); err != nil || doc.Filter["action"] != "message.reveal" || len(doc.Entries) != jres.Entries || jres.Path == res.Path {
		t.Fatalf("json export %s: %v %+v", jres.Path, err, doc.Filter)
	}

	// Both exports are on record: in this console's chain before anything
	// was fetched, and at the server for every page it handed out.
	local, err := con.Unsynced(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]bool{}
	for _, e := range local {
		if e.Action == "audit.export" {
			formats[e.Detail["format"]] = e.Detail["filter_action"] == "message.reveal"
		}
	}
	if !formats["csv"] || !formats["json"] {
		t.Errorf("local export entries: %v", formats)
	}
	page, err := boss.AuditReview(ctx, api.AuditReviewFilter{Action: "audit.export", User: "boss"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Entries) < 2 {
		t.Errorf("server export entries: %+v", page.Entries)
	}
}

func TestAuditExportRefusalsWriteNothing(t *testing.T) {
	env := newCentral(t)
	ctx := context.Background()
	env.patientWrites("Hello")
	boss, _ := reviewer(t, env)
	dir := t.TempDir()
	notDir := filepath.Join(dir, "a-file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := boss.ExportAudit(ctx, api.AuditReviewFilter{}, "xlsx", dir); err == nil {
		t.Error("exported in an unknown format")
	}
	if _, err := boss.ExportAudit(ctx, api.AuditReviewFilter{}, store.ExportCSV, notDir); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("export into a file: %v", err)
	}
	desk := env.client(t.TempDir())
	if _, err := desk.Login(ctx, "desk", passwords["desk"], ""); err != nil {
		t.Fatal(err)
	}
	var se *store.StatusError
	if _, err := desk.ExportAudit(ctx, api.AuditReviewFilter{}, store.ExportCSV, dir); !errors.As(err, &se) || se.Code != 403 {
		t.Errorf("front desk export: %v; want 403", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("refused exports left files: %v", entries)
	}
}

func TestWriteAuditCSVDefusesFormulas(t *testing.T) {
	cases := []struct{ in, want string }{
		{"=1+2", "'=1+2"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain", "plain"}, {"a=1", "a=1"}, {"", ""},
	}
	for _, tc := range cases {
		var b strings.Builder
		err := store.WriteAuditCSV(&b, []api.AuditReviewEntry{{User: tc.in, Reason: tc.in, Action: "message.reveal"}})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[1][1] != tc.want || rows[1][9] != tc.want {
			t.Errorf("%q written as %q / %q, want %q", tc.in, rows[1][1], rows[1][9], tc.want)
		}
	}
}
