package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/apptfile"
)

var flagErrHelp = flag.ErrHelp

const appointmentsUsage = `Usage: triaged appointments import FILE [--data DIR] [--format csv|fhir] [--clinic-zone ZONE]

Imports the clinic's appointment book so the report can measure show rates
and late cancellations. FILE is either
  - CSV with a header line naming the columns id, phone, start, status,
    cancelled_at (any order; other columns are ignored). phone is the
    international number (+ and country code); start and cancelled_at are
    RFC 3339, or "YYYY-MM-DD HH:MM" in the clinic's zone; status is booked,
    fulfilled, noshow or cancelled; cancelled_at is required for cancelled
    and empty otherwise; or
  - a FHIR R4 Bundle (JSON) of Appointment resources and the Patient
    resources their participants refer to.
Patients are matched by phone to those who have written to the clinic;
an appointment whose number matches nobody is reported, not stored.
A re-import of the same appointment id changes nothing, or updates it.
Bad rows are listed by line (CSV) or entry (FHIR); every other row is kept.
`

func runAppointmentsImport(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged appointments import", "triaged appointments import FILE [--data DIR] [--format csv|fhir] [--clinic-zone ZONE]", stderr)
	cf := addCustodyFlags(sf)
	zoneName := clinicZoneFlag(sf)
	format := sf.fs.String("format", "", "csv or fhir (default: from the file's name, .csv or .json)")
	file, flags := splitPositional(sf, args)
	if err := sf.parse(flags); err != nil {
		return err
	}
	if file == "" {
		fmt.Fprint(stderr, appointmentsUsage)
		return errors.New("triaged appointments import: name the file to import")
	}
	zone, err := loadZone(*zoneName)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("triaged appointments import: %w", err)
	}
	kind := *format
	if kind == "" {
		switch strings.ToLower(filepath.Ext(file)) {
		case ".csv":
			kind = "csv"
		case ".json":
			kind = "fhir"
		default:
			if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' {
				kind = "fhir"
			} else {
				kind = "csv"
			}
		}
	}
	var (
		recs     []central.AppointmentRecord
		problems []central.ImportProblem
	)
	switch kind {
	case "csv":
		recs, problems, err = apptfile.ParseCSV(bytes.NewReader(raw), zone)
	case "fhir":
		recs, problems, err = apptfile.ParseFHIR(bytes.NewReader(raw))
	default:
		return fmt.Errorf("--format must be csv or fhir (got %q)", kind)
	}
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openForRead(ctx, cf, stderr, "triaged appointments import")
	if err != nil {
		return err
	}
	defer st.DB.Close()
	res, err := central.ImportAppointments(ctx, st, recs, time.Now())
	if err != nil {
		return err
	}
	res.Problems = append(problems, res.Problems...)
	fmt.Fprintf(stdout, "triaged appointments import: %d added, %d updated, %d unchanged, %d not imported\n",
		res.Added, res.Updated, res.Unchanged, len(res.Problems))
	for _, p := range res.Problems {
		fmt.Fprintf(stdout, "  %s: %s\n", p.Where, p.Reason)
	}
	if len(res.Problems) > 0 {
		return errPartialImport
	}
	return nil
}

// errPartialImport makes the exit status say that some rows were not
// imported (the rest were), so a nightly script notices.
var errPartialImport = errors.New("some appointments were not imported (listed above); the others were")

// splitPositional separates FILE from the flags, wherever it stands: a
// flag that takes a value (not "--flag=value", not a boolean) takes the
// argument after it.
func splitPositional(sf *subFlags, args []string) (string, []string) {
	var file string
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			if file == "" {
				file = a
				continue
			}
			flags = append(flags, a) // a second file: parse reports it
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := sf.fs.Lookup(name); f != nil && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
				continue
			}
			i++
			flags = append(flags, args[i])
		}
	}
	return file, flags
}
