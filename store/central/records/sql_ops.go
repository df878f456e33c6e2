package records

import (
	"context"
	"database/sql"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/opsmetrics"
)

// Ops holds the operations metrics' reads: counts and times only.
type Ops struct{}

// Snapshot reads the store's state for a scrape; the consoles listed are
// those whose newest audit entry arrived at or after syncSince.
func (Ops) Snapshot(ctx context.Context, q Querier, syncSince time.Time) (opsmetrics.Snapshot, error) {
	var (
		snap   opsmetrics.Snapshot
		oldest sql.NullInt64
		ckpt   sql.NullInt64
	)
	err := q.QueryRowContext(ctx, `SELECT count(*), MIN(created_at) FROM outbox WHERE state = 'pending'`).Scan(&snap.OutboxPending, &oldest)
	if err != nil {
		return snap, err
	}
	snap.OutboxOldest = fromTS(oldest)
	if err := q.QueryRowContext(ctx, `SELECT MAX(signed_at) FROM audit_checkpoints`).Scan(&ckpt); err != nil {
		return snap, err
	}
	snap.LastCheckpoint = fromTS(ckpt)
	var uncovered sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MIN(received_at) FROM audit
		WHERE gseq > COALESCE((SELECT tree_size FROM audit_checkpoints ORDER BY number DESC LIMIT 1), 0)`).Scan(&uncovered); err != nil {
		return snap, err
	}
	snap.OldestUncovered = fromTS(uncovered)
	rows, err := q.QueryContext(ctx, `SELECT a.console_id, a.at_ns, a.received_at FROM audit a
		JOIN (SELECT console_id, MAX(seq) AS seq FROM audit WHERE console_id <> ? GROUP BY console_id) h
		ON a.console_id = h.console_id AND a.seq = h.seq
		WHERE a.received_at >= ?`, auditlog.ServerChain, syncSince.UnixNano())
	if err != nil {
		return snap, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			c        opsmetrics.ConsoleSync
			at, recv sql.NullInt64
		)
		if err := rows.Scan(&c.ConsoleID, &at, &recv); err != nil {
			return snap, err
		}
		c.LastEntryAt, c.LastReceivedAt = fromTS(at), fromTS(recv)
		snap.Consoles = append(snap.Consoles, c)
	}
	return snap, rows.Err()
}
