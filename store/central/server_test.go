package central

import (
	"context"
	"strings"
	"testing"
)

func TestPlainHTTPRefusedBeyondLoopback(t *testing.T) {
	s, err := New(context.Background(), Config{DataDir: t.TempDir(), Addr: "0.0.0.0:0", Keys: testKeys(t), Provider: &fakeProvider{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown(context.Background())
	if _, _, err := s.Start(); err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Fatalf("Start on 0.0.0.0 without TLS: %v", err)
	}
}

func TestMigrationsAreIdempotent(t *testing.T) {
	skipOnPostgres(t, "the SQLite file's journal mode and foreign-key pragma (PostgreSQL's migrations: store/central/migrations TestPostgresMigrationsApplyFromEmptyAndOnlyOnce)")
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		db, err := OpenDB(context.Background(), dir+"/"+DBFileName)
		if err != nil {
			t.Fatal(err)
		}
		var v int
		db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v)
		var mode string
		db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		var fk int
		db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		db.Close()
		ms, _ := loadMigrations()
		if v != len(ms) || mode != "wal" || fk != 1 {
			t.Fatalf("open %d: version %d, journal %q, foreign_keys %d", i, v, mode, fk)
		}
	}
}
