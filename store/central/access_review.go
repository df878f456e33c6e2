package central

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// ReviewInterval is how often the workforce's access is reviewed: each
// quarter (45 CFR 164.308(a)(1)(ii)(D) asks for regular review; a quarter
// is the common reading, and the proposed 2025 rule asks for at least
// yearly).
const ReviewInterval = 91 * 24 * time.Hour

// DefaultDormantDays is how long without a sign-in makes an account
// dormant in the review.
const DefaultDormantDays = 60

// MFA states of an account as the review lists them.
const (
	MFAEnrolled = "enrolled" // an authenticator is set up
	MFAExempt   = "exempt"   // not required (seeded demo accounts only)
	MFAPending  = "pending"  // required; enrols at the next sign-in
)

// Review flags: what a reviewer must act on.
const (
	FlagDormant              = "dormant"
	FlagDisabledWithSessions = "disabled_with_live_sessions"
	FlagMFAExempt            = "mfa_exempt"
	FlagNoPolicyAck          = "no_policy_ack"
	FlagLockedOut            = "locked_out_in_period"
)

// AccessReviewOptions bounds a review.
type AccessReviewOptions struct {
	// From and To bound the period whose reveals and lockouts are listed
	// ([From, To)). Zero To is now; zero From is one ReviewInterval before To.
	From, To time.Time
	// DormantDays: an account with no sign-in for this many days (counted
	// from its creation when it never signed in) is dormant.
	DormantDays int
	// Actor is who ran the review ("os:<user>"); the review opens sealed
	// reveal reasons, so running it is itself audited.
	Actor string
}

// ReviewedReveal is one break-glass reveal as the reviewer sees it. The
// reason is the staff member's own words; it is passed through the PHI
// detector and shown masked, because a reason may name a condition.
type ReviewedReveal struct {
	At        time.Time `json:"at"`
	ID        string    `json:"id"`
	ThreadID  string    `json:"thread_id"`
	MessageID string    `json:"message_id"`
	Reason    string    `json:"reason"`
	Masked    bool      `json:"reason_masked"`
}

// PolicyAckInfo is an account's newest acknowledgment of the messaging
// policy. The typed name is not shown: the record proves the act.
type PolicyAckInfo struct {
	Version string    `json:"version"`
	At      time.Time `json:"at"`
	Current bool      `json:"current"` // of the policy in force, and within a year
}

// AccountReview is one account in an access review.
type AccountReview struct {
	Username           string           `json:"username"`
	Role               string           `json:"role"`
	Disabled           bool             `json:"disabled"`
	CreatedAt          time.Time        `json:"created_at"`
	LastSignIn         *time.Time       `json:"last_sign_in"`
	LastPasswordChange time.Time        `json:"last_password_change"`
	MFA                string           `json:"mfa"`
	RecoveryCodesLeft  int              `json:"recovery_codes_left"`
	LiveSessions       int              `json:"live_sessions"`
	Lockouts           int              `json:"lockouts_in_period"`
	FailedSignIns      int              `json:"failed_sign_ins_in_period"`
	Reveals            []ReviewedReveal `json:"reveals_in_period"`
	PolicyAck          *PolicyAckInfo   `json:"policy_ack"`
	Flags              []string         `json:"flags"`
}

// AccessReview is the whole review of one period.
type AccessReview struct {
	GeneratedAt time.Time       `json:"generated_at"`
	From        time.Time       `json:"from"`
	To          time.Time       `json:"to"`
	DormantDays int             `json:"dormant_days"`
	Policy      string          `json:"policy_version"`
	Accounts    []AccountReview `json:"accounts"`
	// DisabledWithSessions must be empty: disabling ends every session in
	// the same transaction. Anything here is a defect to report.
	DisabledWithSessions []string              `json:"disabled_with_live_sessions"`
	Dormant              []string              `json:"dormant"`
	LastReview           *records.ReviewRecord `json:"last_review"`
	NextDue              time.Time             `json:"next_due"`
	Due                  bool                  `json:"due"`
}

