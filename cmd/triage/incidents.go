package main

import (
	"context"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/ui"
)

var _ ui.IncidentBackend = backend{}

func (b backend) OpenIncident(ctx context.Context, req api.OpenIncidentRequest) (api.Incident, error) {
	inc, err := b.c.OpenIncident(ctx, req)
	return inc, uiErr(err)
}

func (b backend) Incidents(ctx context.Context) ([]api.Incident, error) {
	list, err := b.c.Incidents(ctx)
	return list, uiErr(err)
}

func (b backend) Incident(ctx context.Context, id string) (api.Incident, error) {
	inc, err := b.c.Incident(ctx, id)
	return inc, uiErr(err)
}

func (b backend) UpdateIncident(ctx context.Context, id string, req api.IncidentUpdate) (api.Incident, error) {
	inc, err := b.c.UpdateIncident(ctx, id, req)
	return inc, uiErr(err)
}
