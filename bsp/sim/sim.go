// Package sim is a local stand-in for the WhatsApp providers the clinic
// uses: it speaks Meta's Cloud API, 360dialog's hosted Cloud API and
// Twilio's Messages API on the wire, delivers signed status and inbound
// webhooks with retries, models the 24-hour customer-service window and the
// throughput limits, and injects the faults real providers produce. A
// control API under /sim/ lets tests and the demo play the patient.
//
// The control API has no authentication: bind the simulator to loopback.
package sim

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Provider formats the simulator speaks.
const (
	ProviderCloudAPI  = "cloudapi"
	Provider360dialog = "360dialog"
	ProviderTwilio    = "twilio"
)

// Template is an approved template the simulator knows. When Config.Templates
// is empty every (name, language) is accepted and rendered generically.
type Template struct {
	Name     string // Cloud API template name
	Language string // e.g. "en_US"
	SID      string // Twilio Content SID (HX…), for Twilio sends
	// Body with {{1}} or {{name}} placeholders, as approved.
	Body string
}

// Faults are the misbehaviours the simulator injects. The zero value is a
// well-behaved provider.
type Faults struct {
	// FailRatio of sends is answered with Status/Code instead of success.
	FailRatio float64 `json:"fail_ratio"`
	// Status is the HTTP status of an injected failure (default 500).
	Status int `json:"status"`
	// Code is the provider error code of an injected failure (default
	// 131000 for Cloud API, 20500 for Twilio).
	Code int `json:"code"`
	// TimeoutRatio of sends never get an answer, until the client gives up.
	TimeoutRatio float64 `json:"timeout_ratio"`
	// OutsideWindowSync answers free-form sends outside the 24-hour window
	// with a synchronous 400 (131047 / Twilio 63016) instead of an accepted
	// send followed by a failed status, which is what Meta usually does.
	OutsideWindowSync bool `json:"outside_window_sync"`
	// TokenExpired answers every send with the expired-token error (190 /
	// Twilio 20003), as after a system-user token is revoked.
	TokenExpired bool `json:"token_expired"`
	// DuplicateRatio of webhook deliveries are sent twice.
	DuplicateRatio float64 `json:"duplicate_ratio"`
	// ReorderRatio of messages get "read" before "delivered".
	ReorderRatio float64 `json:"reorder_ratio"`
	// AsyncFailCode, when set, makes every accepted send fail later with a
	// failed status carrying this code (e.g. 131026 undeliverable).
	AsyncFailCode int `json:"async_fail_code"`
}

// Config configures a Server. Only WebhookURL is needed for a useful
// simulator; the rest has working defaults.
type Config struct {
	// WebhookURL receives Cloud API / 360dialog webhooks (and Twilio inbound
	// webhooks unless TwilioWebhookURL is set).
	WebhookURL string
	// AppSecret signs Cloud API webhooks (X-Hub-Signature-256). Empty sends them unsigned.
	AppSecret string
	// AccessToken is the Bearer token sends must carry. Empty accepts any non-empty token.
	AccessToken string
	// PhoneNumberID is the business number's Graph id (default "106540352242922").
	PhoneNumberID string
	// DisplayPhoneNumber is the business number as digits (default "15550783881").
	DisplayPhoneNumber string
	// WABAID is the account id put in entry[].id (default "102290129340398").
	WABAID string
	// VerifyToken is sent in the GET subscription handshake (POST /sim/verify).
	VerifyToken string
	// Mode is the default provider format for /sim/inbound: cloudapi (default), 360dialog or twilio.
	Mode string

	// D360APIKey is the D360-API-KEY sends to /messages must carry (default AccessToken).
	D360APIKey string
	// D360WebhookHeaders are added to 360dialog webhooks, as set through
	// 360dialog's /v1/configs/webhook (360dialog does not sign with Meta's secret).
	D360WebhookHeaders map[string]string

	// TwilioAccountSID and TwilioAuthToken are the Basic-auth pair for Twilio
	// sends; the auth token also signs Twilio webhooks.
	TwilioAccountSID string
	TwilioAuthToken  string
	// TwilioFrom is the WhatsApp sender ("whatsapp:+14155238886" by default).
	TwilioFrom string
	// TwilioWebhookURL receives Twilio inbound webhooks (default WebhookURL).
	TwilioWebhookURL string

	// Templates are the approved templates; empty accepts any template.
	Templates []Template
	// TemplateReviewDelay is how long a template submitted through the
	// management API stays PENDING before it is approved, unless the
	// control API (POST /sim/templates) decides first.
	TemplateReviewDelay time.Duration

	// StatusDelay is the pause before each status step (default 150 ms).
	StatusDelay time.Duration
	// NoAutoRead stops after "delivered", as when the patient has not opened the chat.
	NoAutoRead bool
	// RatePerSecond is the per-number throughput limit (default 80, Meta's default).
	RatePerSecond float64
	// PairInterval and PairBurst set the per-recipient limit (default one per
	// 6 s with a burst of 45, as Meta documents).
	PairInterval time.Duration
	PairBurst    int
	// RetryHorizon bounds webhook redelivery (default 1 hour; Meta uses 7 days).
	RetryHorizon time.Duration
	// RetryMaxInterval caps the backoff between redeliveries (default 30 s).
	RetryMaxInterval time.Duration
	// RawUTF8 sends webhook JSON with raw UTF-8 instead of Meta's \uXXXX
	// escaping (Meta's escaping catches receivers that re-serialise before
	// checking the signature).
	RawUTF8 bool
	// Faults are injected from the start; DELETE /sim/faults returns to them.
	Faults Faults

	// HTTPClient delivers webhooks (default: 10 s timeout).
	HTTPClient *http.Client
	// Logger receives operational logs without message text or full phone numbers.
	Logger *slog.Logger
	// Now is the clock (default time.Now); POST /sim/clock moves it forward.
	Now func() time.Time
	// Seed makes fault injection reproducible when non-zero.
	Seed uint64
}

