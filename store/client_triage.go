package store

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The triage workflow as the console calls it: queues and filters, the
// queue counts, "next", the ownership steps, hand-offs and the
// supervisors' escalations. Every step that changes a thread is audited
// in the console's own chain before it leaves (the request) and after
// (its outcome), like a send; the server decides and audits it again.
//
// Refusals come back as *StatusError: Code 403 when the user's role may
// not take the step (Message is the sentence to show), 409 when the
// thread's situation refuses it (someone else owns it, it is closed, a
// colleague claimed it first: IsConflict), 400 for a malformed request,
// 404 for an unknown thread.

// Inbox reads one page of the inbox, filtered: f.Queue picks a queue
// (api.Queues; empty: every thread the user may see), the other fields
// narrow it (see api.InboxFilter). after is the previous page's Next
// ("" for the first page); limit is at most api.MaxThreadPage. The page
// carries Queues, the user's count per queue, and, for a search, Search:
// a search stops after a bounded number of threads and Next continues it.
func (c *Client) Inbox(ctx context.Context, f api.InboxFilter, after string, limit int) (api.ThreadPage, error) {
	_, token := c.actor()
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("after", after)
	set("queue", string(f.Queue))
	set("owner", f.Owner)
	set("mark", f.Mark)
	set("lang", f.Lang)
	set("q", f.Search)
	if f.WaitingOver > 0 {
		q.Set("waiting_over", f.WaitingOver.String())
	}
	var out api.ThreadPage
	err := c.do(ctx, http.MethodGet, "/inbox?"+q.Encode(), token, nil, &out)
	return out, err
}

// QueueCounts is how many threads the user may see in each queue
// (QueueMine: the user's own open threads).
func (c *Client) QueueCounts(ctx context.Context) (map[api.Queue]int, error) {
	_, token := c.actor()
	var out map[api.Queue]int
	err := c.do(ctx, http.MethodGet, "/queues", token, nil, &out)
	return out, err
}

// Next finds the oldest thread waiting in req.Queue that nobody owns
// (empty queue: front desk draws from Unanswered, nurses from the nurse
// queue then Unanswered, supervisors from Escalated, the nurse queue,
// then Unanswered) and, with req.Claim, claims it atomically; a thread a
// colleague claims first is skipped. Result.Thread is nil when nothing
// waits.
func (c *Client) Next(ctx context.Context, req api.NextRequest) (api.NextResult, error) {
	who, token := c.actor()
	if req.Claim {
		if err := c.audit(ctx, who, "thread.next.request", "inbox", "ok", map[string]string{"queue": string(req.Queue)}); err != nil {
			return api.NextResult{}, err
		}
	}
	var out api.NextResult
	err := c.do(ctx, http.MethodPost, "/inbox/next", token, req, &out)
	if req.Claim {
		object, outcome := "inbox", "ok"
		if out.Thread != nil {
			object = "thread:" + out.Thread.ID
		}
		if err != nil {
			outcome = "error"
		}
		if aerr := c.audit(ctx, who, "thread.next", object, outcome, nil); aerr != nil && err == nil {
			return out, fmt.Errorf("the thread was claimed, but the local audit trail could not record it: %w", aerr)
		}
	}
	return out, err
}

// ThreadAct takes one workflow step on a thread (policy.ThreadActs). The
// named methods below are the same call with their request filled in.
func (c *Client) ThreadAct(ctx context.Context, threadID string, act policy.ThreadAct, req api.ThreadActRequest) (api.ThreadActResult, error) {
	who, token := c.actor()
	object := "thread:" + threadID
	var detail map[string]string
	if req.Outcome != "" || req.User != "" {
		// Never the escalation reason: it may hold PHI.
		detail = map[string]string{}
		if req.Outcome != "" {
			detail["outcome"] = req.Outcome
		}
		if req.User != "" {
			detail["to"] = req.User
		}
	}
	if err := c.audit(ctx, who, "thread."+string(act)+".request", object, "ok", detail); err != nil {
		return api.ThreadActResult{}, err
	}
	var out api.ThreadActResult
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/"+string(act), token, req, &out)
	outcome := "ok"
	switch {
	case IsConflict(err), IsForbidden(err):
		outcome = "refused"
	case err != nil:
		outcome = "error"
	}
	if aerr := c.audit(ctx, who, "thread."+string(act), object, outcome, detail); aerr != nil && err == nil {
		return out, fmt.Errorf("the step was taken, but the local audit trail could not record it: %w", aerr)
	}
	return out, err
}

