package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/central"
)

// runMacros implements `triaged macros check FILE` and
// `triaged macros install FILE`.
func runMacros(args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || (args[0] != "check" && args[0] != "install") {
		fmt.Fprintf(stderr, "Usage: triaged macros check FILE\n       triaged macros install [--data DIR] [--key-passphrase-file FILE] FILE\n\n"+
			"check validates a quick-reply file; install validates it, makes it the clinic's (<data>/%s, used from the next start)\nand records the change in the audit trail.\n", central.MacrosConfigFile)
		return fmt.Errorf("unknown or missing macros command")
	}
	sf := newSubFlags("triaged macros "+args[0], "triaged macros "+args[0]+" [--data DIR] FILE", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
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
		ms, err := policy.ParseMacros(file, raw)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d quick replies, every one in English and Spanish, no PHI placeholders\n", file, len(ms))
		return nil
	}
	ctx := context.Background()
	adm, err := central.OpenAdmin(ctx, central.Config{DataDir: *data, KeyPassphraseFile: *pass})
	if err != nil {
		return err
	}
	defer adm.Close()
	n, err := adm.InstallMacros(ctx, central.OperatorID(), file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged macros install: %d quick replies installed; restart triaged to serve them\n", n)
	return nil
}
