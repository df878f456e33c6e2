package remote

import (
	"context"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// The triage workflow (ui.TriageBackend): queues and filters, counts,
// "next", the ownership steps and the hand-off with its note. The store's
// client audits each step in the console's chain before and after it
// leaves; the server decides it again.

func (b Backend) QueuePage(ctx context.Context, f api.InboxFilter, after string, limit int) (api.ThreadPage, error) {
	return b.c.Inbox(ctx, f, after, limit)
}

func (b Backend) QueueCounts(ctx context.Context) (map[api.Queue]int, error) {
	return b.c.QueueCounts(ctx)
}

func (b Backend) ThreadAct(ctx context.Context, threadID string, act policy.ThreadAct, req api.ThreadActRequest) (api.ThreadActResult, error) {
	return b.c.ThreadAct(ctx, threadID, act, req)
}

func (b Backend) NextThread(ctx context.Context, req api.NextRequest) (api.NextResult, error) {
	return b.c.Next(ctx, req)
}

func (b Backend) HandoffWithNote(ctx context.Context, threadID string, req api.HandoffRequest) (api.HandoffResult, error) {
	return b.c.HandoffToNurses(ctx, threadID, req.Note)
}
