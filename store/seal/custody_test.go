package seal

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture is one store: a real SQLite file holding the key table and a
// sealed table, plus its keyring and passphrase file.
type fixture struct {
	dir    string
	dbPath string
	ring   *memRing
	pass   string // passphrase file path
}

func newFixture(t *testing.T) *fixture {
	dir := t.TempDir()
	return &fixture{
		dir:    dir,
		dbPath: filepath.Join(dir, "console.db"),
		ring:   newMemRing(),
		pass:   writePassphrase(t, dir, "passphrase", "correct horse battery staple"),
	}
}

func (f *fixture) cfg(t *testing.T) Config {
	return Config{
		Service:        ServiceConsole,
		StoreID:        "console-test-1",
		KeyStore:       SQLKeyStore(openDB(t, f.dbPath), "keys"),
		Keyring:        f.ring,
		PassphraseEnv:  EnvPassphraseFileConsole,
		KeyringTimeout: 2 * time.Second,
	}
}

func TestNewStoreUsesKeyringAndReopens(t *testing.T) {
	f := newFixture(t)
	k, src := mustOpen(t, f.cfg(t))
	if src.Kind != KEKKeyring || !src.Created || src.Warning != "" {
		t.Fatalf("source = %+v", src)
	}
	if src.Service != "triage-console" || src.Account != "console-test-1" {
		t.Fatalf("keyring names = %q/%q", src.Service, src.Account)
	}
	env, _ := k.SealString("messages", "body", "1", "my HIV test result")

	k2, src2 := mustOpen(t, f.cfg(t))
	if src2.Created || src2.Kind != KEKKeyring {
		t.Fatalf("reopen source = %+v", src2)
	}
	if got, err := k2.OpenString("messages", "body", "1", env); err != nil || got != "my HIV test result" {
		t.Fatalf("reopened keys: %q, %v", got, err)
	}
	if !bytes.Equal(k.BlindIndex("d", []byte("v")), k2.BlindIndex("d", []byte("v"))) {
		t.Fatal("blind index key changed across reopen")
	}
}

// TestNothingReadableAtRest looks at the database file's bytes: neither the
// data key, nor the index key, nor the KEK, nor a sealed value's plaintext
// may appear in it.
func TestNothingReadableAtRest(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	k, _ := mustOpen(t, cfg)
	db := openDB(t, f.dbPath)
	if _, err := db.Exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, body BLOB)`); err != nil {
		t.Fatal(err)
	}
	env, _ := k.SealString("messages", "body", "1", "positive pregnancy test")
	if _, err := db.Exec(`INSERT INTO messages (id, body) VALUES (1, ?)`, env); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(FULL)`); err != nil {
		t.Fatal(err)
	}
	var file []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(f.dbPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		file = append(file, b...)
	}
	kekB64 := f.ring.m[ServiceConsole+"\x00console-test-1"]
	kekRaw, _ := base64.StdEncoding.DecodeString(kekB64)
	secrets := map[string][]byte{
		"data key":  k.set.Load().raw[1],
		"index key": k.index,
		"KEK":       kekRaw,
		"KEK text":  []byte(kekB64),
		"plaintext": []byte("positive pregnancy test"),
	}
	for name, s := range secrets {
		if len(s) == 0 {
			t.Fatalf("%s missing from test setup", name)
		}
		if bytes.Contains(file, s) {
			t.Errorf("%s is readable in the database file", name)
		}
	}
}

func TestKeyringUnavailableFallsBackToPassphraseLoudly(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	k, src := mustOpen(t, cfg)
	if src.Kind != KEKPassphrase || !src.Created || src.File != f.pass {
		t.Fatalf("source = %+v", src)
	}
	for _, want := range []string{"KEY CUSTODY DEGRADED", "not by the OS keyring", "keyring unavailable", f.pass} {
		if !strings.Contains(src.Warning, want) {
			t.Errorf("warning %q lacks %q", src.Warning, want)
		}
	}
	for _, w := range loadRows(t, cfg.KeyStore) {
		if w.KEK != KEKPassphrase || len(w.Salt) != 16 || !strings.HasPrefix(w.KDF, "argon2id$v=19$") {
			t.Fatalf("wrapping %+v", w.WrappedKeyID)
		}
	}
	env, _ := k.Seal("t", "c", "1", []byte("x"))
	k2, src2 := mustOpen(t, cfg)
	if src2.Kind != KEKPassphrase || src2.Warning == "" {
		t.Fatalf("reopen source = %+v", src2)
	}
	if _, err := k2.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}
}

