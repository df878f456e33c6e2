package maintenance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/seal"
)

// KeyedStore is the central store as package central hands it over for
// key maintenance: locked against every serving triaged (the data
// folder's lock, and on PostgreSQL the lock every serving node shares),
// with its keys open.
type KeyedStore struct {
	DB     *sql.DB
	Keys   *seal.Keys
	Source seal.Source // how Keys were opened
	// Sealed is every column of the store holding a sealed value
	// (central.SealedColumns): rotation reseals exactly these and retires
	// an old key only when none of them still uses it.
	Sealed []seal.Column
}

func (ks KeyedStore) check() error {
	if ks.DB == nil || ks.Keys == nil {
		return errors.New("maintenance: the store and its keys must be open")
	}
	if len(ks.Sealed) == 0 {
		return errors.New("maintenance: no sealed columns named: a rotation would retire keys still in use")
	}
	return nil
}

// RotateOptions tunes RotateKeys.
type RotateOptions struct {
	// BatchSize is how many rows are resealed per transaction (500 when
	// zero). Smaller batches hold the write lock for less time.
	BatchSize int
	// Now is the clock for the audit entries (time.Now when nil).
	Now func() time.Time
	// UserID is who ran the rotation, as recorded in the audit chain
	// (OperatorID() when empty).
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

// RotateKeys makes a new data key current, reseals every column of
// ks.Sealed under it, then retires the old keys. The blind-index key is
// not rotated (seal.PurposeIndex): every index would change at once.
//
// It is resumable. If a previous run stopped part-way (killed, power
// lost), the store still holds the old key ids; RotateKeys then finishes
// that rotation instead of starting another. Each step is recorded in the
// server's audit chain ("keys.rotate": started or resumed, then ok), with
// key ids and counts only.
func RotateKeys(ctx context.Context, ks KeyedStore, opt RotateOptions) (RotateReport, error) {
	if err := ks.check(); err != nil {
		return RotateReport{}, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.UserID == "" {
		opt.UserID = OperatorID()
	}
	rep := RotateReport{Source: ks.Source, Resealed: map[string]int{}}
	rec := func(outcome string, detail map[string]string) error {
		return appendKeysAudit(ctx, ks.DB, opt.Now(), opt.UserID, "keys.rotate", outcome, detail)
	}
	if pending := ks.Keys.PendingKeyIDs(); len(pending) > 0 {
		rep.Resumed = true
		if err := rec("resumed", map[string]string{"key_id": u32(ks.Keys.CurrentKeyID()), "pending": joinIDs(pending)}); err != nil {
			return rep, err
		}
	} else {
		old := ks.Keys.CurrentKeyID()
		id, err := ks.Keys.Rotate(ctx)
		if err != nil {
			return rep, fmt.Errorf("central: rotate: %w", err)
		}
		if err := rec("started", map[string]string{"key_id": u32(id), "previous_key_id": u32(old), "kek": string(ks.Source.Kind)}); err != nil {
			return rep, err
		}
	}
	rep.KeyID = ks.Keys.CurrentKeyID()
	for _, col := range ks.Sealed {
		n, err := seal.ResealColumn(ctx, ks.DB, ks.Keys, col, opt.BatchSize)
		rep.Resealed[col.Table+"."+col.Column] += n
		if err != nil {
			return rep, fmt.Errorf("central: rotation stopped; run it again to resume: %w", err)
		}
	}
	counter := func(ctx context.Context, id uint32) (int64, error) {
		return seal.CountSealedWith(ctx, ks.DB, id, ks.Sealed...)
	}
	for _, id := range ks.Keys.PendingKeyIDs() {
		if err := ks.Keys.RetireKey(ctx, id, counter); err != nil {
			return rep, fmt.Errorf("central: retire key %d: %w", id, err)
		}
		rep.Retired = append(rep.Retired, id)
	}
	err := rec("ok", map[string]string{"key_id": u32(rep.KeyID), "resealed": strconv.Itoa(rep.Total()), "retired": joinIDs(rep.Retired)})
	return rep, err
}

// RewrapOptions tunes RewrapKeys.
type RewrapOptions struct {
	// PassphraseFile is the new passphrase for a move to (or a change of)
	// the passphrase; empty means the passphrase the keys were opened with.
	PassphraseFile string
	// KeepOthers keeps the other wrappings (for example a keyring entry
	// with a passphrase as recovery).
	KeepOthers bool
	// Now is the clock for the audit entry (time.Now when nil).
	Now func() time.Time
	// UserID is who ran it, for the audit chain (OperatorID() when empty).
	UserID string
}

// RewrapKeys wraps the store's keys under a new key-encryption key of
// kind to (seal.KEKKeyring or seal.KEKPassphrase) without changing any
// value: moving from the passphrase into a keyring that has become
// available, restoring a lost keyring entry after opening with the
// recovery passphrase, or changing the passphrase. The change is recorded
// in the server's audit chain ("keys.rewrap").
func RewrapKeys(ctx context.Context, ks KeyedStore, to seal.KEKKind, opt RewrapOptions) (seal.Source, error) {
	if ks.DB == nil || ks.Keys == nil {
		return seal.Source{}, errors.New("maintenance: the store and its keys must be open")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.UserID == "" {
		opt.UserID = OperatorID()
	}
	from := ks.Source.Kind
	src, err := ks.Keys.RewrapKEK(ctx, to, seal.RewrapOptions{PassphraseFile: opt.PassphraseFile, KeepOthers: opt.KeepOthers})
	if err != nil {
		return src, fmt.Errorf("central: rewrap: %w", err)
	}
	kinds := []string{string(src.Kind)}
	for _, r := range src.Recovery {
		kinds = append(kinds, string(r))
	}
	err = appendKeysAudit(ctx, ks.DB, opt.Now(), opt.UserID, "keys.rewrap", "ok",
		map[string]string{"from": string(from), "to": string(to), "wrapped_by": strings.Join(kinds, ",")})
	return src, err
}

// appendKeysAudit records a step of key maintenance in the server's
// chain, in a transaction of its own: a step is done once its entry is.
func appendKeysAudit(ctx context.Context, db *sql.DB, now time.Time, userID, action, outcome string, detail map[string]string) error {
	return storage.WithTx(ctx, db, func(tx *sql.Tx) error {
		return auditlog.AppendServer(ctx, tx, now.UTC(), api.AuditEntry{UserID: userID,
			Action: action, Object: "store", Outcome: outcome, Detail: detail})
	})
}

func u32(id uint32) string { return strconv.FormatUint(uint64(id), 10) }

func joinIDs(ids []uint32) string {
	s := make([]string, len(ids))
	for i, id := range slices.Sorted(slices.Values(ids)) {
		s[i] = u32(id)
	}
	return strings.Join(s, ",")
}
