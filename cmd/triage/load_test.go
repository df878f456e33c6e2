package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central"
)

// TestLoadConsoleAtScale is `make load`, not part of `make test`: the real
// simulator, central endpoint and console, an inbox of TRIAGE_LOAD_THREADS
// threads (default 50,000) created through the simulator's inbound API,
// and patients writing at 1,000 messages a minute while a person works
// the inbox in tmux. It prints the four figures the console is held to:
// the first frame after sign-in, keystroke-to-frame p95, the console's
// memory, and how soon a new message is on screen.
func TestLoadConsoleAtScale(t *testing.T) {
	if os.Getenv("TRIAGE_LOAD") != "1" {
		t.Skip("the load test runs with `make load` (TRIAGE_LOAD=1)")
	}
	requireTool(t, "tmux")
	threads := 50_000
	if v := os.Getenv("TRIAGE_LOAD_THREADS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 100 {
			t.Fatalf("TRIAGE_LOAD_THREADS=%q: want a number of at least 100", v)
		}
		threads = n
	}
	bin := buildBinaries(t)
	work := t.TempDir()
	simAddr, centralAddr := freeAddr(t), freeAddr(t)
	simURL, centralURL := "http://"+simAddr, "http://"+centralAddr
	secret, token := "load-app-secret-"+randomHex(8), "load-token-"+randomHex(8)
	startProcess(t, work, filepath.Join(bin, "bspsim"), nil,
		"-addr", simAddr, "-webhook-url", centralURL+"/webhooks/whatsapp",
		"-app-secret", secret, "-token", token, "-status-delay", "50ms")
	users := filepath.Join(work, "users.json")
	password := "front-desk-" + randomHex(8)
	os.WriteFile(users, []byte(`[{"username":"maya.frontdesk","password":"`+password+`","role":"frontdesk"}]`), 0o600)
	passphrase := filepath.Join(work, "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	dataDir := filepath.Join(work, "triaged")
	startProcess(t, work, filepath.Join(bin, "triaged"), []string{
		"TRIAGED_ADDR=" + centralAddr, "TRIAGED_METRICS_ADDR=off", "TRIAGED_DATA=" + dataDir,
		"TRIAGED_WHATSAPP_APP_SECRET=" + secret, "TRIAGED_WHATSAPP_VERIFY_TOKEN=verify",
		"TRIAGED_WHATSAPP_TOKEN=" + token, "TRIAGED_WHATSAPP_PHONE_NUMBER_ID=106540352242922",
		"TRIAGED_WHATSAPP_API_BASE=" + simURL, "TRIAGED_KEY_PASSPHRASE_FILE=" + passphrase,
		"TRIAGED_SEED_USERS_FILE=" + users,
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
	consolePass := filepath.Join(work, "console-passphrase")
	os.WriteFile(consolePass, []byte("a-long-console-passphrase-for-load\n"), 0o600)
	frameLog := filepath.Join(work, "frames.log")
	con := tmuxConsole{t: t, socket: "triage-load-" + randomHex(4)}
	t.Cleanup(func() { con.run("kill-server") })
	startConsole := func() {
		if out, err := con.run("-f", "/dev/null", "new-session", "-d", "-s", "console", "-x", "120", "-y", "40",
			fmt.Sprintf("env %s=%s %s --server %s --data %s --key-passphrase-file %s", FrameLogEnv, frameLog,
				filepath.Join(bin, "triage"), centralURL, consoleData, consolePass)); err != nil {
			t.Fatalf("tmux: %v %s", err, out)
		}
		con.run("set-option", "-g", "escape-time", "0")
		con.waitScreen("the sign-in screen", func(s string) bool { return strings.Contains(strings.ToLower(s), "sign in") })
		con.typeText("maya.frontdesk")
		con.keys("Tab")
		con.typeText(password)
	}
	// The first sign-in acknowledges the messaging policy, so the timed
	// sign-in below goes straight to the inbox.
	startConsole()
	con.keys("Enter")
	con.waitScreen("the messaging policy", func(s string) bool { return strings.Contains(s, "Full name") })
	con.typeText("Maya Front Desk")
	con.keys("Enter")
	con.waitScreen("the inbox", func(s string) bool { return strings.Contains(s, "Inbox") })
	con.run("kill-session", "-t", "console")

	// The inbox: one patient message per thread, sent concurrently.
	phone := func(i int) string {
		return fmt.Sprintf("+1%d555%04d", []int{202, 212, 213, 305, 312, 415, 503, 617, 702, 808}[i/10000%10], i%10000)
	}
	began := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= threads {
					return
				}
				if simInbound(simURL, phone(i), "Hello, where do I park for my appointment?") != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Fatalf("%d of %d inbound messages were refused by the simulator", n, threads)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, central.DBFileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	waitFor(t, 30*time.Minute, "every thread stored", func() (bool, string) {
		var n int
		db.QueryRow(`SELECT COUNT(*) FROM threads`).Scan(&n)
		return n >= threads, fmt.Sprintf("%d of %d threads", n, threads)
	})
	fmt.Printf("load: %d threads created through the simulator in %s\n", threads, time.Since(began).Round(time.Second))

	// 1. First frame after sign-in: Enter on the sign-in form to the
	// inbox drawn with its count and rows.
	startConsole()
	os.Truncate(frameLog, 0) // only this sign-in's keys count
	// Every patient wrote and nobody answered: the front desk lands on
	// the Unanswered queue, which holds them all.
	want := fmt.Sprintf("Unanswered (%d)", threads)
	signIn := time.Now()
	con.keys("Enter")
	var inboxAt time.Time // the first frame of the inbox screen (the list may still be loading)
	for {
		s := con.screen()
		if inboxAt.IsZero() && strings.Contains(s, "Inbox") {
			inboxAt = time.Now()
		}
		if strings.Contains(s, want) {
			break
		}
		if time.Since(signIn) > 30*time.Second {
			t.Fatalf("no inbox after sign-in:\n%s", s)
		}
		time.Sleep(2 * time.Millisecond)
	}
	firstFrame, afterAuth := time.Since(signIn), time.Since(inboxAt)

	// Watch the whole inbox, newest activity first: ← from the first
	// queue wraps to the bar's last tab, All.
	con.keys("Left")
	for s := con.screen(); !strings.Contains(s, fmt.Sprintf("All (%d)", threads)); s = con.screen() {
		if time.Since(signIn) > time.Minute {
			t.Fatalf("no All view:\n%s", s)
		}
		time.Sleep(5 * time.Millisecond)
	}

	// Patients keep writing at 1,000 messages a minute for the rest of
	// the measurement; every 20th carries a word to look for on screen.
	stop := make(chan struct{})
	type sample struct {
		word, id string
		sent     time.Time
	}
	samples := make(chan sample, 1024)
	var injected atomic.Int64
	go func() {
		defer close(samples)
		tick := time.NewTicker(60 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			text, word := "Thanks, see you soon", ""
			if i%20 == 0 {
				word = "zq" + letters(i/20)
				text = word + " is my question about parking"
			}
			if id, err := simInboundID(simURL, phone((i*7919)%threads), text); err == nil {
				injected.Add(1)
				if word != "" {
					samples <- sample{word, id, time.Now()}
				}
			}
		}
	}()
	// The clock starts when the simulator accepts the patient's message,
	// before it signs and posts the webhook, so each figure is an upper
	// bound on the time from the webhook's 200 to the screen.
	var latencies []time.Duration
	var missed []string
	var rssMax atomic.Int64
	pidOut, _ := con.run("display-message", "-p", "-t", "console", "#{pane_pid}")
	pid := strings.TrimSpace(pidOut)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
			if st, err := os.ReadFile("/proc/" + pid + "/status"); err == nil {
				if v := int64(procField(string(st), "VmRSS:")); v > rssMax.Load() {
					rssMax.Store(v)
				}
			}
		}
	}()
	var seenWG sync.WaitGroup
	seenWG.Add(1)
	go func() {
		defer seenWG.Done()
		pending := map[string]sample{}
		open := true
		for open || len(pending) > 0 {
			select {
			case s, ok := <-samples:
				if !ok {
					open = false
					samples = nil
				} else {
					pending[s.word] = s
				}
			default:
			}
			screen := con.screen()
			now := time.Now()
			for w, s := range pending {
				if strings.Contains(screen, w) {
					latencies = append(latencies, now.Sub(s.sent))
					delete(pending, w)
				} else if now.Sub(s.sent) > 30*time.Second {
					if os.Getenv("TRIAGE_LOAD_DEBUG") != "" && len(missed) == 0 {
						fmt.Printf("load: %s (%s) not seen:\n%s\n", w, s.id, screen)
					}
					missed = append(missed, s.id)
					delete(pending, w)
				}
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	// 2. Keystrokes while messages arrive: down, up and back to the top,
	// as someone watching the newest threads does. (The cursor follows
	// its thread as others arrive above it, so without Home the list
	// would scroll with that thread, away from the newest.)
	for i := range 500 {
		con.keys([]string{"j", "j", "k", "k", "Home"}[i%5])
		time.Sleep(60 * time.Millisecond)
	}
	if os.Getenv("TRIAGE_LOAD_DEBUG") != "" {
		fmt.Println(con.screen())
	}
	close(stop)
	seenWG.Wait()

	// 3. The console's memory, from the kernel.
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Fatalf("console status: %v", err)
	}
	rss, hwm := procField(string(status), "VmRSS:"), procField(string(status), "VmHWM:")

	keys := readFrameLog(t, frameLog)

	fmt.Printf("load: threads %d, messages injected during measurement %d (1,000/min)\n", threads, injected.Load())
	fmt.Printf("load: first frame after sign-in %d ms from Enter, %d ms of it after the sign-in was accepted (target < 200)\n",
		firstFrame.Milliseconds(), afterAuth.Milliseconds())
	fmt.Printf("load: keystroke-to-frame p50 %.2f ms, p95 %.2f ms over %d keys (target p95 < 16)\n",
		ms(percentile(keys, 50)), ms(percentile(keys, 95)), len(keys))
	fmt.Printf("load: console RSS %d MB at the end, at most %d MB while messages arrived; process peak %d MB (target < 150)\n",
		rss/1024, rssMax.Load()/1024, hwm/1024)
	fmt.Printf("load: new message visible after the simulator accepted it: p50 %d ms, p95 %d ms, max %d ms over %d samples; %d never seen in 30 s (target < 1000)\n",
		percentile(latencies, 50).Milliseconds(), percentile(latencies, 95).Milliseconds(), percentile(latencies, 100).Milliseconds(), len(latencies), len(missed))

}

func simInbound(simURL, from, text string) error {
	_, err := simInboundID(simURL, from, text)
	return err
}

// simInboundID has a patient write in and returns the provider's message id.
func simInboundID(simURL, from, text string) (string, error) {
	b, _ := json.Marshal(map[string]string{"from": from, "name": "Load Patient", "text": text})
	resp, err := http.Post(simURL+"/sim/inbound", "application/json", bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return "", fmt.Errorf("sim inbound: %s", resp.Status)
	}
	var out struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&out)
	return out.ID, nil
}

// letters spells n in lowercase letters, a word the masker leaves alone.
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s + "x"
		}
	}
}

func procField(status, name string) int {
	for _, line := range strings.Split(status, "\n") {
		if rest, ok := strings.CutPrefix(line, name); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}

func readFrameLog(t *testing.T, path string) []time.Duration {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("frame log: %v", err)
	}
	var out []time.Duration
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "key "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			out = append(out, time.Duration(n))
		}
	}
	return out
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)*p+99)/100-1+boolInt(p == 0))]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
