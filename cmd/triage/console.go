package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/remote"
	"github.com/clinicwa/triage/store/seal"
	"github.com/clinicwa/triage/ui"
)

// consoleConfig is what the console needs to start.
type consoleConfig struct {
	Server string // central endpoint base URL
	Data   string // local store folder
	CAFile string // PEM bundle trusted for an https server, besides the system roots
	Demo   *ui.DemoLogin
	// KeyPassphraseFile is the passphrase file for the keys that seal
	// drafts; empty means TRIAGE_KEY_PASSPHRASE_FILE.
	KeyPassphraseFile string
	// Keyring replaces the OS keyring for the session token (tests).
	Keyring remote.TokenKeyring
	// SealKeyring replaces the OS keyring for the console's keys (tests).
	SealKeyring seal.Keyring
}

func runConsole(args []string, stderr io.Writer) int {
	fs, cfg := consoleFlags(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := startConsole(context.Background(), *cfg); err != nil {
		fmt.Fprintf(stderr, "triage: %v\n", err)
		return 1
	}
	return 0
}

// consoleFlags are the console's flags (the usage text lists each); the
// config is filled in as the set is parsed.
func consoleFlags(stderr io.Writer) (*flag.FlagSet, *consoleConfig) {
	cfg := &consoleConfig{}
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Server, "server", envOr("TRIAGE_SERVER", "http://127.0.0.1:9400"), "central endpoint URL (TRIAGE_SERVER)")
	fs.StringVar(&cfg.Data, "data", envOr("TRIAGE_DATA", defaultDataDir()), "console data folder (TRIAGE_DATA)")
	fs.StringVar(&cfg.CAFile, "ca-file", envOr("TRIAGE_CA_FILE", ""), "PEM file of the CA that signed the server's certificate (TRIAGE_CA_FILE)")
	fs.StringVar(&cfg.KeyPassphraseFile, "key-passphrase-file", os.Getenv(seal.EnvPassphraseFileConsole),
		"passphrase file for the keys sealing drafts and the device key, when there is no OS keyring ("+seal.EnvPassphraseFileConsole+")")
	return fs, cfg
}

