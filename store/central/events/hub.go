package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// Live-event fan-out limits.
const (
	// DefaultMaxStreamsPerSession is how many event streams one sign-in
	// may hold open: one, and a second while a reconnect overlaps the
	// stream it replaces.
	DefaultMaxStreamsPerSession = 2
	// DefaultMaxStreamsPerUser is how many event streams one user may
	// hold open across sign-ins (a desk and a spare terminal).
	DefaultMaxStreamsPerUser = 4
	// eventRing is how many encoded events the hub keeps: a subscriber
	// that falls further behind than this is dropped with a resync.
	eventRing = 4096
	// eventQueue bounds the events waiting to be encoded. Publishing never
	// waits: when the queue is full the event is lost, and every stream
	// is told to resync.
	eventQueue = 4096
	// streamFlushEvery is how often a stream writes what arrived since
	// its last write. Writing in batches keeps the cost of a stream to
	// five writes a second however fast webhooks come in (at 50 ms, 300
	// streams took a third of intake's throughput on two cores); a fifth
	// of a second is not a delay anyone at a desk notices.
	streamFlushEvery = 200 * time.Millisecond
	// clinicalRefreshEvery is how often the hub asks the store which
	// threads moved to the nurses' queue. This node's own hand-offs are
	// marked at once (MarkClinical); the refresh bounds how long another
	// node's take to be seen here.
	clinicalRefreshEvery = time.Second
)

// resyncFrame ends a stream that fell behind: the console understands it
// as "events were lost; fetch the inbox again" (api.EventResync).
var resyncFrame = []byte("event: resync\ndata: {\"type\":\"resync\"}\n\n")

// encodedEvent is one live event, encoded once for every subscriber.
type encodedEvent struct {
	seq int64
	// clinical: the thread is in the nurses' queue, so only roles that
	// may open clinical threads receive the event.
	clinical bool
	frame    []byte // "id: <seq>\ndata: <api.Event JSON>\n\n"
	// gone is what the roles that may not open a clinical thread get
	// instead of the first event after it went to the nurses (a
	// colleague's hand-off, here or on another node): its id marked Gone
	// and nothing else, so a front-desk console drops the row at once
	// instead of keeping it until its next inbox fetch. Nil otherwise.
	gone []byte
}

// Hub fans live events out to every connected console. Publishing costs
// one non-blocking channel send, whatever the number of streams: a single
// encoder goroutine stamps, classifies and encodes each event once into a
// bounded ring, and each stream reads the ring from its own cursor. A
// stream that falls a whole ring behind is dropped with a resync, so no
// stream, slow or many, can hold up a webhook's acknowledgement.
type Hub struct {
	in      chan api.Event
	dropped atomic.Int64 // events lost to a full queue since the encoder last looked
	// clinicalSince never holds up the encoder: the refresher calls it.
	clinicalSince ClinicalSince
	summarize     Summarize // nil sends events without a row
	quit          chan struct{}
	done          chan struct{}
	// relay, when set (several nodes, relay.go), is handed every event
	// published on this node, to pass on to the other nodes. Set before
	// the first publish.
	relay func(evs []api.Event)

	mu    sync.RWMutex
	ring  [eventRing]*encodedEvent
	head  int64 // seq of the newest event in the ring (0: none yet)
	epoch int64 // bumped when events were lost: every stream resyncs

	// clinical holds the threads in the nurses' queue. A thread enters it
	// by a hand-off and leaves it when returned to the front desk, and
	// threads are created open, so a thread not in the set is open. The
	// value says whether the front desk was told the thread left its
	// inbox (encodedEvent.gone): told once, with the first event
	// encoded after the thread entered the set.
	clinicalMu sync.RWMutex
	clinical   map[string]bool

	subMu      sync.Mutex
	closed     bool
	perSession map[string]int
	perUser    map[string]int
}

// Subscriber is one open stream's place in the ring.
type Subscriber struct {
	session, user string
	cursor        int64 // seq of the last event read
	epoch         int64
	seeClinical   bool
}

// ClinicalSince lists the threads that moved to the nurses' queue at or
// after since (unix ns), and the time to ask from next. The server reads
// it from its store; the hub asks every clinicalRefreshEvery.
type ClinicalSince func(ctx context.Context, since int64) (threadIDs []string, next int64, err error)

// Summarize reads a thread's inbox row as it is now, and the counts per
// state, for the thread's events: consoles update that row in place.
type Summarize func(ctx context.Context, threadID string) (api.ThreadSummary, map[api.ThreadState]int, error)

