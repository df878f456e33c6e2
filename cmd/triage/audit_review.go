package main

import (
	"context"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/ui"
)

var _ ui.AuditBackend = backend{}

func (b backend) AuditReview(ctx context.Context, f api.AuditReviewFilter) (api.AuditReviewPage, error) {
	p, err := b.c.AuditReview(ctx, f)
	return p, uiErr(err)
}

func (b backend) ExportAudit(ctx context.Context, f api.AuditReviewFilter, format, dir string) (ui.AuditExportResult, error) {
	r, err := b.c.ExportAudit(ctx, f, format, dir)
	return ui.AuditExportResult{Path: r.Path, Entries: r.Entries, Truncated: r.Truncated}, uiErr(err)
}
