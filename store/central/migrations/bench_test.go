package migrations

import (
	"context"
	"database/sql"
	"testing"

	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
)

// Every migration from an empty PostgreSQL database: what a test would pay
// without the template.
func BenchmarkPostgresMigrateFromEmpty(b *testing.B) {
	pg, err := Postgres()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		db := pgcluster.NewDatabase(b).DB
		if err := migrate.Apply(context.Background(), db, migrate.Postgres, pg, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// A database with the whole central schema, copied from the migrated
// template: what each PostgreSQL test of the central store will pay.
func BenchmarkPostgresDatabaseFromMigratedTemplate(b *testing.B) {
	pg, err := Postgres()
	if err != nil {
		b.Fatal(err)
	}
	pgcluster.Template(b, migrated, func(db *sql.DB) error {
		return migrate.Apply(context.Background(), db, migrate.Postgres, pg, "bench")
	})
	for b.Loop() {
		pgcluster.NewDatabaseFrom(b, migrated)
	}
}