// NewHub starts the encoder and, when clinicalSince is not nil, the
// refresher of the clinical set (nil: every thread is open unless marked).
// summarize, when not nil, attaches each thread event's inbox row.
func NewHub(clinicalSince ClinicalSince, summarize Summarize) *Hub {
	h := &Hub{
		in: make(chan api.Event, eventQueue), clinicalSince: clinicalSince, summarize: summarize,
		quit: make(chan struct{}), done: make(chan struct{}),
		clinical: map[string]bool{}, perSession: map[string]int{}, perUser: map[string]int{},
	}
	refreshed := make(chan struct{})
	if clinicalSince != nil {
		go h.refreshClinical(refreshed)
	} else {
		close(refreshed)
	}
	go func() {
		// No event goes out before the clinical set is first loaded.
		select {
		case <-refreshed:
		case <-h.quit:
		}
		h.encode()
	}()
	return h
}

// refreshClinical loads the clinical set, then asks for additions every
// clinicalRefreshEvery until the hub closes.
func (h *Hub) refreshClinical(first chan<- struct{}) {
	var since int64
	load := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// Threads already with the nurses when the hub starts need no
		// removal: consoles fetch their inbox when their stream opens.
		initial := since == 0
		ids, next, err := h.clinicalSince(ctx, since)
		if err != nil {
			return // tried again at the next tick; this node's hand-offs are marked anyway
		}
		since = next
		h.clinicalMu.Lock()
		for _, id := range ids {
			if _, known := h.clinical[id]; !known {
				h.clinical[id] = initial
			}
		}
		h.clinicalMu.Unlock()
	}
	load()
	close(first)
	t := time.NewTicker(clinicalRefreshEvery)
	defer t.Stop()
	for {
		select {
		case <-h.quit:
			return
		case <-t.C:
			load()
		}
	}
}

// LimitError is why a stream was refused: its sign-in (PerSession) or
// its user already holds Limit streams. Its text tells the user what to
// do.
type LimitError struct {
	PerSession bool
	Limit      int
}

func (e *LimitError) Error() string {
	if e.PerSession {
		return fmt.Sprintf("too many live event streams for this sign-in (at most %d): close the other console window, or wait a minute for a dropped stream to time out", e.Limit)
	}
	return fmt.Sprintf("too many live event streams for this user (at most %d across sign-ins): close a console you no longer use, or wait a minute for a dropped stream to time out", e.Limit)
}

// ErrClosed means the server is shutting down.
var ErrClosed = errors.New("the server is shutting down")

// Subscribe opens a stream for session (its token hash) and user, unless
// either already holds its cap. seeClinical says whether the user's role
// may open clinical threads.
func (h *Hub) Subscribe(session, user string, seeClinical bool, maxSession, maxUser int) (*Subscriber, error) {
	h.subMu.Lock()
	defer h.subMu.Unlock()
	if h.closed {
		return nil, ErrClosed
	}
	if h.perSession[session] >= maxSession {
		return nil, &LimitError{PerSession: true, Limit: maxSession}
	}
	if h.perUser[user] >= maxUser {
		return nil, &LimitError{Limit: maxUser}
	}
	h.perSession[session]++
	h.perUser[user]++
	h.mu.RLock()
	sub := &Subscriber{session: session, user: user, cursor: h.head, epoch: h.epoch, seeClinical: seeClinical}
	h.mu.RUnlock()
	return sub, nil
}

// Unsubscribe gives a closed stream's place back to its sign-in and user.
func (h *Hub) Unsubscribe(s *Subscriber) {
	h.subMu.Lock()
	defer h.subMu.Unlock()
	if h.perSession[s.session]--; h.perSession[s.session] <= 0 {
		delete(h.perSession, s.session)
	}
	if h.perUser[s.user]--; h.perUser[s.user] <= 0 {
		delete(h.perUser, s.user)
	}
}

// Streams counts open streams (tests, metrics).
func (h *Hub) Streams() int {
	h.subMu.Lock()
	defer h.subMu.Unlock()
	n := 0
	for _, c := range h.perUser {
		n += c
	}
	return n
}

// Publish hands events to the encoder without waiting. An event that
// does not fit the queue is lost, and every stream will resync. With
// several nodes, the events also go to the other nodes' hubs.
func (h *Hub) Publish(evs ...api.Event) {
	if h.relay != nil {
		h.relay(evs)
	}
	h.receive(evs...)
}

// receive queues events for this node's streams only: those published
// here, and those another node relayed.
func (h *Hub) receive(evs ...api.Event) {
	for _, e := range evs {
		select {
		case h.in <- e:
		default:
			h.dropped.Add(1)
		}
	}
}

// resyncAll tells every open stream that events may have been missed
// (another node's events could not reach this one for a while): each
// console fetches its inbox again.
func (h *Hub) resyncAll() {
	h.mu.Lock()
	h.epoch++
	h.mu.Unlock()
}

// MarkClinical records at once that a thread moved to the nurses' queue,
// before the hand-off's event is published.
func (h *Hub) MarkClinical(threadID string) {
	h.clinicalMu.Lock()
	if _, known := h.clinical[threadID]; !known {
		h.clinical[threadID] = false
	}
	h.clinicalMu.Unlock()
}

