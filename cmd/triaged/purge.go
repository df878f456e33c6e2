package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// retentionFlags are the retention settings, read by `triaged purge`.
type retentionFlags struct {
	messages, audit, consent *string
}

func addRetentionFlags(sf *subFlags) retentionFlags {
	return retentionFlags{
		messages: sf.str("retention-messages", "TRIAGED_RETENTION_MESSAGES", maintenance.FormatRetention(maintenance.DefaultMessageRetention),
			"how long messages and hand-off notes are kept (7y, 2557d or hours); at least 30d"),
		audit: sf.str("retention-audit", "TRIAGED_RETENTION_AUDIT", maintenance.FormatRetention(maintenance.DefaultAuditRetention),
			"how long audit entries are kept; at least 6y (45 CFR 164.316(b)(2), 164.530(j))"),
		consent: sf.str("retention-consent", "TRIAGED_RETENTION_CONSENT", maintenance.FormatRetention(maintenance.DefaultConsentRetention),
			"how long a consent record is kept after a later choice supersedes it; at least 6y"),
	}
}

// retention parses and checks the settings, naming the one at fault.
func (r retentionFlags) retention() (maintenance.Retention, error) {
	var out maintenance.Retention
	for _, f := range []struct {
		env string
		v   *string
		d   *int64
	}{
		{"TRIAGED_RETENTION_MESSAGES", r.messages, (*int64)(&out.Messages)},
		{"TRIAGED_RETENTION_AUDIT", r.audit, (*int64)(&out.Audit)},
		{"TRIAGED_RETENTION_CONSENT", r.consent, (*int64)(&out.Consent)},
	} {
		d, err := maintenance.ParseRetention(*f.v)
		if err != nil {
			return out, fmt.Errorf("%s: %w", f.env, err)
		}
		*f.d = int64(d)
	}
	if err := out.Validate(); err != nil {
		return out, err
	}
	return out, nil
}

// runPurge implements `triaged purge [--dry-run]`.
func runPurge(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged purge", "triaged purge [--dry-run] [--data DIR] [--retention-messages 7y] [--retention-audit 7y] [--retention-consent 7y]", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
	dbURL := sf.databaseURL()
	rf := addRetentionFlags(sf)
	dry := sf.fs.Bool("dry-run", false, "count what would be deleted and change nothing")
	if err := sf.parse(args); err != nil {
		return err
	}
	r, err := rf.retention()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := central.Purge(ctx, *data, r, maintenance.PurgeOptions{DryRun: *dry, DatabaseURL: *dbURL})
	if err != nil {
		return err
	}
	verb := "deleted"
	if rep.DryRun {
		verb = "would delete (dry run, nothing changed)"
	}
	fmt.Fprintf(stdout, "triaged purge: %s\n", verb)
	fmt.Fprintf(stdout, "  messages older than %s: %d (and %d delivery jobs)\n", rep.Cutoffs.Messages.Format("2006-01-02"), rep.Messages, rep.Outbox)
	fmt.Fprintf(stdout, "  hand-off notes cleared: %d\n", rep.HandoffNotes)
	fmt.Fprintf(stdout, "  appointments that started before %s: %d\n", rep.Cutoffs.Messages.Format("2006-01-02"), rep.Appointments)
	fmt.Fprintf(stdout, "  threads left empty: %d\n", rep.Threads)
	fmt.Fprintf(stdout, "  patients with no thread and no consent record: %d\n", rep.Patients)
	fmt.Fprintf(stdout, "  consent records superseded before %s: %d\n", rep.Cutoffs.Consent.Format("2006-01-02"), rep.ConsentRecords)
	fmt.Fprintf(stdout, "  audit entries received before %s: %d\n", rep.Cutoffs.Audit.Format("2006-01-02"), rep.AuditEntries)
	return nil
}
