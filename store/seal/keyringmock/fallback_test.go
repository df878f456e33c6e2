// Package keyringmock_test drives seal.OpenKeys through go-keyring's own
// mock providers. They replace go-keyring's process-wide provider for
// good, so these tests live in their own test binary, away from the tests
// that use the real OS keyring.
package keyringmock_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/seal"
	"github.com/zalando/go-keyring"
	_ "modernc.org/sqlite"
)

func keyStore(t *testing.T, dir string) seal.KeyStore {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "triaged.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return seal.SQLKeyStore(db, "keys")
}

// The D-Bus pre-check in seal.OSKeyring would answer before go-keyring is
// reached; a dummy address lets the call through to the mock.
func fakeBus(t *testing.T) { t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus") }

func TestMockedKeyringErrorFallsBackToPassphrase(t *testing.T) {
	fakeBus(t)
	keyring.MockInitWithError(errors.New("dbus: couldn't determine address of session bus"))
	dir := t.TempDir()
	pass := filepath.Join(dir, "passphrase")
	if err := os.WriteFile(pass, []byte("server passphrase of decent length\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := seal.Config{
		Service:        seal.ServiceServer,
		StoreID:        "triaged-main",
		KeyStore:       keyStore(t, dir),
		PassphraseFile: pass,
		PassphraseEnv:  seal.EnvPassphraseFileServer,
	}
	k, src, err := seal.OpenKeys(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if src.Kind != seal.KEKPassphrase || !strings.Contains(src.Warning, "KEY CUSTODY DEGRADED") ||
		!strings.Contains(src.Warning, "couldn't determine address of session bus") {
		t.Fatalf("source = %+v", src)
	}
	env, _ := k.Seal("threads", "body", "1", []byte("x"))

	// Without the passphrase the error names the variable to set.
	cfg.PassphraseFile = ""
	if _, _, err := seal.OpenKeys(context.Background(), cfg); !errors.Is(err, seal.ErrNoKeySource) ||
		!strings.Contains(err.Error(), seal.EnvPassphraseFileServer) {
		t.Fatalf("err = %v", err)
	}

	// The keyring comes back (in memory here): the store still opens with
	// the passphrase, and can then move into the keyring.
	keyring.MockInit()
	cfg.PassphraseFile = pass
	k2, _, err := seal.OpenKeys(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k2.RewrapKEK(context.Background(), seal.KEKKeyring, seal.RewrapOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(seal.ServiceServer, "triaged-main"); err != nil {
		t.Fatalf("keyring entry after rewrap: %v", err)
	}
	cfg.PassphraseFile = ""
	k3, src3, err := seal.OpenKeys(context.Background(), cfg)
	if err != nil || src3.Kind != seal.KEKKeyring || src3.Warning != "" {
		t.Fatalf("OpenKeys = %+v, %v", src3, err)
	}
	if _, err := k3.Open("threads", "body", "1", env); err != nil {
		t.Fatal(err)
	}
}

func TestMockedKeyringMissingEntry(t *testing.T) {
	fakeBus(t)
	keyring.MockInit()
	dir := t.TempDir()
	cfg := seal.Config{Service: seal.ServiceConsole, StoreID: "console-a", KeyStore: keyStore(t, dir)}
	if _, src, err := seal.OpenKeys(context.Background(), cfg); err != nil || src.Kind != seal.KEKKeyring {
		t.Fatalf("OpenKeys = %+v, %v", src, err)
	}
	if err := keyring.Delete(seal.ServiceConsole, "console-a"); err != nil {
		t.Fatal(err)
	}
	_, _, err := seal.OpenKeys(context.Background(), cfg)
	if !errors.Is(err, seal.ErrKeyringEntryMissing) {
		t.Fatalf("err = %v", err)
	}
	if _, err := keyring.Get(seal.ServiceConsole, "console-a"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("a new keyring entry was created over existing keys")
	}
}