// UnmarkClinical takes a thread returned to the front desk out of the
// clinical set, so front-desk consoles see its events again.
func (h *Hub) UnmarkClinical(threadID string) {
	h.clinicalMu.Lock()
	delete(h.clinical, threadID)
	h.clinicalMu.Unlock()
}

func (h *Hub) isClinical(threadID string) bool {
	h.clinicalMu.RLock()
	defer h.clinicalMu.RUnlock()
	_, ok := h.clinical[threadID]
	return ok
}

// clinicalEvent says whether an event of the thread is for clinical
// roles only, and, once per entry into the nurses' queue, that the front
// desk must now be told the thread left its inbox.
func (h *Hub) clinicalEvent(threadID string) (clinical, announce bool) {
	h.clinicalMu.Lock()
	defer h.clinicalMu.Unlock()
	told, ok := h.clinical[threadID]
	if ok && !told {
		h.clinical[threadID] = true
		return true, true
	}
	return ok, false
}

// summaryTimeout bounds reading one event's inbox row; past it the event
// goes without one and the console fetches the row itself.
const summaryTimeout = 2 * time.Second

// attachSummary reads the thread's row as it is now. Reading it here, not
// where the event is published, covers every publisher, and the row is at
// least as new as the change the event reports.
func (h *Hub) attachSummary(e *api.Event) {
	if h.summarize == nil || e.ThreadID == "" || e.Thread != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), summaryTimeout)
	defer cancel()
	if ts, counts, err := h.summarize(ctx, e.ThreadID); err == nil {
		e.Thread, e.Counts = &ts, counts
	}
}

// encode is the one goroutine that stamps and encodes events.
func (h *Hub) encode() {
	defer close(h.done)
	for {
		select {
		case <-h.quit:
			return
		case e := <-h.in:
			h.attachSummary(&e)
			if e.Thread != nil && e.Thread.State == api.ThreadClinical {
				// The row says the thread is in the nurses' queue: another
				// node's hand-off can arrive here before the clinical
				// refresh has seen it, and its event must not reach the
				// front desk meanwhile.
				h.MarkClinical(e.ThreadID)
			}
			lost := h.dropped.Swap(0) > 0
			clinical, announce := h.clinicalEvent(e.ThreadID)
			h.mu.Lock()
			h.head++
			e.Seq = h.head
			if lost {
				h.epoch++
			}
			ev := &encodedEvent{seq: e.Seq, clinical: clinical, frame: sseFrame(e)}
			if announce {
				ev.gone = sseFrame(goneEvent(e))
			}
			h.ring[e.Seq%eventRing] = ev
			h.mu.Unlock()
		}
	}
}

// sseFrame is e as one server-sent event: "id: <seq>\ndata: <json>\n\n".
func sseFrame(e api.Event) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		b = []byte(`{}`)
	}
	frame := make([]byte, 0, len(b)+32)
	frame = append(frame, "id: "...)
	frame = strconv.AppendInt(frame, e.Seq, 10)
	frame = append(frame, "\ndata: "...)
	frame = append(frame, b...)
	return append(frame, "\n\n"...)
}

// goneEvent is a clinical thread's change as a role that may not open it
// sees it: the thread left its inbox. It carries the thread's id and
// change number only (what GET /inbox/changes says of it), and the counts
// without the nurses' queue, never the row: no label, preview, note or
// owner of a thread that reader may not open.
func goneEvent(e api.Event) api.Event {
	ts := &api.ThreadSummary{ID: e.ThreadID, Gone: true}
	if e.Thread != nil {
		ts.Seq = e.Thread.Seq
	}
	var counts map[api.ThreadState]int
	if e.Counts != nil {
		counts = make(map[api.ThreadState]int, len(e.Counts))
		for st, n := range e.Counts {
			if st != api.ThreadClinical {
				counts[st] = n
			}
		}
	}
	return api.Event{Seq: e.Seq, Type: api.EventThreadUpdated, ThreadID: e.ThreadID, Thread: ts, Counts: counts}
}

// read appends to buf the frames sub may see since its cursor and moves
// the cursor. resync is true when sub fell behind (a whole ring, or
// events were lost): it must be closed with resyncFrame.
func (h *Hub) read(sub *Subscriber, buf []byte) (out []byte, resync bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if sub.epoch != h.epoch || h.head-sub.cursor > eventRing {
		return buf, true
	}
	for seq := sub.cursor + 1; seq <= h.head; seq++ {
		ev := h.ring[seq%eventRing]
		if ev.clinical && !sub.seeClinical {
			buf = append(buf, ev.gone...)
			continue
		}
		buf = append(buf, ev.frame...)
	}
	sub.cursor = h.head
	return buf, false
}

// Close refuses new streams and stops the encoder; open streams see
// quit and end.
func (h *Hub) Close() {
	h.subMu.Lock()
	if h.closed {
		h.subMu.Unlock()
		return
	}
	h.closed = true
	h.subMu.Unlock()
	close(h.quit)
	<-h.done
}
