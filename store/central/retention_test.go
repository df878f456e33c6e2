package central

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// TestPurgeHonoursEachRetention ages a populated store with an injected
// clock and checks what each purge removes and keeps.
func TestPurgeHonoursEachRetention(t *testing.T) {
	e := newEnv(t)
	threadID := populate(t, e, e.keys)
	db := e.srv.db
	ctx := context.Background()
	// A second patient who wrote STOP, then START: the first consent
	// record is superseded, the second is in effect.
	e.patientWrites(patientUS, "STOP")
	e.patientWrites(patientUS, "START")
	var consents int
	db.QueryRow(`SELECT count(*) FROM consent_events`).Scan(&consents)
	if consents < 3 {
		t.Fatalf("want seed opt-ins plus STOP and START, have %d consent records", consents)
	}
	msgs, audits := e.count("messages"), e.count("audit")
	r := maintenance.Retention{Messages: 2 * maintenance.Year, Audit: 6 * maintenance.Year, Consent: 6 * maintenance.Year}
	start := time.Now()

	// A year on: nothing is old enough.
	rep, err := maintenance.PurgeDB(ctx, db, r, maintenance.PurgeOptions{Now: func() time.Time { return start.Add(maintenance.Year) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Messages+rep.Threads+rep.Patients+rep.ConsentRecords+rep.AuditEntries+rep.HandoffNotes != 0 {
		t.Fatalf("purge a year on removed %+v", rep)
	}

	// Three years on, as a dry run: messages would go, nothing changes.
	threeYears := func() time.Time { return start.Add(3 * maintenance.Year) }
	dry, err := maintenance.PurgeDB(ctx, db, r, maintenance.PurgeOptions{Now: threeYears, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.Messages != int64(msgs) || e.count("messages") != msgs {
		t.Fatalf("dry run counted %d messages of %d and left %d", dry.Messages, msgs, e.count("messages"))
	}
	auditsBefore := e.count("audit")

	// Three years on: messages, hand-off notes, threads and the patient
	// without consent go; consent records and audit entries stay.
	rep, err = maintenance.PurgeDB(ctx, db, r, maintenance.PurgeOptions{Now: threeYears})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Messages != int64(msgs) || e.count("messages") != 0 || e.count("outbox") != 0 {
		t.Errorf("messages purged %d of %d; %d left, %d outbox left", rep.Messages, msgs, e.count("messages"), e.count("outbox"))
	}
	if rep.Threads == 0 || e.count("threads") != 0 {
		t.Errorf("threads purged %d, %d left", rep.Threads, e.count("threads"))
	}
	if rep.HandoffNotes != 1 {
		t.Errorf("hand-off notes cleared = %d, want 1", rep.HandoffNotes)
	}
	var left int
	db.QueryRow(`SELECT count(*) FROM patients WHERE user_id_sealed IS NOT NULL AND phone_sealed IS NULL`).Scan(&left)
	if left != 0 || rep.Patients != 1 {
		t.Errorf("the patient with no consent record and no thread: %d left, %d purged", left, rep.Patients)
	}
	if e.count("consent_events") != consents || rep.ConsentRecords != 0 {
		t.Errorf("consent records younger than six years purged: %d of %d left", e.count("consent_events"), consents)
	}
	if e.count("reveals") != 1 {
		t.Errorf("reveals (access records) younger than the audit retention purged")
	}
	if e.count("audit") != auditsBefore+1 || rep.AuditEntries != 0 {
		t.Errorf("audit entries younger than six years purged: %d, want %d + the purge's own", e.count("audit"), auditsBefore)
	}
	var patientsLeft int
	db.QueryRow(`SELECT count(*) FROM patients`).Scan(&patientsLeft)
	if patientsLeft != 2 {
		t.Errorf("patients with consent records must stay (their consent state): %d left, want 2", patientsLeft)
	}
	_ = threadID

	// Seven years on: superseded consent (the US patient's seed opt-in and
	// STOP) goes, the records in
	// effect stay; the audit chains keep their newest entry and verify
	// from the first one kept.
	rep, err = maintenance.PurgeDB(ctx, db, r, maintenance.PurgeOptions{Now: func() time.Time { return start.Add(7 * maintenance.Year) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ConsentRecords != 2 || e.count("consent_events") != consents-2 {
		t.Errorf("superseded consent purged %d, %d left of %d", rep.ConsentRecords, e.count("consent_events"), consents)
	}
	var inEffect int
	db.QueryRow(`SELECT count(*) FROM consent_events c JOIN patients p ON p.id = c.patient_id WHERE c.opted_in = p.opted_in`).Scan(&inEffect)
	if inEffect != 2 {
		t.Errorf("consent records in effect left = %d, want 2", inEffect)
	}
	if rep.Reveals != 1 || e.count("reveals") != 0 {
		t.Errorf("reveals past the audit retention: %d purged, %d left", rep.Reveals, e.count("reveals"))
	}
	if rep.AuditEntries == 0 || rep.AuditEntries >= int64(audits+2) {
		t.Errorf("audit entries purged = %d", rep.AuditEntries)
	}
	for _, console := range []string{ServerConsoleID} {
		chain, err := auditlog.Store{}.Chain(ctx, db, console)
		if err != nil {
			t.Fatal(err)
		}
		if len(chain) < 2 {
			t.Fatalf("chain %s keeps %d entries; want the old head and the purge entry", console, len(chain))
		}
		// Verify from the anchor: the first kept entry links to the last
		// purged one, named in the purge entry.
		anchor := chain[0]
		anchor.Seq--
		anchor.Hash = chain[0].PrevHash
		if err := audit.Verify(&anchor, chain); err != nil {
			t.Errorf("chain %s does not verify from its anchor: %v", console, err)
		}
		last := chain[len(chain)-1]
		if last.Action != "retention.purge" || last.Detail["audit_entries"] != strconv.FormatInt(rep.AuditEntries, 10) {
			t.Errorf("last entry = %s %v", last.Action, last.Detail)
		}
		for k, v := range last.Detail {
			if k != "audit_anchors" && len(v) > 20 {
				t.Errorf("purge detail %s=%q is more than a count", k, v)
			}
		}
	}
}
