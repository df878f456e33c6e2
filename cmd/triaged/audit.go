package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"encoding/hex"
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

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/auditlog"
)

const auditUsage = `Usage:
  triaged audit verify [--data DIR] [--pubkey FILE] [--checkpoint FILE]...
      Check every audit chain and every signed checkpoint. Exit 0 when all
      hold; 1 naming the first bad entry and the damage; 2 when the check
      could not run.
  triaged audit export --from RFC3339 --to RFC3339 [--data DIR] [--out FILE]
      Write the entries whose time is in [from, to) as JSON lines for a SIEM.
  triaged audit checkpoint [--data DIR] [--key-passphrase-file FILE]
      Sign a checkpoint now and print it; keep the output to verify later.
  triaged audit pubkey [--data DIR]
      Print the checkpoint public key to publish for auditors.
`

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// runAudit dispatches `triaged audit …` and returns the exit status.
func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, auditUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "verify":
		return auditVerify(ctx, args[1:], stdout, stderr)
	case "export":
		return auditExport(ctx, args[1:], stdout, stderr)
	case "checkpoint":
		return auditCheckpoint(ctx, args[1:], stdout, stderr)
	case "pubkey":
		return auditPubkey(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "triaged audit: unknown subcommand %q\n\n%s", args[0], auditUsage)
	return 2
}

func auditFlags(name string, stderr io.Writer) (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet("triaged audit "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := "./triaged-data"
	if v, ok := os.LookupEnv("TRIAGED_DATA"); ok {
		def = v
	}
	return fs, fs.String("data", def, "data folder holding triaged.db (TRIAGED_DATA)"),
		fs.String("database-url", os.Getenv(central.EnvDatabaseURL), "PostgreSQL database holding the store, as for the server ("+central.EnvDatabaseURL+"); empty: triaged.db in the data folder")
}

func auditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data, dbURL := auditFlags("verify", stderr)
	pubFile := fs.String("pubkey", "", "the checkpoint public key as published (default: the copy in the data folder)")
	var kept multiFlag
	fs.Var(&kept, "checkpoint", "a checkpoint saved earlier from `triaged audit checkpoint` (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "triaged audit verify: %v\n", err)
		return 2
	}
	keyPath, own := *pubFile, true
	if keyPath == "" {
		keyPath, own = filepath.Join(*data, auditlog.PublicKeyFileName), false
	}
	raw, err := os.ReadFile(keyPath)
	if err != nil {
		return fail(fmt.Errorf("read the public key: %w", err))
	}
	pub, err := audit.ParsePublicKey(string(raw))
	if err != nil {
		return fail(fmt.Errorf("%s: %w", keyPath, err))
	}
	var saved []auditlog.StoredCheckpoint
	for _, path := range kept {
		text, err := os.ReadFile(path)
		if err != nil {
			return fail(err)
		}
		body, sig, err := audit.ParseSignedCheckpoint(string(text))
		if err != nil {
			return fail(fmt.Errorf("%s: %w", path, err))
		}
		cp, _ := audit.ParseCheckpoint(body)
		saved = append(saved, auditlog.StoredCheckpoint{Number: cp.Number, Body: body, Signature: sig})
	}
	db, err := central.OpenAuditDB(ctx, *data, *dbURL)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	start := time.Now()
	rep, err := auditlog.VerifyLog(ctx, db, pub, saved)
	var be *audit.BreakError
	switch {
	case errors.As(err, &be):
		printBreak(stdout, be)
		return 1
	case err != nil:
		return fail(err)
	}
	fmt.Fprintf(stdout, "OK: %d entries in %d chains verified in %s\n", rep.Entries, rep.Chains, time.Since(start).Round(time.Millisecond))
	if rep.Latest != nil {
		fmt.Fprintf(stdout, "OK: %d signed checkpoints hold (key %s); the latest, #%d of %s, covers %d entries with root %s\n",
			rep.Checkpoints, audit.KeyID(pub), rep.Latest.Number, rep.Latest.At.Format(time.RFC3339), rep.Latest.Size, hex.EncodeToString(rep.Latest.Root[:]))
	} else {
		fmt.Fprintln(stdout, "NOTE: no checkpoint has been signed yet")
	}
	if rep.Uncovered > 0 {
		fmt.Fprintf(stdout, "NOTE: %d entries arrived after the latest checkpoint; their chains protect them until the next one\n", rep.Uncovered)
	}
	if !own {
		fmt.Fprintf(stdout, "NOTE: checked against the public key in the data folder; pass --pubkey with the copy you keep for an independent check\n")
	}
	return 0
}

