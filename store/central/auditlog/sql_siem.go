package auditlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/central/siem"
	"github.com/clinicwa/triage/store/central/storage"
)

// SIEMSource is what the SIEM stream (store/central/siem) reads: the
// committed audit entries by log position, and each sink's durable
// cursor. Readers do not take the write gate, so the stream never waits
// on intake nor intake on the stream; only the cursor update is a
// (one-row) write.
type SIEMSource struct {
	DB   *sql.DB
	Gate *storage.WriteGate // the server's, for the cursor update
	Now  func() time.Time
}

func (a SIEMSource) After(ctx context.Context, after int64, limit int) ([]siem.Entry, error) {
	rows, err := a.DB.QueryContext(ctx, `SELECT `+Columns+`, gseq, received_at FROM audit
		WHERE gseq > ? ORDER BY gseq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []siem.Entry
	for rows.Next() {
		var (
			e          siem.Entry
			at, detail string
			recv       int64
		)
		if err := rows.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action,
			&e.Object, &e.Outcome, &detail, &e.Gseq, &recv); err != nil {
			return nil, err
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("audit entry %d: time: %w", e.Gseq, err)
		}
		if detail != "" && detail != "null" && detail != "{}" {
			if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
				return nil, fmt.Errorf("audit entry %d: detail: %w", e.Gseq, err)
			}
		}
		e.ReceivedAt = time.Unix(0, recv).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func (a SIEMSource) Head(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := a.DB.QueryRowContext(ctx, `SELECT MAX(gseq) FROM audit`).Scan(&n)
	return n.Int64, err
}

func (a SIEMSource) Cursor(ctx context.Context, sink string) (int64, error) {
	var n int64
	err := a.DB.QueryRowContext(ctx, `SELECT gseq FROM siem_cursors WHERE sink = ?`, sink).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// SaveCursor only ever moves a cursor forward.
func (a SIEMSource) SaveCursor(ctx context.Context, sink string, gseq int64) error {
	if err := a.Gate.Enter(ctx); err != nil {
		return err
	}
	defer a.Gate.Leave()
	_, err := a.DB.ExecContext(ctx, `INSERT INTO siem_cursors (sink, gseq, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (sink) DO UPDATE SET gseq = excluded.gseq, updated_at = excluded.updated_at
		WHERE excluded.gseq > siem_cursors.gseq`, sink, gseq, a.Now().UnixNano())
	return err
}
