package seal

// Rotation protocol (resumable; every step leaves every value readable):
//
//  1. Rotate makes a new random data key, wraps it under every KEK kind
//     that wraps the store's keys, and saves it in the key store in one
//     transaction. The highest data key id is the current one, so the new
//     key is current from that commit on: there is no separate "rotation
//     in progress" flag to lose. Old ids stay in the key store and open.
//  2. The caller walks its sealed columns (ResealColumn, or its own loop
//     over Reseal), a batch of rows per transaction. Only values not yet
//     under the current id are rewritten, each with a compare-and-swap on
//     the old bytes, so the walk is idempotent and may stop at any point.
//  3. When CountSealedWith reports that no value uses an old id,
//     RetireKey deletes that id's wrappings: from then on its key exists
//     nowhere.
//
// After a crash, OpenKeys loads every id still in the key store;
// PendingKeyIDs lists the old ones, and the caller repeats steps 2 and 3
// (CompleteRotation does both).

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math"

	"github.com/clinicwa/triage/store/pgsql"
)

// ErrKeyInUse means RetireKey was asked to retire a key that still seals
// values, or the current key.
var ErrKeyInUse = errors.New("seal: key is still in use")

// Rotate makes a new data key current and returns its id. Values sealed
// under older ids stay readable until they are resealed and the ids
// retired; see the rotation protocol at the top of rotate.go. Every KEK
// kind that wraps the keys must be obtainable (for example the recovery
// passphrase file must be set), so no wrapping is left incomplete.
func (k *Keys) Rotate(ctx context.Context) (uint32, error) {
	c := k.custody
	if c == nil {
		return 0, errNoCustody
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	rows, err := c.cfg.KeyStore.LoadWrappedKeys(ctx)
	if err != nil {
		return 0, err
	}
	kinds, err := k.loadKEKs(ctx, rows)
	if err != nil {
		return 0, fmt.Errorf("seal: rotation of store %q needs every key source that wraps its keys: %w", c.cfg.StoreID, err)
	}
	s := k.set.Load()
	newID := s.current
	for _, w := range rows {
		if w.Purpose == PurposeData {
			newID = max(newID, w.ID)
		}
	}
	if newID == math.MaxUint32 {
		return 0, errors.New("seal: key ids exhausted")
	}
	newID++
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return 0, err
	}
	var put []WrappedKey
	for _, kind := range kinds {
		w, err := c.wrap(kind, PurposeData, newID, raw)
		if err != nil {
			return 0, err
		}
		put = append(put, w)
	}
	if err := c.cfg.KeyStore.StoreWrappedKeys(ctx, put, nil); err != nil {
		return 0, err
	}
	next := maps.Clone(s.raw)
	next[newID] = raw
	ns, err := newKeySet(next, newID)
	if err != nil {
		return 0, err
	}
	k.set.Store(ns)
	return newID, nil
}

// loadKEKs makes sure every KEK kind wrapping the index key is held,
// obtaining and checking the missing ones, and returns the kinds.
func (k *Keys) loadKEKs(ctx context.Context, rows []WrappedKey) ([]KEKKind, error) {
	c := k.custody
	var kinds []KEKKind
	for _, w := range rows {
		if w.Purpose != PurposeIndex {
			continue
		}
		kinds = append(kinds, w.KEK)
		if _, ok := c.keks[w.KEK]; ok {
			continue
		}
		kk, err := c.obtain(ctx, w.KEK, rows, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w.KEK, err)
		}
		raw, err := c.unwrap(kk, w)
		if errors.Is(err, errUnwrap) && w.KEK == KEKPassphrase {
			return nil, fmt.Errorf("%w for key store %q (file %s)", ErrWrongPassphrase, c.cfg.StoreID, kk.file)
		}
		if err != nil || !hmac.Equal(raw, k.index) {
			return nil, fmt.Errorf("%s: the key source does not open this store's keys", w.KEK)
		}
		c.keks[w.KEK] = kk
	}
	return kinds, nil
}

