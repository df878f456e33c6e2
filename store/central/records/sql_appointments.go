package records

import (
	"context"
	"time"
)

// Appointments keeps the appointments imported from the clinic's
// schedule, found by a blind index of their external id; the status stays
// sealed (the caller seals and opens it).
type Appointments struct{}

// StoredAppointment is one appointment row, its status still sealed.
type StoredAppointment struct {
	ID, PatientID string
	Start         int64 // unix ns
	StatusSealed  []byte
}

// ByExternal is the appointment with this external-id blind index
// (sql.ErrNoRows when none).
func (Appointments) ByExternal(ctx context.Context, q Querier, externalIdx []byte) (StoredAppointment, error) {
	var a StoredAppointment
	err := q.QueryRowContext(ctx, `SELECT id, patient_id, start_at, status_sealed FROM appointments WHERE external_bidx = ?`, externalIdx).
		Scan(&a.ID, &a.PatientID, &a.Start, &a.StatusSealed)
	return a, err
}

func (Appointments) Insert(ctx context.Context, q Querier, externalIdx []byte, a StoredAppointment, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO appointments (id, external_bidx, patient_id, start_at, status_sealed, imported_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ID, externalIdx, a.PatientID, a.Start, a.StatusSealed, now.UnixNano(), now.UnixNano())
	return err
}

func (Appointments) Update(ctx context.Context, q Querier, a StoredAppointment, now time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE appointments SET patient_id = ?, start_at = ?, status_sealed = ?, updated_at = ? WHERE id = ?`,
		a.PatientID, a.Start, a.StatusSealed, now.UnixNano(), a.ID)
	return err
}

// Between lists the appointments that start in [from, to), earliest first.
func (Appointments) Between(ctx context.Context, q Querier, from, to time.Time) ([]StoredAppointment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, patient_id, start_at, status_sealed FROM appointments WHERE start_at >= ? AND start_at < ? ORDER BY start_at`,
		from.UnixNano(), to.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredAppointment
	for rows.Next() {
		var a StoredAppointment
		if err := rows.Scan(&a.ID, &a.PatientID, &a.Start, &a.StatusSealed); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
