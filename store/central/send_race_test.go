package central

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// postConcurrently sends each request body to its node's send route at
// once (after a common start) and returns the status codes and bodies.
func postConcurrently(t *testing.T, nodes []*env, tokens map[*env]string, threadID string, reqs []api.SendRequest) ([]int, []string) {
	t.Helper()
	codes, bodies := make([]int, len(reqs)), make([]string, len(reqs))
	errs := make([]error, len(reqs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, req := range reqs {
		node := nodes[i%len(nodes)]
		b, _ := json.Marshal(req)
		wg.Add(1)
		go func() {
			defer wg.Done()
			hr, _ := http.NewRequest("POST", node.url+api.Version+"/threads/"+threadID+"/send", bytes.NewReader(b))
			hr.Header.Set("Authorization", "Bearer "+tokens[node])
			hr.Header.Set("Content-Type", "application/json")
			<-start
			resp, err := http.DefaultClient.Do(hr)
			if err != nil {
				errs[i] = err
				return
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			codes[i], bodies[i] = resp.StatusCode, string(raw)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	return codes, bodies
}

// deskOnEveryNode starts the nodes a race needs (two on one PostgreSQL,
// or the one SQLite node), has an opted-in patient write first, and signs
// the front desk in on each node; it returns the nodes, their tokens and
// the patient's thread.
func deskOnEveryNode(t *testing.T, first string, opts ...envOpt) ([]*env, map[*env]string, string) {
	t.Helper()
	opts = append([]envOpt{withOptIns(patientUK)}, opts...)
	var ns []*env
	if onPostgres() {
		ns = newNodes(t, 2, opts...)
	} else {
		ns = []*env{newEnv(t, opts...)}
	}
	ns[0].patientWrites(patientUK, first)
	tokens := map[*env]string{}
	for _, n := range ns {
		tokens[n] = n.login("desk")
	}
	return ns, tokens, ns[0].threadFor(tokens[ns[0]], patientUK)
}

// The clinic's cap on messages to one patient a day must hold when staff
// on several nodes send at the same moment. Each send counted the
// patient's messages of the last 24 hours and decided on that count, so
// two sends on two nodes that read the same count both went out.
func TestFrequencyCapHoldsForSimultaneousSendsOnEveryNode(t *testing.T) {
	const limit, tries = 3, 12
	capped := func(c *Config) {
		c.Rules = policy.DefaultOutboundRules()
		c.Rules.MaxPerDay = limit
	}
	ns, tokens, th := deskOnEveryNode(t, "Can I book a check-up for next week?", capped)
	a := ns[0]
	for round := range 3 { // a race lost once may be won the next time
		reqs := make([]api.SendRequest, tries)
		for i := range reqs {
			reqs[i] = api.SendRequest{IdempotencyKey: fmt.Sprintf("cap-%d-%d", round, i), Text: "We have openings on Tuesday morning."}
		}
		codes, bodies := postConcurrently(t, ns, tokens, th, reqs)
		accepted := 0
		for i, c := range codes {
			switch c {
			case http.StatusOK:
				accepted++
			case http.StatusUnprocessableEntity:
				var ref api.Refusal
				if err := json.Unmarshal([]byte(bodies[i]), &ref); err != nil || ref.Rule != policy.RuleFrequency {
					t.Fatalf("send %d refused by %q, want the frequency rule: %s", i, ref.Rule, bodies[i])
				}
			default:
				t.Fatalf("send %d: %d %s", i, c, bodies[i])
			}
		}
		want := 0
		if round == 0 {
			want = limit
		}
		if accepted != want {
			t.Fatalf("round %d: %d of %d simultaneous sends accepted, want %d (the cap is %d a day)", round, accepted, tries, want, limit)
		}
	}
	var out int
	if err := a.srv.db.QueryRow(`SELECT COUNT(*) FROM messages WHERE thread_id = ? AND direction = 'out'`, th).Scan(&out); err != nil {
		t.Fatal(err)
	}
	if out != limit {
		t.Fatalf("%d messages stored for the patient, want the cap %d", out, limit)
	}
}

// A console that retries a send (the same idempotency key) through
// another node while the first try is still running must get the one
// message back, not a second message and not an error.
func TestSameSendRetriedOnEveryNodeAtOnceIsOneMessage(t *testing.T) {
	ns, tokens, th := deskOnEveryNode(t, "Is parking free on Saturdays?")
	a := ns[0]
	for round := range 5 {
		reqs := make([]api.SendRequest, 8)
		for i := range reqs {
			reqs[i] = api.SendRequest{IdempotencyKey: fmt.Sprintf("retry-%d", round), Text: "Yes, parking is free on Saturdays."}
		}
		codes, bodies := postConcurrently(t, ns, tokens, th, reqs)
		ids := map[string]bool{}
		for i, c := range codes {
			if c != http.StatusOK {
				t.Fatalf("round %d, try %d: %d %s", round, i, c, bodies[i])
			}
			var sr api.SendResponse
			if err := json.Unmarshal([]byte(bodies[i]), &sr); err != nil {
				t.Fatal(err)
			}
			ids[sr.Message.ID] = true
		}
		if len(ids) != 1 {
			t.Fatalf("round %d: the same send made %d messages: %v", round, len(ids), ids)
		}
	}
	a.flush()
}
