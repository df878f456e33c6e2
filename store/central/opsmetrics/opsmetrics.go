// Package opsmetrics is triaged's operational health for whoever runs it,
// as Prometheus metrics served on their own listen address. Every label
// takes its value from a fixed list in this package (a route, a provider,
// an outcome class, a sign-in reason) or is a console's device id: no
// label ever carries a phone number, a name, a user, a patient or any free
// text, so a scrape can go to a monitoring system outside the clinic's
// PHI boundary.
package opsmetrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultAddr is where triaged serves /metrics unless told otherwise:
// loopback, for a Prometheus agent on the same host.
const DefaultAddr = "127.0.0.1:9464"

// Snapshot is what the store reports at scrape time.
type Snapshot struct {
	OutboxPending int
	// OutboxOldest is the creation time of the oldest pending job (zero
	// when none).
	OutboxOldest time.Time
	// LastCheckpoint is when the newest audit checkpoint was signed (zero
	// when none yet).
	LastCheckpoint time.Time
	// OldestUncovered is when the oldest audit entry that no signed
	// checkpoint covers yet was received (zero when all are covered).
	OldestUncovered time.Time
	// Consoles are the audit chains received recently, by console id.
	Consoles []ConsoleSync
}

// ConsoleSync is one console's audit sync state.
type ConsoleSync struct {
	ConsoleID string
	// LastEntryAt is when the newest entry received was written at the
	// console; LastReceivedAt is when it arrived here.
	LastEntryAt, LastReceivedAt time.Time
}

// Sources are read at each scrape.
type Sources struct {
	// Snapshot reads the store. It is given the scrape's deadline.
	Snapshot func(ctx context.Context) (Snapshot, error)
	// Subscribers is the number of consoles on the live event stream.
	Subscribers func() int
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// SIEMLag is, per SIEM sink kind, the audit entries committed but not
	// yet delivered (siem.go); nil or an empty map when none is set.
	SIEMLag func(ctx context.Context) (map[string]int64, error)
}

// Metrics holds triaged's instruments. A nil *Metrics is valid and
// records nothing, so code paths need no checks.
type Metrics struct {
	reg            *prometheus.Registry
	webhookReqs    *prometheus.CounterVec
	webhookLatency *prometheus.HistogramVec
	duplicates     *prometheus.CounterVec
	sends          *prometheus.CounterVec
	signInFailures *prometheus.CounterVec
	lockouts       *prometheus.CounterVec
	gateWait       prometheus.Histogram
}

// New makes the instruments and registers them, with the scrape-time
// collector over src, in a registry of their own (plus the Go runtime's
// and the process's own metrics).
func New(src Sources) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		webhookReqs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triaged_webhook_requests_total",
			Help: "Provider webhooks received, by route and HTTP status class of the answer.",
		}, []string{"route", "code"}),
		webhookLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "triaged_webhook_duration_seconds",
			Help:    "Time from a webhook's arrival to its answer (it is answered only once durable).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triaged_webhook_duplicates_dropped_total",
			Help: "Inbound messages dropped because the provider delivered them again.",
		}, []string{"route"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triaged_sends_total",
			Help: "Provider send attempts, by provider and outcome (sent, retry, failed).",
		}, []string{"provider", "outcome"}),
		signInFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triaged_signin_failures_total",
			Help: "Refused sign-ins and enrolments, by reason.",
		}, []string{"reason"}),
		lockouts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "triaged_signin_lockouts_total",
			Help: "Locks placed on an account or a source address after repeated failures.",
		}, []string{"scope"}),
		gateWait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "triaged_sqlite_write_gate_wait_seconds",
			Help:    "Time a write transaction waited for its turn at the process's SQLite write gate.",
			Buckets: []float64{.0001, .0005, .001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
	}
	m.reg.MustRegister(m.webhookReqs, m.webhookLatency, m.duplicates, m.sends, m.signInFailures, m.lockouts, m.gateWait,
		newStoreCollector(src), newSIEMCollector(src.SIEMLag),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is the registry the instruments live in (tests gather it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, ErrorHandling: promhttp.ContinueOnError})
}

