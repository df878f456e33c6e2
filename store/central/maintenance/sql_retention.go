package maintenance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/pgsql"
)

// sqlRetention holds the retention purge's statements.
type sqlRetention struct{}

// secureDelete turns SQLite's overwriting of deleted content on or off
// for the connection, so purged PHI does not linger in free pages.
//
// Dialect: the PRAGMA is SQLite's; PostgreSQL has no per-connection
// equivalent (dead tuples go at VACUUM), so its backend leaves this out.
func (sqlRetention) secureDelete(ctx context.Context, conn *sql.Conn, on bool) error {
	stmt := pgsql.Spelling(`PRAGMA secure_delete = OFF`, `SELECT 0`)
	if on {
		stmt = pgsql.Spelling(`PRAGMA secure_delete = ON`, `SELECT 1`)
	}
	_, err := conn.ExecContext(ctx, stmt)
	return err
}

// purgeRows deletes the messages, outbox jobs, hand-off notes, threads,
// superseded consent records, reveals, appointments and patients older
// than their cutoffs (unix ns), in order so nothing is left pointing at a
// deleted row, and counts each into rep.
func (sqlRetention) purgeRows(ctx context.Context, q storage.Querier, rep *PurgeReport, msgCut, auditCut, consentCut int64) error {
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
		res, err := q.ExecContext(ctx, st.stmt, st.args...)
		if err != nil {
			return fmt.Errorf("central: purge: %w", err)
		}
		if st.n == nil {
			continue
		}
		if *st.n, err = res.RowsAffected(); err != nil {
			return err
		}
	}
	return nil
}

// purgeAudit deletes, for each chain, the run of entries from its start
// that were all received before cut, keeping the chain's newest entry.
// It returns "console:seq:hash" of the last entry purged from each chain,
// the anchor from which the rest of the chain verifies.
func purgeAudit(ctx context.Context, tx storage.Querier, cut int64, n *int64) ([]string, error) {
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
