package records

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// PHIPreferences keeps patients' documented requests to receive health
// details by WhatsApp, and their confirmations of the advisory.
type PHIPreferences struct{}

func (PHIPreferences) Request(ctx context.Context, q Querier, id, patientID, threadID, requestedBy, advisoryMessage, advisoryVersion string, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO phi_preferences (id, patient_id, thread_id, requested_by, requested_at, advisory_message, advisory_version)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, patientID, threadID, requestedBy, at.UnixNano(), advisoryMessage, advisoryVersion)
	return err
}

// Confirm marks the thread's newest request made at or after since
// confirmed by messageID, in one statement, so two confirming messages
// cannot both claim it. ok is false when there is none to confirm.
func (PHIPreferences) Confirm(ctx context.Context, q Querier, threadID, messageID string, since, now time.Time) (id string, ok bool, err error) {
	err = q.QueryRowContext(ctx, `UPDATE phi_preferences SET state = 'confirmed', confirmed_message = ?, confirmed_at = ?
		WHERE id = (SELECT id FROM phi_preferences WHERE thread_id = ? AND state = 'requested' AND requested_at >= ? ORDER BY requested_at DESC LIMIT 1)
		AND state = 'requested' RETURNING id`, messageID, now.UnixNano(), threadID, since.UnixNano()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return id, err == nil, err
}

// Latest is the state of the thread's newest request, when it was
// confirmed and when requested; found is false when there is none.
func (PHIPreferences) Latest(ctx context.Context, q Querier, threadID string) (state string, confirmedAt, requestedAt time.Time, found bool, err error) {
	var (
		at  sql.NullInt64
		req int64
	)
	err = q.QueryRowContext(ctx, `SELECT state, confirmed_at, requested_at FROM phi_preferences WHERE thread_id = ? ORDER BY requested_at DESC LIMIT 1`, threadID).
		Scan(&state, &at, &req)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, time.Time{}, false, nil
	} else if err != nil {
		return "", time.Time{}, time.Time{}, false, err
	}
	return state, time.Unix(0, at.Int64), time.Unix(0, req), true, nil
}
