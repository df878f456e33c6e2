// Command triaged is the clinic's central endpoint: it receives WhatsApp
// webhooks, keeps the shared thread store encrypted at rest, serves the
// console API, enforces the outbound rules and keeps every console's
// audit chain. Settings come from flags or their TRIAGED_* environment
// variables; run `triaged --help` for the list.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/bsp/providers"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/opsmetrics"
	"github.com/clinicwa/triage/store/private"
)

// setting is one flag with its environment variable.
type setting struct {
	flag, env, def, help string
	secret               bool
	value                *string
}

type settings struct {
	list []*setting
	by   map[string]*setting
}

func (s *settings) add(flagName, env, def, help string, secret bool) {
	st := &setting{flag: flagName, env: env, def: def, help: help, secret: secret, value: new(string)}
	s.list = append(s.list, st)
	if s.by == nil {
		s.by = map[string]*setting{}
	}
	s.by[flagName] = st
}

func (s *settings) get(flagName string) string { return *s.by[flagName].value }

func defineSettings() *settings {
	s := &settings{}
	s.add("addr", "TRIAGED_ADDR", central.DefaultAddr, "listen address; plain HTTP only on loopback", false)
	s.add("data", "TRIAGED_DATA", "./triaged-data", "data folder (holds triaged.db; with a database URL, only what is local to this node: the lock, macros, a demo key)", false)
	s.add("database-url", central.EnvDatabaseURL, "", "PostgreSQL database for the store (postgres://user@host/db?sslmode=verify-full); empty: the SQLite file triaged.db in the data folder", true)
	s.add("outbox-lease", "TRIAGED_OUTBOX_LEASE", delivery.DefaultLease.String(), "several nodes on PostgreSQL: how long a node holds a send it took before another node may take it (a node that died holding sends delays them this long)", false)
	s.add("provider", "TRIAGED_PROVIDER", "cloudapi", "WhatsApp provider: cloudapi, 360dialog or twilio", false)
	s.add("whatsapp-app-secret", "TRIAGED_WHATSAPP_APP_SECRET", "", "Meta app secret that signs webhooks (360dialog: the shared secret sent as \"Authorization: Bearer …\" on webhooks); required", true)
	s.add("whatsapp-verify-token", "TRIAGED_WHATSAPP_VERIFY_TOKEN", "", "token Meta sends in the webhook subscription handshake (cloudapi)", true)
	s.add("whatsapp-token", "TRIAGED_WHATSAPP_TOKEN", "", "Cloud API system-user access token, or the 360dialog API key; required", true)
	s.add("whatsapp-phone-number-id", "TRIAGED_WHATSAPP_PHONE_NUMBER_ID", "", "the business number's Graph id (cloudapi, 360dialog): webhooks for any other phone_number_id are acknowledged, audited as misrouted and not stored; required for cloudapi", false)
	s.add("whatsapp-api-base", "TRIAGED_WHATSAPP_API_BASE", "", "provider API base URL (default: Meta's, 360dialog's or Twilio's; the simulator's for the demo)", false)
	s.add("twilio-account-sid", "TRIAGED_TWILIO_ACCOUNT_SID", "", "Twilio account SID (twilio); required for twilio", false)
	s.add("twilio-auth-token", "TRIAGED_TWILIO_AUTH_TOKEN", "", "Twilio auth token: authenticates sends and verifies X-Twilio-Signature (twilio); required for twilio", true)
	s.add("twilio-from", "TRIAGED_TWILIO_FROM", "", "Twilio WhatsApp sender, e.g. whatsapp:+14155238886 (twilio); required for twilio", false)
	s.add("public-url", "TRIAGED_PUBLIC_URL", "", "this endpoint's public https address exactly as registered with the provider; hand-off links are <public-url>/h/<token>; Twilio signatures are checked over <public-url>/webhooks/twilio (required for twilio)", false)
	s.add("portal-url", "TRIAGED_PORTAL_URL", "", "the clinic's patient portal; opened links redirect there with ?handoff=<token> (empty: built-in demo page /portal)", false)
	s.add("link-max-opens", "TRIAGED_LINK_MAX_OPENS", "1", "how many times a hand-off link opens within its life; a spent link shows the patient how to get a new one", false)
	s.add("safety-reply-en", "TRIAGED_SAFETY_REPLY_EN", "", "the clinic's English safety reply to a message that suggests an emergency (empty: the built-in \"If this is an emergency, call 911 …\"); refused at start if it reads as health information", false)
	s.add("safety-reply-es", "TRIAGED_SAFETY_REPLY_ES", "", "the clinic's Spanish safety reply (empty: the built-in \"Si es una emergencia, llame al 911 …\")", false)
	s.add("key-passphrase-file", "TRIAGED_KEY_PASSPHRASE_FILE", "", "file holding the key passphrase: fallback when no OS keyring, and recovery when there is one", false)
	s.add("seed-users-file", "TRIAGED_SEED_USERS_FILE", "", "JSON list of {username,password,role} created if missing (demo)", false)
	s.add("seed-optins", "TRIAGED_SEED_OPTINS", "", "comma-separated E.164 numbers recorded as opted in, source demo-seed (demo)", false)
	s.add("tls-cert", "TRIAGED_TLS_CERT", "", "TLS certificate file (PEM); required to listen beyond loopback", false)
	s.add("tls-key", "TRIAGED_TLS_KEY", "", "TLS private key file (PEM)", false)
	s.add("trusted-proxies", "TRIAGED_TRUSTED_PROXIES", "", "reverse proxies (comma-separated CIDRs or addresses) whose X-Forwarded-For names the client; empty: the TCP peer is the client and no header is trusted", false)
	s.add("clinic-zone", "TRIAGED_CLINIC_ZONE", "UTC", "clinic time zone (IANA), for quiet hours when a number's zone is unknown", false)
	s.add("handoff-sla", "TRIAGED_HANDOFF_SLA", central.DefaultHandoffSLA.String(), "business time nurses have to answer a clinical hand-off before it escalates to the supervisors by itself (the report measures the same target)", false)
	s.add("business-hours", "TRIAGED_BUSINESS_HOURS", "08:00-18:00", "the clinic's opening hours in TRIAGED_CLINIC_ZONE (HH:MM-HH:MM; 00:00-24:00 for around the clock): the hand-off SLA clock runs only then", false)
	s.add("business-days", "TRIAGED_BUSINESS_DAYS", "mon-fri", "the days the clinic opens, e.g. mon-fri, mon-fri,sat, or all", false)
	s.add("retry-base", "TRIAGED_RETRY_BASE", "1s", "first delay before a failed send is retried; doubles on each attempt", false)
	s.add("retry-max", "TRIAGED_RETRY_MAX", "5m", "longest delay between retries of a failed send", false)
	s.add("in-doubt-wait", "TRIAGED_IN_DOUBT_WAIT", delivery.DefaultInDoubtWait.String(), "after a restart, how long a send that was under way at the stop waits for the provider's status before it is sent again", false)
	s.add("consent-follows-number-change", "TRIAGED_CONSENT_FOLLOWS_NUMBER_CHANGE", "false", "clinic policy: when a patient changes their WhatsApp number, their consent carries over to the new number (true) or must be given again (false)", false)
	s.add("device-registration", "TRIAGED_DEVICE_REGISTRATION", "first-sign-in", "how console devices are registered: first-sign-in (an account's first sign-in from a console registers it) or admin (only `triage user device-add`)", false)
	s.add("metrics-addr", "TRIAGED_METRICS_ADDR", opsmetrics.DefaultAddr, "where Prometheus /metrics is served (no PHI in any metric); \"off\" to not serve it; loopback only unless --metrics-allow-remote", false)
	s.add("metrics-allow-remote", "TRIAGED_METRICS_ALLOW_REMOTE", "", "set to 1 to serve /metrics on a non-loopback address (it has no authentication: firewall it)", false)
	s.add("clinic-profile", "TRIAGED_CLINIC_PROFILE", "", "JSON file of what the clinic may send about itself: {clinic_names, addresses, phones, web, staff_names}; without it every such detail is refused as PHI", false)
	s.add("siem-syslog-addr", "TRIAGED_SIEM_SYSLOG_ADDR", "", "stream the audit log as RFC 5424 syslog over TLS (RFC 5425) to this host:port (often 6514); empty: no syslog stream", false)
	s.add("siem-syslog-ca", "TRIAGED_SIEM_SYSLOG_CA", "", "PEM file of the CA certificates that sign the SIEM's syslog server certificate (default: the system roots)", false)
	s.add("siem-syslog-server-name", "TRIAGED_SIEM_SYSLOG_SERVER_NAME", "", "name checked in the SIEM's certificate (default: the host of --siem-syslog-addr)", false)
	s.add("siem-jsonl-path", "TRIAGED_SIEM_JSONL_PATH", "", "append the audit log as JSON lines to this file for a log shipper (reopened on SIGHUP or when moved); empty: no file", false)
	s.add("log", "TRIAGED_LOG", "", "log file (default: standard error); logs carry ids and counts, never PHI", false)
	s.add("whatsapp-waba-id", "TRIAGED_WHATSAPP_WABA_ID", "", "WhatsApp Business Account id: the template library is submitted for approval and its status tracked through it (cloudapi); empty: no template can be sent", false)
	s.add("clinic-name", "TRIAGED_CLINIC_NAME", "the clinic", "the clinic's name, filled into templates' clinic_name variables", false)
	s.add("clinic-locations", "TRIAGED_CLINIC_LOCATIONS", "Main clinic", "comma-separated location names a template's location_name variable may hold", false)
	s.add("template-sync", "TRIAGED_TEMPLATE_SYNC", "1m", "how often template approval status is read from the provider", false)
	s.add("clock-offset", "TRIAGED_CLOCK_OFFSET", "", "testing and demonstrations only: run the server's clock this far ahead (e.g. 25h) to exercise the 24-hour window and review dates", false)
	return s
}

