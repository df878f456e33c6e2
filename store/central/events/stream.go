package events

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// SessionCheckEvery is how often an open event stream re-checks its
// session.
const SessionCheckEvery = 2 * time.Second

// StreamOptions is what the server decides of one stream.
type StreamOptions struct {
	// Heartbeat is how often a comment line is written when nothing else
	// was: it keeps proxies from closing an idle stream.
	Heartbeat time.Duration
	// SignedIn says whether the stream's session still holds (no logout,
	// expiry, revocation or disabled account). It is asked every
	// SessionCheckEvery, or every Heartbeat when that is shorter; the
	// stream ends at the first no.
	SignedIn func(ctx context.Context) bool
	Log      *slog.Logger
}

// Stream writes sub's events to w as server-sent events until the
// request ends, the session ends, the hub closes or sub falls behind.
// Each event is "id: <seq>\ndata: <api.Event JSON>\n\n"; a stream that
// fell behind (or whose events were lost) ends with the resync frame, and
// the console fetches its inbox and reconnects. The caller has checked
// that w can flush, subscribed sub and unsubscribes it after.
func (h *Hub) Stream(w http.ResponseWriter, r *http.Request, sub *Subscriber, o StreamOptions) {
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Connection", "keep-alive")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	fmt.Fprint(w, ": connected\n\n")
	rc.Flush()
	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.Write(b); err != nil {
			return false
		}
		rc.Flush()
		return true
	}
	// The session is checked more often than the heartbeat is written, so
	// a revoked session (logout, `triage user revoke`, a disabled account)
	// loses its stream within seconds, even when the revocation was made
	// by another process on the data folder.
	tick := time.NewTicker(min(o.Heartbeat, SessionCheckEvery))
	defer tick.Stop()
	flush := time.NewTicker(streamFlushEvery)
	defer flush.Stop()
	lastBeat := time.Now()
	var buf []byte
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.quit:
			return // shutting down: the console reconnects
		case <-flush.C:
			var resync bool
			buf, resync = h.read(sub, buf[:0])
			if resync {
				// Fell behind (or events were lost): say so and end the
				// stream; the console fetches its inbox and reconnects.
				o.Log.Info("event stream dropped: fell behind", "user", sub.user)
				write(resyncFrame)
				return
			}
			if len(buf) > 0 && !write(buf) {
				return
			}
		case <-tick.C:
			if !o.SignedIn(r.Context()) {
				return
			}
			if time.Since(lastBeat) < o.Heartbeat {
				continue
			}
			lastBeat = time.Now()
			if !write([]byte(": heartbeat\n\n")) {
				return
			}
		}
	}
}
