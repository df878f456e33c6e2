package report

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/central/storage"
)

// reportIncidentsAndUrgent fills urgent_messages, incidents_opened and
// incidents_open: counts only, from columns that are not sealed.
func reportIncidentsAndUrgent(ctx context.Context, q storage.Querier, rep *Report, dayEnds []time.Time, end time.Time, each func(time.Time, func(*counters))) error {
	rows, err := sqlReport{}.urgentMarks(ctx, q, end)
	if err != nil {
		return fmt.Errorf("report: urgent messages: %w", err)
	}
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			rows.Close()
			return err
		}
		each(time.Unix(0, at), func(c *counters) { c.f.UrgentMessages++ })
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	type span struct {
		opened  int64
		decided sql.NullInt64
	}
	var incs []span
	rows, err = sqlReport{}.incidents(ctx, q, end)
	if err != nil {
		return fmt.Errorf("report: incidents: %w", err)
	}
	for rows.Next() {
		var sp span
		if err := rows.Scan(&sp.opened, &sp.decided); err != nil {
			rows.Close()
			return err
		}
		incs = append(incs, sp)
		each(time.Unix(0, sp.opened), func(c *counters) { c.f.IncidentsOpened++ })
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	openAt := func(t int64) int {
		n := 0
		for _, sp := range incs {
			if sp.opened < t && (!sp.decided.Valid || sp.decided.Int64 >= t) {
				n++
			}
		}
		return n
	}
	for i, d := range rep.Days {
		rep.ByDay[d].IncidentsOpen = openAt(dayEnds[i].UnixNano())
	}
	rep.Total.IncidentsOpen = openAt(end.UnixNano())
	return nil
}
