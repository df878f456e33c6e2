package central

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/nodes"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/seal"
)

// DefaultCheckpointInterval is how often the running endpoint signs a new
// checkpoint when the log has grown.
const DefaultCheckpointInterval = time.Minute

// PublicKeyFileName is the file in the data folder holding the checkpoint
// public key, written at every start. Publish a copy away from the server:
// a verifier that trusts only the copy in the data folder trusts whoever
// can write to it.
const PublicKeyFileName = "audit-checkpoint.pub"

// checkpointSubkey names the store subkey that seeds the signing key.
const checkpointSubkey = "audit-checkpoint-ed25519"

// CheckpointSigner derives the checkpoint signing key from the store's
// keys. The key is never stored: it is as safe as the sealed keys are.
func CheckpointSigner(keys *seal.Keys) (ed25519.PrivateKey, error) {
	return audit.CheckpointKey(keys.Subkey(checkpointSubkey))
}

// StoredCheckpoint is one row of audit_checkpoints: the signed body and
// its signature. Only the body counts; the other columns serve queries.
type StoredCheckpoint struct {
	Number    int64
	Body      []byte
	Signature []byte
	KeyID     string
}

// checkpointer signs checkpoints over the whole audit log. It keeps the
// Merkle tree's frontier in memory, so each checkpoint reads only the
// entries received since the last one.
type checkpointer struct {
	db      *sql.DB
	gate    *storage.WriteGate // turns with the other writers of this process
	store   string
	priv    ed25519.PrivateKey
	now     func() time.Time
	mu      sync.Mutex
	tree    *audit.Tree // nil until loaded and checked against the latest checkpoint
	stop    chan struct{}
	done    chan struct{}
	onError func(error)
	// elect, when several nodes share a PostgreSQL database, makes one
	// node at a time the signer (multinode.go); the others sign nothing.
	// nil: this process is the only signer.
	elect *nodes.Election
}

func newCheckpointer(db *sql.DB, gate *storage.WriteGate, storeID string, priv ed25519.PrivateKey, now func() time.Time) *checkpointer {
	return &checkpointer{db: db, gate: gate, store: storeID, priv: priv, now: now}
}

// run signs every interval until stopped, then once more.
func (c *checkpointer) run(interval time.Duration) {
	c.stop, c.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(c.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-c.stop:
				return
			case <-t.C:
				if _, _, err := c.checkpoint(context.Background()); err != nil && c.onError != nil {
					c.onError(err)
				}
			}
		}
	}()
}

// shutdown stops the ticker and signs a last checkpoint, so the log a
// stopped server leaves behind is wholly covered.
func (c *checkpointer) shutdown(ctx context.Context) error {
	if c.stop != nil {
		close(c.stop)
		<-c.done
	}
	_, _, err := c.checkpoint(ctx)
	return err
}

// ErrLogDiverged means the log no longer matches its latest signed
// checkpoint: entries were changed after they were covered. No further
// checkpoint is signed until an auditor has looked (`triaged audit
// verify`), so the damage cannot be covered up by a newer signature.
var ErrLogDiverged = errors.New("the audit log no longer matches its latest signed checkpoint; run `triaged audit verify`")

// checkpoint signs a checkpoint over every entry received so far, unless
// none arrived since the last one. It returns the checkpoint now latest
// and whether it was signed by this call.
func (c *checkpointer) checkpoint(ctx context.Context) (*StoredCheckpoint, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tree == nil {
		// Rebuild the frontier from the log outside the write lock (a
		// large log takes a while) and check it against what was signed.
		tree, err := c.load(ctx)
		if err != nil {
			return nil, false, err
		}
		c.tree = tree
	}
	var (
		out    *StoredCheckpoint
		signed bool
	)
	if err := c.gate.Enter(ctx); err != nil {
		return nil, false, err
	}
	defer c.gate.Leave()
	err := c.signingTx(ctx, func(tx *sql.Tx) error {
		last, err := latestCheckpoint(ctx, tx)
		if err != nil {
			return err
		}
		tree := c.tree.Clone()
		if err := appendLeaves(ctx, tx, tree); err != nil {
			return err
		}
		out = last
		if last != nil {
			cp, err := audit.ParseCheckpoint(last.Body)
			if err != nil {
				return fmt.Errorf("checkpoint %d: %w", last.Number, err)
			}
			if tree.Size() == cp.Size {
				c.tree = tree
				return nil // nothing new to cover
			}
			if tree.Size() < cp.Size {
				return ErrLogDiverged
			}
		} else if tree.Size() == 0 {
			return nil
		}
		heads, err := chainHeads(ctx, tx)
		if err != nil {
			return err
		}
		cp := audit.Checkpoint{Store: c.store, Number: 1, Size: tree.Size(), Root: tree.Root(), At: c.now().UTC(), Heads: heads}
		if last != nil {
			cp.Number = last.Number + 1
		}
		body, sig := audit.SignCheckpoint(c.priv, cp)
		keyID := audit.KeyID(c.priv.Public().(ed25519.PublicKey))
		if err := insertCheckpoint(ctx, tx, cp, keyID, body, sig); err != nil {
			return err
		}
		c.tree = tree
		out, signed = &StoredCheckpoint{Number: cp.Number, Body: body, Signature: sig, KeyID: keyID}, true
		return nil
	})
	if errors.Is(err, nodes.ErrNotLeader) {
		// Another node signs; report the latest it signed.
		last, err := latestCheckpoint(ctx, c.db)
		if err != nil {
			return nil, false, fmt.Errorf("central: audit checkpoint: %w", err)
		}
		return last, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("central: audit checkpoint: %w", err)
	}
	return out, signed, nil
}

