package signin

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// auditSpy stands in for the server's audit log: it keeps what was
// written, or refuses every write while failing is set.
type auditSpy struct {
	now     time.Time
	written []Record
	failing bool
}

func (a *auditSpy) log() *RefusalLog {
	return NewRefusalLog(Audit{
		Now:    func() time.Time { return a.now },
		Source: func(addr string) string { return "h(" + addr + ")" },
		Write: func(_ context.Context, rec Record) error {
			if a.failing {
				return errors.New("the audit log is unavailable")
			}
			a.written = append(a.written, rec)
			return nil
		},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

func refusal(reason string) Record {
	return Record{UserID: "unauthenticated", Action: "login", Outcome: "refused", Detail: map[string]string{"reason": reason}}
}

func TestRefusalLogWritesABurstThenAggregatesPerSource(t *testing.T) {
	ctx := context.Background()
	spy := &auditSpy{now: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)}
	l := spy.log()
	for i := range refusalBurst {
		if aggregated, err := l.Refuse(ctx, "203.0.113.9", refusal("bad_password"), false); aggregated || err != nil {
			t.Fatalf("refusal %d within the burst: aggregated %v, %v", i+1, aggregated, err)
		}
	}
	for range 7 {
		if aggregated, err := l.Refuse(ctx, "203.0.113.9", refusal("unknown_user"), false); !aggregated || err != nil {
			t.Fatalf("refusal past the burst: aggregated %v, %v", aggregated, err)
		}
	}
	// One that changed a count or started a lock is written whatever the rate.
	if aggregated, err := l.Refuse(ctx, "203.0.113.9", refusal("locked_now"), true); aggregated || err != nil {
		t.Fatalf("a refusal that must be written: aggregated %v, %v", aggregated, err)
	}
	if len(spy.written) != refusalBurst+1 {
		t.Fatalf("%d entries written, want %d", len(spy.written), refusalBurst+1)
	}
	for _, rec := range spy.written {
		if rec.Detail["source"] != "h(203.0.113.9)" {
			t.Errorf("an entry's source is %q, want the keyed hash", rec.Detail["source"])
		}
	}

	// The window is still open: nothing more is written yet.
	if err := l.Flush(ctx, false); err != nil || len(spy.written) != refusalBurst+1 {
		t.Fatalf("flush inside the window: %v, %d entries", err, len(spy.written))
	}
	// A failed write keeps the counts; the next flush writes them.
	spy.now = spy.now.Add(refusalWindow)
	spy.failing = true
	if err := l.Flush(ctx, false); err == nil {
		t.Fatal("a failed aggregate write was not reported")
	}
	spy.failing = false
	if err := l.Flush(ctx, false); err != nil {
		t.Fatal(err)
	}
	agg := spy.written[len(spy.written)-1]
	if len(spy.written) != refusalBurst+2 || agg.Action != "refusals.aggregate" {
		t.Fatalf("after the flush: %d entries, the last %+v", len(spy.written), agg)
	}
	if agg.Detail["count"] != "7" || agg.Detail["n.login:unknown_user"] != "7" || agg.Object != "source:h(203.0.113.9)" {
		t.Errorf("aggregate %+v, want 7 unknown_user refusals from the hashed source", agg.Detail)
	}
	for k, v := range agg.Detail {
		if strings.Contains(k+v, "203.0.113.9") && !strings.Contains(v, "h(203.0.113.9)") {
			t.Errorf("the address itself is written: %s=%s", k, v)
		}
	}
}