// webhookRoute names a webhook path by a fixed label value, or "" for a
// path that is not a webhook.
func webhookRoute(path string) string {
	switch path {
	case "/webhooks/whatsapp":
		return "whatsapp"
	case "/webhooks/twilio":
		return "twilio"
	case "/webhooks/twilio/status":
		return "twilio_status"
	}
	return ""
}

// statusRecorder keeps the answer's status code.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Instrument times and counts the provider webhooks passing through next.
func (m *Metrics) Instrument(next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route := webhookRoute(r.URL.Path)
		if route == "" || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		code := rec.code
		if code == 0 {
			code = http.StatusOK
		}
		m.webhookLatency.WithLabelValues(route).Observe(time.Since(start).Seconds())
		m.webhookReqs.WithLabelValues(route, fmt.Sprintf("%dxx", code/100)).Inc()
	})
}

// DuplicatesDropped counts inbound messages a webhook repeated; route is
// the webhook's path.
func (m *Metrics) DuplicatesDropped(route string, n int) {
	if m == nil || n <= 0 {
		return
	}
	label := webhookRoute(route)
	if label == "" {
		label = "other"
	}
	m.duplicates.WithLabelValues(label).Add(float64(n))
}

// Send outcomes.
const (
	SendSent   = "sent"
	SendRetry  = "retry"
	SendFailed = "failed"
)

// SendResult counts one provider send attempt.
func (m *Metrics) SendResult(provider, outcome string) {
	if m == nil {
		return
	}
	switch provider {
	case "cloudapi", "360dialog", "twilio", "sim":
	default:
		provider = "other"
	}
	switch outcome {
	case SendSent, SendRetry, SendFailed:
	default:
		outcome = "other"
	}
	m.sends.WithLabelValues(provider, outcome).Inc()
}

// signInReasons are the refusal reasons a label may carry.
var signInReasons = map[string]bool{
	"unknown_user": true, "bad_password": true, "bad_totp": true, "totp_required": true, "locked": true,
	"source_locked": true, "disabled": true, "unusable_hash": true, "bad_token": true, "expired": true,
	"totp_enrolment_required": true,
}

// SignInRefused counts a refused sign-in or enrolment. reason is the
// audit entry's reason: a first word, then ",locked_now" or
// ",source_locked_now" when the failure placed a lock.
func (m *Metrics) SignInRefused(reason string) {
	if m == nil {
		return
	}
	parts := strings.Split(reason, ",")
	first := parts[0]
	if !signInReasons[first] {
		first = "other"
	}
	m.signInFailures.WithLabelValues(first).Inc()
	for _, p := range parts[1:] {
		switch p {
		case "locked_now":
			m.lockouts.WithLabelValues("account").Inc()
		case "source_locked_now":
			m.lockouts.WithLabelValues("source").Inc()
		}
	}
}

// WriteGateWait records how long a writer waited for its turn.
func (m *Metrics) WriteGateWait(d time.Duration) {
	if m == nil {
		return
	}
	m.gateWait.Observe(d.Seconds())
}

// storeCollector reads the store's state at each scrape.
type storeCollector struct {
	src                                       Sources
	outboxDepth, outboxAge, checkpointAge     *prometheus.Desc
	uncovered                                 *prometheus.Desc
	subscribers, syncLag, syncAge, scrapeFail *prometheus.Desc
}

