package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrateAppliesOnceAndRefusesWhatItDoesNotKnow(t *testing.T) {
	ctx := context.Background()
	v1 := fstest.MapFS{"m/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)}}
	v2 := fstest.MapFS{
		"m/0001_a.sql": v1["m/0001_a.sql"],
		"m/0002_b.sql": {Data: []byte(`CREATE TABLE b (y INTEGER);`)},
	}
	db, err := Open(ctx, filepath.Join(t.TempDir(), "sub", "x.db"), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, fsys := range []fstest.MapFS{v1, v2, v2} { // upgrade, then a restart
		if err := Migrate(ctx, db, fsys, "m", "tool"); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	if n != 2 {
		t.Fatalf("schema_migrations has %d rows, want 2", n)
	}
	// An older binary must not write to a newer schema.
	if err := Migrate(ctx, db, v1, "m", "tool"); err == nil || !strings.Contains(err.Error(), "newer than this tool") {
		t.Fatalf("older migrations on a newer schema: %v", err)
	}
	gap := fstest.MapFS{"m/0001_a.sql": v1["m/0001_a.sql"], "m/0003_c.sql": {Data: []byte(`SELECT 1;`)}}
	if _, err := LoadMigrations(gap, "m"); err == nil {
		t.Fatal("a gap in the numbering was accepted")
	}
	var mode string
	db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Fatalf("journal_mode = %q, want wal", mode)
	}
}

func TestMigrateRollsBackABrokenMigration(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bad := fstest.MapFS{"m/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER); CREATE TABLE broken (`)}}
	if err := Migrate(ctx, db, bad, "m", "tool"); err == nil {
		t.Fatal("a broken migration was applied")
	}
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'`).Scan(&n)
	if n != 0 {
		t.Fatal("half of a broken migration stayed in the schema")
	}
}
