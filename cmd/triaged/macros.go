package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// runMacros implements `triaged macros check|install FILE` and, with
// templates set, `triaged templates check|install FILE`.
func runMacros(args []string, stdout, stderr io.Writer, templates bool) error {
	kind, target := "macros", central.MacrosConfigFile
	if templates {
		kind, target = "templates", central.TemplatesConfigFile
	}
	if len(args) < 1 || (args[0] != "check" && args[0] != "install") {
		fmt.Fprintf(stderr, "Usage: triaged %[1]s check FILE\n       triaged %[1]s install [--data DIR] [--key-passphrase-file FILE] FILE\n\n"+
			"check validates the file; install validates it, makes it the clinic's (<data>/%[2]s, used from the next start)\nand records the change in the audit trail.\n", kind, target)
		return fmt.Errorf("unknown or missing %s command", kind)
	}
	sf := newSubFlags("triaged "+kind+" "+args[0], "triaged "+kind+" "+args[0]+" [--data DIR] FILE", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
	dbURL := sf.databaseURL()
	pass := sf.str("key-passphrase-file", "TRIAGED_KEY_PASSPHRASE_FILE", "", "file holding the key passphrase, when there is no OS keyring")
	rest := args[1:]
	file := ""
	if n := len(rest); n > 0 && !strings.HasPrefix(rest[n-1], "-") {
		file, rest = rest[n-1], rest[:n-1]
	}
	if err := sf.parse(rest); err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("name the quick-reply file")
	}
	if args[0] == "check" {
		raw, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if templates {
			ts, err := policy.ParseTemplates(file, raw, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d templates, numbered non-PHI variables, each within its quarterly review\n", file, len(ts))
			return nil
		}
		ms, err := policy.ParseMacros(file, raw)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d quick replies, every one in English and Spanish, no PHI placeholders\n", file, len(ms))
		return nil
	}
	ctx := context.Background()
	adm, err := central.OpenAdmin(ctx, central.Config{DataDir: *data, DatabaseURL: *dbURL, KeyPassphraseFile: *pass})
	if err != nil {
		return err
	}
	defer adm.Close()
	install := adm.InstallMacros
	if templates {
		install = adm.InstallTemplates
	}
	n, err := install(ctx, maintenance.OperatorID(), file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged %s install: %d entries installed; restart triaged to use them\n", kind, n)
	return nil
}
