package central

import (
	"sync"

	"github.com/clinicwa/triage/store/api"
)

// subscriberBuffer is how many events a slow console may fall behind
// before it is dropped. Dropping is safe: events carry ids only, and a
// console that reconnects refetches its inbox.
const subscriberBuffer = 256

// hub fans live events out to every connected console. Publishing never
// blocks: a subscriber whose buffer is full is closed and removed, so one
// stalled connection cannot hold up a webhook's acknowledgement.
type hub struct {
	mu     sync.Mutex
	seq    int64
	subs   map[*subscriber]struct{}
	closed bool
}

type subscriber struct {
	ch chan api.Event
}

func newHub() *hub { return &hub{subs: map[*subscriber]struct{}{}} }

// subscribe registers a subscriber; ok is false after closeAll.
func (h *hub) subscribe() (*subscriber, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	s := &subscriber{ch: make(chan api.Event, subscriberBuffer)}
	h.subs[s] = struct{}{}
	return s, true
}

func (h *hub) unsubscribe(s *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; ok {
		delete(h.subs, s)
		close(s.ch)
	}
}

// publish stamps each event with the next sequence number and offers it
// to every subscriber.
func (h *hub) publish(evs ...api.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, e := range evs {
		h.seq++
		e.Seq = h.seq
		for s := range h.subs {
			select {
			case s.ch <- e:
			default:
				delete(h.subs, s)
				close(s.ch)
			}
		}
	}
}

func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for s := range h.subs {
		delete(h.subs, s)
		close(s.ch)
	}
}
