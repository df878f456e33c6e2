package records

import (
	"context"
	"time"
)

// Meta keeps store_meta, the store's own small key-value facts.
type Meta struct{}

// SetHealthProbe writes the time of the health check's probe: a write
// that fails tells the check the store cannot be written.
func (Meta) SetHealthProbe(ctx context.Context, q Querier, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES ('health_probe', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, at.Format(time.RFC3339Nano))
	return err
}

// CollationProbe is text whose byte order differs from every linguistic
// order (case, punctuation, accents).
var CollationProbe = []string{"a", "B", "_", "-", "Z", "z", "1", "é", "Ab", "aB"}

// PostgresCollation is the PostgreSQL database's collation name and the
// order it actually gives CollationProbe (PostgreSQL only: SQLite compares
// text byte by byte). The order is asked, not inferred from the name:
// an ICU default collation keeps datcollate at "C".
func (Meta) PostgresCollation(ctx context.Context, q Querier) (name, order string, err error) {
	err = q.QueryRowContext(ctx, `SELECT (SELECT datcollate FROM pg_database WHERE datname = current_database()),
		(SELECT string_agg(v, ' ' ORDER BY v) FROM unnest(?::text[]) AS v)`, CollationProbe).Scan(&name, &order)
	return name, order, err
}

// StoreID reads the store's id without making one (sql.ErrNoRows when
// the store was never opened by triaged).
func (Meta) StoreID(ctx context.Context, q Querier) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'store_id'`).Scan(&id)
	return id, err
}

// KeepStoreID records id as the store's id unless the store has one
// already, and returns the one kept: the first writer's id stands.
func (m Meta) KeepStoreID(ctx context.Context, q Querier, id string) (string, error) {
	if _, err := q.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES ('store_id', ?) ON CONFLICT (key) DO NOTHING`, id); err != nil {
		return "", err
	}
	return m.StoreID(ctx, q)
}
