package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
	"github.com/clinicwa/triage/store/private"
	"github.com/clinicwa/triage/store/sqlite"
)

// TestMain starts the tests as the binaries start (umask 077, so the
// SQLite folders are private) and stops the PostgreSQL test cluster.
func TestMain(m *testing.M) {
	private.RestrictUmask()
	os.Exit(pgcluster.Main(m))
}

// migrated is the template every PostgreSQL test database that needs the
// whole schema is copied from.
const migrated = "central_migrated"

func load(t *testing.T) (lite, pg []migrate.Migration) {
	t.Helper()
	lite, err := SQLite()
	if err != nil {
		t.Fatal(err)
	}
	pg, err = Postgres()
	if err != nil {
		t.Fatal(err)
	}
	return lite, pg
}

// openSQLite is a central SQLite store file with the first n migrations
// (all when n < 0), opened as triaged opens it.
func openSQLite(t *testing.T, n int) *sql.DB {
	t.Helper()
	lite, _ := load(t)
	if n >= 0 {
		lite = lite[:n]
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "triaged.db"), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := migrate.Apply(ctx, db, migrate.SQLite, lite, "test"); err != nil {
		t.Fatal(err)
	}
	return db
}

// migratedPostgres is a PostgreSQL database with every migration applied.
func migratedPostgres(t *testing.T) *sql.DB {
	t.Helper()
	_, pg := load(t)
	pgcluster.Template(t, migrated, func(db *sql.DB) error {
		return migrate.Apply(context.Background(), db, migrate.Postgres, pg, "test")
	})
	return pgcluster.NewDatabaseFrom(t, migrated).DB
}

func TestEverySQLiteMigrationHasItsPostgresTwin(t *testing.T) {
	lite, pg := load(t)
	for i := 0; i < max(len(lite), len(pg)); i++ {
		switch {
		case i >= len(pg):
			t.Errorf("%s has no PostgreSQL twin: add postgres/%s", lite[i].Name, lite[i].Name)
		case i >= len(lite):
			t.Errorf("postgres/%s has no SQLite migration of that number", pg[i].Name)
		case lite[i].Name != pg[i].Name:
			t.Errorf("migration %d is %s for SQLite but postgres/%s for PostgreSQL", i+1, lite[i].Name, pg[i].Name)
		}
	}
}