// startConsole runs the console TUI until the user quits. Logs go to a
// file in the data folder, never to the terminal the TUI draws on, and
// never hold key presses or message text.
func startConsole(ctx context.Context, cfg consoleConfig) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	httpClient, err := serverClient(cfg.Server, cfg.CAFile)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		return err
	}
	logFile, err := os.OpenFile(filepath.Join(cfg.Data, "console.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))

	console, err := store.OpenConsole(ctx, cfg.Data, nil)
	if err != nil {
		return fmt.Errorf("console store: %w", err)
	}
	defer console.Close()
	sealed, notice := openDraftKeys(ctx, console, cfg, log)
	// The console's keys also keep its device key, which signs its audit
	// trail: without them the trail could not be uploaded after a restart,
	// so the console does not start.
	if err := deviceKept(ctx, console); err != nil {
		return fmt.Errorf("%w (the console's device key needs the OS keyring or a passphrase file, %s)", err, seal.EnvPassphraseFileConsole)
	}
	// Unwrapping the keys ran Argon2id over 64 MiB; that memory is
	// garbage now, and a console open all day should not keep it.
	debug.FreeOSMemory()
	client := store.NewClient(cfg.Server, httpClient, console)
	guard := newPanicGuard(logFile)
	go func() {
		defer guard.catch()
		client.RunSync(ctx, func(err error) { log.Warn("audit sync deferred", "err", err) })
	}()

	var keep *remote.SessionKeeper // the demo keeps its session in memory only
	if cfg.Demo == nil {
		kr := cfg.Keyring
		if kr == nil {
			kr = remote.OSKeyring{}
		}
		keep = remote.NewSessionKeeper(kr, console.ID(), log)
	}
	be := remote.New(client, keep, remote.NewDraftKeeper(client, sealed))
	var resumed *api.LoginResponse
	if keep != nil {
		rctx, stop := context.WithTimeout(ctx, 10*time.Second)
		if r, ok := be.Resume(rctx); ok {
			resumed = r
			log.Info("session resumed from the OS keyring", "user", r.User.ID)
		}
		stop()
	}
	theme := ui.ThemeFromEnv()
	applyTheme(theme, os.Stdout)
	model := ui.New(be, ui.Options{
		Theme:      theme,
		Demo:       cfg.Demo,
		ServerName: cfg.Server,
		Resume:     resumed,
		Notice:     notice,
	})
	// Bubble Tea's own panic handler prints a stack trace on the screen;
	// the guard writes it to console.log instead and restores the
	// terminal.
	timed, closeFrameLog := withFrameLog(model)
	defer closeFrameLog()
	p := tea.NewProgram(guard.model(timed), tea.WithAltScreen(), tea.WithContext(ctx), tea.WithoutCatchPanics())
	guard.setStop(p.Kill)
	err = guard.run(p.Run, func() { _ = p.ReleaseTerminal() })
	// One last push of the audit outbox; what does not make it stays in
	// the local store and goes with the next start.
	syncCtx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	if n, serr := client.SyncOnce(syncCtx); serr != nil {
		log.Warn("audit sync at exit deferred", "err", serr)
	} else {
		log.Info("audit synced at exit", "entries", n)
	}
	if errors.Is(err, errConsolePanicked) {
		return err
	}
	if err != nil && err != tea.ErrProgramKilled {
		return err
	}
	return nil
}

// staleDraftAge outlives the longest session (12 hours by default), so a
// user who comes back after a crash still finds their reply.
const staleDraftAge = 24 * time.Hour

// openDraftKeys opens the keys that seal drafts. It reports whether they
// are open, and the one line the footer shows once when their custody is
// weaker than the OS keyring. Without keys the console still runs and
// keeps drafts in memory only: the log says so, the screen does not,
// since the user has nothing to do about it.
func openDraftKeys(ctx context.Context, console *store.Console, cfg consoleConfig, log *slog.Logger) (bool, string) {
	pass := cfg.KeyPassphraseFile
	if pass == "" {
		pass = os.Getenv(seal.EnvPassphraseFileConsole)
	}
	src, err := store.OpenConsoleKeys(ctx, console, store.ConsoleKeyConfig{
		PassphraseFile: pass,
		AllowDemoKey:   cfg.Demo != nil,
		DemoDir:        cfg.Data,
		Keyring:        cfg.SealKeyring,
	})
	if err != nil {
		log.Warn("console keys unavailable: drafts are kept in memory only and end with the console", "err", err.Error())
		return false, ""
	}
	log.Info("console keys open", "source", src.String(), "created", src.Created)
	// Drafts left by a crash live until no session could come back to
	// them; older ones are removed at start.
	if n, err := console.DeleteDraftsOlderThan(ctx, time.Now().Add(-staleDraftAge)); err != nil {
		log.Warn("stale drafts not removed", "err", err.Error())
	} else if n > 0 {
		log.Info("stale drafts removed", "count", n)
	}
	if src.Warning == "" {
		return true, ""
	}
	log.Warn("console key custody", "warning", src.Warning)
	return true, custodyNotice(src)
}

// custodyNotice is the footer line for a key source with a warning; the
// full warning, with the file and store it names, is in console.log.
func custodyNotice(src seal.Source) string {
	switch src.Kind {
	case seal.KEKDemo:
		return "Drafts are sealed with the DEMO key: use synthetic data only."
	case seal.KEKPassphrase:
		return "Key custody degraded: drafts are sealed by a passphrase file, not the OS keyring (see console.log)."
	}
	return "Key custody note: see console.log."
}

// errConsolePanicked is what the clinic sees when the console hit a bug:
// a plain sentence, not a stack trace.
var errConsolePanicked = errors.New("the console stopped because of an internal error. " +
	"Start it again; if it keeps happening, give your administrator the file console.log from the console's data folder")

// panicGuard turns a panic anywhere in the console (Update, View, a
// command, the sync loop) into errConsolePanicked: the panic and its
// stack go to the console's log file only, the program is stopped and
// the terminal restored. The stack holds function names and addresses;
// the panic value is logged only when it is a runtime error, since a
// value made by code could quote patient text.
type panicGuard struct {
	w io.Writer // console.log

	mu   sync.Mutex
	stop func() // stops the program (p.Kill); set once it exists
	hit  atomic.Bool
}

func newPanicGuard(w io.Writer) *panicGuard { return &panicGuard{w: w} }

// setStop names how to stop the program once it exists.
func (g *panicGuard) setStop(stop func()) {
	g.mu.Lock()
	g.stop = stop
	g.mu.Unlock()
}

// catch is deferred by every guarded function; it must be the deferred
// call itself for recover to work.
func (g *panicGuard) catch() {
	if r := recover(); r != nil {
		g.record(r, debug.Stack())
		g.halt()
	}
}

func (g *panicGuard) halt() {
	g.mu.Lock()
	stop := g.stop
	g.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// record writes the panic to the log, once.
func (g *panicGuard) record(r any, stack []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hit.Swap(true) {
		return
	}
	what := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	fmt.Fprintf(g.w, "time=%s level=ERROR msg=\"console panic\" panic=%q\n%s\n", time.Now().UTC().Format(time.RFC3339), what, stack)
}

// tripped reports whether a panic was caught.
func (g *panicGuard) tripped() bool { return g.hit.Load() }

// run runs the program. A panic that escapes it (the program's own
// machinery) is recorded and the terminal released; either way a caught
// panic ends as errConsolePanicked.
func (g *panicGuard) run(runProgram func() (tea.Model, error), release func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			g.record(r, debug.Stack())
			g.halt()
			func() {
				defer func() { _ = recover() }() // the terminal is as good as it gets
				release()
			}()
		}
		if g.tripped() {
			err = errConsolePanicked
		}
	}()
	_, err = runProgram()
	return err
}