func TestNoKeySourceSaysWhatToDo(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	_, _, err := OpenKeys(context.Background(), cfg)
	if !errors.Is(err, ErrNoKeySource) {
		t.Fatalf("err = %v, want ErrNoKeySource", err)
	}
	for _, want := range []string{EnvPassphraseFileConsole, "keyring unavailable"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if rows := loadRows(t, cfg.KeyStore); len(rows) != 0 {
		t.Fatalf("a failed open wrote %d wrapped keys", len(rows))
	}
}

func TestWrongPassphrase(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	mustOpen(t, cfg)
	cfg.PassphraseFile = writePassphrase(t, f.dir, "wrong", "correct horse battery stapler")
	_, _, err := OpenKeys(context.Background(), cfg)
	if !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), `wrong passphrase for key store "console-test-1"`) {
		t.Fatalf("err = %v", err)
	}
	// Even with the keyring back, a wrong recovery passphrase is reported,
	// not papered over.
	f.ring.err = nil
	cfg.PreferPassphrase = true
	if _, _, err := OpenKeys(context.Background(), cfg); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("err = %v", err)
	}
}

func TestShortPassphraseRefusedForNewStore(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	cfg.PreferPassphrase = true
	cfg.PassphraseFile = writePassphrase(t, f.dir, "short", "hunter2")
	if _, _, err := OpenKeys(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "shorter than 15") {
		t.Fatalf("err = %v", err)
	}
}

func TestMissingKeyringEntryNeverMakesNewKey(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	mustOpen(t, cfg)
	before := loadRows(t, cfg.KeyStore)
	delete(f.ring.m, ServiceConsole+"\x00console-test-1")

	_, _, err := OpenKeys(context.Background(), cfg)
	if !errors.Is(err, ErrKeyringEntryMissing) {
		t.Fatalf("err = %v, want ErrKeyringEntryMissing", err)
	}
	for _, want := range []string{"Restore that keyring entry from backup", EnvPassphraseFileConsole, `"triage-console"`, `"console-test-1"`, "no new key was made"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, ok := f.ring.m[ServiceConsole+"\x00console-test-1"]; ok {
		t.Fatal("a new keyring entry was created over existing data")
	}
	if after := loadRows(t, cfg.KeyStore); len(after) != len(before) {
		t.Fatalf("key table changed: %d rows, was %d", len(after), len(before))
	}
}

func TestRecoveryPassphraseRestoresLostKeyringEntry(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	k, src := mustOpen(t, cfg)
	if src.Kind != KEKKeyring || len(src.Recovery) != 1 || src.Recovery[0] != KEKPassphrase {
		t.Fatalf("source = %+v", src)
	}
	env, _ := k.Seal("t", "c", "1", []byte("x"))

	// The machine is replaced: the keyring entry is gone.
	delete(f.ring.m, ServiceConsole+"\x00console-test-1")
	k2, src2 := mustOpen(t, cfg)
	if src2.Kind != KEKPassphrase || !strings.Contains(src2.Warning, "keyring entry for this key store is missing") {
		t.Fatalf("source = %+v", src2)
	}
	src3, err := k2.RewrapKEK(context.Background(), KEKKeyring, RewrapOptions{KeepOthers: true})
	if err != nil {
		t.Fatal(err)
	}
	if src3.Kind != KEKKeyring {
		t.Fatalf("rewrap source = %+v", src3)
	}
	// Now the keyring alone opens the store again.
	cfg.PassphraseFile = ""
	k3, src4 := mustOpen(t, cfg)
	if src4.Kind != KEKKeyring || src4.Warning != "" {
		t.Fatalf("source = %+v", src4)
	}
	if _, err := k3.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}
}

func TestRewrapMovesBetweenPassphraseAndKeyring(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	k, _ := mustOpen(t, cfg)
	env, _ := k.Seal("t", "c", "1", []byte("x"))

	f.ring.err = nil // the clinic installs a keyring
	src, err := k.RewrapKEK(context.Background(), KEKKeyring, RewrapOptions{})
	if err != nil || src.Kind != KEKKeyring || len(src.Recovery) != 0 {
		t.Fatalf("RewrapKEK = %+v, %v", src, err)
	}
	for _, w := range loadRows(t, cfg.KeyStore) {
		if w.KEK != KEKKeyring {
			t.Fatalf("passphrase wrapping left behind: %+v", w.WrappedKeyID)
		}
	}
	cfg.PassphraseFile = ""
	k2, _ := mustOpen(t, cfg)
	if _, err := k2.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}

	// And back: the keyring entry is deleted once nothing uses it.
	newPass := writePassphrase(t, f.dir, "new", "a different long passphrase")
	if _, err := k2.RewrapKEK(context.Background(), KEKPassphrase, RewrapOptions{PassphraseFile: newPass}); err != nil {
		t.Fatal(err)
	}
	if len(f.ring.m) != 0 {
		t.Fatal("unused keyring entry not deleted")
	}
	cfg.PassphraseFile = f.pass
	if _, _, err := OpenKeys(context.Background(), cfg); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v", err)
	}
	cfg.PassphraseFile = newPass
	k3, _ := mustOpen(t, cfg)
	if _, err := k3.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}
	if _, err := k3.RewrapKEK(context.Background(), KEKDemo, RewrapOptions{}); err == nil {
		t.Fatal("rewrap to a demo key accepted")
	}
}

