package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"github.com/zalando/go-keyring"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/ui"
)

// backend adapts the store's client to the UI's Backend: it turns the
// central endpoint's refusals into the UI's RefusalError and its
// enrolment answer into the UI's EnrolmentRequired (with the QR code
// drawn), and keeps the session token in the OS keyring, so the layers
// below the UI need not know any of it.
type backend struct {
	c      *store.Client
	keep   *sessionKeeper // nil: the token lives in memory only (the demo)
	drafts *draftKeeper
}

var _ ui.Backend = backend{}

// sessionEnded marks an error that should return the user to sign-in.
type sessionEnded struct{ error }

func (sessionEnded) Unauthorized() bool { return true }
func (e sessionEnded) Unwrap() error    { return e.error }

// fatal marks an error the console cannot go on after: its local audit
// trail cannot be written, so no action may be taken (fail closed).
type fatal struct{ error }

func (fatal) Fatal() bool     { return true }
func (e fatal) Unwrap() error { return e.error }

func uiErr(err error) error {
	var r *store.RefusedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &r):
		return &ui.RefusalError{Refusal: r.Refusal}
	case errors.Is(err, store.ErrSessionEnded):
		return sessionEnded{err}
	case errors.Is(err, store.ErrAuditUnwritable):
		return fatal{err}
	case store.PolicyAckRequired(err):
		return policyAckNeeded{err}
	}
	return err
}

func (b backend) Login(ctx context.Context, u, p, totp string) (api.LoginResponse, error) {
	r, err := b.c.SignIn(ctx, u, p, totp)
	if e, ok := err.(*store.EnrolmentRequiredError); ok {
		// The QR code is drawn here: the UI does not encode QR codes. A
		// code that cannot be drawn leaves the key as text, which works.
		qr, _ := auth.TerminalQR(e.Enrolment.URI)
		return r, &ui.EnrolmentRequired{Enrolment: e.Enrolment, QR: qr}
	}
	if err == nil {
		b.keep.save(r.Token)
	}
	return r, uiErr(err)
}

func (b backend) EnrolTOTP(ctx context.Context, token, code string) (api.TOTPEnrolResponse, error) {
	r, err := b.c.EnrolTOTP(ctx, token, code)
	if err == nil {
		b.keep.save(r.Login.Token)
	}
	return r, uiErr(err)
}

func (b backend) Reveal(ctx context.Context, threadID, messageID, reason string) (api.RevealResponse, error) {
	r, err := b.c.Reveal(ctx, threadID, messageID, reason)
	return r, uiErr(err)
}

func (b backend) Logout(ctx context.Context) error {
	// The kept token goes first: whatever the server says, this console
	// must not bring the session back at its next start.
	b.keep.forget()
	return uiErr(b.c.Logout(ctx))
}

// resume brings back a session whose token was kept in the keyring by an
// earlier run, if the server still accepts it.
func (b backend) resume(ctx context.Context) (*api.LoginResponse, bool) {
	tok := b.keep.load()
	if tok == "" {
		return nil, false
	}
	r, err := b.c.Resume(ctx, tok)
	if err != nil {
		if errors.Is(err, store.ErrSessionEnded) {
			b.keep.forget()
		}
		return nil, false
	}
	return &r, true
}

// SessionKeyringService is the OS keyring service that holds a console's
// session token; the account is the console's id.
const SessionKeyringService = "triage-console-session"

// tokenKeyring is the part of the OS keyring the console uses (tests
// replace it).
type tokenKeyring interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

type osKeyring struct{}

