package records

import (
	"context"
	"database/sql"
	"time"

	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/pgsql"
)

// The evidence pack's reads: consent figures and the key history.

// OptInConsentStats is the default ConsentStatsSource: the opt-in state
// of patients and the consent_events of the period.
func OptInConsentStats(ctx context.Context, q Querier, from, to time.Time) (ConsentStats, error) {
	cs := ConsentStats{Source: "patients.opted_in and consent_events (WhatsApp opt-in/opt-out records)",
		OptInsInPeriod: map[string]int{}, OptOutsInPeriod: map[string]int{}}
	// CASE, not SUM over the comparison: PostgreSQL does not sum booleans.
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN opted_in = 1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN opted_in = 0 THEN 1 ELSE 0 END), 0) FROM patients`).
		Scan(&cs.PatientsOptedIn, &cs.PatientsOptedOut); err != nil {
		return cs, err
	}
	rows, err := q.QueryContext(ctx, `SELECT opted_in, source, COUNT(*) FROM consent_events WHERE at >= ? AND at < ? GROUP BY opted_in, source`,
		from.UnixNano(), to.UnixNano())
	if err != nil {
		return cs, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			in     int
			source string
			n      int
		)
		if err := rows.Scan(&in, &source, &n); err != nil {
			return cs, err
		}
		if in == 1 {
			cs.OptInsInPeriod[source] += n
		} else {
			cs.OptOutsInPeriod[source] += n
		}
	}
	return cs, rows.Err()
}

func KeyHistory(ctx context.Context, db *sql.DB) ([]KeyRecord, error) {
	out := []KeyRecord{}
	var tables int
	// Dialect: sqlite_master is SQLite's catalogue (PostgreSQL asks
	// information_schema.tables), and WHERE 0 below is SQLite's false
	// (PostgreSQL wants WHERE false).
	if err := db.QueryRowContext(ctx, pgsql.Spelling(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'keys'`,
		`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'keys'`)).Scan(&tables); err != nil {
		return nil, err
	}
	query := `SELECT purpose, key_id, kek, created_at FROM keys ORDER BY created_at, purpose, key_id`
	if tables == 0 {
		// Keys handed in by the embedding program, not kept in the store.
		query = pgsql.Spelling(`SELECT '', 0, '', '' WHERE 0`, `SELECT '', 0, '', '' WHERE false`)
	}
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r KeyRecord
		if err := rows.Scan(&r.Purpose, &r.KeyID, &r.KEK, &r.At); err != nil {
			rows.Close()
			return nil, err
		}
		r.Event = "key"
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.QueryContext(ctx, `SELECT action, at, outcome FROM audit WHERE console_id = ? AND action IN ('keys.rotate', 'keys.rewrap') ORDER BY at_ns`, auditlog.ServerChain)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r KeyRecord
		if err := rows.Scan(&r.Event, &r.At, &r.Outcome); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
