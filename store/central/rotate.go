package central

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/seal"
)

// KeyCustody is how a maintenance command opens triaged.db's keys: the
// same sources, in the same order, as the serving triaged.
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

// keyStore is triaged.db opened for key maintenance: locked against a
// running server, with its keys open.
type keyStore struct {
	db     *sql.DB
	keys   *seal.Keys
	source seal.Source
	lock   *DataLock
}

// openKeyStore locks dataDir, opens its existing triaged.db and the keys.
// It refuses a folder without a database: key maintenance never creates
// a store.
func openKeyStore(ctx context.Context, dataDir string, kc KeyCustody) (*keyStore, error) {
	if kc.DatabaseURL == "" && databaseURLFor == nil {
		path := filepath.Join(dataDir, DBFileName)
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("central: no store at %s: %w", path, err)
		}
	}
	// On PostgreSQL the lock keeps out this folder's server only; a
	// rotation must not run beside any node (README: PostgreSQL).
	lock, err := LockDataDir(dataDir)
	if err != nil {
		return nil, err
	}
	db, _, err := openExisting(ctx, dataDir, kc.DatabaseURL)
	if err != nil {
		lock.Release()
		return nil, err
	}
	ks := &keyStore{db: db, lock: lock}
	id, err := storeID(ctx, db)
	if err != nil {
		ks.close()
		return nil, err
	}
	ks.keys, ks.source, err = seal.OpenKeys(ctx, seal.Config{
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
		ks.close()
		return nil, fmt.Errorf("central: open keys: %w", err)
	}
	return ks, nil
}

func (ks *keyStore) close() error {
	err := ks.db.Close()
	if lerr := ks.lock.Release(); err == nil {
		err = lerr
	}
	return err
}

// RotateOptions tunes RotateKeys.
type RotateOptions struct {
	// BatchSize is how many rows are resealed per transaction (500 when
	// zero). Smaller batches hold the write lock for less time.
	BatchSize int
	// Now is the clock for the audit entries (time.Now when nil).
	Now func() time.Time
	// UserID is who ran the rotation, as recorded in the audit chain
	// (maintenance.OperatorID() when empty).
	UserID string
}

// RotateReport says what a rotation did. It holds key ids and counts,
// never key material.
type RotateReport struct {
	// Source is how the keys were opened.
	Source seal.Source
	// Resumed is true when an unfinished rotation was completed instead
	// of a new key being made.
	Resumed bool
	// KeyID is the current data key after the run.
	KeyID uint32
	// Resealed counts values rewritten, per "table.column".
	Resealed map[string]int
	// Retired lists the old key ids deleted from the key store.
	Retired []uint32
}

// Total is the number of values resealed.
func (r RotateReport) Total() int {
	n := 0
	for _, v := range r.Resealed {
		n += v
	}
	return n
}

