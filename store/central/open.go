package central

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/seal"
)

// KeyCustody is how a command run beside or instead of the serving
// triaged opens the store's keys: the same sources, in the same order, as
// the serving triaged.
type KeyCustody struct {
	// PassphraseFile is TRIAGED_KEY_PASSPHRASE_FILE: the fallback when
	// there is no OS keyring, and the recovery wrapping when there is one.
	PassphraseFile string
	// PreferPassphrase opens with the passphrase before trying the keyring
	// (recovery after a lost keyring entry).
	PreferPassphrase bool
	// AllowDemoKey permits the demo key in the data folder (a `triage demo`
	// data folder only).
	AllowDemoKey bool
	// Keyring replaces the OS keyring (tests); nil means the OS keyring.
	Keyring seal.Keyring
	// KeyringTimeout bounds each keyring call (seal.DefaultKeyringTimeout).
	KeyringTimeout time.Duration
	// DatabaseURL is where the store whose keys these are lives when it is
	// in PostgreSQL (TRIAGED_DATABASE_URL); empty for the data folder's
	// SQLite file.
	DatabaseURL string
}

// openKeys opens the keys of the store in db (dataDir holds a demo key).
func (kc KeyCustody) openKeys(ctx context.Context, db *sql.DB, dataDir string) (*seal.Keys, seal.Source, error) {
	id, err := storeID(ctx, db)
	if err != nil {
		return nil, seal.Source{}, err
	}
	keys, src, err := seal.OpenKeys(ctx, seal.Config{
		Service:          seal.ServiceServer,
		StoreID:          id,
		KeyStore:         seal.SQLKeyStore(db, "keys"),
		PassphraseFile:   kc.PassphraseFile,
		PassphraseEnv:    seal.EnvPassphraseFileServer,
		PreferPassphrase: kc.PreferPassphrase,
		AllowDemoKey:     kc.AllowDemoKey,
		DemoDir:          dataDir,
		Keyring:          kc.Keyring,
		KeyringTimeout:   kc.KeyringTimeout,
	})
	if err != nil {
		return nil, src, fmt.Errorf("central: open keys: %w", err)
	}
	return keys, src, nil
}

// OpenStore opens the existing store in dataDir with its keys, for the
// commands that run beside a serving triaged (the report, the appointment
// import): unlike key maintenance it takes no lock on the folder, since
// SQLite orders its writers. It refuses a folder without a database.
// With kc.DatabaseURL set (TRIAGED_DATABASE_URL) the store is that
// PostgreSQL database, and dataDir keeps only what is local (a demo key).
// The caller closes st.DB.
func OpenStore(ctx context.Context, dataDir string, kc KeyCustody) (*Store, seal.Source, error) {
	db, pg, err := openExisting(ctx, dataDir, kc.DatabaseURL)
	if err != nil {
		return nil, seal.Source{}, err
	}
	keys, src, err := kc.openKeys(ctx, db, dataDir)
	if err != nil {
		db.Close()
		return nil, src, err
	}
	return newStore(db, keys, pg), src, nil
}
