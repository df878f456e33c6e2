package central

import (
	"context"

	"github.com/clinicwa/triage/store/central/maintenance"
)

// Purge deletes the records of the store in dataDir that are past their
// retention: it opens the store as the serving triaged does (SQLite or
// TRIAGED_DATABASE_URL, which only this package knows how to choose) and
// runs maintenance.PurgeDB. It may run while triaged serves: it works in
// one write transaction, like any request.
func Purge(ctx context.Context, dataDir string, r maintenance.Retention, opt maintenance.PurgeOptions) (maintenance.PurgeReport, error) {
	db, _, err := openExisting(ctx, dataDir, opt.DatabaseURL)
	if err != nil {
		return maintenance.PurgeReport{}, err
	}
	defer db.Close()
	return maintenance.PurgeDB(ctx, db, r, opt)
}
