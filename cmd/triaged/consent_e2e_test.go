//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
)

// Consent, the first message, consent import, templates and quiet-hours
// scheduling, proven with the real binaries: bspsim and triaged as
// processes on loopback, the clock moved by restarting triaged with
// TRIAGED_CLOCK_OFFSET and advancing the simulator's own clock with it.
func TestConsentFirstMessageAndTemplatesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs triaged and bspsim as processes")
	}
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator),
		"github.com/clinicwa/triage/cmd/triaged", "github.com/clinicwa/triage/cmd/bspsim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	simAddr, triAddr := freeAddr(t), freeAddr(t)
	simURL, triURL := "http://"+simAddr, "http://"+triAddr
	dataDir := filepath.Join(dir, "data")
	passFile := filepath.Join(dir, "passphrase")
	usersFile := filepath.Join(dir, "users.json")
	os.WriteFile(passFile, []byte("correct-horse-battery-staple-e2e\n"), 0o600)
	users, _ := json.Marshal([]central.SeedUser{{Username: "desk", Password: e2ePassword, Role: "frontdesk"}})
	os.WriteFile(usersFile, users, 0o600)
	const (
		newcomer = "+447700900501" // never heard from
		stopper  = "+447700900502" // opted in, then sends STOP
		silent   = "+447700900503" // opted in, then silent for 25 hours
	)
	logs := startSimulator(t, dir, binDir, simAddr, triURL)
	triEnv := append(baseEnv(),
		"TRIAGED_ADDR="+triAddr, "TRIAGED_DATA="+dataDir, "TRIAGED_PROVIDER=cloudapi",
		"TRIAGED_WHATSAPP_APP_SECRET="+e2eAppSecret, "TRIAGED_WHATSAPP_VERIFY_TOKEN="+e2eVerifyToken,
		"TRIAGED_WHATSAPP_TOKEN="+e2eToken, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID="+e2ePhoneID,
		"TRIAGED_WHATSAPP_API_BASE="+simURL, "TRIAGED_KEY_PASSPHRASE_FILE="+passFile,
		"TRIAGED_SEED_USERS_FILE="+usersFile, "TRIAGED_SEED_OPTINS="+stopper+","+silent,
		"TRIAGED_WHATSAPP_WABA_ID=1029384756", "TRIAGED_TEMPLATE_SYNC=100ms", "TRIAGED_CLINIC_NAME=Riverside Clinic",
		"TRIAGED_RETRY_BASE=50ms", "TRIAGED_RETRY_MAX=400ms", "TRIAGED_LOG="+logs[1], "TRIAGED_METRICS_ADDR=off",
	)
	startTriaged := func(offset time.Duration) *proc {
		env := triEnv
		if offset > 0 {
			env = append(append([]string(nil), triEnv...), "TRIAGED_CLOCK_OFFSET="+offset.String())
		}
		p := startProc(t, "triaged", filepath.Join(binDir, "triaged"), nil, env, filepath.Join(dir, "triaged.out"))
		eventually(t, 15*time.Second, "triaged to answer /healthz", func() (bool, string) {
			select {
			case <-p.done:
				b, _ := os.ReadFile(p.log)
				t.Fatalf("triaged exited at start: %s", b)
			default:
			}
			code, err := call("GET", triURL+"/healthz", "", nil, nil)
			return err == nil && code == 200, fmt.Sprint(code, err)
		})
		return p
	}
	login := func() string {
		var lr api.LoginResponse
		mustCall(t, 200, "POST", triURL+api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: e2ePassword, ConsoleID: "console-consent"}, &lr)
		// The workforce acknowledges the messaging policy before any
		// thread opens to them.
		var pol api.MessagingPolicy
		mustCall(t, 200, "GET", triURL+api.Version+"/policy", lr.Token, nil, &pol)
		if !pol.Acknowledged {
			mustCall(t, 200, "POST", triURL+api.Version+"/policy/ack", lr.Token, api.PolicyAckRequest{Version: pol.Version, FullName: "Desk Staff Member"}, nil)
		}
		return lr.Token
	}
	sentTo := func(phone string) []sentEntry {
		var out []sentEntry
		if code, err := call("GET", simURL+"/sim/outbox?to="+url.QueryEscape(phone), "", nil, &out); err != nil || code != 200 {
			t.Fatalf("sim outbox: %d %v", code, err)
		}
		return out
	}
	writes := func(phone, text string) {
		mustCall(t, 202, "POST", simURL+"/sim/inbound", "", map[string]string{"from": phone, "name": "Test Patient", "text": text}, nil)
	}
	threadOf := func(token string, n int) []api.ThreadSummary {
		var list []api.ThreadSummary
		eventually(t, 10*time.Second, fmt.Sprintf("%d threads", n), func() (bool, string) {
			list = nil
			call("GET", triURL+api.Version+"/threads", token, nil, &list)
			return len(list) >= n, fmt.Sprint(len(list))
		})
		return list
	}
	send := func(token, thread string, req api.SendRequest) (int, api.Refusal) {
		return sendAny(t, triURL+api.Version+"/threads/"+thread+"/send", token, req)
	}

	// A quick-reply file with a PHI placeholder: the binary names the file and line.
	badMacros := filepath.Join(dir, "macros.json")
	os.WriteFile(badMacros, []byte("[\n  {\"id\": \"a\", \"title\": \"A\", \"lang\": \"en\", \"category\": \"operational\", \"roles\": [\"frontdesk\"],"+
		" \"portal_link\": false, \"translation\": \"\", \"body\": \"Hi {patient_name}\"}\n]\n"), 0o600)
	chk := exec.Command(filepath.Join(binDir, "triaged"), "macros", "check", badMacros)
	chk.Env = triEnv
	if out, err := chk.CombinedOutput(); err == nil || !strings.Contains(string(out), badMacros+":2: macro \"a\": body has {patient_name}") {
		t.Fatalf("triaged macros check on a bad file: %v\n%s", err, out)
	}

	tri := startTriaged(0)
	token := login()

	// A new number writes in Spanish, twice: one explanation, in Spanish.
	writes(newcomer, "Hola, ¿a qué hora abren el sábado?")
	writes(newcomer, "¿Y el domingo?")
	es, _ := assets.CurrentConsentText(assets.ConsentExplanation, "es")
	eventually(t, 10*time.Second, "the explanation", func() (bool, string) {
		m := sentTo(newcomer)
		return len(m) >= 1, fmt.Sprint(len(m))
	})
	time.Sleep(500 * time.Millisecond) // a second explanation, were there one, would be out by now
	if m := sentTo(newcomer); len(m) != 1 || m[0].Text != es.Body {
		t.Fatalf("the new number received %+v, want exactly the Spanish explanation", m)
	}
	var newThread string
	for _, th := range threadOf(token, 1) {
		if !th.OptedIn {
			newThread = th.ID
		}
	}
	if code, ref := send(token, newThread, api.SendRequest{IdempotencyKey: "e2e-pre", Text: "Abrimos a las 9."}); code != 422 || ref.Rule != "consent" || !strings.Contains(ref.Reason, "portal") {
		t.Fatalf("free text before opt-in: %d %+v", code, ref)
	}
	writes(newcomer, "SÍ")
	optin, _ := assets.CurrentConsentText(assets.ConsentConfirmOptIn, "es")
	eventually(t, 10*time.Second, "the opt-in confirmation", func() (bool, string) {
		m := sentTo(newcomer)
		return len(m) == 2 && m[1].Text == optin.Body, fmt.Sprint(m)
	})
	var d api.ThreadDetail
	mustCall(t, 200, "GET", triURL+api.Version+"/threads/"+newThread, token, nil, &d)
	if d.Consent == nil || !d.Consent.OptedIn || d.Consent.TextVersion != es.Version || d.Consent.Channel != api.ConsentByKeyword {
		t.Fatalf("consent after SÍ: %+v", d.Consent)
	}
	if code, ref := send(token, newThread, api.SendRequest{IdempotencyKey: "e2e-post", Text: "Abrimos a las 9."}); code != 200 {
		t.Fatalf("free text after SÍ: %d %+v", code, ref)
	}
	eventually(t, 10*time.Second, "the answer to reach the patient", func() (bool, string) {
		m := sentTo(newcomer)
		return len(m) == 3 && m[2].Text == "Abrimos a las 9.", fmt.Sprint(len(m))
	})

	// STOP: one confirmation, then refusals.
	writes(stopper, "STOP")
	stop, _ := assets.CurrentConsentText(assets.ConsentConfirmOptOut, "en")
	eventually(t, 10*time.Second, "the opt-out confirmation", func() (bool, string) {
		m := sentTo(stopper)
		return len(m) == 1 && m[0].Text == stop.Body, fmt.Sprint(m)
	})
	var stopThread, silentThread string
	for _, th := range threadOf(token, 2) {
		var det api.ThreadDetail
		mustCall(t, 200, "GET", triURL+api.Version+"/threads/"+th.ID, token, nil, &det)
		if det.Consent != nil && det.Consent.Recorded && !det.Consent.OptedIn {
			stopThread = th.ID
		}
	}
	if code, ref := send(token, stopThread, api.SendRequest{IdempotencyKey: "e2e-stop", MacroID: "hours"}); code != 422 || ref.Rule != "consent" {
		t.Fatalf("send after STOP: %d %+v", code, ref)
	}

	// Consent import: good, bad and duplicate rows, through the binary.
	csvPath := filepath.Join(dir, "consent.csv")
	os.WriteFile(csvPath, []byte("phone,status,source,text_version,consented_at\n"+
		"+447700900601,opt_in,front_desk_paper,explanation-en-2026-01,2026-11-02\n"+
		"+447700900602,opt_in,,explanation-en-2026-01,2026-11-02\n"+
		"+447700900601,opt_in,front_desk_paper,explanation-en-2026-01,2026-11-02\n"), 0o600)
	imp := exec.Command(filepath.Join(binDir, "triaged"), "consent", "import", csvPath)
	imp.Env = triEnv
	out, err := imp.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "consent.csv:3: source is required") || !strings.Contains(string(out), "consent.csv:4: the same as line 2") ||
		!strings.Contains(string(out), "1 recorded") {
		t.Fatalf("consent import: %v\n%s", err, out)
	}
	imp = exec.Command(filepath.Join(binDir, "triaged"), "consent", "import", csvPath)
	imp.Env = triEnv
	out, _ = imp.CombinedOutput()
	if !strings.Contains(string(out), "0 recorded") || !strings.Contains(string(out), "1 imported before") {
		t.Fatalf("second import: %s", out)
	}

	// Silence for 25 hours: free text refused, the approved template goes.
	writes(silent, "Thanks, see you then")
	for _, th := range threadOf(token, 3) {
		var det api.ThreadDetail
		mustCall(t, 200, "GET", triURL+api.Version+"/threads/"+th.ID, token, nil, &det)
		if th.ID != newThread && th.ID != stopThread && len(det.Messages) > 0 && det.Consent.OptedIn {
			silentThread = th.ID
		}
	}
	if silentThread == "" {
		t.Fatal("no thread for the silent patient")
	}
	// At least 25 hours later, at midday in London (the patients' zone),
	// so quiet hours are not what decides.
	ahead := func(min time.Duration) time.Duration {
		later := time.Now().Add(min).UTC()
		noon := time.Date(later.Year(), later.Month(), later.Day(), 12, 0, 0, 0, time.UTC)
		if noon.Before(later) {
			noon = noon.AddDate(0, 0, 1)
		}
		return time.Until(noon).Round(time.Second)
	}
	off := ahead(25 * time.Hour)
	tri.stop(syscall.SIGTERM)
	mustCall(t, 200, "POST", simURL+"/sim/clock", "", map[string]string{"advance": off.String()}, nil)
	tri = startTriaged(off)
	token = login()
	if code, ref := send(token, silentThread, api.SendRequest{IdempotencyKey: "e2e-free-25h", Text: "Your visit is on Tuesday."}); code != 422 || ref.Rule != "window" {
		t.Fatalf("free text after 25h: %d %+v", code, ref)
	}
	eventually(t, 10*time.Second, "the template's approval", func() (bool, string) {
		var list []api.TemplateInfo
		call("GET", triURL+api.Version+"/templates", token, nil, &list)
		for _, ti := range list {
			if ti.Name == "appointment_reminder" && ti.Language == "en" {
				return ti.Sendable, ti.Status + " " + ti.WhyNot
			}
		}
		return false, "not listed"
	})
	remind := api.SendRequest{IdempotencyKey: "e2e-tpl", Template: "appointment_reminder", TemplateLanguage: "en",
		TemplateValues: []string{"", "Tuesday 3:30 PM", "Main clinic"}}
	if code, ref := send(token, silentThread, remind); code != 200 {
		t.Fatalf("approved template after 25h: %d %+v", code, ref)
	}
	want := "Hello from Riverside Clinic. This is a reminder of your appointment on Tuesday 3:30 PM at our Main clinic location. Reply here if you need to change it."
	eventually(t, 10*time.Second, "the template to reach the patient", func() (bool, string) {
		m := sentTo(silent)
		return len(m) == 1 && m[0].Text == want, fmt.Sprint(m)
	})

	// Past the quarterly review date: refused, whatever the provider says.
	var list []api.TemplateInfo
	mustCall(t, 200, "GET", triURL+api.Version+"/templates", token, nil, &list)
	var next time.Time
	for _, ti := range list {
		if ti.Name == "appointment_reminder" && ti.Language == "en" {
			next = ti.NextReview
		}
	}
	tri.stop(syscall.SIGTERM)
	reviewOff := ahead(time.Until(next) + time.Hour)
	tri = startTriaged(reviewOff)
	token = login()
	writes(silent, "Hello again") // the window is open: only the review can refuse
	time.Sleep(300 * time.Millisecond)
	remind.IdempotencyKey = "e2e-tpl-overdue"
	if code, ref := send(token, silentThread, remind); code != 422 || ref.Rule != "template_review" {
		t.Fatalf("template past review: %d %+v", code, ref)
	}

	// Quiet hours: at 21:00 London the patient writes; at 22:00 a reply is
	// refused and scheduled; triaged stops and starts again at 08:00:30,
	// and the reply goes out once. The simulator's clock moves with
	// triaged's, so its timestamps and windows agree.
	simOff := off
	moveTo := func(offset time.Duration) {
		tri.stop(syscall.SIGTERM)
		mustCall(t, 200, "POST", simURL+"/sim/clock", "", map[string]string{"advance": (offset - simOff).String()}, nil)
		simOff = offset
		tri = startTriaged(offset)
		token = login()
	}
	london, _ := time.LoadLocation("Europe/London")
	noon := time.Now().Add(reviewOff).In(london)
	at21 := time.Date(noon.Year(), noon.Month(), noon.Day(), 21, 0, 0, 0, london)
	moveTo(time.Until(at21).Round(time.Second))
	writes(silent, "What is the parking code?")
	time.Sleep(300 * time.Millisecond)
	moveTo(time.Until(at21.Add(time.Hour)).Round(time.Second))
	before := len(sentTo(silent))
	late := api.SendRequest{IdempotencyKey: "e2e-late", MacroID: "parking-directions"}
	if code, ref := send(token, silentThread, late); code != 422 || ref.Rule != "quiet_hours" {
		t.Fatalf("reply at 22:00 London: %d %+v, want the quiet-hours refusal", code, ref)
	}
	var sched api.ScheduleResponse
	mustCall(t, 200, "POST", triURL+api.Version+"/threads/"+silentThread+"/schedule", token, late, &sched)
	due := at21.Add(11 * time.Hour) // 08:00 the next morning, London
	if !sched.Scheduled.DueAt.Equal(due) {
		t.Fatalf("scheduled for %s, want %s", sched.Scheduled.DueAt.In(london), due)
	}
	moveTo(time.Until(due.Add(30 * time.Second)).Round(time.Second))
	eventually(t, 10*time.Second, "the scheduled reply", func() (bool, string) {
		return len(sentTo(silent)) > before, fmt.Sprint(len(sentTo(silent)))
	})
	time.Sleep(3 * time.Second) // time for a second copy, were there one
	got := sentTo(silent)[before:]
	if len(got) != 1 || !strings.Contains(got[0].Text, "parking") {
		t.Fatalf("after the restart the patient received %+v, want the scheduled reply once", got)
	}
	if at := got[0].At.In(london); at.Before(due) {
		t.Errorf("the scheduled reply went at %s London, before 08:00", at.Format("15:04"))
	}
}

// sentEntry is one message in the simulator's outbox, with its time on
// the simulator's clock.
type sentEntry struct {
	To   string    `json:"to"`
	Type string    `json:"type"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// sendAny posts a send and decodes a refusal when there is one.
func sendAny(t *testing.T, url, token string, req api.SendRequest) (int, api.Refusal) {
	t.Helper()
	var ref api.Refusal
	b, _ := json.Marshal(req)
	hreq, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Authorization", "Bearer "+token)
	resp, err := e2eClient.Do(hreq)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnprocessableEntity {
		json.NewDecoder(resp.Body).Decode(&ref)
	}
	return resp.StatusCode, ref
}
