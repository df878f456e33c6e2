package central

import (
	"bufio"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/events"
)

// openStream opens an event stream with token; the answer's status, and
// for a 200 the events as they arrive (closed when the stream ends).
func openStream(t *testing.T, e *env, token string) (int, string, <-chan api.Event) {
	t.Helper()
	req, _ := http.NewRequest("GET", e.url+api.Version+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		var body api.Error
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		return resp.StatusCode, body.Error, nil
	}
	t.Cleanup(func() { resp.Body.Close() })
	got := make(chan api.Event, 64)
	go func() {
		defer close(got)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev api.Event
				if json.Unmarshal([]byte(data), &ev) == nil {
					got <- ev
				}
			}
		}
	}()
	return resp.StatusCode, "", got
}

// TestEventStreamCaps: one sign-in may hold events.DefaultMaxStreamsPerSession
// streams and one user events.DefaultMaxStreamsPerUser across sign-ins; beyond
// them, and however many ask at once, a stream is refused with 429 and a
// sentence that says what to do. A closed stream frees its place.
func TestEventStreamCaps(t *testing.T) {
	e := newEnv(t)
	desk := e.login("desk")

	// Ten streams asked for at the same instant with one token.
	const asked = 10
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		mu    sync.Mutex
		codes = map[int]int{}
		msgs  []string
	)
	for i := 0; i < asked; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			code, msg, _ := openStream(t, e, desk)
			mu.Lock()
			codes[code]++
			if msg != "" {
				msgs = append(msgs, msg)
			}
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	if codes[http.StatusOK] != events.DefaultMaxStreamsPerSession || codes[http.StatusTooManyRequests] != asked-events.DefaultMaxStreamsPerSession {
		t.Fatalf("answers %v, want %d × 200 and the rest 429", codes, events.DefaultMaxStreamsPerSession)
	}
	if !strings.Contains(msgs[0], "too many live event streams for this sign-in") {
		t.Fatalf("refusal says %q", msgs[0])
	}

	// Across sign-ins: the user's cap.
	open := events.DefaultMaxStreamsPerSession
	var refused string
	for i := 0; i < 3 && refused == ""; i++ {
		tok := e.loginFrom("desk", "desk-spare")
		for j := 0; j < events.DefaultMaxStreamsPerSession; j++ {
			code, msg, _ := openStream(t, e, tok)
			if code == http.StatusOK {
				open++
				continue
			}
			if code != http.StatusTooManyRequests {
				t.Fatalf("stream %d: %d", open+1, code)
			}
			refused = msg
			break
		}
	}
	if open != events.DefaultMaxStreamsPerUser || !strings.Contains(refused, "for this user") {
		t.Fatalf("%d streams open for one user (want %d); refusal %q", open, events.DefaultMaxStreamsPerUser, refused)
	}
	// Another user is not affected.
	if code, msg, _ := openStream(t, e, e.login("nurse")); code != http.StatusOK {
		t.Fatalf("the nurse's stream: %d %q", code, msg)
	}
}

// TestEventStreamCarriesOnlyThreadsTheUserMayOpen: once a thread is
// handed to the nurses, its events reach the nurse's stream and not the
// front desk's, as GET /threads/{id} would refuse the front desk.
func TestEventStreamCarriesOnlyThreadsTheUserMayOpen(t *testing.T) {
	e := newEnv(t)
	desk, nurse := e.login("desk"), e.login("nurse")
	e.patientWrites(patientUK, "Is the clinic open on Saturday?")
	clinical := e.threadFor(desk, patientUK)
	if code := e.do("POST", api.Version+"/threads/"+clinical+"/handoff", desk, api.HandoffRequest{}, nil); code != http.StatusOK && code != http.StatusNoContent {
		t.Fatalf("hand-off: %d", code)
	}
	if code := e.do("GET", api.Version+"/threads/"+clinical, desk, nil, nil); code != http.StatusForbidden {
		t.Fatalf("the front desk opens the clinical thread: %d", code)
	}
	_, _, deskEvents := openStream(t, e, desk)
	_, _, nurseEvents := openStream(t, e, nurse)

	e.patientWrites(patientUK, "Also, my knee still hurts.")      // the clinical thread
	e.patientWrites(patientUS, "What time do you open tomorrow?") // an open thread
	open := e.threadFor(desk, patientUS)

	collect := func(ch <-chan api.Event) map[string]int {
		seen := map[string]int{}
		deadline := time.After(3 * time.Second)
		for {
			select {
			case ev, ok := <-ch:
				if !ok {
					return seen
				}
				if ev.Thread != nil && reflect.DeepEqual(*ev.Thread, api.ThreadSummary{ID: clinical, Seq: ev.Thread.Seq, Gone: true}) {
					// The hand-off's removal (store/central/events, hub.go),
					// should the hub encode it after this stream opened:
					// the id marked gone and nothing of the thread.
					continue
				}
				seen[ev.ThreadID]++
				if seen[clinical] > 0 && seen[open] > 0 {
					return seen
				}
			case <-deadline:
				return seen
			}
		}
	}
	if seen := collect(nurseEvents); seen[clinical] == 0 || seen[open] == 0 {
		t.Fatalf("the nurse's stream saw %v, want both threads", seen)
	}
	if seen := collect(deskEvents); seen[clinical] != 0 || seen[open] == 0 {
		t.Fatalf("the front desk's stream saw %v: the clinical thread %s must not appear", seen, clinical)
	}
}