// signingTx runs the signing transaction. With several nodes it runs on
// the connection that holds the signer's election, so a checkpoint is
// signed only while this node is certainly the one signer: if that
// connection is lost, so is the lock, and the transaction fails with it
// rather than commit beside a newly elected signer's
// (nodes.ErrNotLeader when this node is not the signer).
func (c *checkpointer) signingTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if c.elect == nil {
		return storage.WithTx(ctx, c.db, fn)
	}
	return c.elect.Do(ctx, func(conn *sql.Conn) error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}

// load rebuilds the tree from the whole log in one read snapshot and
// checks it against the latest signed checkpoint.
func (c *checkpointer) load(ctx context.Context) (*audit.Tree, error) {
	tx, err := c.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	last, err := latestCheckpoint(ctx, tx)
	if err != nil {
		return nil, err
	}
	tree := &audit.Tree{}
	var want *audit.Checkpoint
	if last != nil {
		cp, err := audit.VerifyCheckpoint(c.priv.Public().(ed25519.PublicKey), last.Body, last.Signature)
		if err != nil {
			return nil, fmt.Errorf("checkpoint %d: %w: %w", last.Number, err, ErrLogDiverged)
		}
		want = &cp
	}
	var atSize *[32]byte
	err = streamLeaves(ctx, tx, 0, func(gseq int64, hash string) error {
		tree.Append(audit.LeafHash(hash))
		if want != nil && tree.Size() == want.Size {
			r := tree.Root()
			atSize = &r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if want != nil && want.Size > 0 && (atSize == nil || *atSize != want.Root) {
		return nil, ErrLogDiverged
	}
	return tree, nil
}

// appendLeaves appends to tree the leaves after its size, checking that
// the global sequence has no hole.
func appendLeaves(ctx context.Context, q Querier, tree *audit.Tree) error {
	return streamLeaves(ctx, q, tree.Size(), func(gseq int64, hash string) error {
		tree.Append(audit.LeafHash(hash))
		return nil
	})
}

// writePublicKey publishes the checkpoint public key in the data folder
// and returns its text form. The key is public, but like every file in the
// data folder it is 0600: the folder is private, and the operator copies
// the key out to the auditor.
func writePublicKey(dir string, pub ed25519.PublicKey) (string, error) {
	text := audit.EncodePublicKey(pub)
	path := filepath.Join(dir, PublicKeyFileName)
	if old, err := os.ReadFile(path); err == nil && string(old) == text+"\n" {
		return text, nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text+"\n"), 0o600); err != nil {
		return "", err
	}
	return text, os.Rename(tmp, path)
}

// Checkpoint signs a checkpoint now over every entry received so far
// (none when nothing arrived since the last), and returns the latest.
func (s *Server) Checkpoint(ctx context.Context) (*StoredCheckpoint, bool, error) {
	return s.checkpoints.checkpoint(ctx)
}

// AuditPublicKey is the checkpoint public key in its text form.
func (s *Server) AuditPublicKey() string {
	return audit.EncodePublicKey(s.checkpoints.priv.Public().(ed25519.PublicKey))
}

// startCheckpoints derives the signing key, publishes the public key and
// starts the periodic signer. A log that no longer matches its latest
// checkpoint is reported at once; the server still serves (care goes on),
// but signs nothing until the damage is examined.
func (s *Server) startCheckpoints(ctx context.Context) error {
	priv, err := CheckpointSigner(s.keys)
	if err != nil {
		return err
	}
	id, err := storeID(ctx, s.db)
	if err != nil {
		return err
	}
	if _, err := writePublicKey(s.cfg.DataDir, priv.Public().(ed25519.PublicKey)); err != nil {
		return fmt.Errorf("central: publish the audit checkpoint key: %w", err)
	}
	s.checkpoints = newCheckpointer(s.db, s.store.gate, id, priv, s.now)
	if s.nodes != nil {
		s.checkpoints.elect = s.nodes.signer
	}
	s.checkpoints.onError = func(err error) {
		s.log.Error("audit checkpoint not signed", "err", err.Error())
	}
	if _, _, err := s.checkpoints.checkpoint(ctx); err != nil {
		s.checkpoints.onError(err)
	}
	interval := s.cfg.AuditCheckpointInterval
	if interval <= 0 {
		interval = DefaultCheckpointInterval
	}
	s.checkpoints.run(interval)
	return nil
}

// SignCheckpointOffline signs a checkpoint for the store in dataDir
// without a running server (`triaged audit checkpoint`): it opens the
// database and keys as triaged does. Safe beside a running server: the
// write transaction orders it with the server's own checkpoints.
func SignCheckpointOffline(ctx context.Context, cfg Config) (*StoredCheckpoint, bool, error) {
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
	priv, err := CheckpointSigner(s.keys)
	if err != nil {
		return nil, false, err
	}
	id, err := storeID(ctx, db)
	if err != nil {
		return nil, false, err
	}
	if _, err := writePublicKey(cfg.DataDir, priv.Public().(ed25519.PublicKey)); err != nil {
		return nil, false, err
	}
	c := newCheckpointer(db, storage.NewWriteGate(), id, priv, cfg.Now)
	if nodes.IsPostgres(db) {
		// Running nodes elect one signer; this command signs only when
		// none is running, as that signer, so two never sign at once.
		e := nodes.NewElection(db, checkpointSignerJob, time.Hour)
		e.Start(ctx)
		defer e.Close()
		if !e.Leader() {
			return nil, false, ErrAnotherNodeSigns
		}
		c.elect = e
	}
	return c.checkpoint(ctx)
}

// ErrAnotherNodeSigns refuses an offline checkpoint while a running node
// is the elected signer of a PostgreSQL store.
var ErrAnotherNodeSigns = errors.New("a running triaged node is the elected checkpoint signer of this database and signs while the log grows (every minute by default); stop every node to sign from here")

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
