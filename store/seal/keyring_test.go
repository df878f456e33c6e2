package seal

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"testing"

	"github.com/zalando/go-keyring"
)

// requireKeyring returns when a real Secret Service (or Keychain, or
// Credential Manager) answers a Set/Get/Delete probe. Otherwise it skips,
// or fails when TRIAGE_REQUIRE_KEYRING=1 (make test runs the suite inside a
// private D-Bus session with gnome-keyring; see .ci/with-keyring in the repository).
func requireKeyring(t *testing.T) {
	t.Helper()
	miss := t.Skipf
	if os.Getenv("TRIAGE_REQUIRE_KEYRING") == "1" {
		miss = t.Fatalf
	}
	if err := sessionBusCheck(); err != nil {
		miss("OS keyring tests need a Secret Service: %v (run under .ci/with-keyring)", err)
		return
	}
	ring := OSKeyring{}
	account := "probe-" + randomHex(8)
	if err := ring.Set("triage-console-test", account, "probe"); err != nil {
		miss("OS keyring not usable (Set): %v", err)
		return
	}
	v, err := ring.Get("triage-console-test", account)
	if err != nil || v != "probe" {
		miss("OS keyring not usable (Get): %q, %v", v, err)
		return
	}
	if err := ring.Delete("triage-console-test", account); err != nil {
		miss("OS keyring not usable (Delete): %v", err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func TestOSKeyringCustody(t *testing.T) {
	requireKeyring(t)
	ctx := context.Background()
	dir := t.TempDir()
	cfg := Config{
		Service:  "triage-console-test",
		StoreID:  "store-" + randomHex(8),
		KeyStore: SQLKeyStore(openDB(t, dir+"/console.db"), "keys"),
	}
	t.Cleanup(func() { keyring.Delete(cfg.Service, cfg.StoreID) })

	k, src := mustOpen(t, cfg)
	if src.Kind != KEKKeyring || !src.Created || src.Warning != "" {
		t.Fatalf("source = %+v", src)
	}
	// The KEK really is in the OS keyring, as base64 of 32 bytes.
	v, err := keyring.Get(cfg.Service, cfg.StoreID)
	if err != nil {
		t.Fatalf("keyring entry: %v", err)
	}
	if raw, err := base64.StdEncoding.DecodeString(v); err != nil || len(raw) != 32 {
		t.Fatalf("keyring entry is not a 32-byte key")
	}
	env, _ := k.SealString("messages", "body", "1", "insulin dose question")

	k2, src2 := mustOpen(t, cfg)
	if src2.Created {
		t.Fatal("reopen made new keys")
	}
	if got, err := k2.OpenString("messages", "body", "1", env); err != nil || got != "insulin dose question" {
		t.Fatalf("reopen: %q, %v", got, err)
	}
	if _, err := k2.Rotate(ctx); err != nil {
		t.Fatal(err)
	}

	// Losing the keyring entry must not lead to a new key over the data.
	if err := keyring.Delete(cfg.Service, cfg.StoreID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenKeys(ctx, cfg); !errors.Is(err, ErrKeyringEntryMissing) {
		t.Fatalf("err = %v, want ErrKeyringEntryMissing", err)
	}
	if _, err := keyring.Get(cfg.Service, cfg.StoreID); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("a keyring entry was recreated: %v", err)
	}
}

func TestOSKeyringRewrapFromPassphrase(t *testing.T) {
	requireKeyring(t)
	ctx := context.Background()
	dir := t.TempDir()
	cfg := Config{
		Service:          "triage-console-test",
		StoreID:          "store-" + randomHex(8),
		KeyStore:         SQLKeyStore(openDB(t, dir+"/console.db"), "keys"),
		PassphraseFile:   writePassphrase(t, dir, "pass", "a long enough passphrase"),
		PreferPassphrase: true,
	}
	t.Cleanup(func() { keyring.Delete(cfg.Service, cfg.StoreID) })
	k, _ := mustOpen(t, cfg)
	env, _ := k.Seal("t", "c", "1", []byte("x"))
	if _, err := k.RewrapKEK(ctx, KEKKeyring, RewrapOptions{}); err != nil {
		t.Fatal(err)
	}
	cfg.PassphraseFile, cfg.PreferPassphrase = "", false
	k2, src := mustOpen(t, cfg)
	if src.Kind != KEKKeyring {
		t.Fatalf("source = %+v", src)
	}
	if _, err := k2.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}
}
