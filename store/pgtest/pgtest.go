// Package pgtest gives tests outside store (the commands' process tests)
// the throwaway PostgreSQL cluster of store/internal/pgcluster: one
// cluster per test binary on a private Unix socket, a database per test,
// pg_dump of it. It is for tests only.
package pgtest

import "github.com/clinicwa/triage/store/internal/pgcluster"

// Database is one test's own database (name, postgres:// URL, open pool).
type Database = pgcluster.Database

var (
	// Main runs the tests and stops the cluster: call it from TestMain.
	Main = pgcluster.Main
	// NewDatabase creates an empty database for the test.
	NewDatabase = pgcluster.NewDatabase
)