// settingsFlagSet is triaged's flag set; the man page and the shell
// completions are generated from it too (packaging.go).
func settingsFlagSet(s *settings, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("triaged", flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, st := range s.list {
		fs.StringVar(st.value, st.flag, st.def, st.help)
	}
	return fs
}

func usage(fs *flag.FlagSet, s *settings) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "triaged: the clinic's central WhatsApp triage endpoint.\n\nUsage: triaged [flags]\n       triaged key rotate|rewrap [flags]   (see triaged key --help)\n       triaged purge [--dry-run] [flags]   (see triaged purge --help)\n"+
			"       triaged access-review [done]        (quarterly review of every account)\n"+
			"       triaged evidence [verify]           (the signed evidence pack for an auditor)\n"+
			"       triaged vendor set|list             (the BAA register of the providers)\n"+
			"       triaged backup|restore              (a consistent copy of the store, and putting it back)\n"+
			"       triaged report [--from D] [--to D] [--format text|json|csv]\n"+
			"       triaged appointments import FILE    (CSV or FHIR R4 Bundle)\n"+
			"       triaged consent import FILE.csv     (opt-ins collected elsewhere)\n"+
			"       triaged macros check|install FILE   (the clinic's quick replies)\n"+
			"       triaged templates check|install FILE (the WhatsApp template library)\n"+
			"       triaged systemd-unit [env]          (the hardened unit, or its example configuration)\n"+
			"       triaged completion bash|zsh|fish, triaged man, triaged --version\n"+
			"       triaged incident list | export ID  (the incident register; one incident, masked)\n\n")
		fmt.Fprintf(w, "Every flag may instead be set with its environment variable; a flag wins.\n\n")
		for _, st := range s.list {
			def := ""
			if st.def != "" {
				def = fmt.Sprintf(" (default %q)", st.def)
			}
			fmt.Fprintf(w, "  --%s, %s%s\n      %s\n", st.flag, st.env, def, st.help)
		}
		fmt.Fprintf(w, "\nRoutes: POST/GET /webhooks/whatsapp, POST /webhooks/twilio and /webhooks/twilio/status, the console API under /api/v1, hand-off links /h/{token}, /portal, /healthz.\n")
	}
}

