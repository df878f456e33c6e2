package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/seal"
)

const keyUsageText = `Usage: triage key rotate [--data DIR] [--batch N] [--prefer-passphrase]

Makes a new data key for this console's local store, reseals every draft
under it and deletes the old key. Quit the console first. If it is
interrupted, run it again: it finishes the unfinished rotation. The keys
are opened as the console opens them: the OS keyring (service
"triage-console", account = the console id), else the passphrase file
named by TRIAGE_KEY_PASSPHRASE_FILE.
`

// runKey implements `triage key rotate`.
func runKey(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprint(stderr, keyUsageText)
		return 2
	}
	fs := flag.NewFlagSet("triage key rotate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("TRIAGE_DATA", defaultDataDir()), "console data folder (TRIAGE_DATA)")
	pass := fs.String("key-passphrase-file", os.Getenv(seal.EnvPassphraseFileConsole), "passphrase file ("+seal.EnvPassphraseFileConsole+")")
	prefer := fs.Bool("prefer-passphrase", false, "open the keys with the passphrase before trying the OS keyring")
	batch := fs.Int("batch", 500, "rows resealed per transaction")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if _, err := os.Stat(filepath.Join(*data, store.ConsoleDBName)); err != nil {
		fmt.Fprintf(stderr, "triage key rotate: no console store in %s\n", *data)
		return 1
	}
	ctx := context.Background()
	c, err := store.OpenConsole(ctx, *data, nil)
	if err != nil {
		fmt.Fprintf(stderr, "triage key rotate: %v\n", err)
		return 1
	}
	defer c.Close()
	src, err := store.OpenConsoleKeys(ctx, c, store.ConsoleKeyConfig{PassphraseFile: *pass, PreferPassphrase: *prefer})
	if err != nil {
		fmt.Fprintf(stderr, "triage key rotate: %v\n", err)
		return 1
	}
	if src.Warning != "" {
		fmt.Fprintln(stderr, "triage: WARNING:", src.Warning)
	}
	rep, err := c.RotateKeys(ctx, *batch)
	if err != nil {
		fmt.Fprintf(stderr, "triage key rotate: %v\n", err)
		return 1
	}
	verb := "rotated to"
	if rep.Resumed {
		verb = "finished the interrupted rotation to"
	}
	fmt.Fprintf(stdout, "triage: %s data key %d (keys from %s); resealed %d drafts; retired %v\n", verb, rep.KeyID, src, rep.Resealed, rep.Retired)
	return 0
}
