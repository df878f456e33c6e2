package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/seal"
)

// runIncident implements `triaged incident list` and
// `triaged incident export ID`.
func runIncident(args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || (args[0] != "list" && args[0] != "export") {
		fmt.Fprint(stderr, "Usage: triaged incident list [--data DIR]\n       triaged incident export [--data DIR] [--format text|json] ID\n\n"+
			"list prints the incident register (no free text); export prints one incident for the privacy officer,\n"+
			"its free text masked by the PHI detector, and records the export in the audit trail.\n")
		return errors.New("unknown or missing incident command")
	}
	sf := newSubFlags("triaged incident "+args[0], "triaged incident "+args[0]+" [--data DIR] [ID]", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
	dbURL := sf.databaseURL()
	pass := sf.str("key-passphrase-file", "TRIAGED_KEY_PASSPHRASE_FILE", "", "file holding the key passphrase, when there is no OS keyring")
	format := sf.fs.String("format", "text", "export format: text or json")
	rest := args[1:]
	id := ""
	if args[0] == "export" {
		// The id is the last word, unless that word is a flag's value
		// ("--data DIR" with the id forgotten).
		n := len(rest)
		if n > 0 && !strings.HasPrefix(rest[n-1], "-") && (n == 1 || !strings.HasPrefix(rest[n-2], "-") || strings.Contains(rest[n-2], "=")) {
			id, rest = rest[n-1], rest[:n-1]
		}
	}
	if err := sf.parse(rest); err != nil {
		return err
	}
	if args[0] == "export" && id == "" {
		return errors.New("name the incident to export (its id, from `triaged incident list`)")
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("--format must be text or json (got %q)", *format)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	adm, err := central.OpenAdmin(ctx, central.Config{DataDir: *data, DatabaseURL: *dbURL, KeyPassphraseFile: *pass, AllowDemoKey: demoFolder(*data)})
	if err != nil {
		return err
	}
	defer adm.Close()
	if args[0] == "list" {
		reg, err := adm.IncidentRegister(ctx)
		if err != nil {
			return err
		}
		_, err = io.WriteString(stdout, reg)
		return err
	}
	inc, err := adm.ExportIncident(ctx, maintenance.OperatorID(), id)
	if errors.Is(err, central.ErrNotFound) {
		return fmt.Errorf("no incident %q; `triaged incident list` shows their ids", id)
	} else if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(inc)
	}
	return writeIncidentText(stdout, inc)
}

// writeIncidentText is the export as a privacy officer reads it.
func writeIncidentText(w io.Writer, inc api.Incident) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	date := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format(time.RFC3339)
	}
	p("Incident %s — %s\n", inc.ID, policy.IncidentKinds[inc.Kind])
	p("Free text below is masked by the PHI detector; the sealed original stays in the store.\n\n")
	p("Thread:        %s (patient %s)\n", inc.ThreadID, inc.PatientLabel)
	if inc.MessageID != "" {
		p("Message:       %s\n", inc.MessageID)
	}
	p("Opened by:     %s at %s\n", inc.OpenedBy, date(inc.OpenedAt))
	p("Discovered:    %s\n", date(inc.DiscoveredAt))
	p("Notify by:     %s (60 days from discovery)", inc.NotifyBy.UTC().Format(time.DateOnly))
	if inc.State == "open" {
		p(", %d days left", inc.DaysLeft)
	}
	p("\nDescription:   %s\n\n", orDash(inc.Description))
	p("Four-factor risk assessment (45 CFR 164.402(2))\n")
	p("  1. Nature and extent of the PHI:        %s\n", orDash(inc.Assessment.Nature))
	p("  2. The unauthorized person:             %s\n", orDash(inc.Assessment.Recipient))
	p("  3. Whether the PHI was acquired/viewed: %s\n", orDash(inc.Assessment.Acquired))
	p("  4. Extent the risk was mitigated:       %s\n\n", orDash(inc.Assessment.Mitigation))
	p("Remediation\n")
	for _, s := range inc.Steps {
		mark := "[ ]"
		if s.Done {
			mark = "[x]"
		}
		p("  %s %s", mark, s.Label)
		if s.Done {
			p(" — %s, %s", s.DoneBy, date(s.DoneAt))
		}
		p("\n")
	}
	outcome := "not decided"
	switch inc.Outcome {
	case policy.OutcomeNotificationRequired:
		outcome = "notification required"
	case policy.OutcomeLowProbability:
		outcome = "low probability of compromise"
	}
	p("\nOutcome:       %s", outcome)
	if inc.Outcome != "" {
		p(" (%s, %s)", inc.DecidedBy, date(inc.DecidedAt))
	}
	p("\nReasoning:     %s\n", orDash(inc.Reasoning))
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// demoFolder reports whether dir is a `triage demo` folder, whose keys are
// wrapped by the demo key kept beside them (synthetic data only).
func demoFolder(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, seal.DemoSecretFile))
	return err == nil
}
