package central

import (
	"context"
	"fmt"

	"github.com/clinicwa/triage/store/seal"
)

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
