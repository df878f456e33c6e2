package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/central/nodes"
	"github.com/clinicwa/triage/store/seal"
)

// ErrNodesServing means a triaged node still serves from the PostgreSQL
// database that key maintenance was asked to work on.
var ErrNodesServing = errors.New("central: a triaged node is serving from this database")

// keyStore is the store opened for key maintenance: locked against every
// serving triaged (openKeyStore), with its keys open.
type keyStore struct {
	maintenance.KeyedStore
	lock           *DataLock
	releaseServing func() // gives back the exclusive serving lock (PostgreSQL)
}

// openKeyStore locks dataDir, opens its existing store and the keys. It
// refuses a folder without a database (key maintenance never creates a
// store) and a store a triaged still serves from: this folder's, through
// the folder's lock, and on PostgreSQL any node's, through the serving
// lock every node shares while it serves (servingLock). While the store
// is open here no node can start on it.
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
	db, pg, err := openExisting(ctx, dataDir, kc.DatabaseURL)
	if err != nil {
		lock.Release()
		return nil, err
	}
	ks := &keyStore{KeyedStore: maintenance.KeyedStore{DB: db, Sealed: SealedColumns()}, lock: lock}
	if pg {
		ks.releaseServing, err = nodes.Exclude(ctx, db, servingLock)
		if errors.Is(err, nodes.ErrHeld) {
			err = fmt.Errorf("%w (or key maintenance already runs on it): stop every node sharing the database first", ErrNodesServing)
		}
		if err != nil {
			ks.close()
			return nil, err
		}
	}
	ks.Keys, ks.Source, err = kc.openKeys(ctx, db, dataDir)
	if err != nil {
		ks.close()
		return nil, err
	}
	return ks, nil
}

func (ks *keyStore) close() error {
	if ks.releaseServing != nil {
		ks.releaseServing()
	}
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
// ErrDataLocked while this folder's triaged runs, and with
// ErrNodesServing while any node serves from the same PostgreSQL database.
// An interrupted rotation is finished by running it again.
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

// servingLock names the PostgreSQL advisory lock that every node holds,
// shared, while it serves, and that key maintenance holds exclusively.
const servingLock = "serving"

// joinServing takes this node's share of the serving lock on PostgreSQL,
// before the keys are opened: a node must not start on keys that a
// rotation is replacing. Nothing to do on SQLite, where the data folder's
// lock (held by cmd/triaged) keeps rotation out.
func (s *Server) joinServing(ctx context.Context, db *sql.DB) error {
	if !nodes.IsPostgres(db) {
		return nil
	}
	release, err := nodes.Share(ctx, db, servingLock)
	if errors.Is(err, nodes.ErrHeld) {
		return errors.New("central: key maintenance (triaged key rotate or rewrap) is running on this database; start the node when it has finished")
	}
	if err != nil {
		return fmt.Errorf("central: join the serving nodes: %w", err)
	}
	s.servingShare = release
	return nil
}

// leaveServing gives this node's share back, before the database closes.
func (s *Server) leaveServing() {
	if s.servingShare != nil {
		s.servingShare()
		s.servingShare = nil
	}
}