// Reseal returns env sealed under the current key, and whether it changed.
// A value already under the current key is returned as is (not even
// authenticated: Open does that); nil stays nil. Used while walking rows
// after Rotate.
func (k *Keys) Reseal(table, column, rowID string, env []byte) ([]byte, bool, error) {
	if env == nil {
		return nil, false, nil
	}
	id, err := KeyID(env)
	if err != nil {
		return nil, false, err
	}
	if id == k.CurrentKeyID() {
		return env, false, nil
	}
	pt, err := k.Open(table, column, rowID, env)
	if err != nil {
		return nil, false, err
	}
	out, err := k.Seal(table, column, rowID, pt)
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// UsageCounter counts the values still sealed under key id, across every
// sealed column of the store.
type UsageCounter func(ctx context.Context, id uint32) (int64, error)

// RetireKey deletes data key id from the key store once inUse reports that
// no value is sealed under it. The current key cannot be retired.
func (k *Keys) RetireKey(ctx context.Context, id uint32, inUse UsageCounter) error {
	c := k.custody
	if c == nil {
		return errNoCustody
	}
	if inUse == nil {
		return errors.New("seal: RetireKey needs a usage counter")
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s := k.set.Load()
	if id == s.current {
		return fmt.Errorf("%w: key %d is the current key; rotate first", ErrKeyInUse, id)
	}
	if _, ok := s.raw[id]; !ok {
		return fmt.Errorf("%w (key id %d)", ErrUnknownKey, id)
	}
	n, err := inUse(ctx, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%w: key %d still seals %d values; reseal them first", ErrKeyInUse, id, n)
	}
	rows, err := c.cfg.KeyStore.LoadWrappedKeys(ctx)
	if err != nil {
		return err
	}
	var drop []WrappedKeyID
	for _, w := range rows {
		if w.Purpose == PurposeData && w.ID == id {
			drop = append(drop, w.WrappedKeyID)
		}
	}
	if err := c.cfg.KeyStore.StoreWrappedKeys(ctx, nil, drop); err != nil {
		return err
	}
	next := maps.Clone(s.raw)
	delete(next, id)
	ns, err := newKeySet(next, s.current)
	if err != nil {
		return err
	}
	k.set.Store(ns)
	return nil
}

// RewrapOptions tunes RewrapKEK.
type RewrapOptions struct {
	// PassphraseFile is the passphrase for a move to KEKPassphrase;
	// empty means Config.PassphraseFile. A new salt is drawn every time,
	// so this also changes the passphrase.
	PassphraseFile string
	// KeepOthers keeps the wrappings under the other KEK kinds (for
	// example the keyring as primary with a passphrase as recovery).
	// Without it they are deleted, and so is a keyring entry no longer
	// used.
	KeepOthers bool
}

// RewrapKEK wraps every key of the store under a KEK of kind to, replacing
// any earlier wrapping of that kind: moving from the passphrase to the
// keyring once one is available, restoring a lost keyring entry after
// opening with the recovery passphrase, adding or changing the recovery
// passphrase. The data keys themselves do not change, so no value needs
// resealing. It refuses to move to a demo key.
func (k *Keys) RewrapKEK(ctx context.Context, to KEKKind, opt RewrapOptions) (Source, error) {
	c := k.custody
	if c == nil {
		return Source{}, errNoCustody
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	var nk kek
	var err error
	switch to {
	case KEKKeyring:
		nk, err = c.keyringKEK(ctx, true)
	case KEKPassphrase:
		path := opt.PassphraseFile
		if path == "" {
			path = c.cfg.PassphraseFile
		}
		nk, err = c.passphraseKEK(path, nil, true)
	default:
		return Source{}, fmt.Errorf("seal: cannot rewrap to %q", to)
	}
	if err != nil {
		return Source{}, err
	}
	rows, err := c.cfg.KeyStore.LoadWrappedKeys(ctx)
	if err != nil {
		return Source{}, err
	}
	keks := maps.Clone(c.keks)
	keks[to] = nk
	tmp := &custody{cfg: c.cfg, ring: c.ring, keks: keks}
	s := k.set.Load()
	put := make([]WrappedKey, 0, len(s.raw)+1)
	w, err := tmp.wrap(to, PurposeIndex, 1, k.index)
	if err != nil {
		return Source{}, err
	}
	put = append(put, w)
	for id, raw := range s.raw {
		w, err := tmp.wrap(to, PurposeData, id, raw)
		if err != nil {
			return Source{}, err
		}
		put = append(put, w)
	}
	var drop []WrappedKeyID
	dropKeyring := false
	for _, w := range rows {
		keep := w.KEK != to && opt.KeepOthers
		if w.KEK == to {
			keep = w.Purpose == PurposeIndex || s.raw[w.ID] != nil // replaced by put
		}
		if !keep {
			drop = append(drop, w.WrappedKeyID)
			if w.KEK == KEKKeyring {
				dropKeyring = true
			}
		}
	}
	if err := c.cfg.KeyStore.StoreWrappedKeys(ctx, put, drop); err != nil {
		return Source{}, err
	}
	if !opt.KeepOthers {
		for kind := range keks {
			if kind != to {
				delete(keks, kind)
			}
		}
	}
	c.keks = keks
	if to == KEKPassphrase {
		c.cfg.PassphraseFile = nk.file
	}
	var notes []string
	if dropKeyring {
		if _, err := c.ringCall(ctx, func() (string, error) { return "", c.ring.Delete(c.cfg.Service, c.cfg.StoreID) }); err != nil {
			notes = append(notes, fmt.Sprintf("the keyring entry (service %q, account %q) is no longer used but could not be deleted: %v", c.cfg.Service, c.cfg.StoreID, err))
		}
	}
	return c.source(to, notes), nil
}

// Column names a sealed column of an SQLite table for ResealColumn and
// CountSealedWith. RowID is the column whose text value was passed as
// rowID to Seal; empty means the table's rowid. Bind is the column name
// that was passed to Seal, when it differs from the SQL column (a store
// that seals "body" into the column body_sealed); empty means Column.
type Column struct {
	Table, Column, RowID string
	Bind                 string
}

// binding is the column name bound into the seal.
func (col Column) binding() string {
	if col.Bind != "" {
		return col.Bind
	}
	return col.Column
}

func (col Column) check() error {
	if err := checkIdent("table", col.Table); err != nil {
		return err
	}
	if err := checkIdent("column", col.Column); err != nil {
		return err
	}
	if col.RowID != "" {
		return checkIdent("row id column", col.RowID)
	}
	return nil
}

// ResealColumn reseals every value of col not under the current key,
// batch rows per transaction, and returns how many it rewrote. Each update
// only applies if the value is unchanged since it was read, so concurrent
// writers are never overwritten; running it again after an interruption
// continues the work. The table must have a rowid (not WITHOUT ROWID).
func ResealColumn(ctx context.Context, db *sql.DB, k *Keys, col Column, batch int) (int, error) {
	if err := col.check(); err != nil {
		return 0, err
	}
	if batch <= 0 {
		batch = 500
	}
	rowIDExpr := "rowid"
	if col.RowID != "" {
		rowIDExpr = col.RowID
	}
	// The walk's key: SQLite's rowid; PostgreSQL has none, so there the
	// row id column, as text (its order is only the walk's own, the same
	// expression both orders and resumes).
	key := "rowid"
	var cursor any = int64(0)
	if pgsql.IsPostgres(db) {
		if col.RowID == "" {
			return 0, fmt.Errorf("seal: reseal %s.%s: PostgreSQL needs the column's row id", col.Table, col.Column)
		}
		key, cursor = "CAST("+col.RowID+" AS TEXT)", ""
	}
	sel := fmt.Sprintf(`SELECT %s, CAST(%s AS TEXT), %s FROM %s WHERE %s > ? AND %s IS NOT NULL AND substr(%s, 1, 5) <> ? ORDER BY %s LIMIT ?`,
		key, rowIDExpr, col.Column, col.Table, key, col.Column, col.Column, key)
	upd := fmt.Sprintf(`UPDATE %s SET %s = ? WHERE %s = ? AND %s = ?`, col.Table, col.Column, key, col.Column)
	type item struct {
		rowid    any
		id       string
		old, new []byte
	}
	total := 0
	for {
		prefix := KeyIDPrefix(k.CurrentKeyID())
		rows, err := db.QueryContext(ctx, sel, cursor, prefix, batch)
		if err != nil {
			return total, fmt.Errorf("seal: reseal %s.%s: %w", col.Table, col.Column, err)
		}
		var items []item
		for rows.Next() {
			var it item
			if _, ok := cursor.(string); ok {
				var k string
				err = rows.Scan(&k, &it.id, &it.old)
				it.rowid = k
			} else {
				var k int64
				err = rows.Scan(&k, &it.id, &it.old)
				it.rowid = k
			}
			if err != nil {
				rows.Close()
				return total, fmt.Errorf("seal: reseal %s.%s: %w", col.Table, col.Column, err)
			}
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("seal: reseal %s.%s: %w", col.Table, col.Column, err)
		}
		if len(items) == 0 {
			return total, nil
		}
		for i := range items {
			nv, _, err := k.Reseal(col.Table, col.binding(), items[i].id, items[i].old)
			if err != nil {
				return total, fmt.Errorf("seal: reseal %s.%s row %s: %w", col.Table, col.Column, items[i].id, err)
			}
			items[i].new = nv
		}
		n, err := applyReseal(ctx, db, upd, items, func(it item) []any { return []any{it.new, it.rowid, it.old} })
		total += n
		if err != nil {
			return total, fmt.Errorf("seal: reseal %s.%s: %w", col.Table, col.Column, err)
		}
		cursor = items[len(items)-1].rowid
		if len(items) < batch {
			return total, nil
		}
	}
}

func applyReseal[T any](ctx context.Context, db *sql.DB, upd string, items []T, args func(T) []any) (n int, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			n = 0
		}
	}()
	stmt, err := tx.PrepareContext(ctx, upd)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for _, it := range items {
		res, err := stmt.ExecContext(ctx, args(it)...)
		if err != nil {
			return 0, err
		}
		c, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		n += int(c)
	}
	return n, tx.Commit()
}

// CountSealedWith counts the values in cols sealed under key id, using
// the envelope header (no decryption). Suitable, closed over db and cols,
// as RetireKey's UsageCounter.
func CountSealedWith(ctx context.Context, db *sql.DB, id uint32, cols ...Column) (int64, error) {
	var total int64
	for _, col := range cols {
		if err := col.check(); err != nil {
			return 0, err
		}
		var n int64
		q := fmt.Sprintf(`SELECT count(*) FROM %s WHERE substr(%s, 1, 5) = ?`, col.Table, col.Column)
		if err := db.QueryRowContext(ctx, q, KeyIDPrefix(id)).Scan(&n); err != nil {
			return 0, fmt.Errorf("seal: count %s.%s: %w", col.Table, col.Column, err)
		}
		total += n
	}
	return total, nil
}

// CompleteRotation finishes (or resumes) a rotation for a store whose
// sealed columns are cols: it reseals every column under the current key,
// then retires each pending key id that no value uses any more. It returns
// how many values it rewrote. Calling it with nothing pending is cheap
// apart from the scan.
func (k *Keys) CompleteRotation(ctx context.Context, db *sql.DB, cols []Column, batch int) (int, error) {
	total := 0
	for _, col := range cols {
		n, err := ResealColumn(ctx, db, k, col, batch)
		total += n
		if err != nil {
			return total, err
		}
	}
	counter := func(ctx context.Context, id uint32) (int64, error) { return CountSealedWith(ctx, db, id, cols...) }
	for _, id := range k.PendingKeyIDs() {
		if err := k.RetireKey(ctx, id, counter); err != nil {
			return total, err
		}
	}
	return total, nil
}