// A store migrated by a triaged that embedded the SQLite migrations at
// this folder's root (before sqlite/) migrates on with the files in
// sqlite/: the runner goes by number, and the names it recorded are the
// bare file names the current set still carries.
func TestStoreMigratedBeforeTheSQLiteFolderMigratesOn(t *testing.T) {
	lite, _ := load(t)
	root := fstest.MapFS{}
	for _, m := range lite {
		root[m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
	}
	before, err := migrate.Load(root, ".")
	if err != nil || len(before) != len(lite) {
		t.Fatalf("the root layout holds %d of %d migrations: %v", len(before), len(lite), err)
	}
	ctx := context.Background()
	db := openSQLite(t, 0)
	if err := migrate.Apply(ctx, db, migrate.SQLite, before[:len(before)-3], "triaged"); err != nil {
		t.Fatal(err)
	}
	if err := migrate.Apply(ctx, db, migrate.SQLite, lite, "triaged"); err != nil {
		t.Fatalf("migrating on from the root layout: %v", err)
	}
	var names []string
	for _, m := range lite {
		names = append(names, m.Name)
	}
	if got, want := queryJoin(t, db, `SELECT name FROM schema_migrations ORDER BY version`), strings.Join(names, " "); got != want {
		t.Errorf("schema_migrations names: %s\nwant: %s", got, want)
	}
	if got, want := sqliteSchema(t, db), sqliteSchema(t, openSQLite(t, -1)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("schema differs from a new store's: only here %v, only there %v", difference(got, want), difference(want, got))
	}
}

func TestPostgresMigrationsApplyFromEmptyAndOnlyOnce(t *testing.T) {
	_, pg := load(t)
	ctx := context.Background()
	db := pgcluster.NewDatabase(t).DB
	if err := migrate.Apply(ctx, db, migrate.Postgres, pg, "triaged"); err != nil {
		t.Fatal(err)
	}
	v, err := migrate.Version(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if v != len(pg) {
		t.Fatalf("schema version %d after migrating, want %d", v, len(pg))
	}
	before := postgresSchema(t, db)
	if err := migrate.Apply(ctx, db, migrate.Postgres, pg, "triaged"); err != nil {
		t.Fatalf("applying the migrations a second time: %v", err)
	}
	var rows int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != len(pg) {
		t.Errorf("schema_migrations has %d rows after a second run, want %d", rows, len(pg))
	}
	if after := postgresSchema(t, db); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Error("a second run changed the schema")
	}
	// An older triaged must not write to this schema.
	if err := migrate.Apply(ctx, db, migrate.Postgres, pg[:len(pg)-1], "triaged"); err == nil ||
		!strings.Contains(err.Error(), "newer than this triaged") {
		t.Errorf("older migrations on a newer schema: %v", err)
	}
}

// The schemas must match after all migrations, so one store's code is
// right on both: a SQLite migration without its PostgreSQL twin (or a twin
// that drifted) shows up here as the lines only one side has.
func TestSchemasMatch(t *testing.T) {
	lite := sqliteSchema(t, openSQLite(t, -1))
	pg := postgresSchema(t, migratedPostgres(t))
	onlyLite, onlyPG := difference(lite, pg), difference(pg, lite)
	for _, l := range onlyLite {
		t.Errorf("only SQLite has:     %s", l)
	}
	for _, l := range onlyPG {
		t.Errorf("only PostgreSQL has: %s", l)
	}
	if len(lite) < 100 {
		t.Fatalf("the SQLite schema read as %d lines: the schema reader is broken", len(lite))
	}
}

// kind is the kind of value a column holds, named alike for both
// databases. Sealed columns and blind indexes must be bytes on both.
func kind(declared string) string {
	switch strings.ToLower(declared) {
	case "integer", "bigint":
		return "integer"
	case "text":
		return "text"
	case "blob", "bytea":
		return "bytes"
	}
	return "other:" + strings.ToLower(declared)
}

// sqliteSchema lists tables, columns, keys, indexes and triggers, one line
// each, in a form postgresSchema also produces.
func sqliteSchema(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	tables := strings.Fields(queryJoin(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`))
	for _, table := range tables {
		out = append(out, "table "+table)
		rows, err := db.Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		pk := map[int]string{}
		for rows.Next() {
			var name, typ string
			var notNull bool
			var pkPos int
			if err := rows.Scan(&name, &typ, &notNull, &pkPos); err != nil {
				t.Fatal(err)
			}
			// SQLite lets a non-INTEGER primary key hold NULL (a
			// compatibility quirk it documents); the store never stores one,
			// and PostgreSQL's keys are NOT NULL.
			if pkPos > 0 {
				notNull = true
				pk[pkPos] = name
			}
			out = append(out, column(table, name, kind(typ), notNull))
		}
		rows.Close()
		var pkCols []string
		for i := 1; i <= len(pk); i++ {
			pkCols = append(pkCols, pk[i])
		}
		if len(pkCols) > 0 {
			out = append(out, fmt.Sprintf("primary key %s (%s)", table, strings.Join(pkCols, ", ")))
		}
		// UNIQUE constraints (origin u); indexes made by CREATE INDEX
		// (origin c) are listed by name below.
		idx, err := db.Query(`SELECT name, origin, "unique" FROM pragma_index_list(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		type index struct {
			name, origin string
			unique       bool
		}
		var indexes []index
		for idx.Next() {
			var ix index
			if err := idx.Scan(&ix.name, &ix.origin, &ix.unique); err != nil {
				t.Fatal(err)
			}
			indexes = append(indexes, ix)
		}
		idx.Close()
		for _, ix := range indexes {
			switch ix.origin {
			case "u":
				cols := queryJoin(t, db, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix.name)
				out = append(out, fmt.Sprintf("unique %s (%s)", table, strings.ReplaceAll(cols, " ", ", ")))
			case "c":
				out = append(out, indexLine(ix.name, table, ix.unique))
			}
		}
	}
	rows, err := db.Query(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("trigger %s on %s", name, table))
	}
	sort.Strings(out)
	return out
}

func postgresSchema(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	lines := func(q string, format func(f []string) string) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			f := make([]string, len(cols))
			ptrs := make([]any, len(cols))
			for i := range f {
				ptrs[i] = &f[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, format(f))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	lines(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
		func(f []string) string { return "table " + f[0] })
	lines(`SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
		func(f []string) string { return column(f[0], f[1], kind(f[2]), f[3] == "NO") })
	lines(`SELECT k.contype, c.relname, (SELECT string_agg(a.attname, ', ' ORDER BY u.ord)
			FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
			JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum)
		FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND k.contype IN ('p', 'u')`,
		func(f []string) string {
			if f[0] == "p" {
				return fmt.Sprintf("primary key %s (%s)", f[1], f[2])
			}
			return fmt.Sprintf("unique %s (%s)", f[1], f[2])
		})
	// Indexes made by CREATE INDEX: those no constraint owns.
	lines(`SELECT ic.relname, tc.relname, x.indisunique::text
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = ic.relnamespace
		WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
		func(f []string) string { return indexLine(f[0], f[1], f[2] == "true") })
	lines(`SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal`,
		func(f []string) string { return fmt.Sprintf("trigger %s on %s", f[0], f[1]) })
	sort.Strings(out)
	return out
}

func column(table, name, kind string, notNull bool) string {
	null := "null"
	if notNull {
		null = "not null"
	}
	return fmt.Sprintf("column %s.%s %s %s", table, name, kind, null)
}

func indexLine(name, table string, unique bool) string {
	if unique {
		return fmt.Sprintf("index %s on %s unique", name, table)
	}
	return fmt.Sprintf("index %s on %s", name, table)
}

func queryJoin(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// difference is the lines of a that b lacks.
func difference(a, b []string) []string {
	in := map[string]bool{}
	for _, l := range b {
		in[l] = true
	}
	var out []string
	for _, l := range a {
		if !in[l] {
			out = append(out, l)
		}
	}
	return out
}
