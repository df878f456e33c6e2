package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/central/migrations"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/migrate"
	"github.com/clinicwa/triage/store/pgsql"
	"github.com/clinicwa/triage/store/private"

	// Aliased: this package has its own unexported type named sqlite.
	dbfile "github.com/clinicwa/triage/store/sqlite"
)

// DBFileName is the name of the SQLite file inside Config.DataDir:
// storage.DBFileName, named here too for the commands and the many
// places in this package that join it to a data folder.
const DBFileName = storage.DBFileName

// DSN returns the data source name triaged opens its store with (see
// store/sqlite: WAL, synchronous=FULL, immediate write transactions).
func DSN(path string) string { return dbfile.DSN(path) }

// OpenDB opens (creating if needed) the SQLite database at path and
// applies every migration not yet applied.
func OpenDB(ctx context.Context, path string) (*sql.DB, error) {
	db, err := dbfile.Open(ctx, path, 4)
	if err != nil {
		return nil, fmt.Errorf("central: %w", err)
	}
	if err := Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func loadMigrations() ([]dbfile.Migration, error) { return migrations.SQLite() }

// Migrate applies every embedded SQLite migration (migrations/sqlite) the
// database does not yet have; a schema newer than this triaged is refused.
func Migrate(ctx context.Context, db *sql.DB) error {
	if err := migrations.ApplySQLite(ctx, db); err != nil {
		return fmt.Errorf("central: %w", err)
	}
	return nil
}

// EnvDatabaseURL names the environment variable that moves the central
// store from DataDir's SQLite file to a PostgreSQL database.
const EnvDatabaseURL = "TRIAGED_DATABASE_URL"

// databaseURLFor, when set, names the PostgreSQL database that stands in
// for dataDir's SQLite file. Only the tests set it, to run the whole suite
// on PostgreSQL without each test knowing.
var databaseURLFor func(dataDir string) (string, error)

// openConfigured opens the store's database: PostgreSQL when url is set,
// else the SQLite file in dataDir; migrated either way. pg says which.
func openConfigured(ctx context.Context, dataDir, url string) (db *sql.DB, pg bool, err error) {
	if url == "" && databaseURLFor != nil {
		if url, err = databaseURLFor(dataDir); err != nil {
			return nil, false, err
		}
	}
	if url != "" {
		// The folder still holds what is local to this node (the lock,
		// macros, a demo key): it stays private as with SQLite.
		if err := private.CheckDir(dataDir); err != nil {
			return nil, false, err
		}
		db, err = OpenPostgres(ctx, url)
		return db, true, err
	}
	db, err = OpenDB(ctx, filepath.Join(dataDir, DBFileName))
	return db, false, err
}

// openExisting is openConfigured for the maintenance commands, which
// never create a store: an SQLite folder without triaged.db is refused,
// and so is a PostgreSQL database triaged has never served (no store id).
func openExisting(ctx context.Context, dataDir, url string) (*sql.DB, bool, error) {
	if url == "" && databaseURLFor == nil {
		path := filepath.Join(dataDir, DBFileName)
		if _, err := os.Stat(path); err != nil {
			return nil, false, fmt.Errorf("central: no store at %s: %w", path, err)
		}
	}
	db, pg, err := openConfigured(ctx, dataDir, url)
	if err != nil || !pg {
		return db, pg, err
	}
	if _, err := (records.Meta{}).StoreID(ctx, db); err != nil {
		db.Close()
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, errors.New("central: the PostgreSQL database holds no store yet: start triaged on it once first")
		}
		return nil, false, err
	}
	return db, pg, nil
}

// OpenPostgres opens the PostgreSQL database at url (postgres://…),
// checks that it orders text as SQLite does, and applies every PostgreSQL
// migration not yet applied (nodes starting together take turns through
// an advisory lock, store/migrate).
func OpenPostgres(ctx context.Context, url string) (*sql.DB, error) {
	db, err := pgsql.Open(url)
	if err != nil {
		return nil, fmt.Errorf("central: %w", err)
	}
	// Every request may hold a connection; the pool bounds what one node
	// asks of the server, and idle connections are kept for the next burst.
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("central: connect to PostgreSQL (%s): %w", EnvDatabaseURL, redactConnError(err))
	}
	if err := checkCollation(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	ms, err := migrations.Postgres()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("central: %w", err)
	}
	if err := migrate.Apply(ctx, db, migrate.Postgres, ms, "triaged"); err != nil {
		db.Close()
		return nil, fmt.Errorf("central: %w", err)
	}
	return db, nil
}

// redactConnError keeps pgx's connection error but not a password it
// may quote from the URL.
func redactConnError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "password="); i >= 0 {
		return errors.New(msg[:i] + "password=…")
	}
	return err
}

// checkCollation refuses a database whose text order is not byte order.
// Inbox and audit pages are keyset-paged on text ids: SQLite compares
// them byte by byte (BINARY), and a PostgreSQL database created with a
// linguistic collation (en_US.UTF-8) would order them otherwise, so a
// page boundary could skip or repeat rows.
func checkCollation(ctx context.Context, db *sql.DB) error {
	collate, order, err := (records.Meta{}).PostgresCollation(ctx, db)
	if err != nil {
		return fmt.Errorf("central: read the database's collation: %w", err)
	}
	bytewise := slices.Clone(records.CollationProbe)
	slices.Sort(bytewise) // Go compares strings byte by byte, as SQLite's BINARY
	if order != strings.Join(bytewise, " ") {
		return fmt.Errorf("central: the PostgreSQL database orders text by its collation (%q), not byte by byte as triaged's pages need: create it with CREATE DATABASE … TEMPLATE template0 LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C'", collate)
	}
	return nil
}