func main() {
	// Every file triaged creates (the store, its -wal and -shm, logs,
	// exports) is readable by its owner only, whatever the shell's umask.
	private.RestrictUmask()
	if code, ok := runPackaging(os.Args[1:], os.Stdout, os.Stderr); ok {
		os.Exit(code)
	}
	if len(os.Args) > 1 && os.Args[1] == "audit" {
		// Audit tools answer with an exit status an auditor's script can
		// use: 0 intact, 1 damage found, 2 could not check (audit.go).
		os.Exit(runAudit(os.Args[2:], os.Stdout, os.Stderr))
	}
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "triaged:", err)
			os.Exit(1)
		}
	}
}

func run(args []string, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "key":
			return runKey(args[1:], os.Stdout, stderr)
		case "purge":
			return runPurge(args[1:], os.Stdout, stderr)
		case "access-review":
			return runAccessReview(args[1:], os.Stdout, stderr)
		case "evidence":
			return runEvidence(args[1:], os.Stdout, stderr)
		case "vendor":
			return runVendor(args[1:], os.Stdout, stderr)
		case "backup":
			return runBackup(args[1:], os.Stdout, stderr)
		case "restore":
			return runRestore(args[1:], os.Stdout, stderr)
		case "report":
			return runReport(args[1:], os.Stdout, stderr)
		case "appointments":
			return runAppointments(args[1:], os.Stdout, stderr)
		case "consent":
			return runConsent(args[1:], os.Stdout, stderr)
		case "macros":
			return runMacros(args[1:], os.Stdout, stderr, false)
		case "templates":
			return runMacros(args[1:], os.Stdout, stderr, true)
		case "incident":
			return runIncident(args[1:], os.Stdout, stderr)
		}
	}
	s := defineSettings()
	fs := settingsFlagSet(s, stderr)
	fs.Usage = usage(fs, s)
	set := map[string]bool{}
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, st := range s.list {
		if v, ok := os.LookupEnv(st.env); ok && !set[st.flag] {
			*st.value = v
		}
	}

	logOut := stderr
	if path := s.get("log"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("TRIAGED_LOG: %w", err)
		}
		defer f.Close()
		logOut = f
	}
	logger := slog.New(slog.NewTextHandler(logOut, nil))

	cfg, err := buildConfig(s, logger)
	if err != nil {
		return err
	}
	// The messaging policy must be readable before anyone signs in: a
	// malformed file would close every thread route.
	if _, err := central.LoadMessagingPolicy(cfg.DataDir); err != nil {
		return err
	}
	warnVendors(cfg.DataDir, cfg.Provider.Name(), logger)
	// Held while serving, so `triaged key rotate` cannot run beside it.
	lock, err := central.LockDataDir(cfg.DataDir)
	if err != nil {
		return err
	}
	defer lock.Release()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg.SIEM.Reopen = reopenOnHangup(ctx)
	addr, errc, err := central.Run(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "triaged: serving on %s (provider %s)\n", addr, cfg.Provider.Name())
	if err := <-errc; err != nil {
		return err
	}
	logger.Info("triaged stopped")
	return nil
}

