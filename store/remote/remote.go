// Package remote is the console's backend: it puts the store's client
// behind the calls the console's screens make, draws the enrolment QR
// code, and keeps the session token in the OS keyring and the composer's
// drafts sealed in the console store (keepers.go). Errors pass through
// unchanged: they are the store's own (store/errors.go), which the
// screens match with errors.Is and errors.As.
package remote

import (
	"context"
	"errors"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

// Backend is the console's link to the clinic server, its OS keyring and
// its drafts.
type Backend struct {
	c      *store.Client
	keep   *SessionKeeper // nil: the token lives in memory only (the demo)
	drafts *DraftKeeper
}

// New is the backend over c. keep may be nil (the demo keeps its session
// in memory only); drafts nil means drafts are not kept at all.
func New(c *store.Client, keep *SessionKeeper, drafts *DraftKeeper) Backend {
	return Backend{c: c, keep: keep, drafts: drafts}
}

// Client is the store client the backend calls.
func (b Backend) Client() *store.Client { return b.c }

func (b Backend) Login(ctx context.Context, u, p, totp string) (api.LoginResponse, error) {
	r, err := b.c.SignIn(ctx, u, p, totp)
	if e, ok := err.(*store.EnrolmentRequiredError); ok {
		// A code that cannot be drawn leaves the key as text, which works.
		e.QR, _ = auth.TerminalQR(e.Enrolment.URI)
		return r, e
	}
	if err == nil {
		b.keep.save(r.Token)
	}
	return r, err
}

func (b Backend) EnrolTOTP(ctx context.Context, token, code string) (api.TOTPEnrolResponse, error) {
	r, err := b.c.EnrolTOTP(ctx, token, code)
	if err == nil {
		b.keep.save(r.Login.Token)
	}
	return r, err
}

func (b Backend) Logout(ctx context.Context) error {
	// The kept token goes first: whatever the server says, this console
	// must not bring the session back at its next start.
	b.keep.forget()
	return b.c.Logout(ctx)
}

// Resume brings back a session whose token was kept in the keyring by an
// earlier run, if the server still accepts it.
func (b Backend) Resume(ctx context.Context) (*api.LoginResponse, bool) {
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

func (b Backend) Reveal(ctx context.Context, threadID, messageID, reason string) (api.RevealResponse, error) {
	return b.c.Reveal(ctx, threadID, messageID, reason)
}

func (b Backend) AuditEntries(ctx context.Context, f api.AuditFilter) ([]api.AuditEntry, error) {
	return b.c.AuditEntries(ctx, f)
}

func (b Backend) InboxPage(ctx context.Context, after string, limit int) (api.ThreadPage, error) {
	return b.c.InboxPage(ctx, after, limit)
}

func (b Backend) InboxChanges(ctx context.Context, since int64) (api.ThreadChanges, error) {
	return b.c.InboxChanges(ctx, since)
}

func (b Backend) Thread(ctx context.Context, id string) (api.ThreadDetail, error) {
	return b.c.Thread(ctx, id)
}

func (b Backend) Send(ctx context.Context, id string, req api.SendRequest) (api.SendResponse, error) {
	return b.c.Send(ctx, id, req)
}

func (b Backend) Handoff(ctx context.Context, id string, req api.HandoffRequest) error {
	return b.c.Handoff(ctx, id, req)
}

func (b Backend) Macros(ctx context.Context) ([]assets.Macro, error) { return b.c.Macros(ctx) }

func (b Backend) PHIPreference(ctx context.Context, id string) error {
	return b.c.PHIPreference(ctx, id)
}

func (b Backend) Templates(ctx context.Context) ([]api.TemplateInfo, error) {
	return b.c.Templates(ctx)
}

func (b Backend) Schedule(ctx context.Context, id string, req api.SendRequest) (api.ScheduleResponse, error) {
	return b.c.Schedule(ctx, id, req)
}

func (b Backend) Consent(ctx context.Context, id string, req api.ConsentRequest) (api.ConsentResponse, error) {
	return b.c.Consent(ctx, id, req)
}

func (b Backend) Events(ctx context.Context) (<-chan api.Event, error) { return b.c.Events(ctx) }

func (b Backend) Policy(ctx context.Context) (api.MessagingPolicy, error) { return b.c.Policy(ctx) }

func (b Backend) AcknowledgePolicy(ctx context.Context, version, fullName string) (api.PolicyAckResponse, error) {
	return b.c.AcknowledgePolicy(ctx, version, fullName)
}

func (b Backend) ReviewStatus(ctx context.Context) (api.ReviewStatus, error) {
	return b.c.ReviewStatus(ctx)
}

func (b Backend) Vendors(ctx context.Context) (api.VendorRegister, error) { return b.c.Vendors(ctx) }

func (b Backend) ProgramMetrics(ctx context.Context) (api.ProgramMetrics, error) {
	return b.c.ProgramMetrics(ctx)
}

func (b Backend) OpenIncident(ctx context.Context, req api.OpenIncidentRequest) (api.Incident, error) {
	return b.c.OpenIncident(ctx, req)
}

func (b Backend) Incidents(ctx context.Context) ([]api.Incident, error) { return b.c.Incidents(ctx) }

func (b Backend) Incident(ctx context.Context, id string) (api.Incident, error) {
	return b.c.Incident(ctx, id)
}

func (b Backend) UpdateIncident(ctx context.Context, id string, req api.IncidentUpdate) (api.Incident, error) {
	return b.c.UpdateIncident(ctx, id, req)
}

func (b Backend) SaveDraft(ctx context.Context, threadID, text string) error {
	return b.drafts.save(ctx, threadID, text)
}

func (b Backend) LoadDraft(ctx context.Context, threadID string) (string, error) {
	return b.drafts.load(ctx, threadID)
}

func (b Backend) DeleteDraft(ctx context.Context, threadID string) error {
	return b.drafts.save(ctx, threadID, "")
}

func (b Backend) DeleteAllMyDrafts(ctx context.Context) error {
	return b.drafts.deleteMine(ctx)
}

// DraftsSealed says whether drafts are kept sealed in the console store
// (the console's keys are open) rather than in this process's memory.
func (b Backend) DraftsSealed() bool { return b.drafts != nil && b.drafts.sealed }
