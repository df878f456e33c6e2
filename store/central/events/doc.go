// Package events carries live events to the consoles: what changed in
// which thread, as it happens, over server-sent event streams, and
// between the nodes that share one PostgreSQL database.
//
//   - Hub (hub.go) fans events out. Publishing never waits: one encoder
//     goroutine stamps each event with its change number, attaches the
//     thread's inbox row, encodes it once into a bounded ring, and every
//     stream reads the ring from its own cursor. Streams are capped per
//     sign-in and per user. A thread in the nurses' queue is held back
//     from roles that may not open it: they get once, at the hand-off,
//     its id marked gone and nothing more. A stream that falls a whole
//     ring behind, or missed events, is told to resync.
//   - Stream (stream.go) writes one subscriber's events as server-sent
//     events, at most every 200 ms, with a heartbeat, and ends when the
//     request, the session or the hub ends, or with a resync frame.
//   - Relay (relay.go) passes the events published on this node to the
//     other nodes with pg_notify, batched under PostgreSQL's payload cap,
//     by ids only (never patient text, names or numbers: the database's
//     logs and every listener may see a notice), and feeds theirs to this
//     node's hub. A lost notice or a reconnect resyncs the streams.
//
// The package must not decide who may open a stream or what a thread's
// row holds: the server (package central) checks the role and the
// session, says whether the role may see the nurses' queue, and hands in
// how to read a thread's row (Summarize) and which threads went to the
// nurses (ClinicalSince); it marks its own hand-offs, and the threads
// returned to the front desk, at once (MarkClinical, UnmarkClinical). The package holds no SQL; it depends on
// store/api, bsp and store/central/nodes, never on package central.
package events
