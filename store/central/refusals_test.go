package central

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// flushRefusals writes the aggregated refusals still counted in memory,
// as the server does when a window closes or at shutdown.
func flushRefusals(t *testing.T, e *env) {
	t.Helper()
	if err := e.srv.refusals.Flush(context.Background(), true); err != nil {
		t.Fatal(err)
	}
}

func TestUnauthenticatedFloodWritesAFewAggregatedEntries(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	before, err := e.srv.store.Audit.Chain(ctx, e.srv.db, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	client := clientFrom("127.0.0.5")
	hugePassword := strings.Repeat("correct horse battery staple ", 250) // about 7 KB: inside the body limit
	const total, workers = 2500, 25
	var sent atomic.Int64
	overlapping(workers, func(w int) {
		for i := w; i < total; i += workers {
			var req *http.Request
			switch i % 3 {
			case 0: // a junk hand-off token
				req, _ = http.NewRequest("GET", fmt.Sprintf("%s/h/junk-token-%d", e.url, i), nil)
			case 1: // a bad bearer token
				req, _ = http.NewRequest("GET", e.url+api.Version+"/threads", nil)
				req.Header.Set("Authorization", "Bearer made-up-token-"+strconv.Itoa(i))
			default: // a huge password, for a real account or a made-up one
				user := "desk"
				if i%2 == 0 {
					user = "ghost-" + strconv.Itoa(i%7)
				}
				b, _ := json.Marshal(api.LoginRequest{Username: user, Password: hugePassword, ConsoleID: "c-flood"})
				req, _ = http.NewRequest("POST", e.url+api.Version+"/login", bytes.NewReader(b))
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode < 400 {
				t.Errorf("request %d was accepted: %d", i, resp.StatusCode)
			}
			sent.Add(1)
		}
	})
	if sent.Load() != total {
		t.Fatalf("%d of %d requests answered", sent.Load(), total)
	}
	flushRefusals(t, e)
	chain, err := e.srv.store.Audit.Chain(ctx, e.srv.db, ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	written := chain[len(before):]
	if len(written) > 40 {
		t.Errorf("%d unauthenticated requests wrote %d audit entries, want at most a few dozen", total, len(written))
	}
	// Nothing is lost: every refusal is either an entry of its own or
	// counted in an aggregate.
	accounted, aggregates := 0, 0
	for _, a := range written {
		if a.Action == "refusals.aggregate" {
			n, err := strconv.Atoi(a.Detail["count"])
			if err != nil || n < 1 || a.Detail["source"] == "" {
				t.Errorf("aggregate without a count or source: %v", a.Detail)
			}
			accounted += n
			aggregates++
			continue
		}
		accounted++
	}
	if aggregates == 0 || accounted != total {
		t.Errorf("%d aggregated entries account for %d of %d refusals", aggregates, accounted, total)
	}
	if err := audit.Verify(nil, chain); err != nil {
		t.Errorf("the server's chain does not verify after the flood: %v", err)
	}
	t.Logf("%d requests → %d audit entries (%d aggregated)", total, len(written), aggregates)
}
