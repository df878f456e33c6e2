package central

import (
	"context"
	"fmt"
	"sync"

	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/events"
	"github.com/clinicwa/triage/store/central/nodes"
)

// checkpointSignerJob names the election of the node that signs the
// audit log's checkpoints.
const checkpointSignerJob = "audit-checkpoint-signer"

// multiNode is what a triaged node runs so that it can share its
// PostgreSQL database with other nodes behind a load balancer:
//   - an id for this run, which its outbox leases carry (delivery.Leases);
//   - the election of the one checkpoint signer (checkpoint.go);
//   - the relay of live events between nodes (events.Relay).
//
// Webhook de-duplication, sign-in lockouts and one-time codes need nothing
// here: they are decided by unique constraints and conditional UPDATEs,
// which hold across nodes as they do across requests. On SQLite there is
// one node and no multiNode.
type multiNode struct {
	id     string
	signer *nodes.Election
	relay  *events.Relay
	// elected are the other one-node-at-a-time jobs (runElected).
	elected []*nodes.Election
}

// siemStreamerJob names the election of the node that streams the audit
// log to the SIEM.
const siemStreamerJob = "siem-streamer"

// runElected runs run while this node holds the election of job, from a
// fresh start at each term: run's context ends when the node loses the
// election or stops. The work does not run on the lock's connection, so
// for a moment after a lost connection two nodes may both run it; use it
// for work that tolerates that (the SIEM stream is at-least-once).
func (s *Server) runElected(job string, run func(ctx context.Context)) {
	e := nodes.NewElection(s.db, job, s.cfg.ElectionInterval)
	var (
		mu     sync.Mutex
		cancel context.CancelFunc
		done   chan struct{}
	)
	e.OnChange = func(leader bool) {
		mu.Lock()
		defer mu.Unlock()
		if leader && cancel == nil {
			var ctx context.Context
			ctx, cancel = context.WithCancel(context.Background())
			d := make(chan struct{})
			done = d
			go func() { defer close(d); run(ctx) }()
			return
		}
		if !leader && cancel != nil {
			cancel()
			<-done
			cancel = nil
		}
	}
	e.Start(context.Background())
	s.nodes.elected = append(s.nodes.elected, e)
}

// startNodes joins the other nodes when the store is on PostgreSQL: it
// runs before the checkpointer and the outbox worker, which use it.
func (s *Server) startNodes(ctx context.Context) {
	if !nodes.IsPostgres(s.db) {
		return
	}
	if s.cfg.OutboxLease <= 0 {
		s.cfg.OutboxLease = delivery.DefaultLease
	}
	m := &multiNode{id: nodes.NewID()}
	m.signer = nodes.NewElection(s.db, checkpointSignerJob, s.cfg.ElectionInterval)
	m.signer.OnChange = func(leader bool) {
		if leader {
			s.log.Info("this node now signs the audit checkpoints", "node", m.id)
		} else {
			s.log.Warn("this node no longer signs the audit checkpoints", "node", m.id)
		}
	}
	m.signer.OnLost = func(err error) {
		s.log.Warn("the connection holding the checkpoint signer's election failed", "err", err.Error())
	}
	m.signer.Start(ctx)
	m.relay = events.NewRelay(s.db, m.id, s.hub, s.log)
	m.relay.Start()
	s.nodes = m
	s.log.Info("joined the nodes sharing the database", "node", m.id)
}

// stopNodes leaves the others: the signer's election is resigned at
// once (another node takes over at its next try) and the event relay
// stops. Call it after the last checkpoint.
func (s *Server) stopNodes() {
	if s.nodes == nil {
		return
	}
	for _, e := range s.nodes.elected {
		e.Close() // ends its work first
	}
	s.nodes.relay.Stop()
	s.nodes.signer.Close()
}

// NodeID is this node's id for this run ("" on SQLite, a single node).
func (s *Server) NodeID() string {
	if s.nodes == nil {
		return ""
	}
	return s.nodes.id
}

// SignsCheckpoints reports whether this node is the elected checkpoint
// signer (always true on SQLite, a single node).
func (s *Server) SignsCheckpoints() bool {
	return s.nodes == nil || s.nodes.signer.Leader()
}

// oneNodeAtATime runs fn while no other node sharing the PostgreSQL
// database runs its own fn of the same name: start-up steps that create
// something once (the store's keys, the seeded accounts) would otherwise
// each create it when nodes start together, and the last writer's keys
// would replace the keys another node already seals with. On SQLite, one
// node, fn just runs.
func (s *Server) oneNodeAtATime(ctx context.Context, name string, fn func() error) error {
	if !nodes.IsPostgres(s.db) {
		return fn()
	}
	release, err := nodes.Lock(ctx, s.db, "start-up."+name)
	if err != nil {
		return fmt.Errorf("central: wait for the other nodes' start-up: %w", err)
	}
	defer release()
	return fn()
}
