package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/audit"
)

// runAudit implements "triage audit verify": exit 0 when the chain holds,
// 1 naming the first bad entry and the kind of damage otherwise.
func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: triage audit verify [--data DIR]")
		return 2
	}
	fs := flag.NewFlagSet("triage audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("TRIAGE_DATA", defaultDataDir()), "console data folder (TRIAGE_DATA)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	path := filepath.Join(*data, store.ConsoleDBName)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "triage audit verify: no console store at %s\n", path)
		return 2
	}
	c, err := store.OpenConsole(context.Background(), *data, nil)
	if err != nil {
		fmt.Fprintf(stderr, "triage audit verify: %v\n", err)
		return 2
	}
	defer c.Close()
	n, err := c.VerifyChain(context.Background())
	var be *audit.BreakError
	switch {
	case errors.As(err, &be):
		fmt.Fprintf(stdout, "BROKEN: chain %s, entry %d: %s (%d entries verified before it)\n", be.ConsoleID, be.Seq, be.Damage, n)
		fmt.Fprintf(stdout, "  %s\n", audit.Describe(be.Damage))
		if be.Detail != "" {
			fmt.Fprintf(stdout, "  %s\n", be.Detail)
		}
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "triage audit verify: %v\n", err)
		return 2
	}
	pending, _ := c.Pending(context.Background())
	fmt.Fprintf(stdout, "OK: chain %s holds, %d entries verified, %d not yet at the central endpoint\n", c.ID(), n, pending)
	return 0
}