// model wraps m so that a panic in Init, Update or View, or in any
// command they return, is caught by the guard.
func (g *panicGuard) model(m tea.Model) tea.Model { return guardedModel{m: m, g: g} }

type guardedModel struct {
	m tea.Model
	g *panicGuard
}

func (w guardedModel) Init() (cmd tea.Cmd) {
	defer w.g.catch()
	return w.g.wrap(w.m.Init())
}

func (w guardedModel) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	next = w
	if w.g.tripped() {
		return next, nil
	}
	defer w.g.catch()
	m, c := w.m.Update(msg)
	return guardedModel{m: m, g: w.g}, w.g.wrap(c)
}

func (w guardedModel) View() (view string) {
	if w.g.tripped() {
		return ""
	}
	defer w.g.catch()
	return w.m.View()
}

// wrap guards a command, and the commands of a batch it returns. (Bubble
// Tea runs each command in a goroutine of its own, where a panic would
// otherwise end the process with a stack trace on the screen.)
func (g *panicGuard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer g.catch()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make(tea.BatchMsg, len(b))
			for i, c := range b {
				out[i] = g.wrap(c)
			}
			return out
		}
		return msg
	}
}

// serverClient is the HTTP client for the central endpoint at server. The
// console API carries passwords, session tokens and patient messages, so
// plain http:// is refused unless the server is on this machine; for
// https, caFile (PEM) adds a clinic's own CA to the system roots.
func serverClient(server, caFile string) (*http.Client, error) {
	u, err := url.Parse(server)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("the server address %q is not a URL like https://triage.clinic.example", server)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !loopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("refusing plain http:// to %s: it is not this machine, and the connection would carry passwords and patient messages unencrypted; use https:// (and --ca-file if the clinic runs its own CA)", u.Host)
		}
	default:
		return nil, fmt.Errorf("the server address must start with https:// (or http:// for this machine), not %q", u.Scheme+"://")
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", caFile)
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	return &http.Client{Timeout: 15 * time.Second, Transport: tr}, nil
}

// loopbackHost reports whether host names this machine.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// The console's screens take the remote backend as it is.
var (
	_ ui.Backend         = remote.Backend{}
	_ ui.IncidentBackend = remote.Backend{}
	_ ui.AuditBackend    = remote.Backend{}
	_ ui.TriageBackend   = remote.Backend{}
)
