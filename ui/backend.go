package ui

import (
	"context"

	"github.com/clinicwa/triage/store/api"
)

// Backend is everything the console needs from the outside world. The UI
// calls it only from tea.Cmds, never from Update. The real implementation
// (store.Client) writes the local audit entry for each action before it
// acts, and refuses the action when that entry cannot be written.
type Backend interface {
	// Login signs a user in against the central endpoint.
	Login(ctx context.Context, username, password, totp string) (api.LoginResponse, error)
	// Logout ends the session.
	Logout(ctx context.Context) error
	// Threads lists the inbox, newest activity first.
	Threads(ctx context.Context) ([]api.ThreadSummary, error)
	// Thread opens one thread (audited as a view).
	Thread(ctx context.Context, threadID string) (api.ThreadDetail, error)
	// Send sends a macro or free text. A refusal by an outbound rule comes
	// back as *RefusalError.
	Send(ctx context.Context, threadID string, req api.SendRequest) (api.SendResponse, error)
	// Handoff moves a thread to the nurses' queue.
	Handoff(ctx context.Context, threadID string, req api.HandoffRequest) error
	// Events streams live events until ctx ends; the channel closes when the
	// stream drops, and the UI re-arms it.
	Events(ctx context.Context) (<-chan api.Event, error)
}

// RefusalError is an outbound rule's "no", with the reason for the user.
type RefusalError struct {
	Refusal api.Refusal
}

func (e *RefusalError) Error() string { return e.Refusal.Reason }
