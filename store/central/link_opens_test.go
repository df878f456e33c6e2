package central

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

var linkRE = regexp.MustCompile(`https?://\S+/h/([A-Za-z0-9._~%-]+)`)

// sendPortalLink sends the portal-link quick reply to the UK patient and
// returns the link exactly as the patient's phone received it.
func (e *env) sendPortalLink(desk, threadID, key string) string {
	e.t.Helper()
	before := len(e.sentTo(patientUK))
	if code, _, ref := e.send(desk, threadID, api.SendRequest{IdempotencyKey: key, MacroID: "portal-secure", ConfirmRepeat: true}); code != 200 {
		e.t.Fatalf("portal link: %d %+v", code, ref)
	}
	sent := e.waitSent(patientUK, before+1)
	m := linkRE.FindStringSubmatch(sent[len(sent)-1].Text)
	if m == nil {
		e.t.Fatalf("no link in %q", sent[len(sent)-1].Text)
	}
	return m[0]
}

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func openLink(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := noRedirect().Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The link a patient receives is made of letters and digits only, still
// opens with a sentence's full stop or bracket glued to it, opens once,
// shows the thread "link opened" on the message that carried it, and a
// second open gets a page that says how to get a new link and names
// nothing about the patient.
func TestPortalLinkOpensOnceAndTheThreadShowsIt(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "hello, can I see my results?")
	desk := e.login("desk")
	e.acknowledge(desk)
	id := e.threadFor(desk, patientUK)
	link := e.sendPortalLink(desk, id, "link-1")
	token := link[strings.LastIndex(link, "/h/")+3:]
	if !regexp.MustCompile(`^[a-z2-7]+$`).MatchString(token) {
		t.Fatalf("token %q holds characters a chat app or a sentence can break", token)
	}
	d := e.thread(desk, id)
	carrier := d.Messages[len(d.Messages)-1]
	if !carrier.LinkOpenedAt.IsZero() {
		t.Fatal("link shown opened before anyone opened it")
	}

	code, _ := openLink(t, link+").")
	if code != http.StatusSeeOther {
		t.Fatalf("link with \").\" glued on: %d, want the portal redirect", code)
	}
	d = e.thread(desk, id)
	var got api.Message
	for _, m := range d.Messages {
		if m.ID == carrier.ID {
			got = m
		}
	}
	if got.LinkOpenedAt.IsZero() || got.LinkOpens != 1 {
		t.Fatalf("carrier message after the open: opened %v, opens %d", got.LinkOpenedAt, got.LinkOpens)
	}

	code, body := openLink(t, link)
	if code != http.StatusGone || !strings.Contains(body, "already been used") || !strings.Contains(body, "ask for a new link") {
		t.Fatalf("second open: %d %q, want the spent-link page", code, body)
	}
	label := e.threads(desk)[0].PatientLabel
	for _, leak := range []string{id, label, "Zebulon", patientUK, "results"} {
		if strings.Contains(body, leak) {
			t.Errorf("spent-link page names %q", leak)
		}
	}
	if n := e.count("handoff_links"); n != 1 {
		t.Errorf("handoff_links holds %d rows, want 1", n)
	}
}

// N phones open one once-only link at the same moment (a forwarded link):
// exactly one gets through, the rest get the spent-link page.
func TestOnceOnlyLinkOpensOnceUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "hello")
	desk := e.login("desk")
	e.acknowledge(desk)
	id := e.threadFor(desk, patientUK)
	link := e.sendPortalLink(desk, id, "link-race")
	const n = 16
	var (
		start sync.WaitGroup
		done  sync.WaitGroup
		mu    sync.Mutex
		codes = map[int]int{}
	)
	start.Add(1)
	for range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait() // the barrier: every request leaves together
			resp, err := noRedirect().Get(link)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	start.Done()
	done.Wait()
	if codes[http.StatusSeeOther] != 1 || codes[http.StatusGone] != n-1 {
		t.Fatalf("answers %v, want exactly one redirect and %d spent pages", codes, n-1)
	}
	var opens int
	e.srv.db.QueryRow(`SELECT opens FROM handoff_links`).Scan(&opens)
	if opens != 1 {
		t.Errorf("opens recorded %d, want 1", opens)
	}
}

// A clinic that allows three opens gets three, then the spent page.
func TestLinkMaxOpensIsConfigurable(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.LinkMaxOpens = 3 })
	e.patientWrites(patientUK, "hello")
	desk := e.login("desk")
	e.acknowledge(desk)
	link := e.sendPortalLink(desk, e.threadFor(desk, patientUK), "link-3")
	for i := 1; i <= 4; i++ {
		code, _ := openLink(t, link)
		want := http.StatusSeeOther
		if i == 4 {
			want = http.StatusGone
		}
		if code != want {
			t.Fatalf("open %d: %d, want %d", i, code, want)
		}
	}
}
