package auditlog

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/storage"
)

// The signed audit checkpoints and the reads that rebuild the log's
// Merkle tree.

// insertCheckpoint stores a signed checkpoint.
func insertCheckpoint(ctx context.Context, q storage.Querier, cp audit.Checkpoint, keyID string, body, sig []byte) error {
	_, err := q.ExecContext(ctx, `INSERT INTO audit_checkpoints (number, tree_size, root, signed_at, key_id, body, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, cp.Number, cp.Size, hex.EncodeToString(cp.Root[:]), cp.At.UnixNano(), keyID, string(body), sig)
	return err
}

// streamLeaves calls fn for every entry with gseq > after, in gseq order,
// and fails if the sequence skips a number.
func streamLeaves(ctx context.Context, q storage.Querier, after int64, fn func(gseq int64, hash string) error) error {
	rows, err := q.QueryContext(ctx, `SELECT gseq, hash FROM audit WHERE gseq > ? ORDER BY gseq`, after)
	if err != nil {
		return err
	}
	defer rows.Close()
	next := after + 1
	for rows.Next() {
		var (
			g int64
			h string
		)
		if err := rows.Scan(&g, &h); err != nil {
			return err
		}
		if g != next {
			return fmt.Errorf("audit log order has a hole at %d: %w", next, ErrLogDiverged)
		}
		if err := fn(g, h); err != nil {
			return err
		}
		next++
	}
	return rows.Err()
}

// chainHeads is every chain's last entry, sorted by console id.
func chainHeads(ctx context.Context, q storage.Querier) ([]audit.ChainHead, error) {
	// The head row is joined back by (console_id, MAX(seq)) rather than
	// read as SQLite's bare column beside MAX(seq), which PostgreSQL
	// refuses.
	rows, err := q.QueryContext(ctx, `SELECT a.console_id, a.seq, a.hash FROM audit a
		JOIN (SELECT console_id, MAX(seq) AS seq FROM audit GROUP BY console_id) h
		ON a.console_id = h.console_id AND a.seq = h.seq
		ORDER BY a.console_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.ChainHead
	for rows.Next() {
		var h audit.ChainHead
		if err := rows.Scan(&h.ConsoleID, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Latest is the newest stored checkpoint, nil when none was signed yet.
func Latest(ctx context.Context, q storage.Querier) (*StoredCheckpoint, error) {
	var c StoredCheckpoint
	var body string
	err := q.QueryRowContext(ctx, `SELECT number, body, signature, key_id FROM audit_checkpoints ORDER BY number DESC LIMIT 1`).
		Scan(&c.Number, &body, &c.Signature, &c.KeyID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.Body = []byte(body)
	return &c, nil
}

// Checkpoints returns every stored checkpoint, oldest first.
func Checkpoints(ctx context.Context, q storage.Querier) ([]StoredCheckpoint, error) {
	rows, err := q.QueryContext(ctx, `SELECT number, body, signature, key_id FROM audit_checkpoints ORDER BY number`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredCheckpoint
	for rows.Next() {
		var c StoredCheckpoint
		var body string
		if err := rows.Scan(&c.Number, &body, &c.Signature, &c.KeyID); err != nil {
			return nil, err
		}
		c.Body = []byte(body)
		out = append(out, c)
	}
	return out, rows.Err()
}
