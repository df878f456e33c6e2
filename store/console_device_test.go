package store

import (
	"context"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"testing"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/device"
)

// TestConsoleDeviceKeySurvivesRestart: a new console is a device whose id
// is derived from its public key; its private key is sealed by the
// console's keys and signs the same way after a restart.
func TestConsoleDeviceKeySurvivesRestart(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "console")
	c := openDraftConsole(t, dir)
	id := c.ID()
	pubText, err := c.DevicePublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := device.ParsePublicKey(pubText)
	if err != nil || device.ID(pub) != id || c.DeviceID() != id {
		t.Fatalf("console id %q is not the device id of its key %q (%v)", id, pubText, err)
	}
	if kept, err := c.DeviceKeyKept(ctx); err != nil || !kept {
		t.Fatalf("device key kept = %v, %v", kept, err)
	}
	c.Close()

	c = openDraftConsole(t, dir)
	defer c.Close()
	if c.ID() != id {
		t.Fatalf("the console's id changed across a restart: %s → %s", id, c.ID())
	}
	p := c.signInProof("nurse")
	if p == nil {
		t.Fatal("the restarted console cannot sign")
	}
	if got, err := device.CheckSignIn(*p, "nurse"); err != nil || !got.Equal(ed25519.PublicKey(pub)) {
		t.Fatalf("sign-in proof after restart: %v", err)
	}
	e, err := c.Append(ctx, Actor{UserID: "system"}, "keys.open", "store", "ok", nil)
	if err != nil {
		t.Fatal(err)
	}
	b := api.AuditBatch{Entries: []api.AuditEntry{e}}
	if err := c.signBatch(&b); err != nil || !device.Verify(pub, device.BatchMessage(b.DeviceID, b.Entries), b.Signature) {
		t.Fatalf("batch signature after restart: %v", err)
	}
}

// TestConsoleWithoutKeptDeviceKeyCannotSign: a console that recorded
// entries but never kept its device key (its keys never opened) cannot
// sign after a restart, and says what to do; it never makes a new key
// under the same chain.
func TestConsoleWithoutKeptDeviceKeyCannotSign(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c, err := OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := c.ID()
	if _, err := c.Append(ctx, Actor{UserID: "unauthenticated"}, "login", "", "refused", nil); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c, err = OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.ID() != id {
		t.Fatal("a console with entries got a new device id")
	}
	if c.signInProof("desk") != nil {
		t.Fatal("a console without its device key made a sign-in proof")
	}
	if err := c.signBatch(&api.AuditBatch{}); !errors.Is(err, ErrNoDeviceKey) {
		t.Fatalf("signing without the key: %v", err)
	}
	if kept, _ := c.DeviceKeyKept(ctx); kept {
		t.Fatal("device key reported kept")
	}
}

// TestFirstStartStoppedBeforeKeysMakesANewDevice: a first start that
// stopped before the console's keys opened left nothing bound to its
// device, so the next start makes a new one rather than a console that
// can never sign.
func TestFirstStartStoppedBeforeKeysMakesANewDevice(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "console")
	c, err := OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := c.ID()
	c.Close()
	c = openDraftConsole(t, dir)
	defer c.Close()
	if c.ID() == first || !device.LooksLikeID(c.ID()) {
		t.Fatalf("ids %s then %s", first, c.ID())
	}
	if kept, err := c.DeviceKeyKept(ctx); err != nil || !kept {
		t.Fatalf("device key kept = %v, %v", kept, err)
	}
}
