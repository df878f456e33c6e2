// Package apptfile reads a clinic's appointment book from the two forms
// scheduling systems export: a CSV file with documented columns, and a
// FHIR R4 Bundle of Appointment resources (with the Patient resources
// they name). It turns each row or entry into a central.AppointmentRecord
// or a problem naming its line or entry; nothing it reports repeats a
// phone number or any other content of the file.
package apptfile

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/clinicwa/triage/store/central"
)

// Columns are the CSV header names, in any order; extra columns are
// ignored. cancelled_at is required for a cancelled appointment and must be
// empty otherwise.
var Columns = []string{"id", "phone", "start", "status", "cancelled_at"}

// localLayouts are the accepted forms of a time without a zone, read in
// the clinic's zone.
var localLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// parseTime reads an RFC 3339 time, or a local time in zone.
func parseTime(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, zone); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("not a time (RFC 3339, or YYYY-MM-DD HH:MM in the clinic's zone)")
}

// ParseCSV reads the CSV form. The first line is the header. A row that
// cannot be read is returned as a problem with its line number; an
// unreadable header or file is an error, since no row can then be trusted.
func ParseCSV(r io.Reader, zone *time.Location) ([]central.AppointmentRecord, []central.ImportProblem, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("appointments CSV: no header line: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range Columns {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("appointments CSV: the header lacks the %q column (want %s)", c, strings.Join(Columns, ","))
		}
	}
	var (
		recs     []central.AppointmentRecord
		problems []central.ImportProblem
	)
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		where := fmt.Sprintf("line %d", line)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems = append(problems, central.ImportProblem{Where: fmt.Sprintf("line %d", pe.StartLine), Reason: "not valid CSV: " + pe.Err.Error()})
				continue
			}
			return nil, nil, fmt.Errorf("appointments CSV: %w", err)
		}
		get := func(c string) string {
			if i := col[c]; i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		rec := central.AppointmentRecord{Where: where, ExternalID: get("id"), Phone: get("phone"),
			Status: central.AppointmentStatus(strings.ToLower(get("status")))}
		if rec.Start, err = parseTime(get("start"), zone); err != nil {
			problems = append(problems, central.ImportProblem{Where: where, Reason: "start: " + err.Error()})
			continue
		}
		if c := get("cancelled_at"); c != "" {
			if rec.CancelledAt, err = parseTime(c, zone); err != nil {
				problems = append(problems, central.ImportProblem{Where: where, Reason: "cancelled_at: " + err.Error()})
				continue
			}
		}
		recs = append(recs, rec)
	}
	return recs, problems, nil
}

// CancellationDateExtension is the R5 element cancellationDate carried
// into R4 as a cross-version extension: R4's Appointment has no field for
// when it was cancelled.
const CancellationDateExtension = "http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.cancellationDate"

// ParseFHIR reads a FHIR R4 Bundle. Appointments name their patient with
// a participant whose actor refers to a Patient in the same bundle
// ("Patient/<id>" or the entry's fullUrl); the patient's phone is that
// Patient's telecom of system "phone" (the mobile one first). A cancelled
// appointment's time is taken from the cancellationDate extension, else
// from meta.lastUpdated. FHIR statuses map onto the measured ones:
// arrived and checked-in count as fulfilled; proposed, pending and
// waitlist as booked; entered-in-error is skipped and reported.
func ParseFHIR(r io.Reader) ([]central.AppointmentRecord, []central.ImportProblem, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, nil, err
	}
	bundle, err := fhir.UnmarshalBundle(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("appointments FHIR: not an R4 Bundle: %w", err)
	}
	var probe struct {
		ResourceType string `json:"resourceType"`
	}
	if json.Unmarshal(raw, &probe); probe.ResourceType != "Bundle" {
		return nil, nil, errors.New("appointments FHIR: the file's resourceType is not Bundle")
	}
	phones := map[string]string{} // "Patient/<id>" and fullUrl -> phone
	type entry struct {
		where string
		appt  fhir.Appointment
	}
	var (
		appts    []entry
		problems []central.ImportProblem
	)
	for i, e := range bundle.Entry {
		where := fmt.Sprintf("entry %d", i+1)
		if err := json.Unmarshal(e.Resource, &probe); err != nil || len(bytes.TrimSpace(e.Resource)) == 0 {
			problems = append(problems, central.ImportProblem{Where: where, Reason: "the entry has no readable resource"})
			continue
		}
		switch probe.ResourceType {
		case "Patient":
			p, err := fhir.UnmarshalPatient(e.Resource)
			if err != nil {
				problems = append(problems, central.ImportProblem{Where: where, Reason: "Patient: " + fhirError(err)})
				continue
			}
			phone := patientPhone(p)
			if p.Id != nil {
				phones["Patient/"+*p.Id] = phone
			}
			if e.FullUrl != nil {
				phones[*e.FullUrl] = phone
			}
		case "Appointment":
			a, err := fhir.UnmarshalAppointment(e.Resource)
			if err != nil {
				problems = append(problems, central.ImportProblem{Where: where, Reason: "Appointment: " + fhirError(err)})
				continue
			}
			appts = append(appts, entry{where, a})
		default:
			// Practitioners, locations and the like are not needed.
		}
	}
	var recs []central.AppointmentRecord
	for _, e := range appts {
		rec, why := fromFHIR(e.appt, phones)
		if why != "" {
			problems = append(problems, central.ImportProblem{Where: e.where, Reason: why})
			continue
		}
		rec.Where = e.where
		recs = append(recs, rec)
	}
	return recs, problems, nil
}