// Findings counts the flags raised over every account.
func (r AccessReview) Findings() int {
	n := 0
	for _, a := range r.Accounts {
		n += len(a.Flags)
	}
	return n
}

// AccessReview builds the review of every account from the store: the
// users table, the server's own audit chain (sign-ins, lockouts, password
// resets), the reveals table and the policy acknowledgments.
func (a *Admin) AccessReview(ctx context.Context, opt AccessReviewOptions) (AccessReview, error) {
	rep, err := a.s.accessReview(ctx, opt)
	if err != nil {
		return rep, err
	}
	// The report holds the reveal reasons opened from their seals: no
	// report without its audit entry (fail closed).
	if err := a.s.auditOnly(ctx, auditRecord{UserID: actorOr(opt.Actor), Action: "access_review.run", Object: "access_review",
		Outcome: "ok", Detail: map[string]string{"source": "cli", "from": rep.From.Format(time.DateOnly), "to": rep.To.Format(time.DateOnly),
			"accounts": strconv.Itoa(len(rep.Accounts)), "findings": strconv.Itoa(rep.Findings())}}); err != nil {
		return AccessReview{}, err
	}
	return rep, nil
}

func actorOr(actor string) string {
	if actor == "" {
		return "cli:unknown"
	}
	return actor
}

func (s *Server) accessReview(ctx context.Context, opt AccessReviewOptions) (AccessReview, error) {
	now := s.now()
	if opt.To.IsZero() {
		opt.To = now
	}
	if opt.From.IsZero() {
		opt.From = opt.To.Add(-ReviewInterval)
	}
	if !opt.From.Before(opt.To) {
		return AccessReview{}, errors.New("the review period must start before it ends")
	}
	if opt.DormantDays <= 0 {
		opt.DormantDays = DefaultDormantDays
	}
	pol, err := s.messagingPolicy()
	if err != nil {
		return AccessReview{}, err
	}
	rep := AccessReview{GeneratedAt: now, From: opt.From.UTC(), To: opt.To.UTC(), DormantDays: opt.DormantDays, Policy: pol.Version,
		DisabledWithSessions: []string{}, Dormant: []string{}}
	users, err := s.store.Users.(records.Users).List(ctx, s.db)
	if err != nil {
		return rep, err
	}
	reveals, err := s.periodReveals(ctx, opt.From, opt.To)
	if err != nil {
		return rep, err
	}
	dormantCut := now.Add(-time.Duration(opt.DormantDays) * 24 * time.Hour)
	for _, u := range users {
		acc, err := s.store.Users.(records.Users).Access(ctx, s.db, u.ID)
		if err != nil {
			return rep, err
		}
		ar := AccountReview{Username: u.Username, Role: string(u.Role), Disabled: u.Disabled, CreatedAt: u.CreatedAt,
			RecoveryCodesLeft: len(acc.Recovery), Reveals: reveals[u.ID], Flags: []string{}}
		if ar.Reveals == nil {
			ar.Reveals = []ReviewedReveal{}
		}
		switch {
		case u.TOTPSecret != "":
			ar.MFA = MFAEnrolled
		case !acc.TOTPRequired:
			ar.MFA = MFAExempt
			ar.Flags = append(ar.Flags, FlagMFAExempt)
		default:
			ar.MFA = MFAPending
		}
		// Live: not revoked, not expired. Idle sessions still count: the
		// row exists and disabling must have removed it.
		if ar.LiveSessions, err = (records.Sessions{}).Live(ctx, s.db, u.ID, now); err != nil {
			return rep, err
		}
		if last, err := s.lastAudit(ctx, u.ID, "login", "ok", ""); err != nil {
			return rep, err
		} else if !last.IsZero() {
			ar.LastSignIn = &last
		}
		ar.LastPasswordChange = u.CreatedAt
		if reset, err := s.lastAudit(ctx, "", "user.reset_password", "ok", "user:"+u.ID); err != nil {
			return rep, err
		} else if reset.After(ar.LastPasswordChange) {
			ar.LastPasswordChange = reset
		}
		if ar.Lockouts, ar.FailedSignIns, err = s.signInFailures(ctx, u.ID, opt.From, opt.To); err != nil {
			return rep, err
		}
		if ar.Lockouts > 0 {
			ar.Flags = append(ar.Flags, FlagLockedOut)
		}
		if ack, err := s.latestAck(ctx, u.ID); err != nil {
			return rep, err
		} else if ack != nil {
			ar.PolicyAck = &PolicyAckInfo{Version: ack.Version, At: ack.At, Current: ack.Version == pol.Version && now.Sub(ack.At) < AckValidity}
		}
		if !u.Disabled && (ar.PolicyAck == nil || !ar.PolicyAck.Current) {
			ar.Flags = append(ar.Flags, FlagNoPolicyAck)
		}
		if u.Disabled && ar.LiveSessions > 0 {
			ar.Flags = append(ar.Flags, FlagDisabledWithSessions)
			rep.DisabledWithSessions = append(rep.DisabledWithSessions, u.Username)
		}
		seen := u.CreatedAt
		if ar.LastSignIn != nil {
			seen = *ar.LastSignIn
		}
		if !u.Disabled && seen.Before(dormantCut) {
			ar.Flags = append(ar.Flags, FlagDormant)
			rep.Dormant = append(rep.Dormant, u.Username)
		}
		rep.Accounts = append(rep.Accounts, ar)
	}
	last, err := s.lastReview(ctx)
	if err != nil {
		return rep, err
	}
	rep.LastReview = last
	rep.NextDue, rep.Due = reviewDue(last, now)
	return rep, nil
}

