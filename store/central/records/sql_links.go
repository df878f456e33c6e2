package records

import (
	"context"
	"time"
)

// Links counts the opens of the portal links sent to patients.
type Links struct{}

// ClaimOpen counts one open of the link tokenID: the first open inserts
// the row, every later one is a conditional UPDATE that only succeeds
// while opens < max_opens. One statement decides, so simultaneous opens
// of a once-only link let exactly one through. opens is the count after.
func (Links) ClaimOpen(ctx context.Context, q Querier, tokenID, threadID, messageID string, maxOpens int, expires, now time.Time) (allowed bool, opens int, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO handoff_links (token_id, thread_id, message_id, max_opens, opens, first_opened_at, last_opened_at, expires_at, created_at)
		VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
		ON CONFLICT (token_id) DO UPDATE SET opens = handoff_links.opens + 1, last_opened_at = excluded.last_opened_at
		WHERE handoff_links.opens < handoff_links.max_opens`,
		tokenID, threadID, messageID, maxOpens, now.UnixNano(), now.UnixNano(), expires.UnixNano(), now.UnixNano())
	if err != nil {
		return false, 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, 0, err
	}
	if err := q.QueryRowContext(ctx, `SELECT opens FROM handoff_links WHERE token_id = ?`, tokenID).Scan(&opens); err != nil {
		return false, 0, err
	}
	return n == 1, opens, nil
}

// linkOpened is when a message's portal link was first opened, and how
// often in all.
type linkOpened struct {
	At    time.Time
	Opens int
}

// OpenedInThread is, per message of the thread, when its link was first
// opened and how often.
func (Links) OpenedInThread(ctx context.Context, q Querier, threadID string) (map[string]linkOpened, error) {
	rows, err := q.QueryContext(ctx, `SELECT message_id, MIN(first_opened_at), SUM(opens) FROM handoff_links
		WHERE thread_id = ? AND message_id <> '' GROUP BY message_id`, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byMsg := map[string]linkOpened{}
	for rows.Next() {
		var (
			id    string
			at    int64
			opens int
		)
		if err := rows.Scan(&id, &at, &opens); err != nil {
			return nil, err
		}
		byMsg[id] = linkOpened{time.Unix(0, at).UTC(), opens}
	}
	return byMsg, rows.Err()
}
