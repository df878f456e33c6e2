package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

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
		// A node whose share vanished with its connection has not noticed
		// yet: give it time to, and to stop (joinServing).
		select {
		case <-time.After(servingGrace):
		case <-ctx.Done():
			ks.close()
			return nil, ctx.Err()
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

// DefaultServingCheck is how often a node checks that it still holds its
// share of the serving lock (Config.ServingCheck).
const DefaultServingCheck = time.Second

// servingGrace is how long key maintenance waits, once it holds the
// serving lock, before it changes anything. A node whose share vanished
// with its connection notices within one check and stops (joinServing):
// the grace outlasts that, with room for a slow check.
const servingGrace = 3 * DefaultServingCheck

// joinServing takes this node's share of the serving lock on PostgreSQL,
// before the keys are opened: a node must not start on keys that a
// rotation is replacing. Nothing to do on SQLite, where the data folder's
// lock (held by cmd/triaged) keeps rotation out.
//
// The share lives as long as the connection that took it, so the node
// checks that connection every Config.ServingCheck. When it has broken,
// the node takes its share again and then checks that the data keys are
// still the ones it seals with; when key maintenance holds the lock
// instead, or the keys changed, the node stops serving (stopServing)
// rather than seal beside a rotation with keys about to be retired.
func (s *Server) joinServing(ctx context.Context, db *sql.DB) error {
	if !nodes.IsPostgres(db) {
		return nil
	}
	if s.cfg.ServingCheck <= 0 {
		s.cfg.ServingCheck = DefaultServingCheck
	}
	w, err := nodes.WatchShare(ctx, db, servingLock, nodes.ShareWatch{
		Interval: s.cfg.ServingCheck,
		Rejoined: func(ctx context.Context) error { return s.keysUnchanged(ctx, db) },
		Lost: func(err error) {
			if errors.Is(err, nodes.ErrHeld) {
				err = errors.New("central: this node lost its hold on the database and key maintenance (triaged key rotate or rewrap) began meanwhile; it stops serving, start it again when the maintenance has finished")
			}
			s.stopServing(err)
		},
	})
	if errors.Is(err, nodes.ErrHeld) {
		return errors.New("central: key maintenance (triaged key rotate or rewrap) is running on this database; start the node when it has finished")
	}
	if err != nil {
		return fmt.Errorf("central: join the serving nodes: %w", err)
	}
	s.serving = w
	return nil
}

// keysUnchanged checks, after the serving lock was taken again, that the
// database's data keys are still the ones this node opened: a rotation
// that ran while the node held no share left new keys behind.
func (s *Server) keysUnchanged(ctx context.Context, db *sql.DB) error {
	if s.keys == nil {
		return nil // the keys are opened after the share is first taken
	}
	rows, err := seal.SQLKeyStore(db, "keys").LoadWrappedKeys(ctx)
	if err != nil {
		return fmt.Errorf("central: read the data keys after taking the serving lock again: %w", err)
	}
	var stored []uint32
	for _, r := range rows {
		if r.Purpose == seal.PurposeData && !slices.Contains(stored, r.ID) {
			stored = append(stored, r.ID)
		}
	}
	slices.Sort(stored)
	if held := s.keys.KeyIDs(); !slices.Equal(stored, held) {
		return fmt.Errorf("central: the data keys changed while this node held no share of the serving lock (it holds %v, the database has %v): it stops serving; start it again to open the new keys", held, stored)
	}
	return nil
}

// stopServing ends serving from inside, at once: the HTTP server closes
// and Start's channel reports err (Run then shuts the node down). Only
// the first call counts.
func (s *Server) stopServing(err error) {
	if !s.stopped.CompareAndSwap(nil, &err) {
		return
	}
	s.log.Error("triaged stops serving", "err", err.Error())
	s.closeMu.Lock()
	srv := s.httpSrv
	s.closeMu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// leaveServing gives this node's share back, before the database closes.
func (s *Server) leaveServing() {
	if s.serving != nil {
		s.serving.Release()
		s.serving = nil
	}
}
