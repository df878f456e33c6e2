package maintenance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/auditlog"
)

// Year is the retention unit: a Julian year (365.25 days), so six
// "years" always cover six calendar years including their leap days.
const Year = 8766 * time.Hour

// MinRecordRetention is the shortest retention accepted for audit entries
// and consent records: 45 CFR 164.316(b)(2)(i) and 164.530(j)(2) keep
// required documentation six years from its creation or from when it was
// last in effect, whichever is later.
const MinRecordRetention = 6 * Year

// MinMessageRetention is the shortest retention accepted for messages.
// Purging younger messages would cut into the 24-hour customer-service
// window and pending deliveries; a month also leaves time to notice a
// misconfiguration before anything is lost.
const MinMessageRetention = 30 * 24 * time.Hour

// Default retentions. Messages default to seven years: a triage thread may
// become part of the patient's record, most US states require adult
// medical records to be kept for six to ten years, and deleting is the
// one step that cannot be undone; a clinic whose records schedule is
// shorter lowers it. Audit and consent records default to seven years,
// one above the federal floor, which a year-end purge would otherwise
// reach on the very day.
const (
	DefaultMessageRetention = 7 * Year
	DefaultAuditRetention   = 7 * Year
	DefaultConsentRetention = 7 * Year
)

// Retention is how long each kind of record is kept.
type Retention struct {
	// Messages: inbound and outbound messages, hand-off notes, and the
	// threads and patients left with nothing else once those are gone.
	Messages time.Duration
	// Audit: every chain's entries, counted from when they were received.
	// The newest entry of each chain is always kept, so the chain goes on.
	Audit time.Duration
	// Consent: a consent record is kept this long after it stopped being
	// in effect (a later choice by the same patient superseded it); the
	// record in effect is never purged.
	Consent time.Duration
}

// DefaultRetention is the retention used when nothing is configured.
func DefaultRetention() Retention {
	return Retention{Messages: DefaultMessageRetention, Audit: DefaultAuditRetention, Consent: DefaultConsentRetention}
}

// ErrRetentionTooShort is returned by Validate for a setting below its
// floor.
var ErrRetentionTooShort = errors.New("central: retention below the minimum")

// Validate refuses settings below the floors: six years for audit and
// consent records, MinMessageRetention for messages.
func (r Retention) Validate() error {
	if r.Messages < MinMessageRetention {
		return fmt.Errorf("%w: messages must be kept at least %s (got %s)", ErrRetentionTooShort, FormatRetention(MinMessageRetention), FormatRetention(r.Messages))
	}
	if r.Audit < MinRecordRetention {
		return fmt.Errorf("%w: audit entries must be kept at least 6 years (45 CFR 164.316(b)(2)(i), 164.530(j)) (got %s)", ErrRetentionTooShort, FormatRetention(r.Audit))
	}
	if r.Consent < MinRecordRetention {
		return fmt.Errorf("%w: consent records must be kept at least 6 years after they stop being in effect (45 CFR 164.530(j)) (got %s)", ErrRetentionTooShort, FormatRetention(r.Consent))
	}
	return nil
}

// ParseRetention reads a retention setting: "7y", "2555d", or a Go
// duration such as "61368h". Years are Julian years (Year).
func ParseRetention(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "y"); ok {
		v, err := strconv.ParseFloat(n, 64)
		if err != nil || v <= 0 || v > 200 {
			return 0, fmt.Errorf("retention %q: want a number of years such as 7y", s)
		}
		return time.Duration(v * float64(Year)), nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		v, err := strconv.Atoi(n)
		if err != nil || v <= 0 || v > 200*366 {
			return 0, fmt.Errorf("retention %q: want a whole number of days such as 2557d", s)
		}
		return time.Duration(v) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("retention %q: want years (7y), days (2557d) or hours (61362h)", s)
	}
	return d, nil
}

// FormatRetention renders d in years when it is a whole number of them,
// else in days or as a duration.
func FormatRetention(d time.Duration) string {
	switch {
	case d > 0 && d%Year == 0:
		return strconv.FormatInt(int64(d/Year), 10) + "y"
	case d > 0 && d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	default:
		return d.String()
	}
}