// RotateKeys rotates the data key of the store in dataDir and reseals
// every sealed column (SealedColumns) under it, then retires the old keys.
// triaged must not be running (the data folder's lock is taken): a server
// holding the old key set would keep sealing with a key about to be
// retired.
//
// It is resumable. If a previous run stopped part-way (killed, power
// lost), the store still holds the old key ids; RotateKeys then finishes
// that rotation instead of starting another. Each step is recorded in the
// server's audit chain ("keys.rotate": started or resumed, then ok), with
// key ids and counts only.
func RotateKeys(ctx context.Context, dataDir string, kc KeyCustody, opt RotateOptions) (RotateReport, error) {
	ks, err := openKeyStore(ctx, dataDir, kc)
	if err != nil {
		return RotateReport{}, err
	}
	defer ks.close()
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.UserID == "" {
		opt.UserID = maintenance.OperatorID()
	}
	rep := RotateReport{Source: ks.source, Resealed: map[string]int{}}
	rec := func(outcome string, detail map[string]string) error {
		return storage.WithTx(ctx, ks.db, func(tx *sql.Tx) error {
			return appendServerAudit(ctx, tx, opt.Now().UTC(), auditRecord{UserID: opt.UserID,
				Action: "keys.rotate", Object: "store", Outcome: outcome, Detail: detail})
		})
	}
	if pending := ks.keys.PendingKeyIDs(); len(pending) > 0 {
		rep.Resumed = true
		if err := rec("resumed", map[string]string{"key_id": u32(ks.keys.CurrentKeyID()), "pending": joinIDs(pending)}); err != nil {
			return rep, err
		}
	} else {
		old := ks.keys.CurrentKeyID()
		id, err := ks.keys.Rotate(ctx)
		if err != nil {
			return rep, fmt.Errorf("central: rotate: %w", err)
		}
		if err := rec("started", map[string]string{"key_id": u32(id), "previous_key_id": u32(old), "kek": string(ks.source.Kind)}); err != nil {
			return rep, err
		}
	}
	rep.KeyID = ks.keys.CurrentKeyID()
	cols := SealedColumns()
	for _, col := range cols {
		n, err := seal.ResealColumn(ctx, ks.db, ks.keys, col, opt.BatchSize)
		rep.Resealed[col.Table+"."+col.Column] += n
		if err != nil {
			return rep, fmt.Errorf("central: rotation stopped; run it again to resume: %w", err)
		}
	}
	counter := func(ctx context.Context, id uint32) (int64, error) {
		return seal.CountSealedWith(ctx, ks.db, id, cols...)
	}
	for _, id := range ks.keys.PendingKeyIDs() {
		if err := ks.keys.RetireKey(ctx, id, counter); err != nil {
			return rep, fmt.Errorf("central: retire key %d: %w", id, err)
		}
		rep.Retired = append(rep.Retired, id)
	}
	err = rec("ok", map[string]string{"key_id": u32(rep.KeyID), "resealed": strconv.Itoa(rep.Total()), "retired": joinIDs(rep.Retired)})
	return rep, err
}

// RewrapKeys wraps the store's keys under a new key-encryption key of kind
// to (seal.KEKKeyring or seal.KEKPassphrase) without changing any value:
// moving from the passphrase into a keyring that has become available,
// restoring a lost keyring entry after opening with the recovery
// passphrase, or changing the passphrase (passFile, default the custody
// passphrase file). With keepOthers the other wrappings stay (for example
// a keyring entry with a passphrase as recovery). triaged must not be
// running. The change is recorded in the server's audit chain
// ("keys.rewrap").
func RewrapKeys(ctx context.Context, dataDir string, kc KeyCustody, to seal.KEKKind, passFile string, keepOthers bool, now func() time.Time) (seal.Source, error) {
	ks, err := openKeyStore(ctx, dataDir, kc)
	if err != nil {
		return seal.Source{}, err
	}
	defer ks.close()
	if now == nil {
		now = time.Now
	}
	from := ks.source.Kind
	src, err := ks.keys.RewrapKEK(ctx, to, seal.RewrapOptions{PassphraseFile: passFile, KeepOthers: keepOthers})
	if err != nil {
		return src, fmt.Errorf("central: rewrap: %w", err)
	}
	kinds := []string{string(src.Kind)}
	for _, r := range src.Recovery {
		kinds = append(kinds, string(r))
	}
	err = storage.WithTx(ctx, ks.db, func(tx *sql.Tx) error {
		return appendServerAudit(ctx, tx, now().UTC(), auditRecord{UserID: maintenance.OperatorID(),
			Action: "keys.rewrap", Object: "store", Outcome: "ok",
			Detail: map[string]string{"from": string(from), "to": string(to), "wrapped_by": strings.Join(kinds, ",")}})
	})
	return src, err
}

// appendServerAudit appends rec to the server's own chain inside q, for
// maintenance run without a Server (rotation, the vendor register).
func appendServerAudit(ctx context.Context, q Querier, now time.Time, rec auditRecord) error {
	return auditlog.AppendServer(ctx, q, now, api.AuditEntry{UserID: rec.UserID, Role: rec.Role,
		Action: rec.Action, Object: rec.Object, Outcome: rec.Outcome, Detail: rec.Detail})
}

func u32(id uint32) string { return strconv.FormatUint(uint64(id), 10) }

func joinIDs(ids []uint32) string {
	s := make([]string, len(ids))
	for i, id := range slices.Sorted(slices.Values(ids)) {
		s[i] = u32(id)
	}
	return strings.Join(s, ",")
}
