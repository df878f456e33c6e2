package report

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
)

// sqlReport holds the program report's reads. They stream rows, so each
// returns the rows for the report to fold into its day buckets; the
// comment on each names its columns in order. Only columns that are not
// sealed are read: the report is counts.
type sqlReport struct{}

// consentHistory: patient_id, opted_in, source, at of every consent change
// before end, oldest first.
func (sqlReport) consentHistory(ctx context.Context, q storage.Querier, end time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT patient_id, opted_in, source, at FROM consent_events WHERE at < ? ORDER BY at, id`, end.UnixNano())
}

// messages: thread_id, direction, spans, status, error, at of every
// message in [start, end).
func (sqlReport) messages(ctx context.Context, q storage.Querier, start, end time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT thread_id, direction, spans, status, error, at FROM messages WHERE at >= ? AND at < ?`,
		start.UnixNano(), end.UnixNano())
}

// macroSends: thread_id, at of every send of one of macroIDs (not
// failed) from start on, oldest first. macroIDs must not be empty.
func (sqlReport) macroSends(ctx context.Context, q storage.Querier, macroIDs []string, start time.Time) (*sql.Rows, error) {
	ph := strings.TrimSuffix(strings.Repeat("?,", len(macroIDs)), ",")
	args := []any{string(bsp.StatusFailed), start.UnixNano()}
	for _, id := range macroIDs {
		args = append(args, id)
	}
	return q.QueryContext(ctx, `SELECT thread_id, at FROM messages WHERE direction = 'out' AND status <> ? AND at >= ?
		AND macro_id IN (`+ph+`) ORDER BY at`, args...)
}

// linkOpens: object, at_ns of every allowed portal-link open in the
// server's audit chain from start on, oldest first.
func (sqlReport) linkOpens(ctx context.Context, q storage.Querier, start time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT object, at_ns FROM audit WHERE console_id = ? AND action = 'handoff.open' AND outcome = 'ok' AND at_ns >= ? ORDER BY at_ns`,
		auditlog.ServerChain, start.UnixNano())
}

// handoffsAndRefusals: action, object, the refusal's rule ("" when none),
// at_ns of the server chain's hand-offs and refused sends in [start, end).
//
// Dialect: json_extract is SQLite's; PostgreSQL reads the rule with
// (detail::jsonb ->> 'rule').
func (sqlReport) handoffsAndRefusals(ctx context.Context, q storage.Querier, start, end time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, handoffsAndRefusalsSQL, auditlog.ServerChain, start.UnixNano(), end.UnixNano())
}

var handoffsAndRefusalsSQL = pgsql.Spelling(`SELECT action, object, COALESCE(json_extract(detail, '$.rule'), ''), at_ns FROM audit
		WHERE console_id = ? AND at_ns >= ? AND at_ns < ? AND ((action = 'thread.handoff' AND outcome = 'ok') OR (action = 'message.send' AND outcome = 'refused'))`,
	`SELECT action, object, COALESCE(detail::jsonb ->> 'rule', ''), at_ns FROM audit
		WHERE console_id = ? AND at_ns >= ? AND at_ns < ? AND ((action = 'thread.handoff' AND outcome = 'ok') OR (action = 'message.send' AND outcome = 'refused'))`)

// firstAnswerAfter is when the thread's first reply (not failed) after
// at (unix ns) went, 0 when none did.
func (sqlReport) firstAnswerAfter(ctx context.Context, q storage.Querier, threadID string, at int64) (int64, error) {
	var first int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MIN(at), 0) FROM messages WHERE thread_id = ? AND direction = 'out' AND status <> ? AND at > ?`,
		threadID, string(bsp.StatusFailed), at).Scan(&first)
	return first, err
}

// messaged reports whether the patient was sent a message (not failed)
// in [from, until).
func (sqlReport) messaged(ctx context.Context, q storage.Querier, patientID string, from, until time.Time) (bool, error) {
	var messaged bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM messages m JOIN threads t ON t.id = m.thread_id
		WHERE t.patient_id = ? AND m.direction = 'out' AND m.status <> ? AND m.at >= ? AND m.at < ?)`,
		patientID, string(bsp.StatusFailed), from.UnixNano(), until.UnixNano()).Scan(&messaged)
	return messaged, err
}

// urgentMarks: at of every urgent mark before end.
func (sqlReport) urgentMarks(ctx context.Context, q storage.Querier, end time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT at FROM urgent_messages WHERE at < ?`, end.UnixNano())
}

// incidents: opened_at, decided_at (NULL while open) of every incident
// opened before end.
func (sqlReport) incidents(ctx context.Context, q storage.Querier, end time.Time) (*sql.Rows, error) {
	return q.QueryContext(ctx, `SELECT opened_at, decided_at FROM incidents WHERE opened_at < ?`, end.UnixNano())
}