// Server is a running simulator's state. Create it with New.
type Server struct {
	cfg Config
	log *slog.Logger
	hc  *http.Client
	mux *http.ServeMux

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when a Start-ed server has shut down

	mu          sync.Mutex
	webhookURL  string
	twilioURL   string
	faults      Faults
	rng         *mrand.Rand
	clockOffset time.Duration
	outbox      []*OutboxEntry
	byID        map[string]*OutboxEntry
	lastInbound map[string]time.Time // E.164 -> last time the patient wrote
	inboundIDs  map[string]bool
	numLimiter  *rate.Limiter
	pair        map[string]*rate.Limiter
	pending     int
	deliveries  DeliveryStats
	templates   templateRegistry // submitted through the management API (templates.go)
	d360        d360Webhook      // registered through /v1/configs/webhook (d360.go)
}

// OutboxEntry is one message the business sent, as the patient would see it.
type OutboxEntry struct {
	ID             string    `json:"id"`
	Provider       string    `json:"provider"`
	To             string    `json:"to"`
	Type           string    `json:"type"`
	Text           string    `json:"text"`
	Status         string    `json:"status"`
	ErrorCode      int       `json:"error_code,omitempty"`
	IdempotencyKey string    `json:"idempotency_key,omitempty"`
	ReplyTo        string    `json:"reply_to,omitempty"`
	At             time.Time `json:"at"`

	statusCallback string // Twilio only
}

// DeliveryStats counts webhook POSTs, for tests and the demo's status line.
type DeliveryStats struct {
	Attempts  int `json:"attempts"`
	Delivered int `json:"delivered"`
	Failed    int `json:"failed"` // non-2xx or transport errors, each retried
	GaveUp    int `json:"gave_up"`
}

// New builds a simulator. Call Close to stop its pending deliveries.
func New(cfg Config) *Server {
	if cfg.PhoneNumberID == "" {
		cfg.PhoneNumberID = "106540352242922"
	}
	if cfg.DisplayPhoneNumber == "" {
		cfg.DisplayPhoneNumber = "15550783881"
	}
	if cfg.WABAID == "" {
		cfg.WABAID = "102290129340398"
	}
	if cfg.Mode == "" {
		cfg.Mode = ProviderCloudAPI
	}
	if cfg.D360APIKey == "" {
		cfg.D360APIKey = cfg.AccessToken
	}
	if cfg.TwilioFrom == "" {
		cfg.TwilioFrom = "whatsapp:+14155238886"
	}
	if cfg.StatusDelay <= 0 {
		cfg.StatusDelay = 150 * time.Millisecond
	}
	if cfg.RatePerSecond <= 0 {
		cfg.RatePerSecond = 80
	}
	if cfg.PairInterval <= 0 {
		cfg.PairInterval = 6 * time.Second
	}
	if cfg.PairBurst <= 0 {
		cfg.PairBurst = 45
	}
	if cfg.RetryHorizon <= 0 {
		cfg.RetryHorizon = time.Hour
	}
	if cfg.RetryMaxInterval <= 0 {
		cfg.RetryMaxInterval = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = mrand.Uint64()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg: cfg, log: log, hc: hc, ctx: ctx, cancel: cancel, done: make(chan struct{}),
		webhookURL:  cfg.WebhookURL,
		twilioURL:   cfg.TwilioWebhookURL,
		faults:      cfg.Faults,
		rng:         mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		byID:        map[string]*OutboxEntry{},
		lastInbound: map[string]time.Time{},
		inboundIDs:  map[string]bool{},
		numLimiter:  rate.NewLimiter(rate.Limit(cfg.RatePerSecond), max(1, int(cfg.RatePerSecond))),
		pair:        map[string]*rate.Limiter{},
	}
	s.routes()
	return s
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /{version}/{phoneID}/messages", s.handleCloudSend)
	m.HandleFunc("POST /messages", s.handle360Send)
	m.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", s.handleTwilioSend)
	m.HandleFunc("POST /sim/inbound", s.handleInbound)
	m.HandleFunc("GET /sim/outbox", s.handleOutbox)
	m.HandleFunc("DELETE /sim/outbox", s.handleOutboxReset)
	m.HandleFunc("GET /sim/faults", s.handleFaultsGet)
	m.HandleFunc("POST /sim/faults", s.handleFaultsSet)
	m.HandleFunc("DELETE /sim/faults", s.handleFaultsReset)
	m.HandleFunc("POST /sim/clock", s.handleClock)
	m.HandleFunc("POST /sim/verify", s.handleVerify)
	m.HandleFunc("GET /sim/stats", s.handleStats)
	m.HandleFunc("POST /{version}/{waba}/message_templates", s.handleTemplateCreate)
	m.HandleFunc("GET /{version}/{waba}/message_templates", s.handleTemplateList)
	m.HandleFunc("POST /sim/templates", s.handleTemplateDecide)
	m.HandleFunc("POST /v1/configs/webhook", s.handleD360WebhookSet)
	m.HandleFunc("GET /v1/configs/webhook", s.handleD360WebhookGet)
	s.mux = m
}