// fhirError keeps the library's message for a bad code (it names the
// code, not the patient) but nothing longer.
func fhirError(err error) string {
	msg := err.Error()
	if len(msg) > 120 {
		msg = msg[:120]
	}
	return msg
}

func patientPhone(p fhir.Patient) string {
	best, bestRank := "", 3
	for _, t := range p.Telecom {
		if t.System == nil || *t.System != fhir.ContactPointSystemPhone || t.Value == nil {
			continue
		}
		rank := 2
		if t.Use != nil && *t.Use == fhir.ContactPointUseMobile {
			rank = 1
		}
		if rank < bestRank {
			best, bestRank = *t.Value, rank
		}
	}
	return best
}

func fromFHIR(a fhir.Appointment, phones map[string]string) (central.AppointmentRecord, string) {
	var rec central.AppointmentRecord
	switch {
	case len(a.Identifier) > 0 && a.Identifier[0].Value != nil:
		sys := ""
		if a.Identifier[0].System != nil {
			sys = *a.Identifier[0].System
		}
		rec.ExternalID = sys + "|" + *a.Identifier[0].Value
	case a.Id != nil:
		rec.ExternalID = "Appointment/" + *a.Id
	default:
		return rec, "the Appointment has neither an identifier nor an id"
	}
	switch a.Status {
	case fhir.AppointmentStatusFulfilled, fhir.AppointmentStatusArrived, fhir.AppointmentStatusCheckedIn:
		rec.Status = central.AppointmentFulfilled
	case fhir.AppointmentStatusNoshow:
		rec.Status = central.AppointmentNoShow
	case fhir.AppointmentStatusCancelled:
		rec.Status = central.AppointmentCancelled
	case fhir.AppointmentStatusBooked, fhir.AppointmentStatusProposed, fhir.AppointmentStatusPending, fhir.AppointmentStatusWaitlist:
		rec.Status = central.AppointmentBooked
	default:
		return rec, "the Appointment was entered in error"
	}
	if a.Start == nil {
		return rec, "the Appointment has no start"
	}
	start, err := time.Parse(time.RFC3339, *a.Start)
	if err != nil {
		return rec, "start is not a FHIR instant"
	}
	rec.Start = start.UTC()
	if rec.Status == central.AppointmentCancelled {
		var when *string
		for _, x := range a.Extension {
			if x.Url == CancellationDateExtension {
				when = x.ValueDateTime
				if when == nil {
					when = x.ValueInstant
				}
			}
		}
		if when == nil && a.Meta != nil {
			when = a.Meta.LastUpdated
		}
		if when == nil {
			return rec, "a cancelled Appointment needs the cancellationDate extension or meta.lastUpdated"
		}
		t, err := time.Parse(time.RFC3339, *when)
		if err != nil {
			return rec, "the cancellation time is not a FHIR instant"
		}
		rec.CancelledAt = t.UTC()
	}
	for _, p := range a.Participant {
		if p.Actor == nil || p.Actor.Reference == nil {
			continue
		}
		if phone, ok := phones[*p.Actor.Reference]; ok {
			if phone == "" {
				return rec, "the Appointment's Patient has no phone number"
			}
			rec.Phone = phone
			return rec, ""
		}
	}
	return rec, "the Appointment names no Patient found in the bundle"
}