// reviewDue is when the next review falls due: a quarter after the last,
// or now when none was ever recorded.
func reviewDue(last *records.ReviewRecord, now time.Time) (time.Time, bool) {
	if last == nil {
		return now, true
	}
	return last.NextDue, !now.Before(last.NextDue)
}

// lastAudit is the time of the newest entry of the server's chain with
// this action and outcome, by userID or on object (whichever is given).
func (s *Server) lastAudit(ctx context.Context, userID, action, outcome, object string) (time.Time, error) {
	return records.AccessReviews{}.LastAudit(ctx, s.db, userID, action, outcome, object)
}

// signInFailures counts the refused sign-ins with a known account in
// [from, to), and those that locked it (login.go marks them "locked_now").
func (s *Server) signInFailures(ctx context.Context, userID string, from, to time.Time) (lockouts, failures int, err error) {
	return records.AccessReviews{}.SignInFailures(ctx, s.db, userID, from, to)
}

// periodReveals opens every reveal in [from, to) by user, reasons masked.
func (s *Server) periodReveals(ctx context.Context, from, to time.Time) (map[string][]ReviewedReveal, error) {
	held, err := records.Reveals{}.Between(ctx, s.db, from, to)
	if err != nil {
		return nil, err
	}
	out := map[string][]ReviewedReveal{}
	for _, h := range held {
		r := ReviewedReveal{ID: h.ID, ThreadID: h.ThreadID, MessageID: h.MessageID}
		userID, at := h.UserID, h.At.UnixNano()
		reason, err := s.keys.OpenString("reveals", "reason", r.ID, h.ReasonSealed)
		if err != nil {
			return nil, fmt.Errorf("central: reveal %s: %w", r.ID, err)
		}
		r.Reason, r.Masked = MaskStaffText(reason)
		r.At = time.Unix(0, at).UTC()
		out[userID] = append(out[userID], r)
	}
	return out, nil
}

// MaskStaffText passes words a staff member wrote (a reveal reason, a
// review note) through the PHI detector, so a report handed to an
// auditor never carries a patient's details even when a reason named
// them. masked reports whether anything was replaced.
func MaskStaffText(text string) (out string, masked bool) {
	d := policy.Detect(text)
	return d.Masked, len(d.Spans) > 0
}