// Handler serves the provider APIs and the /sim/ control API.
func (s *Server) Handler() http.Handler { return s.mux }

// SetWebhookURL changes where webhooks go; the demo learns the central
// endpoint's address only after both have started.
func (s *Server) SetWebhookURL(u string) {
	s.mu.Lock()
	s.webhookURL = u
	s.mu.Unlock()
}

// Close stops pending and future webhook deliveries.
func (s *Server) Close() { s.cancel() }

// Flush waits until every scheduled status and webhook delivery has
// finished (delivered or given up), or ctx ends.
func (s *Server) Flush(ctx context.Context) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		s.mu.Lock()
		n := s.pending
		s.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Outbox returns a copy of every message the business sent, oldest first.
func (s *Server) Outbox() []OutboxEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]OutboxEntry, len(s.outbox))
	for i, e := range s.outbox {
		out[i] = *e
	}
	return out
}

// Stats returns webhook delivery counters.
func (s *Server) Stats() DeliveryStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deliveries
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves until ctx ends,
// then shuts down gracefully and stops deliveries. It returns the address
// actually bound.
func (s *Server) Start(ctx context.Context, addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("simulator stopped", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		s.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		close(s.done)
	}()
	return ln.Addr().String(), nil
}

// Done is closed once a server started with Start has shut down after its
// context ended.
func (s *Server) Done() <-chan struct{} { return s.done }

// Serve runs a simulator for cfg on addr until ctx ends; the console's demo
// uses it in-process on "127.0.0.1:0". It returns the bound address.
func Serve(ctx context.Context, addr string, cfg Config) (string, error) {
	return New(cfg).Start(ctx, addr)
}

// now is the simulated clock.
func (s *Server) now() time.Time {
	s.mu.Lock()
	off := s.clockOffset
	s.mu.Unlock()
	return s.cfg.Now().Add(off)
}

// chance draws against ratio under the lock.
func (s *Server) chance(ratio float64) bool {
	if ratio <= 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.Float64() < ratio
}

// insideWindow reports whether the patient wrote within the last 24 hours.
func (s *Server) insideWindow(e164 string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.lastInbound[e164]
	return ok && now.Sub(t) < 24*time.Hour
}

// allowPair applies the per-recipient limit.
func (s *Server) allowPair(to string) bool {
	s.mu.Lock()
	l, ok := s.pair[to]
	if !ok {
		l = rate.NewLimiter(rate.Every(s.cfg.PairInterval), s.cfg.PairBurst)
		s.pair[to] = l
	}
	s.mu.Unlock()
	return l.Allow()
}

func (s *Server) record(e *OutboxEntry) {
	s.mu.Lock()
	s.outbox = append(s.outbox, e)
	s.byID[e.ID] = e
	s.mu.Unlock()
}

// newWamid makes an id shaped like Meta's ("wamid." + base64).
func newWamid() string {
	b := make([]byte, 30)
	rand.Read(b)
	return "wamid.HBgL" + base64.StdEncoding.EncodeToString(b)
}

// newTwilioSID makes a 34-character Twilio sid with prefix ("SM", "MM").
func newTwilioSID(prefix string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// maskNumber keeps the last four digits for logs: enough to tell test
// patients apart, not enough to identify anyone.
func maskNumber(n string) string {
	if len(n) <= 4 {
		return "****"
	}
	return strings.Repeat("*", len(n)-4) + n[len(n)-4:]
}
