package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/ui"
)

// consoleConfig is what the console needs to start.
type consoleConfig struct {
	Server string // central endpoint base URL
	Data   string // local store folder
	CAFile string // PEM bundle trusted for an https server, besides the system roots
	Demo   *ui.DemoLogin
	// Keyring replaces the OS keyring for the session token (tests).
	Keyring tokenKeyring
}

func runConsole(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", envOr("TRIAGE_SERVER", "http://127.0.0.1:9400"), "central endpoint URL (TRIAGE_SERVER)")
	data := fs.String("data", envOr("TRIAGE_DATA", defaultDataDir()), "console data folder (TRIAGE_DATA)")
	caFile := fs.String("ca-file", envOr("TRIAGE_CA_FILE", ""), "PEM file of the CA that signed the server's certificate (TRIAGE_CA_FILE)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := startConsole(context.Background(), consoleConfig{Server: *server, Data: *data, CAFile: *caFile}); err != nil {
		fmt.Fprintf(stderr, "triage: %v\n", err)
		return 1
	}
	return 0
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
	client := store.NewClient(cfg.Server, httpClient, console)
	go client.RunSync(ctx, func(err error) { log.Warn("audit sync deferred", "err", err) })

	be := backend{c: client}
	var resumed *api.LoginResponse
	if cfg.Demo == nil {
		kr := cfg.Keyring
		if kr == nil {
			kr = osKeyring{}
		}
		be.keep = newSessionKeeper(kr, console.ID(), log)
		rctx, stop := context.WithTimeout(ctx, 10*time.Second)
		if r, ok := be.resume(rctx); ok {
			resumed = r
			log.Info("session resumed from the OS keyring", "user", r.User.ID)
		}
		stop()
	}
	model := ui.New(be, ui.Options{
		Theme:      ui.ThemeFromEnv(),
		Demo:       cfg.Demo,
		ServerName: cfg.Server,
		Resume:     resumed,
	})
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithContext(ctx))
	_, err = p.Run()
	// One last push of the audit outbox; what does not make it stays in
	// the local store and goes with the next start.
	syncCtx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	if n, serr := client.SyncOnce(syncCtx); serr != nil {
		log.Warn("audit sync at exit deferred", "err", serr)
	} else {
		log.Info("audit synced at exit", "entries", n)
	}
	if err != nil && err != tea.ErrProgramKilled {
		return err
	}
	return nil
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
