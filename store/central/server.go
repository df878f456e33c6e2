// Package central is the server half of triaged, the clinic's central
// endpoint: it receives the provider's signed webhooks, keeps the shared
// thread store encrypted at rest, serves the console API and its live
// event stream, enforces the outbound rules a second time (a modified
// console cannot skip them), delivers sends through the provider with
// retries, and keeps every console's audit chain along with its own.
package central

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/providers"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/delivery"
	"github.com/clinicwa/triage/store/central/events"
	"github.com/clinicwa/triage/store/central/ingest"
	"github.com/clinicwa/triage/store/central/nodes"
	"github.com/clinicwa/triage/store/central/opsmetrics"
	"github.com/clinicwa/triage/store/central/siem"
	"github.com/clinicwa/triage/store/central/signin"
	"github.com/clinicwa/triage/store/seal"
)

// ServerConsoleID is the console id of the server's own audit chain:
// auditlog.ServerChain, named here too for the many handlers that write
// to or read that chain.
const ServerConsoleID = auditlog.ServerChain

// Defaults applied by New when Config leaves a field zero.
const (
	DefaultAddr        = "127.0.0.1:9400"
	DefaultSessionTTL  = 12 * time.Hour
	DefaultIdleTimeout = 10 * time.Minute
	DefaultLinkTTL     = 24 * time.Hour
	// DefaultLinkMaxOpens: a hand-off link opens once; a forwarded or
	// leaked link is then spent.
	DefaultLinkMaxOpens = 1
)

// SeedUser is a console user created at start-up if missing (the demo).
type SeedUser struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Role     string `json:"role"`
	// ResetPassword sets Password again on an existing seeded account
	// (one with the same role that signs in without a second factor):
	// the demo makes a fresh random password at every start and keeps it
	// only in memory, so a demo folder never holds a usable password.
	ResetPassword bool `json:"reset_password,omitempty"`
}

