package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
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
}

// Purge deletes the records of the store in dataDir that are past their
// retention; see PurgeDB. It may run while triaged serves: it works in
// one write transaction, like any request.
func Purge(ctx context.Context, dataDir string, r Retention, opt PurgeOptions) (PurgeReport, error) {
	path := filepath.Join(dataDir, DBFileName)
	if _, err := os.Stat(path); err != nil {
		return PurgeReport{}, fmt.Errorf("central: no store at %s: %w", path, err)
	}
	db, err := OpenDB(ctx, path)
	if err != nil {
		return PurgeReport{}, err
	}
	defer db.Close()
	return PurgeDB(ctx, db, r, opt)
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
	if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA secure_delete = OFF`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	defer tx.Rollback()

	steps := []struct {
		n    *int64
		stmt string
		args []any
	}{
		{&rep.Outbox, `DELETE FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE at < ?)`, []any{msgCut}},
		{&rep.Messages, `DELETE FROM messages WHERE at < ?`, []any{msgCut}},
		{&rep.HandoffNotes, `UPDATE threads SET handoff_note_sealed = NULL, handoff_masked_sealed = NULL
			WHERE handoff_at < ? AND (handoff_note_sealed IS NOT NULL OR handoff_masked_sealed IS NOT NULL)`, []any{msgCut}},
		{&rep.Threads, `DELETE FROM threads WHERE last_at < ?
			AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)
			AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.thread_id = threads.id)
			AND (handoff_at IS NULL OR handoff_at < ?)`, []any{msgCut, msgCut}},
		{&rep.ConsentRecords, `DELETE FROM consent_events WHERE EXISTS (
			SELECT 1 FROM consent_events later WHERE later.patient_id = consent_events.patient_id
			AND later.id > consent_events.id AND later.at < ?)`, []any{consentCut}},
		// A reveal is a record of access to PHI: it is kept as long as
		// the audit entries.
		{&rep.Reveals, `DELETE FROM reveals WHERE created_at < ?`, []any{auditCut}},
		// A purged patient's further identifiers go with them.
		{nil, `DELETE FROM patient_contacts WHERE patient_id IN (SELECT id FROM patients WHERE created_at < ?
			AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.patient_id = patients.id)
			AND NOT EXISTS (SELECT 1 FROM consent_events c WHERE c.patient_id = patients.id)
			AND (consent_at IS NULL OR consent_at < ?))`, []any{msgCut, consentCut}},
		{&rep.Appointments, `DELETE FROM appointments WHERE start_at < ?`, []any{msgCut}},
		{&rep.Patients, `DELETE FROM patients WHERE created_at < ?
			AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.patient_id = patients.id)
			AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = patients.id)
			AND NOT EXISTS (SELECT 1 FROM consent_events c WHERE c.patient_id = patients.id)
			AND (consent_at IS NULL OR consent_at < ?)`, []any{msgCut, consentCut}},
	}
	for _, st := range steps {
		res, err := tx.ExecContext(ctx, st.stmt, st.args...)
		if err != nil {
			return rep, fmt.Errorf("central: purge: %w", err)
		}
		if st.n == nil {
			continue
		}
		if *st.n, err = res.RowsAffected(); err != nil {
			return rep, err
		}
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
	if err := appendServerAudit(ctx, tx, now, auditRecord{UserID: opt.UserID, Action: "retention.purge", Object: "store", Outcome: "ok", Detail: detail}); err != nil {
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, fmt.Errorf("central: purge: %w", err)
	}
	return rep, nil
}

// purgeAudit deletes, for each chain, the run of entries from its start
// that were all received before cut, keeping the chain's newest entry.
// It returns "console:seq:hash" of the last entry purged from each chain,
// the anchor from which the rest of the chain verifies.
func purgeAudit(ctx context.Context, tx *sql.Tx, cut int64, n *int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT console_id, MAX(seq) FROM audit GROUP BY console_id`)
	if err != nil {
		return nil, fmt.Errorf("central: purge audit: %w", err)
	}
	heads := map[string]int64{}
	for rows.Next() {
		var c string
		var s int64
		if err := rows.Scan(&c, &s); err != nil {
			rows.Close()
			return nil, err
		}
		heads[c] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	consoles := make([]string, 0, len(heads))
	for c := range heads {
		consoles = append(consoles, c)
	}
	sort.Strings(consoles)
	var anchors []string
	for _, c := range consoles {
		// The first entry that must stay: the oldest one received at or
		// after the cutoff, or the head.
		var keep int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MIN(seq), ?) FROM audit WHERE console_id = ? AND received_at >= ?`,
			heads[c], c, cut).Scan(&keep); err != nil {
			return nil, fmt.Errorf("central: purge audit: %w", err)
		}
		keep = min(keep, heads[c])
		var last int64
		var hash string
		err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit WHERE console_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1`, c, keep).Scan(&last, &hash)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("central: purge audit: %w", err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM audit WHERE console_id = ? AND seq < ?`, c, keep)
		if err != nil {
			return nil, fmt.Errorf("central: purge audit: %w", err)
		}
		d, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		*n += d
		anchors = append(anchors, c+":"+strconv.FormatInt(last, 10)+":"+hash)
	}
	return anchors, nil
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
