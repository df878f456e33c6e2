package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// The incident register's statements. The free text (description,
// assessment, steps, reasoning) is sealed; scanIncident opens it.

// Incidents is the incident register's storage.
type Incidents struct{ *Base }

const incidentCols = `id, kind, thread_id, message_id, opened_by, discovered_at, opened_at, description_sealed, assessment_sealed,
	steps_sealed, outcome, reasoning_sealed, decided_by, decided_at, state, version`

func (st Incidents) scan(row interface{ Scan(...any) error }) (IncidentRow, error) {
	var (
		r                           IncidentRow
		disc, opened                int64
		decided                     sql.NullInt64
		desc, assess, steps, reason []byte
	)
	if err := row.Scan(&r.ID, &r.Kind, &r.ThreadID, &r.MessageID, &r.OpenedBy, &disc, &opened, &desc, &assess, &steps,
		&r.Outcome, &reason, &r.DecidedBy, &decided, &r.State, &r.Version); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return r, ErrNotFound
		}
		return r, err
	}
	r.DiscoveredAt, r.OpenedAt, r.DecidedAt = time.Unix(0, disc).UTC(), time.Unix(0, opened).UTC(), fromTS(decided)
	var err error
	if r.Description, err = st.Keys.OpenString("incidents", "description", r.ID, desc); err != nil {
		return r, err
	}
	if r.Reasoning, err = st.Keys.OpenString("incidents", "reasoning", r.ID, reason); err != nil {
		return r, err
	}
	a, err := st.Keys.OpenString("incidents", "assessment", r.ID, assess)
	if err != nil {
		return r, err
	}
	if a != "" {
		if err := json.Unmarshal([]byte(a), &r.Assessment); err != nil {
			return r, err
		}
	}
	s, err := st.Keys.OpenString("incidents", "steps", r.ID, steps)
	if err != nil {
		return r, err
	}
	if s != "" {
		if err := json.Unmarshal([]byte(s), &r.Steps); err != nil {
			return r, err
		}
	}
	return r, nil
}

// Get loads one incident.
func (st Incidents) Get(ctx context.Context, q Querier, id string) (IncidentRow, error) {
	return st.scan(q.QueryRowContext(ctx, `SELECT `+incidentCols+` FROM incidents WHERE id = ?`, id))
}

// Between lists the incidents opened in [from, to), oldest first; a
// zero from or to leaves that side open.
func (st Incidents) Between(ctx context.Context, q Querier, from, to time.Time) ([]IncidentRow, error) {
	hi := int64(1<<63 - 1)
	if !to.IsZero() {
		hi = to.UnixNano()
	}
	rows, err := q.QueryContext(ctx, `SELECT `+incidentCols+` FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id`,
		from.UnixNano(), hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IncidentRow
	for rows.Next() {
		r, err := st.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Open stores a new incident, discovered and opened at now.
func (st Incidents) Open(ctx context.Context, q Querier, id, kind, threadID, messageID, openedBy string, descSealed, stepsSealed []byte, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO incidents (id, kind, thread_id, message_id, opened_by, discovered_at, opened_at, description_sealed, steps_sealed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, kind, threadID, messageID, openedBy, now.UnixNano(), now.UnixNano(), descSealed, stepsSealed)
	return err
}

// Update writes row's assessment, steps, outcome and decision
// only if the incident is still at version: an update made from an older
// reading fails with ErrIncidentConflict instead of overwriting a
// colleague's (decided in the UPDATE).
func (st Incidents) Update(ctx context.Context, q Querier, row IncidentRow, assessSealed, stepsSealed, reasonSealed []byte, version int) error {
	var decided any
	if !row.DecidedAt.IsZero() {
		decided = row.DecidedAt.UnixNano()
	}
	res, err := q.ExecContext(ctx, `UPDATE incidents SET assessment_sealed = ?, steps_sealed = ?, outcome = ?, reasoning_sealed = ?,
		decided_by = ?, decided_at = ?, state = ?, version = version + 1 WHERE id = ? AND version = ?`,
		assessSealed, stepsSealed, row.Outcome, reasonSealed, row.DecidedBy, decided, row.State, row.ID, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrIncidentConflict
	}
	return nil
}