// Config configures a central endpoint.
type Config struct {
	// DataDir holds triaged.db. Required. With DatabaseURL it still holds
	// what is local to this node: the lock file, macros, a demo key.
	DataDir string
	// DatabaseURL, when set (postgres://…, TRIAGED_DATABASE_URL), keeps the
	// store in that PostgreSQL database instead of DataDir's SQLite file.
	// PostgreSQL sees the same sealed columns and blind indexes: only
	// ciphertext and keyed digests of PHI.
	DatabaseURL string
	// Addr is the listen address; DefaultAddr when empty. "127.0.0.1:0"
	// picks a free port (the demo).
	Addr string
	// TLSCertFile and TLSKeyFile enable HTTPS. Without them Start refuses a
	// non-loopback address: the console API carries session tokens.
	TLSCertFile, TLSKeyFile string

	// Keys seals PHI columns. When nil, Start opens them with seal.OpenKeys
	// (service "triaged", the key table in triaged.db) using the custody
	// fields below.
	Keys *seal.Keys
	// KeyPassphraseFile is the fallback passphrase file for seal.OpenKeys.
	KeyPassphraseFile string
	// AllowDemoKey lets seal.OpenKeys fall back to a demo key kept in
	// DataDir (the demo only: such a store is not protected at rest).
	AllowDemoKey bool
	// Keyring replaces the OS keyring (tests); nil means the OS keyring.
	Keyring seal.Keyring

	// Provider sends messages. Required.
	Provider bsp.Provider
	// Webhooks are the webhook routes and the provider adapters that
	// check and parse them. When empty, every adapter of bsp/providers is
	// served with the secrets below, the one Provider sends through
	// answering a route two adapters share.
	Webhooks []providers.Route
	// WhatsAppAppSecret is the Meta app secret that signs webhooks.
	WhatsAppAppSecret string
	// WhatsAppVerifyToken answers Meta's subscription handshake.
	WhatsAppVerifyToken string
	// TwilioAuthToken verifies X-Twilio-Signature on POST /webhooks/twilio
	// and /webhooks/twilio/status, computed over PublicURL plus the
	// request's path and query. Empty refuses every Twilio webhook.
	TwilioAuthToken string

	// PublicURL is this endpoint's address as patients reach it; hand-off
	// links are PublicURL + "/h/" + token. Defaults to http://<addr>.
	PublicURL string
	// PortalURL is the clinic's patient portal; an opened hand-off link
	// redirects there with ?handoff=<token>. Empty means the built-in demo
	// portal page at /portal.
	PortalURL string
	// LinkTTL is how long a hand-off link works (DefaultLinkTTL).
	LinkTTL time.Duration
	// LinkMaxOpens is how many times a hand-off link opens within its
	// life (DefaultLinkMaxOpens).
	LinkMaxOpens int
	// SafetyReplies are the clinic's safety replies to urgent messages by
	// language ("en", "es"); an empty one takes policy.DefaultSafetyReply.
	SafetyReplies map[string]string

	// HandoffSLA is how much business time nurses have to answer a
	// clinical hand-off before it escalates to the supervisors
	// (DefaultHandoffSLA when zero, the report's target too).
	HandoffSLA time.Duration
	// BusinessHours are the hours the SLA clock runs in; nil means
	// policy.DefaultBusinessHours in ClinicZone.
	BusinessHours *policy.BusinessHours
	// SLASweepInterval is how often overdue hand-offs are looked for
	// (DefaultSLASweepInterval when zero).
	SLASweepInterval time.Duration

	// ClinicZone is the clinic's time zone, used for quiet hours when a
	// patient's zone cannot be derived from their number. nil means UTC.
	ClinicZone *time.Location
	// Rules are the outbound limits; zero fields take policy defaults.
	Rules policy.OutboundRules
	// ConsentFollowsNumberChange is the clinic's policy for a patient who
	// changes their WhatsApp number: when true their recorded consent
	// carries over to the new number; when false (the default) they are
	// recorded as not opted in until they opt in again, since the new
	// number may not be theirs alone.
	ConsentFollowsNumberChange bool
	// BusinessNumber is the clinic's own sender as webhooks name it: the
	// Cloud API / 360dialog phone_number_id, or the Twilio WhatsApp number
	// in E.164. Webhook events addressed to any other number are
	// acknowledged, audited as misrouted and not stored. Empty accepts
	// every number (a simulator or test set-up without one).
	BusinessNumber string

	// TrustedProxies are the reverse proxies in front of triaged
	// (TRIAGED_TRUSTED_PROXIES). Only a request whose TCP peer is one of
	// them has its client address taken from X-Forwarded-For; empty (the
	// default) trusts no header.
	TrustedProxies []netip.Prefix

	// SessionTTL bounds a session's life (DefaultSessionTTL); IdleTimeout
	// ends it after inactivity (DefaultIdleTimeout).
	SessionTTL, IdleTimeout time.Duration

	// SeedUsers are created if missing; SeedOptIns (E.164 numbers) are
	// recorded as opted in with source "demo-seed".
	SeedUsers  []SeedUser
	SeedOptIns []string
	// MetricsAddr is where /metrics is served (opsmetrics); empty: not
	// served. A non-loopback address needs MetricsAllowRemote.
	MetricsAddr        string
	MetricsAllowRemote bool
	// SIEM streams the audit log to the clinic's SIEM (siem_stream.go).
	SIEM SIEMConfig

	// SeedAppointments is an appointment book imported at start-up (the
	// demo), after the seeded patients exist.
	SeedAppointments []AppointmentRecord

	// Templates configures the WhatsApp template library (templates.go).
	Templates TemplateConfig

	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Logger receives ids and counts only, never text, names or numbers.
	Logger *slog.Logger

	// RetryBase and RetryMax bound the outbox's exponential backoff
	// (1s and 5m when zero); GiveUpAfter ends retries of a send that has
	// been failing this long (24h when zero).
	RetryBase, RetryMax, GiveUpAfter time.Duration
	// InDoubtWait is how long a send that was under way when the process
	// stopped waits after the next start for the provider's status webhook
	// before it is sent again (delivery.DefaultInDoubtWait).
	InDoubtWait time.Duration
	// HeartbeatInterval is the event stream's keep-alive period (15s).
	HeartbeatInterval time.Duration
	// MaxStreamsPerSession and MaxStreamsPerUser cap open event streams
	// (events.DefaultMaxStreamsPerSession, events.DefaultMaxStreamsPerUser);
	// beyond them a stream is refused with 429.
	MaxStreamsPerSession, MaxStreamsPerUser int
	// AdminRegistersDevices refuses sign-ins from console devices an admin
	// has not registered (`triage user device add`), instead of
	// registering a device at an account's first sign-in from it
	// (TRIAGED_DEVICE_REGISTRATION=admin).
	AdminRegistersDevices bool
	// AuditCheckpointInterval is how often a checkpoint over the audit
	// log is signed when it has grown (DefaultCheckpointInterval).
	AuditCheckpointInterval time.Duration

	// Several nodes on one PostgreSQL database (multinode.go).
	// OutboxLease is how long a node holds an outbox job it took before
	// another node may take it (delivery.DefaultLease); ElectionInterval is
	// how often a node tries to become the checkpoint signer, and the
	// signer checks it still is (nodes.DefaultElectionCheck).
	OutboxLease, ElectionInterval time.Duration
	// ServingCheck is how often a node checks that it still holds its
	// share of the serving lock that keeps key maintenance out
	// (DefaultServingCheck; maintenance_keys.go).
	ServingCheck time.Duration
}

