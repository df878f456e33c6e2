package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// The end-to-end tests run the three real binaries on 127.0.0.1 and drive
// the real console in tmux, as a person at the front desk would.

// requireTool finds a program the test needs. Under `make test`
// (TRIAGE_REQUIRE_KEYRING=1) a missing tool fails the test rather than
// skipping it, so CI cannot pass by silently not running it.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("TRIAGE_REQUIRE_KEYRING") == "1" {
			t.Fatalf("%s is required for the end-to-end test: run 'make setup'", name)
		}
		t.Skipf("%s not installed; 'make test' installs it", name)
	}
	return p
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// buildBinaries compiles triage, triaged and bspsim into a temp folder.
func buildBinaries(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", dir+string(os.PathSeparator), "./cmd/triage", "./cmd/triaged", "./cmd/bspsim")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return dir
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProcess runs a binary with its output in a log file, and stops it
// with SIGTERM (then SIGKILL) when the test ends.
func startProcess(t *testing.T, logDir, name string, env []string, args ...string) {
	t.Helper()
	logf, err := os.Create(filepath.Join(logDir, filepath.Base(name)+".log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("--- %s log ---\n%s", filepath.Base(name), b)
		}
	})
}

func waitFor(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last string
	for time.Now().Before(deadline) {
		ok, state := cond()
		if ok {
			return state
		}
		last = state
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s; last seen:\n%s", what, last)
	return ""
}

// tmuxConsole is the console running in a private tmux server.
type tmuxConsole struct {
	t      *testing.T
	socket string
}

func (c tmuxConsole) run(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", c.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (c tmuxConsole) keys(keys ...string) {
	c.t.Helper()
	if out, err := c.run(append([]string{"send-keys", "-t", "console"}, keys...)...); err != nil {
		c.t.Fatalf("send-keys: %v %s", err, out)
	}
}

func (c tmuxConsole) typeText(s string) {
	c.t.Helper()
	if out, err := c.run("send-keys", "-t", "console", "-l", s); err != nil {
		c.t.Fatalf("send-keys: %v %s", err, out)
	}
}

func (c tmuxConsole) screen() string {
	out, _ := c.run("capture-pane", "-p", "-t", "console")
	return out
}

func (c tmuxConsole) waitScreen(what string, cond func(string) bool) string {
	c.t.Helper()
	return waitFor(c.t, 20*time.Second, what, func() (bool, string) {
		s := c.screen()
		return cond(s), s
	})
}

func postJSON(t *testing.T, url string, body any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST %s: %s", url, resp.Status)
	}
}

type outboxEntry struct {
	To, Type, Text, Status string
}

