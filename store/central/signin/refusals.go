package signin

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/clinicwa/triage/store/api"
)

// Unauthenticated refusals (a junk hand-off link, a bad bearer token, a
// failed sign-in) each used to write one fsynced entry to a log that is
// kept for six years: about 2,000 a second from one client. Now each
// source may write a few on their own; past that, its refusals are
// counted in memory and written as ONE entry per source and window, with
// the count and the reasons.
const (
	// refusalWindow is the span one aggregated entry covers.
	refusalWindow = time.Minute
	// Per source: refusalBurst entries on their own, then one more per
	// refusalEvery.
	refusalBurst = 5
	refusalEvery = time.Minute
	// Across all sources, so that many addresses cannot each take their
	// burst: refusalGlobalBurst at once, refusalGlobalRate a second.
	refusalGlobalBurst = 20
	refusalGlobalRate  = 1
	// maxRefusalSources bounds the sources tracked at once; past it the
	// rest share one aggregate ("many").
	maxRefusalSources = 4096
	// refusalFlushEvery is how often closed windows are written.
	refusalFlushEvery = 10 * time.Second
)

// Record is one entry of the server's audit log about a refused attempt;
// it has the fields of package central's audit record, which converts it.
type Record struct {
	UserID  string
	Role    api.Role
	Action  string
	Object  string
	Outcome string
	Detail  map[string]string
}

// Audit is what the refusal log needs from the server, which alone knows
// its clock, its keys and its audit log.
type Audit struct {
	// Now is the server's clock.
	Now func() time.Time
	// Source is a source address's keyed hash: the address itself is
	// never written (it may be a patient's).
	Source func(addr string) string
	// Write records rec in the server's chain, in its own transaction.
	Write func(ctx context.Context, rec Record) error
	// Log hears each aggregated entry written, and each that could not be.
	Log *slog.Logger
}

// RefusalLog decides which unauthenticated refusals are written on their
// own and aggregates the rest.
type RefusalLog struct {
	a      Audit
	mu     sync.Mutex
	global *rate.Limiter
	// sources is keyed by the source's keyed hash: the address itself is
	// not written (it may be a patient's).
	sources map[string]*sourceRefusals
}

type sourceRefusals struct {
	limiter     *rate.Limiter
	windowStart time.Time
	counts      map[string]int // "action:reason" -> refusals this window
	total       int
}

// NewRefusalLog returns a log with nothing counted yet.
func NewRefusalLog(a Audit) *RefusalLog {
	return &RefusalLog{a: a, global: rate.NewLimiter(refusalGlobalRate, refusalGlobalBurst), sources: map[string]*sourceRefusals{}}
}

// Refuse records one unauthenticated refusal from source. An entry that
// must stand on its own (mustWrite: it changed an account's failure count
// or started a lock, which log-in monitoring needs to see one by one, and
// which the lockout itself bounds) is always written; any other is
// written only while the source's and the global rate allow, and
// otherwise counted for its source's aggregated entry (aggregated true:
// the caller should not log it one by one either). The error is that of
// a write that was due and failed: the caller must then refuse with 503
// (no action without its entry).
func (l *RefusalLog) Refuse(ctx context.Context, source string, rec Record, mustWrite bool) (aggregated bool, err error) {
	now := l.a.Now()
	src := l.a.Source(source)
	if !mustWrite {
		l.mu.Lock()
		st := l.sources[src]
		if st == nil {
			if len(l.sources) >= maxRefusalSources {
				src = "many"
				st = l.sources[src]
			}
			if st == nil {
				st = &sourceRefusals{limiter: rate.NewLimiter(rate.Every(refusalEvery), refusalBurst), counts: map[string]int{}}
				l.sources[src] = st
			}
		}
		// The global budget is spent only if the source's allows.
		if !st.limiter.AllowN(now, 1) || !l.global.AllowN(now, 1) {
			if st.total == 0 {
				st.windowStart = now
			}
			st.counts[rec.Action+":"+rec.Detail["reason"]]++
			st.total++
			l.mu.Unlock()
			return true, nil
		}
		l.mu.Unlock()
	}
	detail := make(map[string]string, len(rec.Detail)+1)
	for k, v := range rec.Detail {
		detail[k] = v
	}
	detail["source"] = src
	rec.Detail = detail
	return false, l.a.Write(ctx, rec)
}

// Flush writes one aggregated entry for each source whose window has
// closed by now (every source with all), and forgets sources with nothing
// left to count. A failed write keeps its counts for the next flush.
func (l *RefusalLog) Flush(ctx context.Context, all bool) error {
	now := l.a.Now()
	var out []refusalBatch
	l.mu.Lock()
	for src, st := range l.sources {
		if st.total > 0 && (all || now.Sub(st.windowStart) >= refusalWindow) {
			out = append(out, refusalBatch{src, *st})
			st.counts, st.total = map[string]int{}, 0
		}
		if st.total == 0 && st.limiter.TokensAt(now) >= refusalBurst {
			delete(l.sources, src)
		}
	}
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].st.windowStart.Before(out[j].st.windowStart) })
	for i, d := range out {
		detail := map[string]string{
			"source": d.src, "count": strconv.Itoa(d.st.total),
			"from": d.st.windowStart.Format(time.RFC3339), "to": now.Format(time.RFC3339),
		}
		for k, n := range d.st.counts {
			detail["n."+k] = strconv.Itoa(n)
		}
		err := l.a.Write(ctx, Record{UserID: "unauthenticated", Action: "refusals.aggregate",
			Object: "source:" + d.src, Outcome: "refused", Detail: detail})
		if err != nil {
			l.a.Log.Error("aggregated refusals not written; kept for the next flush", "err", err.Error())
			l.restore(out[i:])
			return err
		}
		l.a.Log.Warn("unauthenticated refusals aggregated", "count", d.st.total, "window_start", d.st.windowStart)
	}
	return nil
}

// refusalBatch is one source's counts taken out for writing.
type refusalBatch struct {
	src string
	st  sourceRefusals
}

// restore puts counts that could not be written back, so they are
// written at the next flush.
func (l *RefusalLog) restore(rest []refusalBatch) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range rest {
		st := l.sources[d.src]
		if st == nil {
			st = &sourceRefusals{limiter: rate.NewLimiter(rate.Every(refusalEvery), refusalBurst), counts: map[string]int{}}
			l.sources[d.src] = st
		}
		if st.total == 0 || d.st.windowStart.Before(st.windowStart) {
			st.windowStart = d.st.windowStart
		}
		for k, n := range d.st.counts {
			st.counts[k] += n
		}
		st.total += d.st.total
	}
}

// Run flushes closed windows until ctx ends.
func (l *RefusalLog) Run(ctx context.Context) {
	t := time.NewTicker(refusalFlushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.Flush(ctx, false)
		}
	}
}