// Server is a running central endpoint.
type Server struct {
	cfg     Config
	db      *sql.DB
	store   *Store
	keys    *seal.Keys
	hub     *events.Hub
	log     *slog.Logger
	now     func() time.Time
	hooks   []providers.Route
	linkKey []byte
	handler http.Handler

	keySource seal.Source
	ingest    *ingest.Committer // the one writer of webhooks (ingest_store.go)
	misrouted atomic.Uint64     // webhooks for another business number (MisroutedWebhooks)
	worker    *delivery.Worker
	bg        sync.WaitGroup // best-effort background calls (MarkRead)
	bgCtx     context.Context
	bgCancel  context.CancelFunc

	checkpoints *auditlog.Checkpointer // signs the audit log's checkpoints (checkpoint.go)
	nodes       *multiNode             // several nodes on PostgreSQL; nil on SQLite (multinode.go)
	ops         *opsmetrics.Metrics    // operational metrics (ops.go)
	siem        *siem.Streamer         // the audit stream to a SIEM (siem_stream.go)
	siemMu      sync.Mutex             // guards siem when several nodes elect the streamer
	opsAddr     string

	// serving is this node's share of the serving lock that keeps key
	// maintenance out (maintenance_keys.go); nil on SQLite.
	serving *nodes.WatchedShare
	// stopped holds the error that ended serving from inside, such as a
	// lost serving lock (stopServing); Start's channel reports it.
	stopped atomic.Pointer[error]

	// hashes admits password checks; lockedSources remembers the
	// addresses locked out; refusals rate-limits and aggregates the audit
	// of unauthenticated refusals (all three in store/central/signin);
	// loginCount paces the pruning of idle sign-in counters.
	hashes        *signin.HashGate
	passwords     *auth.Hasher // hashes passwords at passwordParams (login.go)
	lockedSources *signin.LockCache
	refusals      *signin.RefusalLog
	loginCount    atomic.Uint64
	health        writeHealth // the last write probe (health.go)
	// templates is the clinic's WhatsApp template library (templates.go).
	templates *templateLibrary
	// macros are the clinic's quick replies (macros.go).
	macros []assets.Macro

	httpSrv  *http.Server
	listener net.Listener
	closeMu  sync.Mutex
	closed   bool
}

// KeySource reports how the sealing keys were opened (empty Kind when
// Config.Keys was given).
func (s *Server) KeySource() seal.Source { return s.keySource }

