package remote

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/zalando/go-keyring"

	"github.com/clinicwa/triage/store"
)

// SessionKeyringService is the OS keyring service that holds a console's
// session token; the account is the console's id.
const SessionKeyringService = "triage-console-session"

// TokenKeyring is the part of the OS keyring the console uses (tests
// replace it).
type TokenKeyring interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// OSKeyring is the operating system's keyring.
type OSKeyring struct{}

func (OSKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (OSKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (OSKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }

// SessionKeeper keeps the session token in the OS keyring, never in a
// file, so a console restarted within the idle timeout carries on. When
// the keyring is unavailable the token stays in memory only, which the
// log says once; the screen does not, since the user need do nothing.
type SessionKeeper struct {
	kr       TokenKeyring
	account  string
	log      *slog.Logger
	mu       sync.Mutex
	unusable bool
}

func NewSessionKeeper(kr TokenKeyring, consoleID string, log *slog.Logger) *SessionKeeper {
	return &SessionKeeper{kr: kr, account: consoleID, log: log}
}

func (k *SessionKeeper) degrade(op string, err error) {
	if !k.unusable {
		k.log.Warn("OS keyring unavailable: the session token is kept in memory only and ends with the console",
			"op", op, "err", err.Error())
	}
	k.unusable = true
}

func (k *SessionKeeper) save(token string) {
	if k == nil || token == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.unusable {
		return
	}
	if err := k.kr.Set(SessionKeyringService, k.account, token); err != nil {
		k.degrade("set", err)
	}
}

func (k *SessionKeeper) load() string {
	if k == nil {
		return ""
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.unusable {
		return ""
	}
	tok, err := k.kr.Get(SessionKeyringService, k.account)
	if errors.Is(err, keyring.ErrNotFound) {
		return ""
	}
	if err != nil {
		k.degrade("get", err)
		return ""
	}
	return tok
}

func (k *SessionKeeper) forget() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.unusable {
		return
	}
	if err := k.kr.Delete(SessionKeyringService, k.account); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		k.degrade("delete", err)
	}
}

// DraftKeeper keeps the signed-in user's composer drafts: sealed in the
// console store when its keys are open, so they survive a crash, or in
// this process's memory when they are not (no key source), so nothing
// readable is ever written. Its mutex orders every draft call, and a
// call whose context has ended stores nothing: the UI cancels a session's
// context before it deletes the session's drafts, so no save still on
// its way can bring one back after sign-out.
type DraftKeeper struct {
	c      *store.Client
	sealed bool // the console's keys are open

	mu  sync.Mutex
	mem map[draftKey]string // when !sealed
}

type draftKey struct{ user, thread string }

func NewDraftKeeper(c *store.Client, sealed bool) *DraftKeeper {
	return &DraftKeeper{c: c, sealed: sealed, mem: map[draftKey]string{}}
}

func (d *DraftKeeper) save(ctx context.Context, threadID, text string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.sealed {
		return d.c.SaveDraft(ctx, threadID, text)
	}
	user := d.c.UserID()
	if user == "" {
		return store.ErrNoUser
	}
	if text == "" {
		delete(d.mem, draftKey{user, threadID})
	} else {
		d.mem[draftKey{user, threadID}] = text
	}
	return nil
}

func (d *DraftKeeper) load(ctx context.Context, threadID string) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if d.sealed {
		return d.c.LoadDraft(ctx, threadID)
	}
	user := d.c.UserID()
	if user == "" {
		return "", store.ErrNoUser
	}
	return d.mem[draftKey{user, threadID}], nil
}

// deleteMine removes every draft of the signed-in user, from the store
// and from memory. Its context is the sign-out's own, not the session's.
func (d *DraftKeeper) deleteMine(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	user := d.c.UserID()
	if user == "" {
		return nil // nobody signed in: nothing of theirs to delete
	}
	for k := range d.mem {
		if k.user == user {
			delete(d.mem, k)
		}
	}
	if !d.sealed {
		return nil
	}
	_, err := d.c.DeleteMyDrafts(ctx)
	return err
}
