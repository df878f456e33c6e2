package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// runConsent implements `triaged consent import FILE.csv`.
func runConsent(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintf(stderr, "Usage: triaged consent import [--data DIR] [--key-passphrase-file FILE] FILE.csv\n\n"+
			"FILE.csv starts with the header %s; see the README's consent section.\n", strings.Join(central.ConsentImportHeader, ","))
		return fmt.Errorf("unknown or missing consent command")
	}
	sf := newSubFlags("triaged consent import", "triaged consent import [--data DIR] [--key-passphrase-file FILE] FILE.csv", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
	dbURL := sf.databaseURL()
	pass := sf.str("key-passphrase-file", "TRIAGED_KEY_PASSPHRASE_FILE", "", "file holding the key passphrase, when there is no OS keyring")
	// The file is the one positional argument; flags may come before it.
	rest := args[1:]
	file := ""
	if n := len(rest); n > 0 && !strings.HasPrefix(rest[n-1], "-") {
		file, rest = rest[n-1], rest[:n-1]
	}
	if err := sf.parse(rest); err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("name the CSV file to import: triaged consent import FILE.csv")
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	adm, err := central.OpenAdmin(ctx, central.Config{DataDir: *data, DatabaseURL: *dbURL, KeyPassphraseFile: *pass})
	if err != nil {
		return err
	}
	defer adm.Close()
	if w := adm.KeyWarning(); w != "" {
		fmt.Fprintln(stderr, "triaged consent import: warning:", w)
	}
	rep, err := adm.ImportConsent(ctx, maintenance.OperatorID(), f)
	for _, p := range rep.Problems {
		fmt.Fprintf(stdout, "%s:%d: %s\n", file, p.Line, p.Reason)
	}
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", file, err)
	}
	fmt.Fprintf(stdout, "triaged consent import: %d rows: %d recorded, %d already in that state, %d imported before, %d superseded by a later choice, %d with problems (listed above, not imported)\n",
		rep.Rows, rep.Imported, rep.Unchanged, rep.Duplicates, rep.Superseded, len(rep.Problems))
	if len(rep.Problems) > 0 {
		return fmt.Errorf("%d rows were not imported; fix them and run the import again (rows already imported are recognised)", len(rep.Problems))
	}
	return nil
}
