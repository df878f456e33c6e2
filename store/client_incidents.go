package store

import (
	"context"
	"net/http"

	"github.com/clinicwa/triage/store/api"
)

// OpenIncident opens a misdirected-message incident from a thread. The
// local audit entry comes first: no entry, no request.
func (c *Client) OpenIncident(ctx context.Context, req api.OpenIncidentRequest) (api.Incident, error) {
	who, token := c.actor()
	if err := c.audit(ctx, who, "incident.open", "thread:"+req.ThreadID, "ok", map[string]string{"kind": req.Kind}); err != nil {
		return api.Incident{}, err
	}
	var out api.Incident
	err := c.do(ctx, http.MethodPost, "/incidents", token, req, &out)
	return out, err
}

// Incidents lists the incident register (supervisors).
func (c *Client) Incidents(ctx context.Context) ([]api.Incident, error) {
	who, token := c.actor()
	if err := c.audit(ctx, who, "incident.list", "incidents", "ok", nil); err != nil {
		return nil, err
	}
	var out []api.Incident
	err := c.do(ctx, http.MethodGet, "/incidents", token, nil, &out)
	return out, err
}

// Incident loads one incident with its sealed text (supervisors).
func (c *Client) Incident(ctx context.Context, id string) (api.Incident, error) {
	who, token := c.actor()
	if err := c.audit(ctx, who, "incident.view", "incident:"+id, "ok", nil); err != nil {
		return api.Incident{}, err
	}
	var out api.Incident
	err := c.do(ctx, http.MethodGet, "/incidents/"+pathID(id), token, nil, &out)
	return out, err
}

// UpdateIncident records a supervisor's work on an incident.
func (c *Client) UpdateIncident(ctx context.Context, id string, req api.IncidentUpdate) (api.Incident, error) {
	who, token := c.actor()
	if err := c.audit(ctx, who, "incident.update", "incident:"+id, "ok", nil); err != nil {
		return api.Incident{}, err
	}
	var out api.Incident
	err := c.do(ctx, http.MethodPost, "/incidents/"+pathID(id), token, req, &out)
	return out, err
}
