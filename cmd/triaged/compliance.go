package main

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/maintenance"
)

// This file holds the privacy officer's commands: the quarterly access
// review, the evidence pack and its check, the vendor register, and the
// backup and restore of the store.

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// openAdmin opens the data folder with the custody flags.
func openAdmin(ctx context.Context, cf custodyFlags, stderr io.Writer) (*central.Admin, error) {
	a, err := central.OpenAdmin(ctx, central.Config{DataDir: *cf.data, DatabaseURL: *cf.databaseURL, KeyPassphraseFile: *cf.passFile, AllowDemoKey: *cf.demo})
	if err != nil {
		return nil, err
	}
	if w := a.KeyWarning(); w != "" {
		fmt.Fprintln(stderr, "triaged: WARNING:", w)
	}
	return a, nil
}

// parseDay reads --from/--to as a UTC calendar day.
func parseDay(flagName, v string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, fmt.Errorf("--%s must be a date, YYYY-MM-DD (got %q)", flagName, v)
	}
	return t, nil
}

// errFindings makes the exit status 1 when a review found what must
// never be (a disabled account holding a session).
var errFindings = errors.New("the review found disabled accounts that still hold sessions")

// runAccessReview implements `triaged access-review [done]`.
func runAccessReview(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "done" {
		return runAccessReviewDone(args[1:], stdout, stderr)
	}
	sf := newSubFlags("triaged access-review", "triaged access-review [--dormant-days N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json] [--data DIR]\n       triaged access-review done --by USER --note \"what was checked and done\"", stderr)
	cf := addCustodyFlags(sf)
	dormant := sf.fs.Int("dormant-days", central.DefaultDormantDays, "an account with no sign-in for this many days is dormant")
	fromS := sf.fs.String("from", "", "first day of the period (default: a quarter before --to)")
	toS := sf.fs.String("to", "", "day after the period (default: now)")
	format := sf.fs.String("format", "text", "text or json")
	if err := sf.parse(args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("--format must be text or json (got %q)", *format)
	}
	if *dormant <= 0 {
		return errors.New("--dormant-days must be a positive number of days")
	}
	opt := central.AccessReviewOptions{DormantDays: *dormant, Actor: maintenance.OperatorID()}
	var err error
	if *fromS != "" {
		if opt.From, err = parseDay("from", *fromS); err != nil {
			return err
		}
	}
	if *toS != "" {
		if opt.To, err = parseDay("to", *toS); err != nil {
			return err
		}
	}
	ctx, stop := signalContext()
	defer stop()
	a, err := openAdmin(ctx, cf, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.AccessReview(ctx, opt)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		central.WriteAccessReviewText(stdout, rep)
	}
	if len(rep.DisabledWithSessions) > 0 {
		fmt.Fprintf(stderr, "triaged access-review: DISABLED ACCOUNTS STILL HOLD SESSIONS: %s\n", strings.Join(rep.DisabledWithSessions, ", "))
		return errFindings
	}
	return nil
}

func runAccessReviewDone(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged access-review done", "triaged access-review done --by USER --note \"what was checked and done\" [--data DIR]", stderr)
	cf := addCustodyFlags(sf)
	by := sf.fs.String("by", "", "the supervisor or admin account that did the review (required)")
	note := sf.fs.String("note", "", "what was checked and what was done about each finding; no patient details (required)")
	dormant := sf.fs.Int("dormant-days", central.DefaultDormantDays, "dormancy used for the findings recorded with the review")
	if err := sf.parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*by) == "" {
		return errors.New("--by is required: the supervisor or admin account that did the review")
	}
	ctx, stop := signalContext()
	defer stop()
	a, err := openAdmin(ctx, cf, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.AccessReview(ctx, central.AccessReviewOptions{DormantDays: *dormant, Actor: maintenance.OperatorID()})
	if err != nil {
		return err
	}
	rec, err := a.RecordAccessReview(ctx, maintenance.OperatorID(), *by, *note, rep)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: access review %s recorded by %s (%d accounts, %d findings); the next is due %s\n",
		rec.ID, rec.Reviewer, rec.Accounts, rec.Findings, rec.NextDue.Format(time.DateOnly))
	return nil
}

