package central

import (
	"context"
	"time"
)

// sqlMeta keeps store_meta, the store's own small key-value facts.
type sqlMeta struct{}

// SetHealthProbe writes the time of the health check's probe: a write
// that fails tells the check the store cannot be written.
func (sqlMeta) SetHealthProbe(ctx context.Context, q Querier, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES ('health_probe', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, at.Format(time.RFC3339Nano))
	return err
}
