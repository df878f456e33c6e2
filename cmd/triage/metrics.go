package main

import (
	"context"

	"github.com/clinicwa/triage/store/api"
)

func (b backend) ProgramMetrics(ctx context.Context) (api.ProgramMetrics, error) {
	pm, err := b.c.ProgramMetrics(ctx)
	return pm, uiErr(err)
}