// runEvidence implements `triaged evidence` and `triaged evidence verify`.
func runEvidence(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "verify" {
		return runEvidenceVerify(args[1:], stdout, stderr)
	}
	sf := newSubFlags("triaged evidence", "triaged evidence --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--data DIR]\n       triaged evidence verify DIR [--pubkey FILE]", stderr)
	cf := addCustodyFlags(sf)
	rf := addRetentionFlags(sf)
	fromS := sf.fs.String("from", "", "first day of the period (required)")
	toS := sf.fs.String("to", "", "day after the period (required)")
	out := sf.fs.String("out", "", "folder the dated pack is written in (required)")
	dormant := sf.fs.Int("dormant-days", central.DefaultDormantDays, "dormancy for the access review")
	if err := sf.parse(args); err != nil {
		return err
	}
	if *fromS == "" || *toS == "" || *out == "" {
		return errors.New("--from, --to and --out are required")
	}
	from, err := parseDay("from", *fromS)
	if err != nil {
		return err
	}
	to, err := parseDay("to", *toS)
	if err != nil {
		return err
	}
	ret, err := rf.retention()
	if err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	a, err := openAdmin(ctx, cf, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	provider := envOr("TRIAGED_PROVIDER", "cloudapi")
	res, err := a.Evidence(ctx, central.EvidenceOptions{
		From: from, To: to, OutDir: *out, DormantDays: *dormant, Actor: maintenance.OperatorID(),
		Configuration: effectiveConfiguration(ret),
		Binaries:      binaries(),
		Providers:     []string{provider},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: evidence pack written to %s (%d files, manifest signed)\n", res.Dir, res.Files)
	for _, f := range res.Findings {
		fmt.Fprintf(stdout, "  FINDING: %s\n", f)
	}
	return nil
}

func runEvidenceVerify(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triaged evidence verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pubFile := fs.String("pubkey", "", "the audit checkpoint public key as published (default: the copy inside the pack)")
	// The folder may come before or after the flags.
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dir == "" && fs.NArg() > 0 {
		dir = fs.Arg(0)
	}
	if dir == "" {
		return errors.New("name the evidence folder: triaged evidence verify DIR")
	}
	keyPath := *pubFile
	if keyPath == "" {
		keyPath = filepath.Join(dir, "03-audit-checkpoint.pub")
	}
	raw, err := os.ReadFile(keyPath)
	if err != nil {
		return fmt.Errorf("read the public key: %w", err)
	}
	pub, err := audit.ParsePublicKey(string(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", keyPath, err)
	}
	man, problems, err := central.VerifyEvidence(dir, pub)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			switch p.What {
			case "signature":
				fmt.Fprintf(stdout, "BROKEN: %s: the signature does not match (key %s)\n", p.File, audit.KeyID(pub))
			case "missing":
				fmt.Fprintf(stdout, "BROKEN: %s: listed in the manifest but missing\n", p.File)
			case "extra":
				fmt.Fprintf(stdout, "BROKEN: %s: not in the manifest (added after the pack was made)\n", p.File)
			default:
				fmt.Fprintf(stdout, "BROKEN: %s: altered since the pack was made\n", p.File)
			}
		}
		return fmt.Errorf("the evidence pack does not verify (%d problems)", len(problems))
	}
	fmt.Fprintf(stdout, "OK: %d files match the manifest signed by key %s on %s (period %s to %s)\n",
		len(man.Files), audit.KeyID(pub), man.GeneratedAt.Format(time.RFC3339), man.From, man.To)
	if *pubFile == "" {
		fmt.Fprintln(stdout, "NOTE: checked against the key inside the pack; pass --pubkey with the copy you keep for an independent check")
	}
	return nil
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// effectiveConfiguration is what triaged would run with in this
// environment, secrets shown only as set or not.
func effectiveConfiguration(ret maintenance.Retention) map[string]any {
	settings := map[string]string{}
	for _, st := range defineSettings().list {
		v := envOr(st.env, st.def)
		switch {
		case st.secret && v != "":
			v = "set (redacted)"
		case st.secret:
			v = "not set"
		}
		settings[st.env] = v
	}
	lock := func(p auth.LockoutPolicy) map[string]any {
		return map[string]any{"max_failures": p.MaxFailures, "base_lock": p.BaseLock.String(), "max_lock": p.MaxLock.String(), "failure_window": p.FailureWindow.String()}
	}
	tls := map[string]any{"min_version": "TLS 1.2", "plain_http": "loopback addresses only"}
	if cert := os.Getenv("TRIAGED_TLS_CERT"); cert != "" {
		tls["certificate_file"] = cert
		if info, err := certInfo(cert); err != nil {
			tls["certificate_error"] = err.Error()
		} else {
			tls["certificate"] = info
		}
	} else {
		tls["certificate_file"] = "none (plain HTTP on loopback)"
	}
	return map[string]any{
		"source":    "the TRIAGED_* environment this command ran in, as triaged reads it",
		"settings":  settings,
		"sessions":  map[string]string{"idle_timeout": central.DefaultIdleTimeout.String(), "max_session": central.DefaultSessionTTL.String()},
		"lockout":   map[string]any{"per_account": lock(auth.UserLockout), "per_source_address": lock(auth.SourceLockout)},
		"tls":       tls,
		"mfa":       "TOTP (RFC 6238) required at first sign-in for every account made with `triage user add`",
		"retention": map[string]string{"messages": maintenance.FormatRetention(ret.Messages), "audit": maintenance.FormatRetention(ret.Audit), "consent": maintenance.FormatRetention(ret.Consent)},
		"retention_floors": map[string]string{"audit": maintenance.FormatRetention(maintenance.MinRecordRetention), "consent": maintenance.FormatRetention(maintenance.MinRecordRetention),
			"messages": maintenance.FormatRetention(maintenance.MinMessageRetention), "policy_acknowledgments": "never purged"},
	}
}

func certInfo(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		return nil, errors.New("not a PEM certificate")
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, err
	}
	return map[string]string{"subject": c.Subject.String(), "issuer": c.Issuer.String(),
		"not_after": c.NotAfter.UTC().Format(time.RFC3339), "dns_names": strings.Join(c.DNSNames, ",")}, nil
}

// binaries lists this program and its siblings (triage, bspsim) with the
// versions their build info records.
func binaries() []central.BinaryInfo {
	var out []central.BinaryInfo
	self, err := os.Executable()
	if err != nil {
		return out
	}
	version := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = buildVersion(bi)
	}
	out = append(out, binaryInfo("triaged", self, version))
	for _, name := range []string{"triage", "bspsim"} {
		p := filepath.Join(filepath.Dir(self), name)
		if bi, err := buildinfo.ReadFile(p); err == nil {
			out = append(out, binaryInfo(name, p, buildVersion(bi)))
		}
	}
	return out
}

func buildVersion(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+modified"
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return v + " (" + bi.GoVersion + ")"
}

func binaryInfo(name, path, version string) central.BinaryInfo {
	b := central.BinaryInfo{Name: name, Path: path, Version: version}
	if raw, err := os.ReadFile(path); err == nil {
		sum := sha256.Sum256(raw)
		b.SHA256 = hex.EncodeToString(sum[:])
	}
	return b
}

// runVendor implements `triaged vendor set|list`.
func runVendor(args []string, stdout, stderr io.Writer) error {
	const usage = "triaged vendor set --provider cloudapi|360dialog|twilio --vendor NAME --baa signed|not-signed [--signed-on YYYY-MM-DD] --product TEXT --next-review YYYY-MM-DD [--data DIR]\n       triaged vendor list [--data DIR]"
	if len(args) == 0 || (args[0] != "set" && args[0] != "list") {
		fmt.Fprintln(stderr, "Usage: "+usage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return errors.New("triaged vendor: name a subcommand: set or list")
	}
	sf := newSubFlags("triaged vendor "+args[0], usage, stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds vendors.json)")
	dbURL := sf.databaseURL()
	if args[0] == "list" {
		if err := sf.parse(args[1:]); err != nil {
			return err
		}
		reg, err := central.LoadVendors(*data)
		if err != nil {
			return err
		}
		sort.Slice(reg.Vendors, func(i, j int) bool { return reg.Vendors[i].Provider < reg.Vendors[j].Provider })
		for _, v := range reg.Vendors {
			baa := "BAA NOT SIGNED"
			if v.BAASigned {
				baa = "BAA signed " + v.SignedOn
			}
			fmt.Fprintf(stdout, "%-10s %s: %s; %s; next review %s\n", v.Provider, v.Vendor, v.Product, baa, v.NextReview)
		}
		for _, f := range central.VendorFindings(reg, []string{envOr("TRIAGED_PROVIDER", "cloudapi")}, time.Now()) {
			fmt.Fprintf(stdout, "WARNING: %s: %s\n", f.Provider, f.Detail)
		}
		return nil
	}
	provider := sf.fs.String("provider", "", "cloudapi, 360dialog or twilio")
	vendor := sf.fs.String("vendor", "", "the company the BAA is with (for cloudapi: the Business Solution Provider)")
	baa := sf.fs.String("baa", "", "signed or not-signed")
	signedOn := sf.fs.String("signed-on", "", "the date the BAA was signed")
	product := sf.fs.String("product", "", "the product the BAA covers")
	next := sf.fs.String("next-review", "", "when the BAA is next reviewed")
	if err := sf.parse(args[1:]); err != nil {
		return err
	}
	if *baa != "signed" && *baa != "not-signed" {
		return errors.New("--baa must be signed or not-signed")
	}
	ctx, stop := signalContext()
	defer stop()
	v := central.Vendor{Provider: *provider, Vendor: *vendor, BAASigned: *baa == "signed", SignedOn: *signedOn, Product: *product, NextReview: *next}
	if err := central.SetVendorAt(ctx, *data, *dbURL, maintenance.OperatorID(), v, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: vendor register updated for %s (audited)\n", *provider)
	return nil
}

// warnVendors logs, at start-up, each configured provider whose BAA is
// missing, unsigned or past its review. Names and dates only.
func warnVendors(dataDir, provider string, log *slog.Logger) {
	reg, err := central.LoadVendors(dataDir)
	if err != nil {
		log.Warn("vendor register unreadable", "err", err.Error())
		return
	}
	for _, f := range central.VendorFindings(reg, []string{provider}, time.Now()) {
		log.Warn("vendor register: "+f.Detail, "provider", f.Provider, "finding", f.Finding)
	}
}

// runBackup implements `triaged backup --out FILE`.
func runBackup(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged backup", "triaged backup --out FILE [--data DIR]", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db)")
	dbURL := sf.databaseURL()
	out := sf.fs.String("out", "", "the backup file to write (must not exist)")
	if err := sf.parse(args); err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	if err := refuseOnPostgres("backup", *dbURL); err != nil {
		return err
	}
	rep, err := maintenance.Backup(ctx, *data, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: backup written to %s (%s bytes, schema %d, %d audit entries in %d chains verified)\n",
		rep.Path, strconv.FormatInt(rep.Bytes, 10), rep.SchemaVersion, rep.AuditEntries, rep.AuditChains)
	fmt.Fprintln(stdout, "Keep it off this machine. It is sealed: restoring needs the store's keyring entry or passphrase, kept apart from it.")
	return nil
}

// runRestore implements `triaged restore --from FILE`.
func runRestore(args []string, stdout, stderr io.Writer) error {
	sf := newSubFlags("triaged restore", "triaged restore --from FILE [--data DIR] [--pubkey FILE]", stderr)
	data := sf.str("data", "TRIAGED_DATA", "./triaged-data", "data folder to restore into (must hold no triaged.db)")
	dbURL := sf.databaseURL()
	from := sf.fs.String("from", "", "the backup file")
	pubFile := sf.fs.String("pubkey", "", "the audit checkpoint public key as published: the signed checkpoints are checked too")
	if err := sf.parse(args); err != nil {
		return err
	}
	if *from == "" {
		return errors.New("--from is required: the backup file")
	}
	var pub []byte
	if *pubFile != "" {
		raw, err := os.ReadFile(*pubFile)
		if err != nil {
			return err
		}
		if pub, err = audit.ParsePublicKey(string(raw)); err != nil {
			return fmt.Errorf("%s: %w", *pubFile, err)
		}
	}
	ctx, stop := signalContext()
	defer stop()
	if err := refuseOnPostgres("restore", *dbURL); err != nil {
		return err
	}
	rep, err := maintenance.Restore(ctx, *from, *data, pub)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "triaged: restored %s into %s (schema %d, %d audit entries in %d chains verified", *from, *data, rep.SchemaVersion, rep.AuditEntries, rep.AuditChains)
	if pub != nil {
		fmt.Fprintf(stdout, ", %d signed checkpoints hold", rep.Checkpoints)
	}
	fmt.Fprintln(stdout, ")")
	return nil
}

// refuseOnPostgres refuses the SQLite file commands (backup, restore) for
// a store in PostgreSQL, whose backups are PostgreSQL's own.
func refuseOnPostgres(cmd, databaseURL string) error {
	if databaseURL == "" {
		return nil
	}
	return fmt.Errorf("triaged %s copies the SQLite file triaged.db; this store is in PostgreSQL (%s): back it up with pg_dump (or your PostgreSQL backups) and restore with pg_restore/psql — the sealed columns stay sealed, so the copy is readable only with the store's keys",
		cmd, central.EnvDatabaseURL)
}
