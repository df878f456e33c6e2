package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/report"
	"github.com/clinicwa/triage/store/seal"
)

// clinicZoneFlag is the clinic's zone, shared by the report and the
// appointment import: the serving setting TRIAGED_CLINIC_ZONE.
func clinicZoneFlag(sf *subFlags) *string {
	return sf.str("clinic-zone", "TRIAGED_CLINIC_ZONE", "UTC", "clinic time zone (IANA): report days run from the clinic's midnight to midnight")
}

func loadZone(name string) (*time.Location, error) {
	zone, err := time.LoadLocation(strings.TrimSpace(name))
	if err != nil {
		return nil, fmt.Errorf("TRIAGED_CLINIC_ZONE: unknown time zone %q", name)
	}
	return zone, nil
}

// openForRead opens the store beside a serving triaged. A `triage demo`
// folder's keys are wrapped by the demo key kept in the folder itself;
// those are accepted with a warning, as the data is synthetic and the
// commands print aggregates only.
func openForRead(ctx context.Context, cf custodyFlags, stderr io.Writer, cmd string) (*central.Store, error) {
	kc := cf.custody()
	if _, err := os.Stat(filepath.Join(*cf.data, seal.DemoSecretFile)); err == nil {
		kc.AllowDemoKey = true
	}
	st, src, err := central.OpenStore(ctx, *cf.data, kc)
	if src.Warning != "" {
		fmt.Fprintf(stderr, "%s: WARNING: %s\n", cmd, src.Warning)
	}
	return st, err
}

// runReport implements `triaged report`.
func runReport(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged report", "triaged report [--data DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json|csv] [--clinic-zone ZONE] [--handoff-sla D] [--business-hours HH:MM-HH:MM] [--business-days DAYS]", stderr)
	cf := addCustodyFlags(sf)
	zoneName := clinicZoneFlag(sf)
	from := sf.fs.String("from", "", "first clinic day (default: 29 days before --to)")
	to := sf.fs.String("to", "", "last clinic day, inclusive (default: today in the clinic's zone)")
	format := sf.fs.String("format", "text", "text, json or csv; text and csv print counts from 1 to 10 as <11, json keeps exact counts")
	sla := sf.str("handoff-sla", "TRIAGED_HANDOFF_SLA", central.DefaultHandoffSLA.String(), "how long a hand-off may wait for its first answer, counted in business hours")
	hours := sf.str("business-hours", "TRIAGED_BUSINESS_HOURS", "08:00-18:00", "the clinic's opening hours (HH:MM-HH:MM), as triaged is configured: the hand-off SLA is counted only then")
	days := sf.str("business-days", "TRIAGED_BUSINESS_DAYS", "mon-fri", "the days the clinic opens, as triaged is configured")
	if err := sf.parse(args); err != nil {
		return err
	}
	zone, err := loadZone(*zoneName)
	if err != nil {
		return err
	}
	slaD, err := time.ParseDuration(*sla)
	if err != nil || slaD <= 0 {
		return fmt.Errorf("TRIAGED_HANDOFF_SLA (--handoff-sla) must be a positive duration such as 30m (got %q)", *sla)
	}
	open, err := parseBusinessHours(*hours, *days, zone)
	if err != nil {
		return err
	}
	day := func(flagName, v string, def time.Time) (time.Time, error) {
		if v == "" {
			return def, nil
		}
		t, err := time.ParseInLocation(time.DateOnly, v, zone)
		if err != nil {
			return t, fmt.Errorf("--%s must be a date YYYY-MM-DD (got %q)", flagName, v)
		}
		return t, nil
	}
	toDay, err := day("to", *to, time.Now().In(zone))
	if err != nil {
		return err
	}
	fromDay, err := day("from", *from, toDay.AddDate(0, 0, -29))
	if err != nil {
		return err
	}
	if toDay.Before(fromDay) {
		return fmt.Errorf("--to (%s) is before --from (%s)", toDay.Format(time.DateOnly), fromDay.Format(time.DateOnly))
	}
	write := map[string]func(*report.Report, io.Writer) error{
		"text": (*report.Report).WriteText, "json": (*report.Report).WriteJSON, "csv": (*report.Report).WriteCSV,
	}[*format]
	if write == nil {
		return fmt.Errorf("--format must be text, json or csv (got %q)", *format)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := openForRead(ctx, cf, stderr, "triaged report")
	if err != nil {
		return err
	}
	defer st.DB.Close()
	rep, err := report.Build(ctx, st.DB, st, report.Options{From: fromDay, To: toDay, Zone: zone,
		HandoffSLA: slaD, LinkTTL: central.DefaultLinkTTL,
		HandoffDue: func(at time.Time) time.Time { return open.Due(at, slaD) }})
	if err != nil {
		return err
	}
	return write(rep, stdout)
}

// runAppointments implements `triaged appointments import FILE`.
func runAppointments(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprint(stderr, appointmentsUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flagErrHelp
		}
		return errors.New("triaged appointments: the only subcommand is import")
	}
	return runAppointmentsImport(args[1:], stdout, stderr)
}
