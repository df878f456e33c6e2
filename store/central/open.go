package central

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store/seal"
)

// OpenStore opens the existing store in dataDir with its keys, for the
// commands that run beside a serving triaged (the report, the appointment
// import): unlike key maintenance it takes no lock on the folder, since
// SQLite orders its writers. It refuses a folder without a database.
// The caller closes st.DB.
func OpenStore(ctx context.Context, dataDir string, kc KeyCustody) (*Store, seal.Source, error) {
	return OpenStoreAt(ctx, dataDir, "", kc)
}

// OpenStoreAt is OpenStore for a store that may live in PostgreSQL:
// with databaseURL set (TRIAGED_DATABASE_URL) the database is there, and
// dataDir keeps only what is local (a demo key).
func OpenStoreAt(ctx context.Context, dataDir, databaseURL string, kc KeyCustody) (*Store, seal.Source, error) {
	if databaseURL == "" && databaseURLFor == nil {
		path := filepath.Join(dataDir, DBFileName)
		if _, err := os.Stat(path); err != nil {
			return nil, seal.Source{}, fmt.Errorf("central: no store at %s: %w", path, err)
		}
	}
	db, pg, err := openConfigured(ctx, dataDir, databaseURL)
	if err != nil {
		return nil, seal.Source{}, err
	}
	id, err := storeID(ctx, db)
	if err != nil {
		db.Close()
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
		db.Close()
		return nil, src, fmt.Errorf("central: open keys: %w", err)
	}
	return newStore(db, keys, pg), src, nil
}
