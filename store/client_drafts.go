package store

import (
	"context"
	"errors"
)

// ErrNoUser means a draft was asked for while nobody is signed in: drafts
// belong to a user, and none may be kept for an empty session.
var ErrNoUser = errors.New("nobody is signed in: drafts are kept per user")

// UserID is the id of the signed-in user, or "" when nobody is.
func (c *Client) UserID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user.ID
}

// draftOwner is the signed-in user whose drafts the calls below touch.
func (c *Client) draftOwner() (string, error) {
	if id := c.UserID(); id != "" {
		return id, nil
	}
	return "", ErrNoUser
}

// SaveDraft keeps text as the signed-in user's draft for threadID in the
// console store, sealed (see Console.SaveDraft). An empty text deletes it.
func (c *Client) SaveDraft(ctx context.Context, threadID, text string) error {
	user, err := c.draftOwner()
	if err != nil {
		return err
	}
	return c.console.SaveDraft(ctx, user, threadID, text)
}

// LoadDraft returns the signed-in user's draft for threadID, or "" when
// there is none.
func (c *Client) LoadDraft(ctx context.Context, threadID string) (string, error) {
	user, err := c.draftOwner()
	if err != nil {
		return "", err
	}
	text, err := c.console.LoadDraft(ctx, user, threadID)
	if errors.Is(err, ErrNoDraft) {
		return "", nil
	}
	return text, err
}

// DeleteDraft removes the signed-in user's draft for threadID.
func (c *Client) DeleteDraft(ctx context.Context, threadID string) error {
	user, err := c.draftOwner()
	if err != nil {
		return err
	}
	return c.console.DeleteDraft(ctx, user, threadID)
}

// DeleteMyDrafts removes every draft of the signed-in user, at sign-out
// and idle sign-out, and returns how many there were. It must run before
// Logout, which forgets who the user was.
func (c *Client) DeleteMyDrafts(ctx context.Context) (int, error) {
	user, err := c.draftOwner()
	if err != nil {
		return 0, err
	}
	return c.console.DeleteUserDrafts(ctx, user)
}