// positiveDuration parses a duration setting such as "250ms" or "2m".
func positiveDuration(s *settings, flagName string) (time.Duration, error) {
	st := s.by[flagName]
	d, err := time.ParseDuration(strings.TrimSpace(*st.value))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s (--%s) must be a positive duration such as 500ms or 2m (got %q)", st.env, st.flag, *st.value)
	}
	return d, nil
}

// businessHours reads the clinic's opening hours and days.
func businessHours(s *settings, zone *time.Location) (*policy.BusinessHours, error) {
	return parseBusinessHours(s.get("business-hours"), s.get("business-days"), zone)
}

// parseBusinessHours reads TRIAGED_BUSINESS_HOURS ("08:00-18:00") and
// TRIAGED_BUSINESS_DAYS ("mon-fri") in the clinic's zone: the server's
// SLA clock and `triaged report` read them alike.
func parseBusinessHours(hours, days string, zone *time.Location) (*policy.BusinessHours, error) {
	h := policy.BusinessHours{Zone: zone}
	open, close, ok := strings.Cut(hours, "-")
	var err1, err2 error
	h.Open, err1 = policy.ParseClock(open)
	h.Close, err2 = policy.ParseClock(close)
	if !ok || err1 != nil || err2 != nil {
		return nil, fmt.Errorf("TRIAGED_BUSINESS_HOURS (--business-hours) must be opening and closing times such as 08:00-18:00 (got %q)", hours)
	}
	d, err := policy.ParseDays(days)
	if err != nil {
		return nil, fmt.Errorf("TRIAGED_BUSINESS_DAYS (--business-days): %w", err)
	}
	h.Days = d
	if err := h.Validate(); err != nil {
		return nil, fmt.Errorf("TRIAGED_BUSINESS_HOURS / TRIAGED_BUSINESS_DAYS: %w", err)
	}
	return &h, nil
}