// New opens the database, applies migrations, opens keys, seeds demo
// users and opt-ins, and starts the outbox worker. It does not listen;
// call Start, or mount Handler in a server of your own.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("central: Config.DataDir is required")
	}
	if cfg.Provider == nil {
		return nil, errors.New("central: Config.Provider is required")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.LinkTTL <= 0 {
		cfg.LinkTTL = DefaultLinkTTL
	}
	if cfg.LinkMaxOpens <= 0 {
		cfg.LinkMaxOpens = DefaultLinkMaxOpens
	}
	if err := CheckSafetyReplies(cfg.SafetyReplies, cfg.Rules.Clinic); err != nil {
		return nil, err
	}
	if cfg.ClinicZone == nil {
		cfg.ClinicZone = time.UTC
	}
	if err := triageDefaults(&cfg); err != nil {
		return nil, err
	}
	if cfg.HeartbeatInterval <= 0 {
		cfg.HeartbeatInterval = 15 * time.Second
	}
	if cfg.MaxStreamsPerSession <= 0 {
		cfg.MaxStreamsPerSession = events.DefaultMaxStreamsPerSession
	}
	if cfg.MaxStreamsPerUser <= 0 {
		cfg.MaxStreamsPerUser = events.DefaultMaxStreamsPerUser
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = time.Second
	}
	if cfg.RetryMax <= 0 {
		cfg.RetryMax = 5 * time.Minute
	}
	if cfg.GiveUpAfter <= 0 {
		cfg.GiveUpAfter = 24 * time.Hour
	}
	if cfg.InDoubtWait <= 0 {
		cfg.InDoubtWait = delivery.DefaultInDoubtWait
	}
	hooks := cfg.Webhooks
	if len(hooks) == 0 {
		hooks = defaultWebhooks(cfg)
	}
	if err := providers.Check(hooks); err != nil {
		return nil, err
	}
	s, err := openData(ctx, cfg)
	if err != nil {
		return nil, err
	}
	db := s.db
	// abandon undoes openData when the server cannot start.
	abandon := func(err error) (*Server, error) {
		s.leaveServing()
		db.Close()
		return nil, err
	}
	s.hub = events.NewHub(s.clinicalThreadsSince, s.liveSummary)
	s.linkKey = s.keys.Subkey("handoff-link")
	s.hooks = hooks
	if s.keySource.Kind != "" {
		detail := map[string]string{"kek": string(s.keySource.Kind), "created": fmt.Sprint(s.keySource.Created)}
		if s.keySource.Warning != "" {
			detail["degraded"] = "true"
		}
		if err := s.auditOnly(ctx, auditRecord{UserID: "system", Action: "keys.open", Object: "store", Outcome: "ok", Detail: detail}); err != nil {
			return abandon(err)
		}
	}
	if err := s.oneNodeAtATime(ctx, "seed", func() error { return s.seed(ctx) }); err != nil {
		return abandon(err)
	}
	if _, err := ImportAppointments(ctx, s.store, cfg.SeedAppointments, s.now()); err != nil {
		return abandon(err)
	}
	s.ops = s.newOps()
	s.ingest = newIngest(s)
	s.handler = s.routes()
	// Record each send's intent before the provider call; hold sends that
	// were under way at the last stop (delivery.IntentProvider).
	s.cfg.Provider = delivery.IntentProvider{Provider: s.cfg.Provider, Now: s.now, Wait: s.cfg.InDoubtWait, Write: s.store.Write}
	if err := s.holdInDoubt(ctx); err != nil {
		return abandon(err)
	}
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	s.bg.Add(1)
	go func() { defer s.bg.Done(); s.refusals.Run(s.bgCtx) }()
	s.startNodes(ctx)
	fail := func(err error) (*Server, error) {
		s.bgCancel()
		s.bg.Wait()
		s.stopNodes()
		return abandon(err)
	}
	if err := s.startCheckpoints(ctx); err != nil {
		return fail(err)
	}
	if err := s.startTemplates(ctx); err != nil {
		return fail(err)
	}
	if s.macros, err = loadMacros(cfg.DataDir); err != nil {
		return fail(err)
	}
	if err := s.startSIEM(); err != nil {
		return fail(err)
	}
	s.ingest.Start()
	s.worker = newWorker(s)
	s.worker.Start()
	s.startScheduler()
	s.startSLASweeper()
	return s, nil
}