func TestDemoKeyOnlyWhenAsked(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	cfg.AllowDemoKey = true
	cfg.DemoDir = filepath.Join(f.dir, "data")
	k, src := mustOpen(t, cfg)
	if src.Kind != KEKDemo || !strings.Contains(src.Warning, "DEMO KEY – not for patient data") {
		t.Fatalf("source = %+v", src)
	}
	info, err := os.Stat(filepath.Join(cfg.DemoDir, DemoSecretFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("demo secret: %v %v", info, err)
	}
	env, _ := k.Seal("t", "c", "1", []byte("x"))
	k2, _ := mustOpen(t, cfg)
	if _, err := k2.Open("t", "c", "1", env); err != nil {
		t.Fatal(err)
	}
	cfg.AllowDemoKey = false
	if _, _, err := OpenKeys(context.Background(), cfg); !errors.Is(err, ErrNoKeySource) || !strings.Contains(err.Error(), "demo key") {
		t.Fatalf("demo-wrapped store opened without AllowDemoKey: %v", err)
	}
}

func TestKeyTableFromAnotherStoreRefused(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	mustOpen(t, cfg)
	cfg.StoreID = "console-test-2"
	if _, _, err := OpenKeys(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "belongs to store") {
		t.Fatalf("err = %v", err)
	}
}

// TestWrappedKeyRowsAreBound swaps wrapped blobs between rows of the key
// table: the wrapping is bound to store, purpose and id, so it fails.
func TestWrappedKeyRowsAreBound(t *testing.T) {
	f := newFixture(t)
	cfg := f.cfg(t)
	mustOpen(t, cfg)
	db := openDB(t, f.dbPath)
	if _, err := db.Exec(`UPDATE keys SET wrapped = (SELECT wrapped FROM keys WHERE purpose = 'index') WHERE purpose = 'data'`); err != nil {
		t.Fatal(err)
	}
	_, _, err := OpenKeys(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "key table was altered") {
		t.Fatalf("err = %v", err)
	}
}

func TestHungKeyringTimesOutToPassphrase(t *testing.T) {
	f := newFixture(t)
	f.ring.block = make(chan struct{})
	defer close(f.ring.block)
	cfg := f.cfg(t)
	cfg.KeyringTimeout = 100 * time.Millisecond
	cfg.PassphraseFile = f.pass
	start := time.Now()
	_, src := mustOpen(t, cfg)
	if src.Kind != KEKPassphrase || !strings.Contains(src.Warning, "no answer from the keyring") {
		t.Fatalf("source = %+v", src)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestPassphraseFileModeWarned(t *testing.T) {
	f := newFixture(t)
	f.ring.err = errNoSecretService
	cfg := f.cfg(t)
	cfg.PassphraseFile = f.pass
	if err := os.Chmod(f.pass, 0o644); err != nil {
		t.Fatal(err)
	}
	_, src := mustOpen(t, cfg)
	if !strings.Contains(src.Warning, "readable by other users") {
		t.Fatalf("warning %q", src.Warning)
	}
}

func TestPassphraseKDFParameters(t *testing.T) {
	saved := argonParams
	argonParams = argon2Params{time: 3, memoryKiB: 64 * 1024, threads: 4}
	defer func() { argonParams = saved }()
	f := newFixture(t)
	cfg := f.cfg(t)
	cfg.PreferPassphrase = true
	cfg.PassphraseFile = f.pass
	mustOpen(t, cfg)
	for _, w := range loadRows(t, cfg.KeyStore) {
		if w.KDF != "argon2id$v=19$m=65536,t=3,p=4" {
			t.Fatalf("KDF = %q, want RFC 9106 second recommended option", w.KDF)
		}
	}
	if _, err := parseArgon2("argon2id$v=19$m=99999999,t=3,p=4"); err == nil {
		t.Fatal("absurd memory parameter accepted")
	}
}