func newStoreCollector(src Sources) *storeCollector {
	return &storeCollector{
		src:           src,
		outboxDepth:   prometheus.NewDesc("triaged_outbox_pending", "Outbound messages waiting for delivery.", nil, nil),
		outboxAge:     prometheus.NewDesc("triaged_outbox_oldest_age_seconds", "Age of the oldest outbound message waiting for delivery (0 when none).", nil, nil),
		checkpointAge: prometheus.NewDesc("triaged_audit_checkpoint_age_seconds", "Time since the newest signed audit checkpoint (absent before the first).", nil, nil),
		uncovered:     prometheus.NewDesc("triaged_audit_uncheckpointed_age_seconds", "How long the oldest audit entry not yet covered by a signed checkpoint has waited (0 when all are covered): the signer's health, quiet periods included.", nil, nil),
		subscribers:   prometheus.NewDesc("triaged_event_stream_subscribers", "Consoles connected to the live event stream.", nil, nil),
		syncLag:       prometheus.NewDesc("triaged_audit_sync_lag_seconds", "For each console (device id), how late its newest audit entry arrived here after it was written.", []string{"console"}, nil),
		syncAge:       prometheus.NewDesc("triaged_audit_sync_last_received_age_seconds", "For each console (device id), time since its last audit entry arrived.", []string{"console"}, nil),
		scrapeFail:    prometheus.NewDesc("triaged_store_scrape_errors", "1 when the store could not be read for this scrape.", nil, nil),
	}
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.outboxDepth, c.outboxAge, c.checkpointAge, c.uncovered, c.subscribers, c.syncLag, c.syncAge, c.scrapeFail} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	now := time.Now
	if c.src.Now != nil {
		now = c.src.Now
	}
	if c.src.Subscribers != nil {
		ch <- prometheus.MustNewConstMetric(c.subscribers, prometheus.GaugeValue, float64(c.src.Subscribers()))
	}
	if c.src.Snapshot == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := c.src.Snapshot(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.scrapeFail, prometheus.GaugeValue, 1)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.scrapeFail, prometheus.GaugeValue, 0)
	t := now()
	age := func(at time.Time) float64 {
		if at.IsZero() {
			return 0
		}
		return max(t.Sub(at).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(c.outboxDepth, prometheus.GaugeValue, float64(snap.OutboxPending))
	ch <- prometheus.MustNewConstMetric(c.outboxAge, prometheus.GaugeValue, age(snap.OutboxOldest))
	ch <- prometheus.MustNewConstMetric(c.uncovered, prometheus.GaugeValue, age(snap.OldestUncovered))
	if !snap.LastCheckpoint.IsZero() {
		ch <- prometheus.MustNewConstMetric(c.checkpointAge, prometheus.GaugeValue, age(snap.LastCheckpoint))
	}
	for _, cs := range snap.Consoles {
		if !validConsoleID(cs.ConsoleID) {
			continue
		}
		ch <- prometheus.MustNewConstMetric(c.syncLag, prometheus.GaugeValue, max(cs.LastReceivedAt.Sub(cs.LastEntryAt).Seconds(), 0), cs.ConsoleID)
		ch <- prometheus.MustNewConstMetric(c.syncAge, prometheus.GaugeValue, age(cs.LastReceivedAt), cs.ConsoleID)
	}
}

// validConsoleID admits the device ids consoles make (letters, digits,
// '-', '_', '.', at most 64): anything else is left out rather than put
// in a label.
func validConsoleID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return false
		}
	}
	return true
}

// CheckAddr refuses a listen address beyond loopback unless allowRemote:
// the metrics carry no PHI, but they do describe the clinic's traffic and
// are served without authentication.
func CheckAddr(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("metrics address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return nil
	}
	if !allowRemote {
		return fmt.Errorf("metrics address %q is not loopback; /metrics has no authentication, so set TRIAGED_METRICS_ALLOW_REMOTE=1 to serve it beyond this host (behind a firewall or an authenticating proxy)", addr)
	}
	return nil
}

// Serve serves /metrics on addr until ctx ends. It returns the bound
// address once listening; errors after that go to log.
func (m *Metrics) Serve(ctx context.Context, addr string, allowRemote bool, log *slog.Logger) (string, error) {
	if err := CheckAddr(addr, allowRemote); err != nil {
		return "", err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("metrics address: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && log != nil {
			log.Error("metrics listener stopped", "err", err.Error())
		}
	}()
	return ln.Addr().String(), nil
}
