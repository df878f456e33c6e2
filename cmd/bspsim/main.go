// Command bspsim runs the WhatsApp provider simulator: Meta Cloud API,
// 360dialog and Twilio send endpoints, signed webhooks to the clinic's
// central endpoint, and the /sim/ control API that plays the patient.
//
// Every flag has an environment equivalent (BSPSIM_…); flags win. Logs go
// to stderr and never contain message text or full phone numbers.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/clinicwa/triage/bsp/sim"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bspsim:", err)
		os.Exit(2)
	}
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envFloat(name string, def float64) float64 {
	if v, ok := os.LookupEnv(name); ok {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
	}
	return def
}

// simFlags is bspsim's flag set, bound to the simulator's settings; the
// man page and the shell completions are generated from it too.
func simFlags() (fs *flag.FlagSet, cfg *sim.Config, addr *string, verbose *bool) {
	cfg = &sim.Config{}
	fs = flag.NewFlagSet("bspsim", flag.ContinueOnError)
	addr = fs.String("addr", env("BSPSIM_ADDR", "127.0.0.1:9300"), "listen address (env BSPSIM_ADDR); keep it on loopback: the control API is unauthenticated")
	fs.StringVar(&cfg.WebhookURL, "webhook-url", env("BSPSIM_WEBHOOK_URL", ""), "clinic webhook URL for Cloud API/360dialog (env BSPSIM_WEBHOOK_URL)")
	fs.StringVar(&cfg.AppSecret, "app-secret", env("BSPSIM_APP_SECRET", ""), "Meta app secret that signs webhooks (env BSPSIM_APP_SECRET)")
	fs.StringVar(&cfg.AccessToken, "token", env("BSPSIM_TOKEN", ""), "Bearer access token sends must carry (env BSPSIM_TOKEN)")
	fs.StringVar(&cfg.PhoneNumberID, "phone-number-id", env("BSPSIM_PHONE_NUMBER_ID", "106540352242922"), "business phone-number id (env BSPSIM_PHONE_NUMBER_ID)")
	fs.StringVar(&cfg.VerifyToken, "verify-token", env("BSPSIM_VERIFY_TOKEN", ""), "verify token for the GET handshake (env BSPSIM_VERIFY_TOKEN)")
	fs.StringVar(&cfg.Mode, "mode", env("BSPSIM_MODE", "cloudapi"), "default inbound format: cloudapi, 360dialog or twilio (env BSPSIM_MODE)")
	fs.StringVar(&cfg.D360APIKey, "d360-api-key", env("BSPSIM_D360_API_KEY", ""), "360dialog API key (default: -token) (env BSPSIM_D360_API_KEY)")
	fs.StringVar(&cfg.TwilioAccountSID, "twilio-account-sid", env("BSPSIM_TWILIO_ACCOUNT_SID", ""), "Twilio account SID (env BSPSIM_TWILIO_ACCOUNT_SID)")
	fs.StringVar(&cfg.TwilioAuthToken, "twilio-auth-token", env("BSPSIM_TWILIO_AUTH_TOKEN", ""), "Twilio auth token; signs Twilio webhooks (env BSPSIM_TWILIO_AUTH_TOKEN)")
	fs.StringVar(&cfg.TwilioFrom, "twilio-from", env("BSPSIM_TWILIO_FROM", "whatsapp:+14155238886"), "Twilio WhatsApp sender (env BSPSIM_TWILIO_FROM)")
	fs.StringVar(&cfg.TwilioWebhookURL, "twilio-webhook-url", env("BSPSIM_TWILIO_WEBHOOK_URL", ""), "clinic URL for Twilio inbound webhooks (default -webhook-url) (env BSPSIM_TWILIO_WEBHOOK_URL)")
	fs.DurationVar(&cfg.StatusDelay, "status-delay", 300*time.Millisecond, "pause before each status webhook")
	fs.Float64Var(&cfg.Faults.DuplicateRatio, "duplicate-ratio", envFloat("BSPSIM_DUPLICATE_RATIO", 0), "share of webhooks delivered twice (env BSPSIM_DUPLICATE_RATIO)")
	fs.Float64Var(&cfg.Faults.ReorderRatio, "reorder-ratio", envFloat("BSPSIM_REORDER_RATIO", 0), "share of messages whose read status overtakes delivered (env BSPSIM_REORDER_RATIO)")
	fs.BoolVar(&cfg.RawUTF8, "raw-utf8", false, "send webhook JSON as raw UTF-8 instead of Meta's \\uXXXX escaping")
	fs.DurationVar(&cfg.TemplateReviewDelay, "template-review-delay", 0, "how long a submitted template stays PENDING before it is approved (POST /sim/templates decides sooner)")
	verbose = fs.Bool("v", false, "debug logging")
	return fs, cfg, addr, verbose
}

func run(args []string) error {
	if code, ok := runPackaging(args, os.Stdout, os.Stderr); ok {
		if code != 0 {
			os.Exit(code)
		}
		return nil
	}
	fs, cfg, addr, verbose := simFlags()
	if err := fs.Parse(args); err != nil {
		return err
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	if cfg.WebhookURL == "" {
		log.Warn("no -webhook-url: webhooks will be dropped until one is configured")
	}
	if cfg.AppSecret == "" {
		log.Warn("no -app-secret: Cloud API webhooks go out unsigned and a correct receiver will refuse them")
	}
	cfg.Logger = log
	switch cfg.Mode {
	case sim.ProviderCloudAPI, sim.Provider360dialog, sim.ProviderTwilio:
	default:
		return fmt.Errorf("-mode must be cloudapi, 360dialog or twilio")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := sim.New(*cfg)
	bound, err := srv.Start(ctx, *addr)
	if err != nil {
		return err
	}
	log.Info("simulator listening", "addr", bound, "mode", cfg.Mode, "phone_number_id", cfg.PhoneNumberID)
	<-ctx.Done()
	log.Info("shutting down")
	<-srv.Done()
	return nil
}
