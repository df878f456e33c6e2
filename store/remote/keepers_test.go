package remote

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// mapKeyring is a keyring in memory.
type mapKeyring map[string]string

func (k mapKeyring) Set(s, u, p string) error { k[s+"/"+u] = p; return nil }
func (k mapKeyring) Get(s, u string) (string, error) {
	if v, ok := k[s+"/"+u]; ok {
		return v, nil
	}
	return "", keyring.ErrNotFound
}
func (k mapKeyring) Delete(s, u string) error {
	if _, ok := k[s+"/"+u]; !ok {
		return keyring.ErrNotFound
	}
	delete(k, s+"/"+u)
	return nil
}

// brokenKeyring is a machine without a keyring service.
type brokenKeyring struct{ calls *int }

func (b brokenKeyring) Set(string, string, string) error {
	*b.calls++
	return errors.New("no keyring service")
}
func (b brokenKeyring) Get(string, string) (string, error) {
	*b.calls++
	return "", errors.New("no keyring service")
}
func (b brokenKeyring) Delete(string, string) error {
	*b.calls++
	return errors.New("no keyring service")
}

// TestSessionKeeperKeepsTheTokenUnderTheConsolesAccount: a saved token
// is read back by the next start of the same console, and forgetting it
// (sign-out) leaves nothing to resume.
func TestSessionKeeperKeepsTheTokenUnderTheConsolesAccount(t *testing.T) {
	kr := mapKeyring{}
	k := NewSessionKeeper(kr, "dev-1", slog.New(slog.DiscardHandler))
	k.save("tok-abc")
	if kr[SessionKeyringService+"/dev-1"] != "tok-abc" {
		t.Fatalf("keyring holds %v", kr)
	}
	if got := NewSessionKeeper(kr, "dev-1", slog.New(slog.DiscardHandler)).load(); got != "tok-abc" {
		t.Fatalf("a restarted console read %q", got)
	}
	if got := NewSessionKeeper(kr, "dev-2", slog.New(slog.DiscardHandler)).load(); got != "" {
		t.Fatalf("another console read %q", got)
	}
	k.forget()
	if got := k.load(); got != "" || len(kr) != 0 {
		t.Fatalf("after forget: load %q, keyring %v", got, kr)
	}
	k.forget() // nothing left: not an error, the keeper stays usable
	k.save("tok-2")
	if k.load() != "tok-2" {
		t.Fatal("the keeper stopped working after forgetting an absent token")
	}
}

// TestSessionKeeperWithoutKeyringSaysSoOnceAndStopsAsking: on a machine
// without a keyring the token stays in memory only (load finds nothing
// to resume), the log says so once with no token in it, and the keyring
// is not asked again.
func TestSessionKeeperWithoutKeyringSaysSoOnceAndStopsAsking(t *testing.T) {
	var logBuf bytes.Buffer
	calls := 0
	k := NewSessionKeeper(brokenKeyring{&calls}, "dev-1", slog.New(slog.NewTextHandler(&logBuf, nil)))
	k.save("tok-secret")
	k.save("tok-secret-2")
	if got := k.load(); got != "" {
		t.Fatalf("load %q from a broken keyring", got)
	}
	k.forget()
	if calls != 1 {
		t.Errorf("the keyring was asked %d times, want once", calls)
	}
	if n := strings.Count(logBuf.String(), "OS keyring unavailable"); n != 1 {
		t.Errorf("the log says it %d times:\n%s", n, logBuf.String())
	}
	if strings.Contains(logBuf.String(), "tok-secret") {
		t.Error("the token reached the log")
	}
}

// TestNilSessionKeeperKeepsNothing: the demo has no keeper; its session
// lives in memory only.
func TestNilSessionKeeperKeepsNothing(t *testing.T) {
	var k *SessionKeeper
	k.save("tok")
	k.forget()
	if k.load() != "" {
		t.Fatal("a nil keeper returned a token")
	}
}