// PurgeReport counts what a purge removed (or, in a dry run, would
// remove). It never names a record.
type PurgeReport struct {
	DryRun         bool
	Messages       int64 // messages older than their retention
	Outbox         int64 // delivery jobs of those messages
	HandoffNotes   int64 // hand-off notes older than the message retention, cleared
	Threads        int64 // threads left with no message
	Patients       int64 // patients left with no thread and no consent record
	ConsentRecords int64 // superseded consent records past their retention
	AuditEntries   int64 // audit entries past their retention
	Reveals        int64 // break-glass reveal records past the audit retention
	Appointments   int64 // appointments that started before the message retention
	Cutoffs        struct{ Messages, Audit, Consent time.Time }
}

// PurgeOptions tunes Purge.
type PurgeOptions struct {
	// DryRun counts what would go and changes nothing.
	DryRun bool
	// Now is the clock (time.Now when nil); tests inject their own.
	Now func() time.Time
	// UserID is who ran the purge, for the audit chain (OperatorID()).
	UserID string
	// DatabaseURL names the store's PostgreSQL database
	// (TRIAGED_DATABASE_URL); empty for dataDir's SQLite file.
	DatabaseURL string
}

// PurgeDB deletes, in one transaction:
//   - messages received or sent before now-r.Messages, with their delivery
//     jobs, and hand-off notes written before then;
//   - threads then left with no message and no recent activity, and
//     patients left with no thread and no consent record (a patient's
//     consent state stays attached to their number while any record of it
//     is kept);
//   - consent records superseded by a later choice of the same patient
//     before now-r.Consent; the record in effect is never purged;
//   - break-glass reveal records made before now-r.Audit, and audit
//     entries received before then, as the oldest run of
//     each chain, never a chain's newest entry (so the chain continues);
//     the first entry kept still carries the hash of the last one purged.
//
// It refuses a Retention that fails Validate. The purge itself is
// recorded in the server's audit chain ("retention.purge") with counts
// only, in the same transaction; a dry run changes nothing and records
// nothing. Deleted pages are overwritten (secure_delete) so removed
// ciphertext does not linger in the file.
func PurgeDB(ctx context.Context, db *sql.DB, r Retention, opt PurgeOptions) (PurgeReport, error) {
	if err := r.Validate(); err != nil {
		return PurgeReport{}, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.UserID == "" {
		opt.UserID = OperatorID()
	}
	now := opt.Now().UTC()
	rep := PurgeReport{DryRun: opt.DryRun}
	rep.Cutoffs.Messages = now.Add(-r.Messages)
	rep.Cutoffs.Audit = now.Add(-r.Audit)
	rep.Cutoffs.Consent = now.Add(-r.Consent)
	msgCut, auditCut, consentCut := rep.Cutoffs.Messages.UnixNano(), rep.Cutoffs.Audit.UnixNano(), rep.Cutoffs.Consent.UnixNano()

	conn, err := db.Conn(ctx)
	if err != nil {
		return rep, err
	}
	defer conn.Close()
	if err := (sqlRetention{}).secureDelete(ctx, conn, true); err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	defer sqlRetention{}.secureDelete(context.WithoutCancel(ctx), conn, false)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	defer tx.Rollback()

	if err := (sqlRetention{}).purgeRows(ctx, tx, &rep, msgCut, auditCut, consentCut); err != nil {
		return rep, err
	}
	anchors, err := purgeAudit(ctx, tx, auditCut, &rep.AuditEntries)
	if err != nil {
		return rep, err
	}
	if opt.DryRun {
		return rep, nil // the deferred rollback undoes every step
	}
	detail := map[string]string{
		"messages": i64(rep.Messages), "outbox": i64(rep.Outbox), "handoff_notes": i64(rep.HandoffNotes),
		"threads": i64(rep.Threads), "patients": i64(rep.Patients), "consent_records": i64(rep.ConsentRecords),
		"audit_entries": i64(rep.AuditEntries), "appointments": i64(rep.Appointments),
		"retention_messages": FormatRetention(r.Messages), "retention_audit": FormatRetention(r.Audit),
		"retention_consent": FormatRetention(r.Consent),
	}
	if len(anchors) > 0 {
		detail["audit_anchors"] = strings.Join(anchors, ",")
	}
	if err := auditlog.AppendServer(ctx, tx, now, api.AuditEntry{UserID: opt.UserID, Action: "retention.purge", Object: "store", Outcome: "ok", Detail: detail}); err != nil {
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	return rep, nil
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

// OperatorID names the operating-system account running a maintenance
// command, as recorded in the audit chain ("os:<user>"; "os:unknown" when
// the account cannot be looked up).
func OperatorID() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "os:" + u.Username
	}
	return "os:unknown"
}
