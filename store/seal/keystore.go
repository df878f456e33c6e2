package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/clinicwa/triage/store/pgsql"
)

// Purpose says what a wrapped key is for.
type Purpose string

const (
	// PurposeData keys seal field values; there may be several during a
	// rotation, and the highest id is the current one.
	PurposeData Purpose = "data"
	// PurposeIndex is the single blind-index key (id 1). It is not rotated:
	// rotating it would mean recomputing every blind index at once.
	PurposeIndex Purpose = "index"
)

// KEKKind names a key-encryption key source.
type KEKKind string

const (
	// KEKKeyring is a random 32-byte KEK kept in the OS keyring.
	KEKKeyring KEKKind = "keyring"
	// KEKPassphrase is derived with Argon2id from a passphrase file.
	KEKPassphrase KEKKind = "passphrase"
	// KEKDemo is derived from a secret kept in the data folder; for
	// demonstrations with synthetic data only.
	KEKDemo KEKKind = "demo"
)

// WrappedKeyID names one wrapping: a key may be wrapped once per KEK kind,
// for example by the keyring and by a recovery passphrase.
type WrappedKeyID struct {
	Purpose Purpose
	ID      uint32
	KEK     KEKKind
}

// WrappedKey is one key encrypted under a KEK, as kept in the store's own
// database. None of its fields is secret on its own.
type WrappedKey struct {
	WrappedKeyID
	// StoreID is the store the key belongs to; it is also bound into the
	// wrapping, so a row copied from another store's table fails to open.
	StoreID string
	// Wrapped is version (1) | nonce (12) | AES-256-GCM ciphertext+tag.
	Wrapped []byte
	// KDF and Salt describe how a passphrase KEK is derived, for example
	// "argon2id$v=19$m=65536,t=3,p=4"; both are empty for other kinds.
	KDF  string
	Salt []byte
	// Created is when the wrapping was written.
	Created time.Time
}

// KeyStore keeps a store's wrapped keys, normally in a table of the same
// database the sealed values live in (see SQLKeyStore). Implementations
// must apply StoreWrappedKeys atomically: either every put and drop
// happens, or none does.
type KeyStore interface {
	// LoadWrappedKeys returns every wrapping held, in any order.
	LoadWrappedKeys(ctx context.Context) ([]WrappedKey, error)
	// StoreWrappedKeys inserts or replaces put and deletes drop, in one
	// transaction.
	StoreWrappedKeys(ctx context.Context, put []WrappedKey, drop []WrappedKeyID) error
}

var identRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,62}$`) })

func checkIdent(what, s string) error {
	if !identRE().MatchString(s) {
		return fmt.Errorf("seal: %s %q is not a plain SQL identifier", what, s)
	}
	return nil
}

// KeysTableDDL is the CREATE TABLE statement SQLKeyStore uses for table,
// for callers that keep their schema in numbered migrations.
func KeysTableDDL(table string) (string, error) {
	if err := checkIdent("table", table); err != nil {
		return "", err
	}
	return `CREATE TABLE IF NOT EXISTS ` + table + ` (
	purpose    TEXT    NOT NULL CHECK (purpose IN ('data', 'index')),
	key_id     INTEGER NOT NULL CHECK (key_id > 0 AND key_id <= 4294967295),
	kek        TEXT    NOT NULL CHECK (kek IN ('keyring', 'passphrase', 'demo')),
	store_id   TEXT    NOT NULL,
	wrapped    BLOB    NOT NULL,
	kdf        TEXT    NOT NULL DEFAULT '',
	salt       BLOB,
	created_at TEXT    NOT NULL,
	PRIMARY KEY (purpose, key_id, kek)
)`, nil
}

// SQLKeyStore returns a KeyStore kept in table of the store's database:
// SQLite (modernc.org/sqlite) or PostgreSQL opened with store/pgsql. The table is created on first use if
// missing; its schema is KeysTableDDL.
func SQLKeyStore(db *sql.DB, table string) KeyStore {
	return &sqlKeyStore{db: db, table: table}
}

type sqlKeyStore struct {
	db    *sql.DB
	table string
}

func (s *sqlKeyStore) ensure(ctx context.Context) error {
	ddl, err := KeysTableDDL(s.table)
	if err != nil {
		return err
	}
	// PostgreSQL has no BLOB type: a pool opened by store/pgsql runs the
	// same table with BYTEA and BIGINT.
	pg := strings.NewReplacer("BLOB", "BYTEA", "INTEGER", "BIGINT").Replace(ddl)
	if _, err := s.db.ExecContext(ctx, pgsql.Spelling(ddl, pg)); err != nil {
		return fmt.Errorf("seal: create key table: %w", err)
	}
	return nil
}

// LoadWrappedKeys implements KeyStore.
func (s *sqlKeyStore) LoadWrappedKeys(ctx context.Context) ([]WrappedKey, error) {
	if err := s.ensure(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT purpose, key_id, kek, store_id, wrapped, kdf, salt, created_at FROM `+s.table)
	if err != nil {
		return nil, fmt.Errorf("seal: load wrapped keys: %w", err)
	}
	defer rows.Close()
	var out []WrappedKey
	for rows.Next() {
		var w WrappedKey
		var id int64
		var created string
		if err := rows.Scan(&w.Purpose, &id, &w.KEK, &w.StoreID, &w.Wrapped, &w.KDF, &w.Salt, &created); err != nil {
			return nil, fmt.Errorf("seal: load wrapped keys: %w", err)
		}
		w.ID = uint32(id)
		w.Created, _ = time.Parse(time.RFC3339Nano, created)
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seal: load wrapped keys: %w", err)
	}
	return out, nil
}

// StoreWrappedKeys implements KeyStore.
func (s *sqlKeyStore) StoreWrappedKeys(ctx context.Context, put []WrappedKey, drop []WrappedKeyID) (err error) {
	if err := s.ensure(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seal: store wrapped keys: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	for _, d := range drop {
		if _, err = tx.ExecContext(ctx, `DELETE FROM `+s.table+` WHERE purpose = ? AND key_id = ? AND kek = ?`,
			string(d.Purpose), int64(d.ID), string(d.KEK)); err != nil {
			return fmt.Errorf("seal: store wrapped keys: %w", err)
		}
	}
	for _, w := range put {
		created := w.Created
		if created.IsZero() {
			created = time.Now()
		}
		// ON CONFLICT … DO UPDATE, not SQLite's INSERT OR REPLACE: both
		// databases read it.
		if _, err = tx.ExecContext(ctx, `INSERT INTO `+s.table+
			` (purpose, key_id, kek, store_id, wrapped, kdf, salt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (purpose, key_id, kek) DO UPDATE SET store_id = excluded.store_id, wrapped = excluded.wrapped,
			kdf = excluded.kdf, salt = excluded.salt, created_at = excluded.created_at`,
			string(w.Purpose), int64(w.ID), string(w.KEK), w.StoreID, w.Wrapped, w.KDF, w.Salt,
			created.UTC().Format(time.RFC3339Nano)); err != nil {
			return fmt.Errorf("seal: store wrapped keys: %w", err)
		}
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("seal: store wrapped keys: %w", err)
	}
	return nil
}

var errNoCustody = errors.New("seal: these keys were not opened from a key store (use OpenKeys)")