// Claim makes the thread the user's own. A thread someone else owns is
// refused with 409 (IsConflict); claiming one's own is a no-op.
func (c *Client) Claim(ctx context.Context, threadID string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActClaim, api.ThreadActRequest{})
}

// Assign gives the thread to the colleague called username (supervisors
// only; it also settles an escalation: "reassign").
func (c *Client) Assign(ctx context.Context, threadID, username string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActAssign, api.ThreadActRequest{User: username})
}

// Release gives the thread back to its queue (its owner, or a supervisor).
func (c *Client) Release(ctx context.Context, threadID string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActRelease, api.ThreadActRequest{})
}

// Close closes the thread with an outcome (policy.Outcomes).
func (c *Client) Close(ctx context.Context, threadID string, outcome policy.Outcome) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActClose, api.ThreadActRequest{Outcome: string(outcome)})
}

// Reopen reopens a closed thread into the front-desk queues.
func (c *Client) Reopen(ctx context.Context, threadID string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActReopen, api.ThreadActRequest{})
}

// Escalate sends the thread to the supervisors with a short reason
// (required, at most policy.MaxEscalationReason characters; sealed, and
// shown masked).
func (c *Client) Escalate(ctx context.Context, threadID, reason string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActEscalate, api.ThreadActRequest{Reason: reason})
}

// ReturnToFrontDesk settles an escalation by giving the thread back to
// the front desk, unowned (supervisors only).
func (c *Client) ReturnToFrontDesk(ctx context.Context, threadID string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActReturn, api.ThreadActRequest{})
}

// TakeOver makes the thread the supervisor's own, whoever held it, and
// settles its escalation.
func (c *Client) TakeOver(ctx context.Context, threadID string) (api.ThreadActResult, error) {
	return c.ThreadAct(ctx, threadID, policy.ActTakeOver, api.ThreadActRequest{})
}

// HandoffToNurses hands the thread to the nurses' queue with a short
// note (at most policy.MaxHandoffNote characters; sealed, shown masked)
// and reports what the server did: the thread's new row, whether the
// user may still open it (front desk: no, so the console drops the row
// and moves on), and whether the patient's acknowledgment with a portal
// link was sent or which outbound rule held it back.
func (c *Client) HandoffToNurses(ctx context.Context, threadID, note string) (api.HandoffResult, error) {
	who, token := c.actor()
	object := "thread:" + threadID
	if err := c.audit(ctx, who, "handoff.request", object, "ok", nil); err != nil {
		return api.HandoffResult{}, err
	}
	var out api.HandoffResult
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/handoff", token, api.HandoffRequest{Note: note}, &out)
	outcome, detail := "ok", map[string]string{}
	if err != nil {
		outcome = "error"
	} else if !out.Ack.Sent {
		detail["ack_rule"] = out.Ack.Rule
	}
	if aerr := c.audit(ctx, who, "handoff", object, outcome, detail); aerr != nil && err == nil {
		return out, fmt.Errorf("the hand-off was made, but the local audit trail could not record it: %w", aerr)
	}
	return out, err
}

// Escalations is the supervisors' list: the escalated queue, oldest
// first, each row with its Escalation (kind, who, when, masked reason),
// owner and hand-off. Other roles get a 403.
func (c *Client) Escalations(ctx context.Context, after string, limit int) (api.ThreadPage, error) {
	_, token := c.actor()
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	if after != "" {
		q.Set("after", after)
	}
	var out api.ThreadPage
	err := c.do(ctx, http.MethodGet, "/escalations?"+q.Encode(), token, nil, &out)
	return out, err
}

// IsConflict reports a refusal caused by the thread's situation (409):
// someone else owns it, it is closed, or it changed while the user acted.
// The console shows the message and refreshes the row.
func IsConflict(err error) bool { return statusIs(err, http.StatusConflict) }

// IsForbidden reports a refusal by the permission matrix (403).
func IsForbidden(err error) bool { return statusIs(err, http.StatusForbidden) }

func statusIs(err error, code int) bool {
	var se *StatusError
	return errors.As(err, &se) && se.Code == code
}
