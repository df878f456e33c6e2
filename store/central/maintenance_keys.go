package central

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/seal"
)

// keyStore is the store opened for key maintenance: locked against the
// folder's serving triaged, with its keys open.
type keyStore struct {
	maintenance.KeyedStore
	lock *DataLock
}

// openKeyStore locks dataDir, opens its existing store and the keys. It
// refuses a folder without a database: key maintenance never creates a
// store. On PostgreSQL the lock keeps out this folder's server only; a
// rotation must not run beside any node (README: PostgreSQL).
func openKeyStore(ctx context.Context, dataDir string, kc KeyCustody) (*keyStore, error) {
	if kc.DatabaseURL == "" && databaseURLFor == nil {
		path := filepath.Join(dataDir, DBFileName)
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("central: no store at %s: %w", path, err)
		}
	}
	lock, err := LockDataDir(dataDir)
	if err != nil {
		return nil, err
	}
	db, _, err := openExisting(ctx, dataDir, kc.DatabaseURL)
	if err != nil {
		lock.Release()
		return nil, err
	}
	ks := &keyStore{KeyedStore: maintenance.KeyedStore{DB: db, Sealed: SealedColumns()}, lock: lock}
	ks.Keys, ks.Source, err = kc.openKeys(ctx, db, dataDir)
	if err != nil {
		ks.close()
		return nil, err
	}
	return ks, nil
}

func (ks *keyStore) close() error {
	err := ks.DB.Close()
	if lerr := ks.lock.Release(); err == nil {
		err = lerr
	}
	return err
}

// RotateKeys rotates the data key of the store in dataDir (or
// kc.DatabaseURL) and reseals every sealed column (SealedColumns) under
// it, then retires the old keys (maintenance.RotateKeys). No triaged may
// serve from the store meanwhile: a server holding the old key set would
// keep sealing with a key about to be retired. It refuses with
// ErrDataLocked while this folder's triaged runs. An interrupted rotation
// is finished by running it again.
func RotateKeys(ctx context.Context, dataDir string, kc KeyCustody, opt maintenance.RotateOptions) (maintenance.RotateReport, error) {
	ks, err := openKeyStore(ctx, dataDir, kc)
	if err != nil {
		return maintenance.RotateReport{}, err
	}
	defer ks.close()
	return maintenance.RotateKeys(ctx, ks.KeyedStore, opt)
}

// RewrapKeys wraps the keys of the store in dataDir (or kc.DatabaseURL)
// under a new key-encryption key of kind to, without changing any value
// (maintenance.RewrapKeys). Like a rotation it refuses while a triaged
// serves from the store.
func RewrapKeys(ctx context.Context, dataDir string, kc KeyCustody, to seal.KEKKind, opt maintenance.RewrapOptions) (seal.Source, error) {
	ks, err := openKeyStore(ctx, dataDir, kc)
	if err != nil {
		return seal.Source{}, err
	}
	defer ks.close()
	return maintenance.RewrapKeys(ctx, ks.KeyedStore, to, opt)
}
