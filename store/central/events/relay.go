package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/nodes"
)

// eventsChannel is the PostgreSQL notification channel on which nodes
// tell each other about the events they publish.
const eventsChannel = "triaged_events"

// maxNoticeBytes keeps a notice under PostgreSQL's 8000-byte payload cap.
const maxNoticeBytes = 7000

// relayQueue bounds the events waiting to be sent to the other nodes;
// past it they are dropped and the other nodes are told to resync.
const relayQueue = 4096

// nodeNotice is what one node tells the others: which events it
// published, by ids only. It carries no patient text, no names, no
// numbers and no thread summary: every node that listens, and the
// database server's own logs, may see it. A receiving node reads the
// thread's row itself (Hub.attachSummary) before its consoles see the
// event.
type nodeNotice struct {
	Node   string        `json:"n"`
	Resync bool          `json:"r,omitempty"` // the sender lost events: resync
	Events []noticeEvent `json:"e,omitempty"`
}

type noticeEvent struct {
	Type      api.EventType `json:"t"`
	ThreadID  string        `json:"th,omitempty"`
	MessageID string        `json:"m,omitempty"`
	Status    string        `json:"s,omitempty"` // a delivery status: sent, delivered, read, failed
	// Clinical: the sender knows the thread is in the nurses' queue, so
	// the receiver holds the event back from the front desk even before
	// its own view of the clinical threads has caught up.
	Clinical bool `json:"c,omitempty"`
}

// Relay carries events between the nodes sharing one PostgreSQL
// database by LISTEN/NOTIFY. Publishing on this node never waits for the
// database: events are queued and sent in batches by one goroutine.
type Relay struct {
	db       *sql.DB
	node     string
	hub      *Hub
	log      *slog.Logger
	out      chan api.Event
	lost     atomic.Bool // events dropped before they could be sent
	listener *nodes.Listener
	// queued, when set, is told that another node queued a send: this
	// node's outbox worker looks at once, so sends are spread over the
	// nodes rather than waiting for the queuing node's free slots.
	queued atomic.Pointer[func()]
	cancel context.CancelFunc
	done   chan struct{}
}

// NewRelay prepares node's relay of h's events over db; Start runs it.
func NewRelay(db *sql.DB, node string, h *Hub, log *slog.Logger) *Relay {
	r := &Relay{db: db, node: node, hub: h, log: log, out: make(chan api.Event, relayQueue), done: make(chan struct{})}
	r.listener = nodes.NewListener(db, eventsChannel, r.heard)
	r.listener.OnGap = func() {
		// Notices sent while this node was not listening are lost.
		log.Warn("event channel between nodes reconnected; consoles on this node refresh their inbox")
		h.resyncAll()
	}
	r.listener.OnError = func(err error) {
		log.Warn("event channel between nodes lost; reconnecting", "err", err.Error())
	}
	return r
}

// Start begins listening and sending; listening has taken effect when it
// returns, or the first try failed and is being retried. From then on
// every event published on h also goes to the other nodes.
func (r *Relay) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	listening := make(chan struct{}, 1)
	r.listener.OnListening = func() {
		select {
		case listening <- struct{}{}:
		default:
		}
	}
	go r.listener.Run(ctx)
	go func() { defer close(r.done); r.send(ctx) }()
	select {
	case <-listening:
	case <-time.After(5 * time.Second):
	}
	r.hub.relay = r.enqueue
}

// Stop ends listening and sending; events still queued are not sent.
func (r *Relay) Stop() {
	r.cancel()
	<-r.done
}

// OnQueuedSend sets what to call when another node queued a message's
// send: this node's outbox worker looks at once.
func (r *Relay) OnQueuedSend(kick func()) {
	r.queued.Store(&kick)
}

// enqueue is the hub's relay: it never waits.
func (r *Relay) enqueue(evs []api.Event) {
	for _, e := range evs {
		select {
		case r.out <- e:
		default:
			r.lost.Store(true)
		}
	}
}

// send packs queued events into notices and sends them until ctx ends.
func (r *Relay) send(ctx context.Context) {
	for {
		var first api.Event
		select {
		case <-ctx.Done():
			return
		case first = <-r.out:
		}
		batch := []api.Event{first}
	more:
		for len(batch) < 256 {
			select {
			case e := <-r.out:
				batch = append(batch, e)
			default:
				break more
			}
		}
		for _, payload := range r.notices(batch) {
			sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := nodes.Notify(sctx, r.db, eventsChannel, payload)
			cancel()
			if err != nil && ctx.Err() == nil {
				r.log.Warn("events not passed to the other nodes; they will resync", "err", err.Error())
				r.lost.Store(true)
			}
		}
	}
}

// notices encodes a batch as payloads under the size cap.
func (r *Relay) notices(batch []api.Event) []string {
	var out []string
	n := nodeNotice{Node: r.node, Resync: r.lost.Swap(false)}
	flush := func() {
		if len(n.Events) == 0 && !n.Resync {
			return
		}
		b, _ := json.Marshal(n)
		out = append(out, string(b))
		n = nodeNotice{Node: r.node}
	}
	size := 64
	for _, e := range batch {
		ne := noticeEvent{Type: e.Type, ThreadID: e.ThreadID, MessageID: e.MessageID, Status: e.Status,
			Clinical: e.ThreadID != "" && r.hub.isClinical(e.ThreadID)}
		b, _ := json.Marshal(ne)
		if size+len(b)+1 > maxNoticeBytes {
			flush()
			size = 64
		}
		n.Events = append(n.Events, ne)
		size += len(b) + 1
	}
	flush()
	return out
}

// heard feeds another node's events to this node's hub.
func (r *Relay) heard(payload string) {
	var n nodeNotice
	if err := json.Unmarshal([]byte(payload), &n); err != nil {
		r.log.Warn("unreadable notice from another node ignored")
		return
	}
	if n.Node == r.node {
		return // this node's own events were published here already
	}
	if n.Resync {
		r.hub.resyncAll()
	}
	for _, ne := range n.Events {
		if ne.Clinical {
			r.hub.MarkClinical(ne.ThreadID)
		}
		r.hub.receive(api.Event{Type: ne.Type, ThreadID: ne.ThreadID, MessageID: ne.MessageID, Status: ne.Status})
		if kick := r.queued.Load(); kick != nil && ne.Type == api.EventMessageNew && ne.Status == string(bsp.StatusQueued) {
			(*kick)()
		}
	}
}