func simOutbox(t *testing.T, simURL string) []outboxEntry {
	t.Helper()
	resp, err := http.Get(simURL + "/sim/outbox")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []outboxEntry
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// centralAuditActions lists the actions the central endpoint holds for
// one console's chain, in order.
func centralAuditActions(t *testing.T, dbPath, consoleID string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT action || ':' || outcome FROM audit WHERE console_id = ? ORDER BY seq`, consoleID)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		rows.Scan(&a)
		out = append(out, a)
	}
	return out
}

func consoleIDOf(t *testing.T, dir string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "console.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'console_id'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEndToEndMaskedMessageMacroReplyAndAudit(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	requireTool(t, "tmux")
	bin := buildBinaries(t)
	work := t.TempDir()
	simAddr, centralAddr := freeAddr(t), freeAddr(t)
	simURL, centralURL := "http://"+simAddr, "http://"+centralAddr
	secret, token := "e2e-app-secret-"+randomHex(8), "e2e-token-"+randomHex(8)
	patient := "+15555550188"

	startProcess(t, work, filepath.Join(bin, "bspsim"), nil,
		"-addr", simAddr, "-webhook-url", centralURL+"/webhooks/whatsapp",
		"-app-secret", secret, "-token", token, "-status-delay", "50ms")

	users := filepath.Join(work, "users.json")
	password := "front-desk-" + randomHex(8)
	os.WriteFile(users, []byte(`[{"username":"maya.frontdesk","password":"`+password+`","role":"frontdesk"}]`), 0o600)
	passphrase := filepath.Join(work, "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	startProcess(t, work, filepath.Join(bin, "triaged"), []string{
		"TRIAGED_ADDR=" + centralAddr,
		"TRIAGED_METRICS_ADDR=off", // tests in other packages run triaged too
		"TRIAGED_DATA=" + filepath.Join(work, "triaged"),
		"TRIAGED_WHATSAPP_APP_SECRET=" + secret,
		"TRIAGED_WHATSAPP_VERIFY_TOKEN=verify",
		"TRIAGED_WHATSAPP_TOKEN=" + token,
		"TRIAGED_WHATSAPP_PHONE_NUMBER_ID=106540352242922",
		"TRIAGED_WHATSAPP_API_BASE=" + simURL,
		"TRIAGED_KEY_PASSPHRASE_FILE=" + passphrase,
		"TRIAGED_SEED_USERS_FILE=" + users,
		"TRIAGED_SEED_OPTINS=" + patient + ",+15555550189",
	})
	waitFor(t, 30*time.Second, "triaged to be healthy", func() (bool, string) {
		resp, err := http.Get(centralURL + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, resp.Status
	})

	consoleData := filepath.Join(work, "console")
	// No keyring here: the console's keys, which also keep its device
	// key, are wrapped by a passphrase file.
	consolePass := filepath.Join(work, "console-passphrase")
	if err := os.WriteFile(consolePass, []byte("a-long-console-passphrase-for-e2e\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	con := tmuxConsole{t: t, socket: "triage-e2e-" + randomHex(4)}
	// OSC 52 would reach tmux's paste buffers and titles would change the
	// pane title: both are watched below.
	if out, err := con.run("-f", "/dev/null", "new-session", "-d", "-s", "console", "-x", "120", "-y", "40",
		fmt.Sprintf("%s --server %s --data %s --key-passphrase-file %s", filepath.Join(bin, "triage"), centralURL, consoleData, consolePass)); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("--- last screen ---\n%s", con.screen())
		}
		con.run("kill-server")
	})
	// No escape-time: Escape followed by a key must not merge into Alt+key.
	con.run("set-option", "-g", "escape-time", "0")
	con.run("set-option", "-g", "set-clipboard", "on")
	con.run("set-option", "-g", "allow-rename", "on")
	con.run("set-option", "-g", "set-titles", "on")
	titleBefore, _ := con.run("display-message", "-p", "-t", "console", "#{pane_title}")

	con.waitScreen("the sign-in screen", func(s string) bool { return strings.Contains(strings.ToLower(s), "sign in") })
	con.typeText("maya.frontdesk")
	con.keys("Tab")
	con.typeText(password)
	con.keys("Enter")
	// First sign-in: the clinic's messaging policy, not the inbox, until
	// the user types their full name to acknowledge it.
	screen := con.waitScreen("the messaging policy", func(s string) bool {
		return strings.Contains(s, "Patient messaging policy") && strings.Contains(s, "Full name")
	})
	if strings.Contains(screen, "Inbox") {
		t.Fatalf("the inbox showed before the policy was acknowledged:\n%s", screen)
	}
	con.keys("Enter")
	con.waitScreen("the refusal of an empty name", func(s string) bool { return strings.Contains(s, "Type your full name") })
	con.typeText("Maya Front Desk")
	con.keys("Enter")
	con.waitScreen("the inbox", func(s string) bool { return strings.Contains(s, "Inbox") })

	// A patient writes in with a phone number and a date of birth.
	postJSON(t, simURL+"/sim/inbound", map[string]string{
		"from": patient, "name": "Grace Hopper",
		"text": "Hi, this is Grace Hopper, DOB 12/09/1946, call me at 555-867-5309. Can I change my appointment?",
	})
	screen = con.waitScreen("the masked message in the inbox", func(s string) bool {
		return strings.Contains(s, "[DOB]") && strings.Contains(s, "[NAME]")
	})
	for _, phi := range []string{"5309", "1946", "Grace", "Hopper"} {
		if strings.Contains(screen, phi) {
			t.Fatalf("the inbox shows %q unmasked:\n%s", phi, screen)
		}
	}

	// Open the thread, and answer with the secure-portal macro.
	con.keys("Enter")
	screen = con.waitScreen("the thread view", func(s string) bool { return strings.Contains(s, "Thread ·") && strings.Contains(s, "[PHONE]") })
	for _, phi := range []string{"5309", "1946", "Grace", "Hopper"} {
		if strings.Contains(screen, phi) {
			t.Fatalf("the thread shows %q unmasked:\n%s", phi, screen)
		}
	}
	con.keys("m")
	con.waitScreen("the macro picker", func(s string) bool { return strings.Contains(s, "Quick replies") })
	con.keys("Enter")

	sent := waitFor(t, 20*time.Second, "the reply in the simulator's outbox", func() (bool, string) {
		out := simOutbox(t, simURL)
		b, _ := json.Marshal(out)
		return len(out) == 1 && out[0].Status == "read", string(b)
	})
	msg := simOutbox(t, simURL)[0]
	if msg.To != patient || !strings.Contains(msg.Text, centralURL+"/h/") {
		t.Fatalf("the reply lacks the portal link or went to the wrong number: %s", sent)
	}
	for _, phi := range []string{"5309", "1946", "Grace", "Hopper", "DOB"} {
		if strings.Contains(msg.Text, phi) {
			t.Fatalf("the reply carries PHI %q: %s", phi, msg.Text)
		}
	}
	con.waitScreen("the read status on the thread", func(s string) bool { return strings.Contains(s, "read") })

	// The central endpoint holds the console's audit entries for the view
	// and the send.
	consoleID := consoleIDOf(t, consoleData)
	waitFor(t, 20*time.Second, "the view and send audit entries at the central endpoint", func() (bool, string) {
		acts := centralAuditActions(t, filepath.Join(work, "triaged", "triaged.db"), consoleID)
		joined := strings.Join(acts, " ")
		return strings.Contains(joined, "login:ok") && strings.Contains(joined, "thread.view:ok") &&
			strings.Contains(joined, "send.request:ok") && strings.Contains(joined, "send:ok"), joined
	})

	// A hostile message: title, clipboard, clear-screen, cursor moves, a
	// bare carriage return and a right-to-left override.
	postJSON(t, simURL+"/sim/inbound", map[string]string{
		"from": "+15555550189", "name": "\x1b]0;PWNED-NAME\x07Eve",
		"text": "\x1b]0;PWNED\x07\x1b]2;PWNED2\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[10;10Hhello inert\rX\u202eevil",
	})
	con.keys("Escape")
	con.waitScreen("the hostile message in the inbox", func(s string) bool { return strings.Contains(s, "hello inert") })
	con.keys("G") // the front desk's Unanswered queue is oldest wait first: the newest is last
	con.keys("Enter")
	con.waitScreen("the hostile message's thread", func(s string) bool {
		return strings.Contains(s, "Thread ·") && strings.Count(s, "hello inert") == 2
	})
	screen = con.screen()
	if !strings.Contains(screen, "Inbox") {
		t.Fatalf("the screen was cleared or overwritten by the patient's text:\n%s", screen)
	}
	if title, _ := con.run("display-message", "-p", "-t", "console", "#{pane_title}"); strings.Contains(title, "PWNED") || title != titleBefore {
		t.Fatalf("a patient message changed the terminal title to %q", title)
	}
	if bufs, _ := con.run("list-buffers"); strings.TrimSpace(bufs) != "" {
		t.Fatalf("a patient message wrote the clipboard: %q", bufs)
	}
	if strings.ContainsRune(screen, '\u202e') {
		t.Fatal("a bidi override reached the terminal")
	}

	// Quitting ends the console cleanly, and the local chain verifies.
	con.keys("Escape")
	time.Sleep(200 * time.Millisecond)
	con.keys("q")
	waitFor(t, 10*time.Second, "the console to exit", func() (bool, string) {
		out, err := con.run("list-sessions")
		return err != nil || !strings.Contains(out, "console"), out
	})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"audit", "verify", "--data", consoleData}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("audit verify = %d: %s %s", code, stdout.String(), stderr.String())
	}
}
