package seal

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"
	_ "modernc.org/sqlite"
)

func TestMain(m *testing.M) {
	// Argon2id at the production cost (64 MiB, t=3) takes a large part of
	// a second per derivation, more under -race; the tests that are not
	// about the KDF itself use a cheap setting. TestPassphraseKDFParameters
	// checks the production one.
	argonParams = argon2Params{time: 1, memoryKiB: 64, threads: 1}
	os.Exit(m.Run())
}

// memRing is an in-memory keyring; err, when set, fails every call the way
// an unreachable Secret Service does.
type memRing struct {
	mu    sync.Mutex
	m     map[string]string
	err   error
	block chan struct{} // when not nil, Get waits on it
}

func newMemRing() *memRing { return &memRing{m: map[string]string{}} }

func (r *memRing) Get(service, account string) (string, error) {
	if r.block != nil {
		<-r.block
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return "", r.err
	}
	v, ok := r.m[service+"\x00"+account]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (r *memRing) Set(service, account, secret string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.m[service+"\x00"+account] = secret
	return nil
}

func (r *memRing) Delete(service, account string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	if _, ok := r.m[service+"\x00"+account]; !ok {
		return keyring.ErrNotFound
	}
	delete(r.m, service+"\x00"+account)
	return nil
}

// errNoSecretService is what go-keyring reports on a headless Linux box.
var errNoSecretService = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'")

// openDB opens a real SQLite file the way the stores do.
func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func writePassphrase(t testing.TB, dir, name, pass string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(pass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadRows(t testing.TB, ks KeyStore) []WrappedKey {
	t.Helper()
	rows, err := ks.LoadWrappedKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func mustOpen(t testing.TB, cfg Config) (*Keys, Source) {
	t.Helper()
	k, src, err := OpenKeys(context.Background(), cfg)
	if err != nil {
		t.Fatalf("OpenKeys: %v", err)
	}
	return k, src
}