// printBreak names the first bad entry and the damage.
func printBreak(w io.Writer, be *audit.BreakError) {
	where := fmt.Sprintf("chain %s, entry %d", be.ConsoleID, be.Seq)
	switch be.ConsoleID {
	case "checkpoint":
		where = fmt.Sprintf("checkpoint %d", be.Seq)
	case "log":
		where = fmt.Sprintf("whole log, position %d", be.Seq)
	}
	fmt.Fprintf(w, "BROKEN: %s: %s\n", where, be.Damage)
	fmt.Fprintf(w, "  %s\n", audit.Describe(be.Damage))
	if be.Detail != "" {
		fmt.Fprintf(w, "  %s\n", be.Detail)
	}
}

func auditExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data, dbURL := auditFlags("export", stderr)
	fromS := fs.String("from", "", "first time included (RFC 3339); empty: from the start")
	toS := fs.String("to", "", "first time excluded (RFC 3339); empty: up to now")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var from, to time.Time
	var err error
	if *fromS != "" {
		if from, err = time.Parse(time.RFC3339Nano, *fromS); err != nil {
			fmt.Fprintln(stderr, "triaged audit export: --from must be an RFC 3339 time, e.g. 2026-03-01T00:00:00Z")
			return 2
		}
	}
	if *toS != "" {
		if to, err = time.Parse(time.RFC3339Nano, *toS); err != nil {
			fmt.Fprintln(stderr, "triaged audit export: --to must be an RFC 3339 time, e.g. 2026-04-01T00:00:00Z")
			return 2
		}
	}
	db, err := central.OpenAuditDB(ctx, *data, *dbURL)
	if err != nil {
		fmt.Fprintf(stderr, "triaged audit export: %v\n", err)
		return 2
	}
	defer db.Close()
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err != nil {
			fmt.Fprintf(stderr, "triaged audit export: %v\n", err)
			return 2
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := auditlog.Export(ctx, db, from, to, bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "triaged audit export: stopped after %d entries: %v\n", n, err)
		return 2
	}
	fmt.Fprintf(stderr, "triaged audit export: %d entries\n", n)
	return 0
}

func auditCheckpoint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data, dbURL := auditFlags("checkpoint", stderr)
	passDef := os.Getenv("TRIAGED_KEY_PASSPHRASE_FILE")
	pass := fs.String("key-passphrase-file", passDef, "key passphrase file, when the OS keyring is not used (TRIAGED_KEY_PASSPHRASE_FILE)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cp, signed, err := central.SignCheckpointOffline(ctx, central.Config{DataDir: *data, DatabaseURL: *dbURL, KeyPassphraseFile: *pass})
	if err != nil {
		fmt.Fprintf(stderr, "triaged audit checkpoint: %v\n", err)
		return 2
	}
	if cp == nil {
		fmt.Fprintln(stderr, "triaged audit checkpoint: the audit log is empty; nothing to sign")
		return 0
	}
	if !signed {
		fmt.Fprintln(stderr, "triaged audit checkpoint: nothing new since the latest checkpoint, shown below")
	}
	fmt.Fprint(stdout, audit.FormatSignedCheckpoint(cp.Body, cp.Signature, cp.KeyID))
	return 0
}

func auditPubkey(args []string, stdout, stderr io.Writer) int {
	fs, data, _ := auditFlags("pubkey", stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	raw, err := os.ReadFile(filepath.Join(*data, auditlog.PublicKeyFileName))
	if err != nil {
		fmt.Fprintf(stderr, "triaged audit pubkey: %v (triaged writes it at start)\n", err)
		return 2
	}
	pub, err := audit.ParsePublicKey(string(raw))
	if err != nil {
		fmt.Fprintf(stderr, "triaged audit pubkey: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "%s\n", audit.EncodePublicKey(pub))
	fmt.Fprintf(stderr, "key id %s\n", audit.KeyID(ed25519.PublicKey(pub)))
	return 0
}
