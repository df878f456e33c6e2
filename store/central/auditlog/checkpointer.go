package auditlog

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
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

// Checkpointer signs checkpoints over the whole audit log. It keeps the
// Merkle tree's frontier in memory, so each checkpoint reads only the
// entries received since the last one.
type Checkpointer struct {
	db    *sql.DB
	gate  *storage.WriteGate // turns with the other writers of this process
	store string
	priv  ed25519.PrivateKey
	now   func() time.Time
	mu    sync.Mutex
	tree  *audit.Tree // nil until loaded and checked against the latest checkpoint
	stop  chan struct{}
	done  chan struct{}
	// OnError is told of a periodic checkpoint that failed. Set before Run.
	OnError func(error)
	// Elect, when several nodes share a PostgreSQL database, makes one
	// node at a time the signer; the others sign nothing. nil: this
	// process is the only signer. Set before the first checkpoint.
	Elect *nodes.Election
}

// NewCheckpointer signs checkpoints of the log in db for the store
// storeID with priv, taking its turn at gate with the other writers.
func NewCheckpointer(db *sql.DB, gate *storage.WriteGate, storeID string, priv ed25519.PrivateKey, now func() time.Time) *Checkpointer {
	return &Checkpointer{db: db, gate: gate, store: storeID, priv: priv, now: now}
}

// Run signs every interval until stopped, then once more.
func (c *Checkpointer) Run(interval time.Duration) {
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
				if _, _, err := c.Checkpoint(context.Background()); err != nil && c.OnError != nil {
					c.OnError(err)
				}
			}
		}
	}()
}

// Shutdown stops the ticker and signs a last checkpoint, so the log a
// stopped server leaves behind is wholly covered.
func (c *Checkpointer) Shutdown(ctx context.Context) error {
	if c.stop != nil {
		close(c.stop)
		<-c.done
	}
	_, _, err := c.Checkpoint(ctx)
	return err
}

// ErrLogDiverged means the log no longer matches its latest signed
// checkpoint: entries were changed after they were covered. No further
// checkpoint is signed until an auditor has looked (`triaged audit
// verify`), so the damage cannot be covered up by a newer signature.
var ErrLogDiverged = errors.New("the audit log no longer matches its latest signed checkpoint; run `triaged audit verify`")

// Checkpoint signs a checkpoint over every entry received so far, unless
// none arrived since the last one. It returns the checkpoint now latest
// and whether it was signed by this call.
func (c *Checkpointer) Checkpoint(ctx context.Context) (*StoredCheckpoint, bool, error) {
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
		last, err := Latest(ctx, tx)
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
		last, err := Latest(ctx, c.db)
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
func (c *Checkpointer) signingTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if c.Elect == nil {
		return storage.WithTx(ctx, c.db, fn)
	}
	return c.Elect.Do(ctx, func(conn *sql.Conn) error {
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
func (c *Checkpointer) load(ctx context.Context) (*audit.Tree, error) {
	tx, err := c.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	last, err := Latest(ctx, tx)
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
func appendLeaves(ctx context.Context, q storage.Querier, tree *audit.Tree) error {
	return streamLeaves(ctx, q, tree.Size(), func(gseq int64, hash string) error {
		tree.Append(audit.LeafHash(hash))
		return nil
	})
}

// WritePublicKey publishes the checkpoint public key in the data folder
// and returns its text form. The key is public, but like every file in the
// data folder it is 0600: the folder is private, and the operator copies
// the key out to the auditor.
func WritePublicKey(dir string, pub ed25519.PublicKey) (string, error) {
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

// PublicKey is the key the checkpoints are signed with, in its text form.
func (c *Checkpointer) PublicKey() string {
	return audit.EncodePublicKey(c.priv.Public().(ed25519.PublicKey))
}
