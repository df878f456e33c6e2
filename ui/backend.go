package ui

import (
	"context"

	"github.com/clinicwa/triage/assets"

	"github.com/clinicwa/triage/store/api"
)

// Backend is everything the console needs from the outside world. The UI
// calls it only from tea.Cmds, never from Update. The real implementation
// (store/remote over store.Client) writes the local audit entry for each action before it
// acts, and refuses the action when that entry cannot be written.
type Backend interface {
	// Login signs a user in against the central endpoint.
	Login(ctx context.Context, username, password, totp string) (api.LoginResponse, error)
	// Logout ends the session.
	Logout(ctx context.Context) error
	// InboxPage is one page of the inbox, newest activity first: the
	// first when after is "", else the page after that cursor
	// (api.ThreadPage.Next).
	InboxPage(ctx context.Context, after string, limit int) (api.ThreadPage, error)
	// InboxChanges is the inbox rows changed after change number since,
	// or a reset when too many did.
	InboxChanges(ctx context.Context, since int64) (api.ThreadChanges, error)
	// Thread opens one thread (audited as a view).
	Thread(ctx context.Context, threadID string) (api.ThreadDetail, error)
	// Send sends a macro or free text. A refusal by an outbound rule comes
	// back as *api.RefusedError.
	Send(ctx context.Context, threadID string, req api.SendRequest) (api.SendResponse, error)
	// Handoff moves a thread to the nurses' queue.
	Handoff(ctx context.Context, threadID string, req api.HandoffRequest) error
	// Macros lists the quick replies the server sends, as the clinic
	// configured them.
	Macros(ctx context.Context) ([]assets.Macro, error)
	// PHIPreference records that the patient asked for health details by
	// WhatsApp; the server sends the standard advisory.
	PHIPreference(ctx context.Context, threadID string) error
	// Templates lists the clinic's WhatsApp templates with whether each
	// can be sent now.
	Templates(ctx context.Context) ([]api.TemplateInfo, error)
	// Schedule sends req at the patient's next minute outside quiet hours.
	Schedule(ctx context.Context, threadID string, req api.SendRequest) (api.ScheduleResponse, error)
	// Consent records a verbal or paper opt-in, or decides a flagged
	// request to stop, under the signed-in user.
	Consent(ctx context.Context, threadID string, req api.ConsentRequest) (api.ConsentResponse, error)
	// Events streams live events until ctx ends; the channel closes when the
	// stream drops, and the UI re-arms it.
	Events(ctx context.Context) (<-chan api.Event, error)
	// EnrolTOTP confirms a TOTP enrolment (see api.EnrolmentRequiredError) with the
	// first code from the user's app; it opens the session and returns the
	// recovery codes, which the console shows once.
	EnrolTOTP(ctx context.Context, token, code string) (api.TOTPEnrolResponse, error)
	// Reveal fetches an inbound message's unmasked text with the reason the
	// user gave (break-glass; audited). A refusal comes back as
	// *RefusalError.
	Reveal(ctx context.Context, threadID, messageID, reason string) (api.RevealResponse, error)
	// AuditEntries lists audit entries for review, newest first, for roles
	// allowed to view the audit trail.
	AuditEntries(ctx context.Context, f api.AuditFilter) ([]api.AuditEntry, error)
	// Policy fetches the clinic's messaging policy and whether the user
	// has acknowledged it; AcknowledgePolicy records the acknowledgment
	// with the full name typed. The thread calls answer
	// api.ErrPolicyAckRequired until then; a version that changed
	// meanwhile answers api.ErrPolicyChanged. A refused name comes
	// back as *api.RefusedError.
	Policy(ctx context.Context) (api.MessagingPolicy, error)
	AcknowledgePolicy(ctx context.Context, version, fullName string) (api.PolicyAckResponse, error)
	// ReviewStatus says whether the quarterly access review is due
	// (supervisors and admins).
	ReviewStatus(ctx context.Context) (api.ReviewStatus, error)
	// Vendors fetches the BAA register of the providers (admins).
	Vendors(ctx context.Context) (api.VendorRegister, error)
	// ProgramMetrics fetches the supervisor's program metrics (aggregates
	// only), for roles allowed to view them.
	ProgramMetrics(ctx context.Context) (api.ProgramMetrics, error)

	// Drafts are the signed-in user's unsent composer text, one per
	// thread. The console saves them as the user types, so a reply being
	// written survives a crash; it deletes them after sending and at
	// sign-out. A draft call whose ctx has already ended must store
	// nothing, and draft calls must not overlap DeleteAllMyDrafts: the
	// console cancels a session's ctx before it deletes the session's
	// drafts, and a save still on its way must not bring one back.

	// SaveDraft keeps text as the draft for threadID; "" deletes it.
	SaveDraft(ctx context.Context, threadID, text string) error
	// LoadDraft returns the draft for threadID, or "" when there is none.
	LoadDraft(ctx context.Context, threadID string) (string, error)
	// DeleteDraft removes the draft for threadID.
	DeleteDraft(ctx context.Context, threadID string) error
	// DeleteAllMyDrafts removes every draft of the signed-in user; it is
	// called at sign-out, before Logout.
	DeleteAllMyDrafts(ctx context.Context) error
}
