package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Drafts keep the composer's unsent text per user and thread, sealed with
// the console's keys (OpenConsoleKeys). They exist so a reply being typed
// survives a console crash or kill; the console deletes a user's drafts
// when they sign out or are signed out for idleness (DeleteUserDrafts),
// and at start deletes drafts older than the longest session
// (DeleteDraftsOlderThan), which nobody can come back to.

// ErrNoDraft means there is no draft for that user and thread.
var ErrNoDraft = errors.New("no draft for this thread")

// draftRowID is the row binding of a draft: the user id and thread id,
// length-prefixed so no two pairs give the same id.
func draftRowID(userID, threadID string) string {
	return strconv.Itoa(len(userID)) + ":" + userID + ":" + threadID
}

// SaveDraft stores text as userID's draft for threadID, replacing any
// earlier one. An empty text deletes the draft.
func (c *Console) SaveDraft(ctx context.Context, userID, threadID, text string) error {
	if userID == "" || threadID == "" {
		return errors.New("a draft needs a user and a thread")
	}
	if text == "" {
		return c.DeleteDraft(ctx, userID, threadID)
	}
	keys, err := c.sealKeys()
	if err != nil {
		return err
	}
	id := draftRowID(userID, threadID)
	sealed, err := keys.SealString("drafts", "text", id, text)
	if err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	_, err = c.db.ExecContext(ctx, `INSERT INTO drafts (id, user_id, thread_id, text_sealed, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET text_sealed = excluded.text_sealed, updated_at = excluded.updated_at`,
		id, userID, threadID, sealed, c.now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("draft not saved: %w", err)
	}
	return nil
}

// LoadDraft returns userID's draft for threadID, or ErrNoDraft.
func (c *Console) LoadDraft(ctx context.Context, userID, threadID string) (string, error) {
	keys, err := c.sealKeys()
	if err != nil {
		return "", err
	}
	id := draftRowID(userID, threadID)
	var sealed []byte
	err = c.db.QueryRowContext(ctx, `SELECT text_sealed FROM drafts WHERE id = ?`, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoDraft
	}
	if err != nil {
		return "", fmt.Errorf("draft: %w", err)
	}
	text, err := keys.OpenString("drafts", "text", id, sealed)
	if err != nil {
		return "", fmt.Errorf("draft: %w", err)
	}
	return text, nil
}

// DeleteDraft removes userID's draft for threadID (after it is sent or
// discarded). Deleting a missing draft is not an error.
func (c *Console) DeleteDraft(ctx context.Context, userID, threadID string) error {
	_, err := c.db.ExecContext(ctx, `DELETE FROM drafts WHERE id = ?`, draftRowID(userID, threadID))
	return err
}

// DeleteUserDrafts removes every draft of userID: at sign-out and idle
// sign-out. It returns how many there were.
func (c *Console) DeleteUserDrafts(ctx context.Context, userID string) (int, error) {
	res, err := c.db.ExecContext(ctx, `DELETE FROM drafts WHERE user_id = ?`, userID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DeleteDraftsOlderThan removes drafts last saved before cutoff: left by
// a crash of a session that has since expired, so no one will return to
// them, and kept no longer than needed.
func (c *Console) DeleteDraftsOlderThan(ctx context.Context, cutoff time.Time) (int, error) {
	// updated_at is RFC 3339 in UTC; compare as time, not as text, since
	// fractional seconds of varying length do not sort as strings.
	res, err := c.db.ExecContext(ctx, `DELETE FROM drafts WHERE julianday(updated_at) < julianday(?)`,
		cutoff.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