func (s *Server) lastReview(ctx context.Context) (*records.ReviewRecord, error) {
	return records.AccessReviews{}.LastReview(ctx, s.db)
}

// MaxReviewNote bounds a review note.
const MaxReviewNote = 2000

// ErrReviewer is returned when the named reviewer may not record reviews.
var ErrReviewer = errors.New("the reviewer must be an enabled supervisor or admin account")

// RecordAccessReview records that reviewer (a supervisor or admin
// account) completed the review rep, with a note; the next review falls
// due a quarter later. The record and its audit entry commit together.
// actor is who ran the tool ("cli:<os user>").
func (a *Admin) RecordAccessReview(ctx context.Context, actor, reviewer, note string, rep AccessReview) (records.ReviewRecord, error) {
	note = strings.TrimSpace(note)
	if note == "" || utf8.RuneCountInString(note) > MaxReviewNote || !utf8.ValidString(note) {
		return records.ReviewRecord{}, fmt.Errorf("the review note must be 1 to %d characters: say what was checked and what was done about each finding", MaxReviewNote)
	}
	now := a.s.now()
	rec := records.ReviewRecord{ID: records.NewID("rev"), Note: note, Accounts: len(rep.Accounts), Findings: rep.Findings(), At: now, NextDue: now.Add(ReviewInterval)}
	err := a.s.store.Tx(ctx, func(q Querier) error {
		u, err := a.lookup(ctx, q, reviewer)
		if err != nil {
			return err
		}
		if u.Disabled || (u.Role != policy.RoleSupervisor && u.Role != policy.RoleAdmin) {
			return ErrReviewer
		}
		rec.Reviewer = u.Username
		if err := checkReviewNote(ctx, q, note); err != nil {
			return err
		}
		if err := (records.AccessReviews{}).Insert(ctx, q, rec, u.ID, note, now); err != nil {
			return err
		}
		return a.s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "access_review.done", Object: "access_review:" + rec.ID,
			Outcome: "ok", Detail: map[string]string{"source": "cli", "actor": actor, "accounts": strconv.Itoa(rec.Accounts),
				"findings": strconv.Itoa(rec.Findings), "next_due": rec.NextDue.Format(time.DateOnly)}})
	})
	if err != nil {
		return records.ReviewRecord{}, err
	}
	return rec, nil
}

// checkReviewNote refuses a note the PHI detector flags, except for
// names that are the usernames of accounts: a review note is about
// accounts ("olga to be disabled") and must be able to name them.
func checkReviewNote(ctx context.Context, q Querier, note string) error {
	d := policy.Detect(note)
	if len(d.Spans) == 0 {
		return nil
	}
	users, err := records.AccessReviews{}.Usernames(ctx, q)
	if err != nil {
		return err
	}
	for _, sp := range d.Spans {
		if sp.Type == policy.SpanName {
			known := true
			for _, w := range strings.FieldsFunc(note[sp.Start:sp.End], func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\'' }) {
				if !users[strings.ToLower(strings.TrimSuffix(w, "s"))] && !users[strings.ToLower(w)] {
					known = false
				}
			}
			if known {
				continue
			}
		}
		return fmt.Errorf("the review note seems to hold patient details (%s); describe accounts and actions only", sp.Type)
	}
	return nil
}

// reviewStatus is what the console shows supervisors: when the last
// review was done and whether the next is due.
func (s *Server) reviewStatus(ctx context.Context) (api.ReviewStatus, error) {
	last, err := s.lastReview(ctx)
	if err != nil {
		return api.ReviewStatus{}, err
	}
	now := s.now()
	due, isDue := reviewDue(last, now)
	st := api.ReviewStatus{Due: isDue, NextDue: due}
	if last != nil {
		st.LastAt, st.LastBy = last.At, last.Reviewer
	}
	return st, nil
}
