package records

import (
	"context"
	"time"
)

// Templates keeps the provider's review status of each message
// template and the variable values of each template message sent (sealed:
// they may name the patient).
type Templates struct{}

// Statuses is every recorded status and reason, keyed "name/language".
func (Templates) Statuses(ctx context.Context, q Querier) (map[string][2]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, language, status, reason FROM template_status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][2]string{}
	for rows.Next() {
		var n, l, st, r string
		if err := rows.Scan(&n, &l, &st, &r); err != nil {
			return nil, err
		}
		out[n+"/"+l] = [2]string{st, r}
	}
	return out, rows.Err()
}

// Status is one template's recorded status and reason (sql.ErrNoRows when
// none is).
func (Templates) Status(ctx context.Context, q Querier, name, language string) (status, reason string, err error) {
	err = q.QueryRowContext(ctx, `SELECT status, reason FROM template_status WHERE name = ? AND language = ?`, name, language).Scan(&status, &reason)
	return status, reason, err
}

// SetStatus records a template's status; an empty providerID keeps the
// one held.
func (Templates) SetStatus(ctx context.Context, q Querier, name, language, status, reason, providerID string, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO template_status (name, language, status, reason, provider_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (name, language) DO UPDATE SET status = excluded.status, reason = excluded.reason,
		provider_id = CASE WHEN excluded.provider_id <> '' THEN excluded.provider_id ELSE template_status.provider_id END, updated_at = excluded.updated_at`,
		name, language, status, reason, providerID, at.UnixNano())
	return err
}

// AddSent records which template message messageID is, with its
// variable values sealed.
func (Templates) AddSent(ctx context.Context, q Querier, messageID, name, language string, paramsSealed []byte) error {
	_, err := q.ExecContext(ctx, `INSERT INTO outbound_templates (message_id, name, language, params_sealed) VALUES (?, ?, ?, ?)`,
		messageID, name, language, paramsSealed)
	return err
}

// Sent is the template, language and sealed variable values of the
// template message messageID.
func (Templates) Sent(ctx context.Context, q Querier, messageID string) (name, language string, paramsSealed []byte, err error) {
	err = q.QueryRowContext(ctx, `SELECT name, language, params_sealed FROM outbound_templates WHERE message_id = ?`, messageID).
		Scan(&name, &language, &paramsSealed)
	return name, language, paramsSealed, err
}