// missing names a required setting that is empty.
func missing(st *setting) error {
	return fmt.Errorf("missing required setting %s (--%s): %s", st.env, st.flag, st.help)
}

func buildConfig(s *settings, logger *slog.Logger) (central.Config, error) {
	cfg := central.Config{
		DataDir:             s.get("data"),
		DatabaseURL:         s.get("database-url"),
		Addr:                s.get("addr"),
		TLSCertFile:         s.get("tls-cert"),
		TLSKeyFile:          s.get("tls-key"),
		KeyPassphraseFile:   s.get("key-passphrase-file"),
		WhatsAppAppSecret:   s.get("whatsapp-app-secret"),
		WhatsAppVerifyToken: s.get("whatsapp-verify-token"),
		PublicURL:           strings.TrimRight(s.get("public-url"), "/"),
		PortalURL:           s.get("portal-url"),
		MetricsAddr:         s.get("metrics-addr"),
		MetricsAllowRemote:  s.get("metrics-allow-remote") == "1",
		Logger:              logger,
	}
	if cfg.DataDir == "" {
		return cfg, missing(s.by["data"])
	}
	cfg.SIEM = siemConfig(s)
	if strings.EqualFold(cfg.MetricsAddr, "off") {
		cfg.MetricsAddr = ""
	} else if cfg.MetricsAddr != "" {
		if err := opsmetrics.CheckAddr(cfg.MetricsAddr, cfg.MetricsAllowRemote); err != nil {
			return cfg, fmt.Errorf("TRIAGED_METRICS_ADDR: %w", err)
		}
	}
	zone, err := time.LoadLocation(s.get("clinic-zone"))
	if err != nil {
		return cfg, fmt.Errorf("TRIAGED_CLINIC_ZONE: unknown time zone %q", s.get("clinic-zone"))
	}
	cfg.ClinicZone = zone
	if cfg.LinkMaxOpens, err = strconv.Atoi(s.get("link-max-opens")); err != nil || cfg.LinkMaxOpens < 1 || cfg.LinkMaxOpens > 100 {
		return cfg, fmt.Errorf("TRIAGED_LINK_MAX_OPENS (--link-max-opens) must be a whole number from 1 to 100 (got %q)", s.get("link-max-opens"))
	}
	if cfg.HandoffSLA, err = positiveDuration(s, "handoff-sla"); err != nil {
		return cfg, err
	}
	if cfg.BusinessHours, err = businessHours(s, zone); err != nil {
		return cfg, err
	}
	cfg.SafetyReplies = map[string]string{"en": s.get("safety-reply-en"), "es": s.get("safety-reply-es")}
	if cfg.TrustedProxies, err = central.ParseTrustedProxies(s.get("trusted-proxies")); err != nil {
		return cfg, fmt.Errorf("TRIAGED_TRUSTED_PROXIES: %w", err)
	}

	if cfg.RetryBase, err = positiveDuration(s, "retry-base"); err != nil {
		return cfg, err
	}
	if cfg.RetryMax, err = positiveDuration(s, "retry-max"); err != nil {
		return cfg, err
	}
	if cfg.InDoubtWait, err = positiveDuration(s, "in-doubt-wait"); err != nil {
		return cfg, err
	}
	if cfg.OutboxLease, err = positiveDuration(s, "outbox-lease"); err != nil {
		return cfg, err
	}
	if cfg.RetryMax < cfg.RetryBase {
		return cfg, errors.New("TRIAGED_RETRY_MAX must not be shorter than TRIAGED_RETRY_BASE")
	}
	switch reg := s.get("device-registration"); reg {
	case "first-sign-in":
	case "admin":
		cfg.AdminRegistersDevices = true
	default:
		return cfg, fmt.Errorf("TRIAGED_DEVICE_REGISTRATION must be first-sign-in or admin (got %q)", reg)
	}

	provider, err := buildProvider(s)
	if err != nil {
		return cfg, err
	}
	cfg.Provider = provider
	cfg.BusinessNumber = s.get("whatsapp-phone-number-id")
	if provider.Name() == "twilio" {
		cfg.TwilioAuthToken = s.get("twilio-auth-token")
		// Twilio names the clinic's side by its number; the sender was
		// checked when the provider was built.
		cfg.BusinessNumber, _ = e164.Normalize(s.get("twilio-from"))
	}
	switch v := s.get("consent-follows-number-change"); v {
	case "true", "false":
		cfg.ConsentFollowsNumberChange = v == "true"
	default:
		return cfg, fmt.Errorf("TRIAGED_CONSENT_FOLLOWS_NUMBER_CHANGE must be true or false (got %q)", v)
	}

	if path := s.get("clinic-profile"); path != "" {
		p, err := policy.ReadClinicProfile(path)
		if err != nil {
			return cfg, fmt.Errorf("TRIAGED_CLINIC_PROFILE: %w", err)
		}
		cfg.Rules.Clinic = p
	}

	if path := s.get("seed-users-file"); path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("TRIAGED_SEED_USERS_FILE: %w", err)
		}
		if err := json.Unmarshal(raw, &cfg.SeedUsers); err != nil {
			return cfg, fmt.Errorf("TRIAGED_SEED_USERS_FILE: not a JSON list of {username,password,role}: %w", err)
		}
	}
	if err := templateSettings(s, &cfg); err != nil {
		return cfg, err
	}
	for _, n := range strings.Split(s.get("seed-optins"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			cfg.SeedOptIns = append(cfg.SeedOptIns, n)
		}
	}
	return cfg, nil
}

func buildProvider(s *settings) (bsp.Provider, error) {
	p, err := providers.Sender(s.get("provider"), s.get)
	var miss *providers.MissingSettingError
	var invalid *providers.InvalidSettingError
	switch {
	case errors.As(err, &miss):
		return nil, missing(s.by[miss.Setting])
	case errors.As(err, &invalid):
		st := s.by[invalid.Setting]
		return nil, fmt.Errorf("%s (--%s) %s", st.env, st.flag, invalid.Reason)
	case errors.Is(err, providers.ErrUnknownProvider):
		return nil, fmt.Errorf("TRIAGED_PROVIDER must be %s (got %q)", strings.Join(providers.Names(), ", "), s.get("provider"))
	}
	return p, err
}
