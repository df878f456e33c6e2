package central

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/nodes"
	"github.com/clinicwa/triage/store/central/storage"
)

// The audit checkpoints (store/central/auditlog) as the server runs them:
// started with the server, signed by the elected node when several share
// a database, and signed offline by `triaged audit checkpoint`.

// Checkpoint signs a checkpoint now over every entry received so far
// (none when nothing arrived since the last), and returns the latest.
func (s *Server) Checkpoint(ctx context.Context) (*auditlog.StoredCheckpoint, bool, error) {
	return s.checkpoints.Checkpoint(ctx)
}

// AuditPublicKey is the checkpoint public key in its text form.
func (s *Server) AuditPublicKey() string {
	return s.checkpoints.PublicKey()
}

// startCheckpoints derives the signing key, publishes the public key and
// starts the periodic signer. A log that no longer matches its latest
// checkpoint is reported at once; the server still serves (care goes on),
// but signs nothing until the damage is examined.
func (s *Server) startCheckpoints(ctx context.Context) error {
	priv, err := auditlog.CheckpointSigner(s.keys)
	if err != nil {
		return err
	}
	id, err := storeID(ctx, s.db)
	if err != nil {
		return err
	}
	if _, err := auditlog.WritePublicKey(s.cfg.DataDir, priv.Public().(ed25519.PublicKey)); err != nil {
		return fmt.Errorf("central: publish the audit checkpoint key: %w", err)
	}
	s.checkpoints = auditlog.NewCheckpointer(s.db, s.store.gate, id, priv, s.now)
	if s.nodes != nil {
		s.checkpoints.Elect = s.nodes.signer
	}
	s.checkpoints.OnError = func(err error) {
		s.log.Error("audit checkpoint not signed", "err", err.Error())
	}
	if _, _, err := s.checkpoints.Checkpoint(ctx); err != nil {
		s.checkpoints.OnError(err)
	}
	interval := s.cfg.AuditCheckpointInterval
	if interval <= 0 {
		interval = auditlog.DefaultCheckpointInterval
	}
	s.checkpoints.Run(interval)
	return nil
}

// SignCheckpointOffline signs a checkpoint for the store in dataDir
// without a running server (`triaged audit checkpoint`): it opens the
// database and keys as triaged does. Safe beside a running server: the
// write transaction orders it with the server's own checkpoints.
func SignCheckpointOffline(ctx context.Context, cfg Config) (*auditlog.StoredCheckpoint, bool, error) {
	db, _, err := openConfigured(ctx, cfg.DataDir, cfg.DatabaseURL)
	if err != nil {
		return nil, false, err
	}
	defer db.Close()
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, db: db, log: cfg.Logger}
	if s.log == nil {
		s.log = discardLogger()
	}
	if err := s.openKeys(ctx); err != nil {
		return nil, false, err
	}
	priv, err := auditlog.CheckpointSigner(s.keys)
	if err != nil {
		return nil, false, err
	}
	id, err := storeID(ctx, db)
	if err != nil {
		return nil, false, err
	}
	if _, err := auditlog.WritePublicKey(cfg.DataDir, priv.Public().(ed25519.PublicKey)); err != nil {
		return nil, false, err
	}
	c := auditlog.NewCheckpointer(db, storage.NewWriteGate(), id, priv, cfg.Now)
	if nodes.IsPostgres(db) {
		// Running nodes elect one signer; this command signs only when
		// none is running, as that signer, so two never sign at once.
		e := nodes.NewElection(db, checkpointSignerJob, time.Hour)
		e.Start(ctx)
		defer e.Close()
		if !e.Leader() {
			return nil, false, ErrAnotherNodeSigns
		}
		c.Elect = e
	}
	return c.Checkpoint(ctx)
}

// ErrAnotherNodeSigns refuses an offline checkpoint while a running node
// is the elected signer of a PostgreSQL store.
var ErrAnotherNodeSigns = errors.New("a running triaged node is the elected checkpoint signer of this database and signs while the log grows (every minute by default); stop every node to sign from here")

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
