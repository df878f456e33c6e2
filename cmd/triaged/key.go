package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
	"github.com/clinicwa/triage/store/seal"
)

// subFlags is a subcommand's flag set whose string settings fall back to
// their TRIAGED_* environment variables, as the serving settings do.
type subFlags struct {
	fs   *flag.FlagSet
	envs map[string]string // flag name -> environment variable
}

func newSubFlags(name, synopsis string, stderr io.Writer) *subFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf := &subFlags{fs: fs, envs: map[string]string{}}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			env := ""
			if e := sf.envs[f.Name]; e != "" {
				env = ", " + e
			}
			def := ""
			if f.DefValue != "" && f.DefValue != "false" {
				def = fmt.Sprintf(" (default %q)", f.DefValue)
			}
			fmt.Fprintf(fs.Output(), "  --%s%s%s\n      %s\n", f.Name, env, def, f.Usage)
		})
	}
	return sf
}

// databaseURL adds --database-url (TRIAGED_DATABASE_URL): the store is
// then that PostgreSQL database, as for the serving triaged.
func (sf *subFlags) databaseURL() *string {
	return sf.str("database-url", central.EnvDatabaseURL, "", "PostgreSQL database holding the store (postgres://…), as for the server; empty: triaged.db in the data folder")
}

func (sf *subFlags) str(name, env, def, help string) *string {
	sf.envs[name] = env
	return sf.fs.String(name, def, help)
}

// parse parses args; a string flag not given takes its environment
// variable when that is set.
func (sf *subFlags) parse(args []string) error {
	if err := sf.fs.Parse(args); err != nil {
		return err
	}
	if sf.fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", sf.fs.Arg(0))
	}
	set := map[string]bool{}
	sf.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for name, env := range sf.envs {
		if v, ok := os.LookupEnv(env); ok && env != "" && !set[name] {
			if err := sf.fs.Set(name, v); err != nil {
				return fmt.Errorf("%s: %w", env, err)
			}
		}
	}
	return nil
}

const keyUsage = `Usage: triaged key rotate [flags]
       triaged key rewrap --to keyring|passphrase [flags]

rotate   makes a new data key, reseals every sealed column of triaged.db
         under it and deletes the old key. Run it with triaged stopped: on
         PostgreSQL, every node sharing the database (it refuses while one
         serves, and no node starts while it runs). If it is interrupted,
         run it again: it finishes the unfinished rotation.
rewrap   wraps the same keys under the OS keyring or a passphrase (no value
         changes): move into the keyring once one is available, restore a
         lost keyring entry from the recovery passphrase, or change the
         passphrase.

The keys are opened exactly as triaged opens them when serving: the OS
keyring (service "triaged"), else TRIAGED_KEY_PASSPHRASE_FILE.
Run "triaged key rotate --help" for the flags.
`

// runKey implements `triaged key …`.
func runKey(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, keyUsage)
		if len(args) == 0 {
			return errors.New("triaged key: name a subcommand: rotate or rewrap")
		}
		return flag.ErrHelp
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "rotate":
		return runKeyRotate(ctx, args[1:], stdout, stderr)
	case "rewrap":
		return runKeyRewrap(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprint(stderr, keyUsage)
		return fmt.Errorf("triaged key: unknown subcommand %q (want rotate or rewrap)", args[0])
	}
}

// custodyFlags are the key-source settings shared by the key commands.
type custodyFlags struct {
	data, passFile   *string
	databaseURL      *string
	preferPassphrase *bool
	demo             *bool
}

func addCustodyFlags(sf *subFlags) custodyFlags {
	return custodyFlags{
		data:             sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)"),
		databaseURL:      sf.databaseURL(),
		passFile:         sf.str("key-passphrase-file", seal.EnvPassphraseFileServer, "", "file holding the key passphrase: fallback when no OS keyring, recovery when there is one"),
		preferPassphrase: sf.fs.Bool("prefer-passphrase", false, "open the keys with the passphrase before trying the OS keyring (recovery)"),
		demo:             sf.fs.Bool("demo", false, "allow the demo key of a `triage demo` data folder (synthetic data only)"),
	}
}

func (c custodyFlags) custody() central.KeyCustody {
	return central.KeyCustody{PassphraseFile: *c.passFile, PreferPassphrase: *c.preferPassphrase, AllowDemoKey: *c.demo, DatabaseURL: *c.databaseURL}
}

func runKeyRotate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged key rotate", "triaged key rotate [--data DIR] [--key-passphrase-file FILE] [--batch N]", stderr)
	cf := addCustodyFlags(sf)
	batch := sf.fs.Int("batch", 500, "rows resealed per transaction")
	if err := sf.parse(args); err != nil {
		return err
	}
	if *batch <= 0 {
		return errors.New("--batch must be positive")
	}
	rep, err := central.RotateKeys(ctx, *cf.data, cf.custody(), maintenance.RotateOptions{BatchSize: *batch})
	if rep.Source.Warning != "" {
		fmt.Fprintln(stderr, "triaged: WARNING:", rep.Source.Warning)
	}
	if err != nil {
		if rep.KeyID != 0 {
			fmt.Fprintf(stderr, "triaged: rotation to key %d stopped after resealing %d values; every value is still readable. Run the command again to finish it.\n", rep.KeyID, rep.Total())
		}
		return err
	}
	verb := "rotated to"
	if rep.Resumed {
		verb = "finished the interrupted rotation to"
	}
	fmt.Fprintf(stdout, "triaged: %s data key %d (keys from %s); resealed %d values", verb, rep.KeyID, rep.Source, rep.Total())
	if len(rep.Retired) > 0 {
		ids := make([]string, len(rep.Retired))
		for i, id := range rep.Retired {
			ids[i] = strconv.FormatUint(uint64(id), 10)
		}
		fmt.Fprintf(stdout, "; retired key %s", strings.Join(ids, ", "))
	}
	fmt.Fprintln(stdout)
	for _, col := range central.SealedColumns() {
		if n := rep.Resealed[col.Table+"."+col.Column]; n > 0 {
			fmt.Fprintf(stdout, "  %-30s %d\n", col.Table+"."+col.Column, n)
		}
	}
	return nil
}

func runKeyRewrap(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged key rewrap", "triaged key rewrap --to keyring|passphrase [--data DIR] [--key-passphrase-file FILE] [--new-passphrase-file FILE]", stderr)
	cf := addCustodyFlags(sf)
	to := sf.fs.String("to", "", "keyring or passphrase: the key-encryption key to wrap the keys under")
	newPass := sf.fs.String("new-passphrase-file", "", "with --to passphrase: the new passphrase (default: the key passphrase file)")
	keep := sf.fs.Bool("keep-others", true, "keep the other wrappings (e.g. the passphrase as recovery beside the keyring)")
	if err := sf.parse(args); err != nil {
		return err
	}
	var kind seal.KEKKind
	switch *to {
	case "keyring":
		kind = seal.KEKKeyring
	case "passphrase":
		kind = seal.KEKPassphrase
	default:
		return fmt.Errorf("--to must be keyring or passphrase (got %q)", *to)
	}
	src, err := central.RewrapKeys(ctx, *cf.data, cf.custody(), kind, maintenance.RewrapOptions{PassphraseFile: *newPass, KeepOthers: *keep})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: keys now wrapped by %s\n", src)
	if src.Warning != "" {
		fmt.Fprintln(stderr, "triaged: WARNING:", src.Warning)
	}
	return nil
}