func (osKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (osKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (osKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }

// sessionKeeper keeps the session token in the OS keyring, never in a
// file, so a console restarted within the idle timeout carries on. When
// the keyring is unavailable the token stays in memory only, which the
// log says once; the screen does not, since the user need do nothing.
type sessionKeeper struct {
	kr       tokenKeyring
	account  string
	log      *slog.Logger
	mu       sync.Mutex
	unusable bool
}

func newSessionKeeper(kr tokenKeyring, consoleID string, log *slog.Logger) *sessionKeeper {
	return &sessionKeeper{kr: kr, account: consoleID, log: log}
}

func (k *sessionKeeper) degrade(op string, err error) {
	if !k.unusable {
		k.log.Warn("OS keyring unavailable: the session token is kept in memory only and ends with the console",
			"op", op, "err", err.Error())
	}
	k.unusable = true
}

func (k *sessionKeeper) save(token string) {
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

func (k *sessionKeeper) load() string {
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

func (k *sessionKeeper) forget() {
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

func (b backend) InboxPage(ctx context.Context, after string, limit int) (api.ThreadPage, error) {
	p, err := b.c.InboxPage(ctx, after, limit)
	return p, uiErr(err)
}

func (b backend) InboxChanges(ctx context.Context, since int64) (api.ThreadChanges, error) {
	ch, err := b.c.InboxChanges(ctx, since)
	return ch, uiErr(err)
}

func (b backend) Thread(ctx context.Context, id string) (api.ThreadDetail, error) {
	t, err := b.c.Thread(ctx, id)
	return t, uiErr(err)
}

func (b backend) Send(ctx context.Context, id string, req api.SendRequest) (api.SendResponse, error) {
	r, err := b.c.Send(ctx, id, req)
	return r, uiErr(err)
}

func (b backend) Handoff(ctx context.Context, id string, req api.HandoffRequest) error {
	return uiErr(b.c.Handoff(ctx, id, req))
}

func (b backend) Macros(ctx context.Context) ([]assets.Macro, error) {
	ms, err := b.c.Macros(ctx)
	return ms, uiErr(err)
}

func (b backend) PHIPreference(ctx context.Context, id string) error {
	return uiErr(b.c.PHIPreference(ctx, id))
}

func (b backend) Templates(ctx context.Context) ([]api.TemplateInfo, error) {
	t, err := b.c.Templates(ctx)
	return t, uiErr(err)
}

func (b backend) Schedule(ctx context.Context, id string, req api.SendRequest) (api.ScheduleResponse, error) {
	r, err := b.c.Schedule(ctx, id, req)
	return r, uiErr(err)
}

func (b backend) Consent(ctx context.Context, id string, req api.ConsentRequest) (api.ConsentResponse, error) {
	r, err := b.c.Consent(ctx, id, req)
	return r, uiErr(err)
}

func (b backend) Events(ctx context.Context) (<-chan api.Event, error) {
	ch, err := b.c.Events(ctx)
	return ch, uiErr(err)
}

func (b backend) SaveDraft(ctx context.Context, threadID, text string) error {
	return b.drafts.save(ctx, threadID, text)
}

func (b backend) LoadDraft(ctx context.Context, threadID string) (string, error) {
	return b.drafts.load(ctx, threadID)
}

func (b backend) DeleteDraft(ctx context.Context, threadID string) error {
	return b.drafts.save(ctx, threadID, "")
}

func (b backend) DeleteAllMyDrafts(ctx context.Context) error {
	return b.drafts.deleteMine(ctx)
}

// draftKeeper keeps the signed-in user's composer drafts: sealed in the
// console store when its keys are open, so they survive a crash, or in
// this process's memory when they are not (no key source), so nothing
// readable is ever written. Its mutex orders every draft call, and a
// call whose context has ended stores nothing: the UI cancels a session's
// context before it deletes the session's drafts, so no save still on
// its way can bring one back after sign-out.
type draftKeeper struct {
	c      *store.Client
	sealed bool // the console's keys are open

	mu  sync.Mutex
	mem map[draftKey]string // when !sealed
}

type draftKey struct{ user, thread string }

func newDraftKeeper(c *store.Client, sealed bool) *draftKeeper {
	return &draftKeeper{c: c, sealed: sealed, mem: map[draftKey]string{}}
}

func (d *draftKeeper) save(ctx context.Context, threadID, text string) error {
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

func (d *draftKeeper) load(ctx context.Context, threadID string) (string, error) {
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
func (d *draftKeeper) deleteMine(ctx context.Context) error {
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

// policyAckNeeded marks the server's "acknowledge the messaging policy
// first" refusal of a thread route; the console then shows the policy.
type policyAckNeeded struct{ error }

func (policyAckNeeded) PolicyAckRequired() bool { return true }
func (e policyAckNeeded) Unwrap() error         { return e.error }

// policyChanged marks a 409 to an acknowledgment: the policy changed
// while the user read the old text.
type policyChanged struct{ error }

func (policyChanged) Conflict() bool  { return true }
func (e policyChanged) Unwrap() error { return e.error }

func (b backend) Policy(ctx context.Context) (api.MessagingPolicy, error) {
	p, err := b.c.Policy(ctx)
	return p, uiErr(err)
}

func (b backend) AcknowledgePolicy(ctx context.Context, version, fullName string) (api.PolicyAckResponse, error) {
	r, err := b.c.AcknowledgePolicy(ctx, version, fullName)
	var se *store.StatusError
	if errors.As(err, &se) && se.Code == http.StatusConflict {
		return r, policyChanged{err}
	}
	return r, uiErr(err)
}

func (b backend) ReviewStatus(ctx context.Context) (api.ReviewStatus, error) {
	s, err := b.c.ReviewStatus(ctx)
	return s, uiErr(err)
}

func (b backend) Vendors(ctx context.Context) (api.VendorRegister, error) {
	v, err := b.c.Vendors(ctx)
	return v, uiErr(err)
}
