package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/store/central/report"
)

// AppointmentStatus is where an appointment stands in the clinic's book.
type AppointmentStatus string

// The statuses the program measures. A scheduling system's richer set
// (FHIR's arrived, checked-in, …) is mapped onto these on import.
const (
	AppointmentBooked    AppointmentStatus = "booked"
	AppointmentFulfilled AppointmentStatus = "fulfilled"
	AppointmentNoShow    AppointmentStatus = "noshow"
	AppointmentCancelled AppointmentStatus = "cancelled"
)

// AppointmentRecord is one appointment read from an import file, before
// it is matched to a patient. Where names its place in the file ("line
// 4", "entry 2") for problem reports.
type AppointmentRecord struct {
	Where       string
	ExternalID  string
	Phone       string
	Start       time.Time
	Status      AppointmentStatus
	CancelledAt time.Time
}

// ImportProblem is one row or entry that was not imported, and why. The
// reason never repeats the row's content (it may hold a phone number).
type ImportProblem struct {
	Where  string `json:"where"`
	Reason string `json:"reason"`
}

// ImportResult counts what an import did.
type ImportResult struct {
	Added     int             `json:"added"`
	Updated   int             `json:"updated"`
	Unchanged int             `json:"unchanged"`
	Problems  []ImportProblem `json:"problems"`
}

// sealedAppointment is the sealed status column's content.
type sealedAppointment struct {
	Status      AppointmentStatus `json:"status"`
	CancelledAt int64             `json:"cancelled_at,omitempty"`
}

// bidxAppointment is the blind-index domain of external appointment ids.
const bidxAppointment = "appointments.external_id"

// validate checks a record's fields that do not need the store.
func (r AppointmentRecord) validate() string {
	switch {
	case strings.TrimSpace(r.ExternalID) == "":
		return "the appointment has no id"
	case r.Start.IsZero():
		return "the appointment has no start time"
	}
	switch r.Status {
	case AppointmentBooked, AppointmentFulfilled, AppointmentNoShow:
		if !r.CancelledAt.IsZero() {
			return "a cancellation time is given but the status is not cancelled"
		}
	case AppointmentCancelled:
		if r.CancelledAt.IsZero() {
			return "a cancelled appointment needs the time it was cancelled"
		}
	default:
		return "the status must be booked, fulfilled, noshow or cancelled"
	}
	if _, err := e164.Normalize(r.Phone); err != nil {
		return "the phone number is not an international number (+ and country code)"
	}
	return ""
}

// ImportAppointments stores recs, matching each patient by phone through
// the blind index. Records are idempotent by external id: a repeat with
// the same content changes nothing, one with a new status or time
// updates the row. A record that fails (bad field, unknown patient, an
// id repeated in the same file) is reported and skipped; every other
// record is stored, all in one transaction.
func ImportAppointments(ctx context.Context, st *Store, recs []AppointmentRecord, now time.Time) (ImportResult, error) {
	var res ImportResult
	sq := st.Patients.(records.Patients).Base
	seen := map[string]string{} // external id -> where first seen
	err := st.Tx(ctx, func(q Querier) error {
		res = ImportResult{Problems: res.Problems[:0]}
		for k := range seen {
			delete(seen, k)
		}
		for _, r := range recs {
			if why := r.validate(); why != "" {
				res.Problems = append(res.Problems, ImportProblem{r.Where, why})
				continue
			}
			if first, dup := seen[r.ExternalID]; dup {
				res.Problems = append(res.Problems, ImportProblem{r.Where, "repeats the appointment id of " + first + "; the first one was kept"})
				continue
			}
			seen[r.ExternalID] = r.Where
			phone, _ := e164.Normalize(r.Phone)
			p, err := st.Patients.ByPhone(ctx, q, phone)
			if errors.Is(err, ErrNotFound) || (err == nil && p.ID == "") {
				res.Problems = append(res.Problems, ImportProblem{r.Where, "no patient with this phone number has written to the clinic"})
				continue
			} else if err != nil {
				return err
			}
			outcome, err := upsertAppointment(ctx, q, sq, p.ID, r, now)
			if err != nil {
				return fmt.Errorf("%s: %w", r.Where, err)
			}
			switch outcome {
			case "added":
				res.Added++
			case "updated":
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		return nil
	})
	return res, err
}

func upsertAppointment(ctx context.Context, q Querier, sq *records.Base, patientID string, r AppointmentRecord, now time.Time) (string, error) {
	idx := sq.Bidx(bidxAppointment, r.ExternalID)
	want := sealedAppointment{Status: r.Status}
	if !r.CancelledAt.IsZero() {
		want.CancelledAt = r.CancelledAt.UnixNano()
	}
	held, err := records.Appointments{}.ByExternal(ctx, q, idx)
	id, prevPatient, start, sealed := held.ID, held.PatientID, held.Start, held.StatusSealed
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id = records.NewID("apt")
		env, err := sealStatus(sq, id, want)
		if err != nil {
			return "", err
		}
		err = records.Appointments{}.Insert(ctx, q, idx, records.StoredAppointment{ID: id, PatientID: patientID, Start: r.Start.UnixNano(), StatusSealed: env}, now)
		return "added", err
	case err != nil:
		return "", err
	}
	have, err := openStatus(sq, id, sealed)
	if err != nil {
		return "", err
	}
	if have == want && start == r.Start.UnixNano() && prevPatient == patientID {
		return "unchanged", nil
	}
	env, err := sealStatus(sq, id, want)
	if err != nil {
		return "", err
	}
	err = records.Appointments{}.Update(ctx, q, records.StoredAppointment{ID: id, PatientID: patientID, Start: r.Start.UnixNano(), StatusSealed: env}, now)
	return "updated", err
}

func sealStatus(sq *records.Base, id string, a sealedAppointment) ([]byte, error) {
	raw, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	return sq.Keys.Seal("appointments", "status", id, raw)
}

func openStatus(sq *records.Base, id string, env []byte) (sealedAppointment, error) {
	var a sealedAppointment
	raw, err := sq.Keys.Open("appointments", "status", id, env)
	if err != nil {
		return a, fmt.Errorf("central: open appointment status: %w", err)
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("central: appointment status: %w", err)
	}
	return a, nil
}

// AppointmentsStarting opens, for the program report, the appointments
// that start in [from, to): their sealed status is opened here, where the
// keys are, and only the outcome, the start and the patient's opaque id
// leave.
func (st *Store) AppointmentsStarting(ctx context.Context, from, to time.Time) ([]report.Appointment, error) {
	sq := st.Patients.(records.Patients).Base
	held, err := records.Appointments{}.Between(ctx, st.DB, from, to)
	if err != nil {
		return nil, err
	}
	var out []report.Appointment
	for _, h := range held {
		a, err := openStatus(sq, h.ID, h.StatusSealed)
		if err != nil {
			return nil, err
		}
		o := report.Appointment{PatientID: h.PatientID, Start: time.Unix(0, h.Start).UTC(), Outcome: reportOutcome(a.Status)}
		if a.CancelledAt != 0 {
			o.CancelledAt = time.Unix(0, a.CancelledAt).UTC()
		}
		out = append(out, o)
	}
	return out, nil
}

// reportOutcome is the report's name for an appointment's status.
func reportOutcome(s AppointmentStatus) report.Outcome {
	switch s {
	case AppointmentFulfilled:
		return report.Fulfilled
	case AppointmentNoShow:
		return report.NoShow
	case AppointmentCancelled:
		return report.Cancelled
	}
	return report.Pending
}
