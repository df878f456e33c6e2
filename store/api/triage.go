package api

import "time"

// Queue is one of the inbox's work queues. A thread is in exactly one of
// unanswered, waiting, nurse, escalated and closed; "mine" cuts across
// them (the caller's own open threads). The empty queue is every thread
// the caller may see.
type Queue string

const (
	// QueueUnanswered: open threads with no reply by a person since the
	// patient's last message; oldest wait first.
	QueueUnanswered Queue = "unanswered"
	// QueueMine: threads the caller owns that are not closed.
	QueueMine Queue = "mine"
	// QueueNurse: threads handed to nurses, soonest SLA deadline first.
	QueueNurse Queue = "nurse"
	// QueueEscalated: threads waiting for a supervisor, oldest first.
	QueueEscalated Queue = "escalated"
	// QueueWaiting: open threads the clinic answered last (waiting on the
	// patient).
	QueueWaiting Queue = "waiting"
	// QueueClosed: closed threads, newest first.
	QueueClosed Queue = "closed"
)

// Queues lists the queues in the order a console shows them.
func Queues() []Queue {
	return []Queue{QueueUnanswered, QueueMine, QueueNurse, QueueEscalated, QueueWaiting, QueueClosed}
}

// HandoffInfo is a thread's current clinical hand-off as the nurses'
// queue shows it.
type HandoffInfo struct {
	By   string    `json:"by"` // username of who handed off
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"` // masked
	// DueAt is the SLA deadline (business hours aware); LeftSeconds the
	// business time left at the server's clock when the row was read, and
	// Overdue once it has passed. Zero DueAt: no SLA.
	DueAt       time.Time `json:"due_at,omitzero"`
	LeftSeconds int64     `json:"left_seconds"`
	Overdue     bool      `json:"overdue,omitempty"`
}

// EscalationKind says how a thread reached the supervisors.
type EscalationKind string

const (
	EscalationManual EscalationKind = "manual" // a user escalated it with a reason
	EscalationSLA    EscalationKind = "sla"    // its hand-off passed the SLA
)

// EscalationInfo is why a thread waits for a supervisor.
type EscalationInfo struct {
	Kind   EscalationKind `json:"kind"`
	By     string         `json:"by"` // username, or "system" for an overdue hand-off
	At     time.Time      `json:"at"`
	Reason string         `json:"reason,omitempty"` // masked
}

// SearchInfo describes a searched page (ThreadPage.Search).
type SearchInfo struct {
	Scanned   int  `json:"scanned"`
	Truncated bool `json:"truncated,omitempty"`
}

// InboxFilter narrows an inbox page; every field is optional and they
// combine with AND. Query strings: queue, owner, mark, lang,
// waiting_over (a Go duration such as "30m"), q.
type InboxFilter struct {
	Queue Queue
	// Owner is "me", "none" (unowned) or a username.
	Owner string
	// Mark is a state mark: "urgent", "clinical", "escalated",
	// "overdue", "opted_out".
	Mark string
	// Lang is "en" or "es".
	Lang string
	// WaitingOver keeps threads whose patient has waited longer than this.
	WaitingOver time.Duration
	// Search matches the masked text of the thread's recent messages,
	// its preview, hand-off note and escalation reason (case-insensitive).
	// Masked text holds no PHI, so PHI can never be searched for.
	Search string
}

// Marks a filter accepts (InboxFilter.Mark).
var Marks = []string{"urgent", "clinical", "escalated", "overdue", "opted_out"}

// ThreadActRequest is the body of a workflow step on a thread
// (POST /threads/{id}/{claim|assign|release|close|reopen|escalate|return|take_over}).
type ThreadActRequest struct {
	// User is the colleague (username) an assign gives the thread to.
	User string `json:"user,omitempty"`
	// Outcome is required to close (policy.Outcomes).
	Outcome string `json:"outcome,omitempty"`
	// Reason is required to escalate: a short note, sealed and masked
	// for display like a hand-off note.
	Reason string `json:"reason,omitempty"`
}

// ThreadActResult answers a workflow step or a hand-off: the thread's new
// row, and whether the caller may still open it. After a front-desk
// hand-off Visible is false: the console drops the row and moves on
// instead of opening a thread it may no longer see.
type ThreadActResult struct {
	Thread  ThreadSummary `json:"thread"`
	Visible bool          `json:"visible"`
}

// HandoffResult answers POST /threads/{id}/handoff. The thread's row is
// inlined (old consoles read the body as a ThreadSummary).
type HandoffResult struct {
	ThreadSummary
	// Visible says whether the caller may still open the thread.
	Visible bool `json:"visible"`
	// Ack is what became of the patient's automatic acknowledgment.
	Ack HandoffAck `json:"ack"`
}

// HandoffAck reports the acknowledgment with a portal link sent to the
// patient on a hand-off. It goes through the ordinary outbound rules
// (consent, quiet hours, the 24-hour window, caps); when they refuse it,
// Rule and Reason say why, and the hand-off still stands.
type HandoffAck struct {
	Sent      bool   `json:"sent"`
	MessageID string `json:"message_id,omitempty"`
	Rule      string `json:"rule,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// NextRequest asks for the oldest thread waiting in a queue (empty: the
// caller role's own queue, see the README) and optionally claims it.
type NextRequest struct {
	Queue Queue `json:"queue,omitempty"`
	Claim bool  `json:"claim,omitempty"`
}

// NextResult answers POST /inbox/next: Thread is nil when nothing waits.
type NextResult struct {
	Thread  *ThreadSummary `json:"thread"`
	Claimed bool           `json:"claimed,omitempty"`
}