// Handler is the endpoint's HTTP handler: webhooks, the console API,
// hand-off links and the demo portal page.
func (s *Server) Handler() http.Handler { return s.handler }

// Store exposes the thread store (for tools and tests).
func (s *Server) Store() *Store { return s.store }

// Start listens on Config.Addr and serves in the background. It returns
// the bound address (useful with port 0) and a channel that receives the
// serving error, or nil after Shutdown, and is then closed.
func (s *Server) Start() (addr string, errc <-chan error, err error) {
	useTLS, err := checkListen(s.cfg)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return "", nil, fmt.Errorf("central: listen: %w", err)
	}
	s.listener = ln
	s.closeMu.Lock()
	s.httpSrv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// No WriteTimeout: the event stream is long-lived; handlers bound
		// their own work.
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		TLSConfig:      serverTLSConfig(),
	}
	s.closeMu.Unlock()
	if stop := s.stopped.Load(); stop != nil {
		ln.Close()
		return "", nil, *stop
	}
	ch := make(chan error, 1)
	go func() {
		var err error
		if useTLS {
			err = s.httpSrv.ServeTLS(ln, s.cfg.TLSCertFile, s.cfg.TLSKeyFile)
		} else {
			err = s.httpSrv.Serve(ln)
		}
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		if stop := s.stopped.Load(); stop != nil {
			err = *stop
		}
		ch <- err
		close(ch)
	}()
	addr = ln.Addr().String()
	if s.cfg.PublicURL == "" {
		scheme := "http"
		if useTLS {
			scheme = "https"
		}
		s.cfg.PublicURL = scheme + "://" + addr
	}
	s.log.Info("triaged listening", "addr", addr, "tls", useTLS)
	if err := s.serveOps(); err != nil {
		s.httpSrv.Close()
		return "", nil, err
	}
	return addr, ch, nil
}

// Shutdown stops accepting requests, waits for in-flight ones (the event
// streams end at once), stops the outbox worker and closes the database.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closeMu.Lock()
	if s.closed {
		s.closeMu.Unlock()
		return nil
	}
	s.closed = true
	s.closeMu.Unlock()
	s.hub.Close()
	var err error
	if s.httpSrv != nil {
		err = s.httpSrv.Shutdown(ctx)
	}
	// Webhooks already handed over are stored and answered; later ones
	// get 503 and are retried by the provider.
	s.ingest.Stop()
	s.worker.Stop()
	if s.checkpoints != nil {
		// A last checkpoint covers everything written before the stop.
		if cerr := s.checkpoints.Shutdown(ctx); cerr != nil {
			s.log.Error("final audit checkpoint not signed", "err", cerr.Error())
		}
	}
	s.stopNodes()
	s.bgCancel()
	s.bg.Wait()
	// Refusals counted since the last window closed are written now.
	if ferr := s.refusals.Flush(context.Background(), true); ferr != nil {
		s.log.Error("aggregated refusals not written at shutdown", "err", ferr.Error())
	}
	s.leaveServing()
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Run builds a Server, starts it and shuts it down when ctx ends. The
// returned channel receives the serving or shutdown error (nil on a clean
// stop) and is then closed. `triage demo` runs triaged in-process this way
// on "127.0.0.1:0".
func Run(ctx context.Context, cfg Config) (addr string, errc <-chan error, err error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if _, err := checkListen(cfg); err != nil {
		return "", nil, err
	}
	s, err := New(ctx, cfg)
	if err != nil {
		return "", nil, err
	}
	addr, serveErr, err := s.Start()
	if err != nil {
		s.Shutdown(context.Background())
		return "", nil, err
	}
	out := make(chan error, 1)
	go func() {
		defer close(out)
		select {
		case err := <-serveErr:
			s.Shutdown(context.Background())
			out <- err
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			out <- s.Shutdown(sctx)
		}
	}()
	return addr, out, nil
}

