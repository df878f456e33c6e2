package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/device"
	"github.com/clinicwa/triage/store/seal"
)

// The console is a device: an Ed25519 key pair made at its first start.
// Its id (store/device.ID of the public key) is the console's id and so
// its audit chain's id: the clinic server accepts that chain only in
// batches signed with this key. The private key is sealed with the
// console's own keys (OpenConsoleKeys), so its custody is theirs: the OS
// keyring, or the passphrase fallback.

// ErrNoDeviceKey means this console cannot sign: its store predates
// device keys, or its device key was lost (the console's keys never
// opened before it was last closed). Its unsynced audit entries stay in
// the store for `triage audit verify`; a new data folder makes a new
// device.
var ErrNoDeviceKey = errors.New("this console has no usable device key, so the clinic server cannot accept its audit trail; keep this data folder for your administrator and start the console with a new one (--data)")

// deviceSealBind is the column name bound into the sealed private key.
const deviceSealBind = "private"

// newDevice makes a key pair and records its public half; the private
// half stays in memory until sealDevice keeps it.
func (c *Console) newDevice(ctx context.Context, q interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) (string, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", err
	}
	id := device.ID(pub)
	if _, err := q.ExecContext(ctx, `INSERT INTO device (id, public_key, created_at) VALUES (?, ?, ?)`,
		id, []byte(pub), time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return "", err
	}
	c.devicePriv = priv
	return id, nil
}

// openDevice is called by OpenConsole once the id is known. A device
// whose private key was never sealed and whose store has recorded
// nothing yet (a first start that stopped before its keys opened) is made
// again: nothing is bound to it.
func (c *Console) openDevice(ctx context.Context) error {
	var sealed []byte
	err := c.db.QueryRowContext(ctx, `SELECT private_sealed FROM device WHERE id = ?`, c.id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // a store made before device keys: see ErrNoDeviceKey
	}
	if err != nil || sealed != nil || c.devicePriv != nil {
		return err
	}
	var entries, keys int
	if err := c.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM audit), (SELECT COUNT(*) FROM keys)`).Scan(&entries, &keys); err != nil {
		return err
	}
	if entries > 0 || keys > 0 {
		return nil // lost: see ErrNoDeviceKey
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM device`); err != nil {
		return err
	}
	id, err := c.newDevice(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'console_id'`, id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		c.devicePriv = nil
		return err
	}
	c.id = id
	return nil
}

// sealDevice keeps the device's private key sealed with keys (first open)
// or opens the sealed one (later starts).
func (c *Console) sealDevice(ctx context.Context, keys *seal.Keys) error {
	var (
		pub    []byte
		sealed []byte
	)
	err := c.db.QueryRowContext(ctx, `SELECT public_key, private_sealed FROM device WHERE id = ?`, c.id).Scan(&pub, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if sealed == nil {
		if c.devicePriv == nil {
			return nil // lost before it was kept: see ErrNoDeviceKey
		}
		env, err := keys.Seal("device", deviceSealBind, c.id, c.devicePriv.Seed())
		if err != nil {
			return err
		}
		_, err = c.db.ExecContext(ctx, `UPDATE device SET private_sealed = ? WHERE id = ? AND private_sealed IS NULL`, env, c.id)
		return err
	}
	seed, err := keys.Open("device", deviceSealBind, c.id, sealed)
	if err != nil {
		return fmt.Errorf("console device key: %w", err)
	}
	if len(seed) != ed25519.SeedSize {
		return errors.New("console device key: the sealed key is not an Ed25519 seed")
	}
	priv := ed25519.NewKeyFromSeed(seed)
	if !bytes.Equal(priv.Public().(ed25519.PublicKey), pub) || device.ID(pub) != c.id {
		return errors.New("console device key: the sealed key does not match this console's device id")
	}
	c.mu.Lock()
	c.devicePriv = priv
	c.mu.Unlock()
	return nil
}

// DeviceID is the console's device id ("" for a store made before device
// keys).
func (c *Console) DeviceID() string {
	if device.LooksLikeID(c.id) {
		return c.id
	}
	return ""
}

// DevicePublicKey is the device's public key as `triage device` prints it
// for an admin to register; "" without a device.
func (c *Console) DevicePublicKey(ctx context.Context) (string, error) {
	var pub []byte
	err := c.db.QueryRowContext(ctx, `SELECT public_key FROM device WHERE id = ?`, c.id).Scan(&pub)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return device.EncodePublicKey(pub), nil
}

// DeviceKeyKept reports whether the device's private key is sealed in the
// store, so it survives this run. Without it, the console's trail cannot
// be uploaded after a restart.
func (c *Console) DeviceKeyKept(ctx context.Context) (bool, error) {
	var sealed []byte
	err := c.db.QueryRowContext(ctx, `SELECT private_sealed FROM device WHERE id = ?`, c.id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return sealed != nil, err
}

// signInProof is the device part of a sign-in, or nil when the console
// cannot sign.
func (c *Console) signInProof(username string) *api.DeviceProof {
	c.mu.Lock()
	priv := c.devicePriv
	c.mu.Unlock()
	if priv == nil || !device.LooksLikeID(c.id) {
		return nil
	}
	p := device.SignIn(priv, username)
	return &p
}

// signBatch signs an audit batch with the device key.
func (c *Console) signBatch(b *api.AuditBatch) error {
	c.mu.Lock()
	priv := c.devicePriv
	c.mu.Unlock()
	if priv == nil || !device.LooksLikeID(c.id) {
		return ErrNoDeviceKey
	}
	device.SignBatch(priv, b)
	return nil
}
