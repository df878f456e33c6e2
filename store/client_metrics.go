package store

import (
	"context"
	"net/http"

	"github.com/clinicwa/triage/store/api"
)

// ProgramMetrics fetches the supervisor's program metrics. Opening them
// is recorded in this console's chain first, like any review.
func (c *Client) ProgramMetrics(ctx context.Context) (api.ProgramMetrics, error) {
	who, token := c.actor()
	if err := c.audit(ctx, who, "metrics.view", "metrics", "ok", nil); err != nil {
		return api.ProgramMetrics{}, err
	}
	var out api.ProgramMetrics
	err := c.do(ctx, http.MethodGet, "/metrics", token, nil, &out)
	return out, err
}