func (s *Server) openKeys(ctx context.Context) error {
	if s.cfg.Keys != nil {
		s.keys = s.cfg.Keys
		return nil
	}
	storeID, err := storeID(ctx, s.db)
	if err != nil {
		return err
	}
	keys, src, err := seal.OpenKeys(ctx, seal.Config{
		Service:        seal.ServiceServer,
		StoreID:        storeID,
		KeyStore:       seal.SQLKeyStore(s.db, "keys"),
		PassphraseFile: s.cfg.KeyPassphraseFile,
		PassphraseEnv:  seal.EnvPassphraseFileServer,
		AllowDemoKey:   s.cfg.AllowDemoKey,
		DemoDir:        s.cfg.DataDir,
		Keyring:        s.cfg.Keyring,
	})
	if err != nil {
		return fmt.Errorf("central: open keys: %w", err)
	}
	s.keys, s.keySource = keys, src
	if src.Warning != "" {
		s.log.Warn("key custody is weaker than the OS keyring", "warning", src.Warning)
	}
	s.log.Info("keys opened", "source", src.String(), "created", src.Created)
	return nil
}

// storeID is the database's stable identity, made once and kept in it, so
// the keyring entry and the key wrappings stay bound to this store.
func storeID(ctx context.Context, db *sql.DB) (string, error) {
	return records.Meta{}.KeepStoreID(ctx, db, records.NewID("store"))
}

// serverTLSConfig offers TLS 1.2 and 1.3 with AEAD suites only: ECDHE
// key exchange (forward secrecy) with AES-GCM or ChaCha20-Poly1305. CBC
// suites (Lucky13-style padding oracles), RSA key exchange (no forward
// secrecy) and 3DES are not offered. TLS 1.3's suites are all AEAD and
// not configurable.
func serverTLSConfig() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		CipherSuites: []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		},
	}
}

// checkListen refuses plain HTTP beyond loopback: the console API carries
// passwords and session tokens.
func checkListen(cfg Config) (useTLS bool, err error) {
	useTLS = cfg.TLSCertFile != "" || cfg.TLSKeyFile != ""
	if useTLS && (cfg.TLSCertFile == "" || cfg.TLSKeyFile == "") {
		return false, errors.New("central: TLS needs both a certificate and a key file (TRIAGED_TLS_CERT, TRIAGED_TLS_KEY)")
	}
	if !useTLS && !isLoopback(cfg.Addr) {
		return false, fmt.Errorf("central: refusing plain HTTP on %s, which is not a loopback address: configure a TLS certificate and key (TRIAGED_TLS_CERT, TRIAGED_TLS_KEY)", cfg.Addr)
	}
	return useTLS, nil
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// openData opens what every use of a data folder needs, serving or
// administering: the clock and logger defaults, the database at its
// current schema, the sealing keys, and the store over them.
func openData(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{cfg: cfg, log: cfg.Logger, now: func() time.Time { return cfg.Now().UTC() },
		hashes: signin.NewHashGate(), lockedSources: signin.NewLockCache()}
	passwords, err := auth.NewHasher(passwordParams)
	if err != nil {
		return nil, err
	}
	s.passwords = passwords
	s.refusals = signin.NewRefusalLog(signin.Audit{
		Now:    func() time.Time { return s.now() },
		Source: func(addr string) string { return s.auditHMAC("source", addr) },
		Write:  func(ctx context.Context, rec signin.Record) error { return s.auditOnly(ctx, auditRecord(rec)) },
		Log:    s.log,
	})
	db, pg, err := openConfigured(ctx, cfg.DataDir, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	s.db = db
	// A node joins the serving nodes before it reads the keys, so a key
	// rotation cannot start under it, nor it under a rotation.
	if err := s.joinServing(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	// Nodes starting together on one PostgreSQL database create the
	// store's keys once (multinode.go).
	if err := s.oneNodeAtATime(ctx, "open-keys", func() error { return s.openKeys(ctx) }); err != nil {
		s.leaveServing()
		db.Close()
		return nil, err
	}
	s.store = newStore(db, s.keys, pg)
	return s, nil
}
