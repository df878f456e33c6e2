package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/ui"
)

// demoPatient is a seeded patient and what they write, and when. A New
// patient has never been in touch: the clinic has no consent on record.
type demoPatient struct {
	After time.Duration
	Phone string
	Name  string
	Text  string
	New   bool
}

// demoScript is the first minute of the demo: operational questions, PHI
// the console must mask, a new patient welcomed in Spanish who opts in, a
// clinical question for a nurse, and a STOP.
// Every name and number is fictional (555-01xx numbers are reserved).
var demoScript = []demoPatient{
	{1 * time.Second, "+15555550101", "Maria Lopez", "Hi! Where do I park for my appointment tomorrow?", false},
	{6 * time.Second, "+15555550102", "James Miller", "This is James Miller, DOB 03/14/1962, my cell is 555-201-3344. Can I move my appointment to next week?", false},
	{14 * time.Second, "+15555550103", "Ana Torres", "Hola, ¿a qué hora abren el sábado?", true},
	{22 * time.Second, "+15555550104", "Robert Chen", "I've had chest pain since last night and my metformin ran out. Should I take a double dose tomorrow?", false},
	{28 * time.Second, "+15555550103", "Ana Torres", "Sí", true},
	{32 * time.Second, "+15555550105", "Linda Park", "my email is linda.park@example.com, can you send the new patient forms there?", false},
	{45 * time.Second, "+15555550106", "Tom Reyes", "STOP", false},
	{55 * time.Second, "+15555550101", "Maria Lopez", "Thank you!", false},
}

// demoYesterday is a patient who last wrote 26 hours before the demo
// began: the 24-hour window is closed, so only an approved template can
// reach them, and the demo's reminder run sends one.
var demoYesterday = demoPatient{-26 * time.Hour, "+15555550107", "Sam Ortiz", "Can you remind me about my appointment? Thanks", false}

func runDemo(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("triage demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("as", "frontdesk", "role of the demo login: frontdesk, nurse or supervisor")
	data := fs.String("data", "", "data folder (default: a fresh temporary folder)")
	simAddr := fs.String("sim-addr", "127.0.0.1:0", "address of the WhatsApp simulator")
	fs.DurationVar(&demoHandoffSLA, "handoff-sla", demoHandoffSLA, "the demo's hand-off SLA, short so a hand-off escalates while you watch (the clinic's own is TRIAGED_HANDOFF_SLA)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if _, err := policy.ParseRole(*role); err != nil || *role == string(policy.RoleAdmin) {
		fmt.Fprintf(stderr, "triage demo: --as must be frontdesk, nurse or supervisor\n")
		return 2
	}
	if err := demo(context.Background(), *role, *data, *simAddr, stderr); err != nil {
		fmt.Fprintf(stderr, "triage demo: %v\n", err)
		return 1
	}
	return 0
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's randomness is gone: nothing is safe to do
	}
	return hex.EncodeToString(b)
}

// demoStack is a running simulator and central endpoint.
type demoStack struct {
	SimURL     string
	CentralURL string
	Users      map[string]central.SeedUser // by role
	stop       func()
}

// startDemoStack starts the simulator and the central endpoint on
// loopback, wired to each other exactly as a clinic's would be to Meta.
func startDemoStack(ctx context.Context, dir, simAddr string, log *slog.Logger) (*demoStack, error) {
	ctx, cancel := context.WithCancel(ctx)
	appSecret, token, verify := randomHex(16), randomHex(24), randomHex(8)
	const phoneID = "106540352242922"

	// The simulator starts first, so that the central endpoint can be
	// pointed at it; it learns the central endpoint's webhook URL after.
	simSrv := sim.New(sim.Config{
		AppSecret:     appSecret,
		AccessToken:   token,
		PhoneNumberID: phoneID,
		Logger:        log.With("process", "bspsim"),
	})
	simBound, err := simSrv.Start(ctx, simAddr)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("simulator address: %w", err)
	}
	simURL := "http://" + simBound

	users := map[string]central.SeedUser{}
	var seeds []central.SeedUser
	for _, r := range []string{"frontdesk", "nurse", "supervisor"} {
		u := central.SeedUser{Username: "demo." + r, Password: "demo-" + randomHex(12), Role: r, ResetPassword: true}
		users[r] = u
		seeds = append(seeds, u)
	}
	// The scripted morning lead: the reminder run and the demo's incident
	// are done under this account, so whoever tries the demo still meets
	// the messaging-policy acknowledgment as their own first step.
	lead := central.SeedUser{Username: "demo.lead", Password: "demo-" + randomHex(12), Role: "supervisor", ResetPassword: true}
	users["lead"] = lead
	seeds = append(seeds, lead)
	optIns := []string{demoYesterday.Phone}
	for _, p := range demoScript {
		if !p.New {
			optIns = append(optIns, p.Phone)
		}
	}
	rawClinic, err := assets.DemoClinicProfile()
	if err != nil {
		cancel()
		<-simSrv.Done()
		return nil, err
	}
	clinic, err := policy.ParseClinicProfile(bytes.NewReader(rawClinic))
	if err != nil {
		cancel()
		<-simSrv.Done()
		return nil, err
	}
	provider := cloudapi.New(cloudapi.Config{BaseURL: simURL, PhoneNumberID: phoneID, Token: token})
	cfg := central.Config{
		DataDir:             filepath.Join(dir, "triaged"),
		Addr:                "127.0.0.1:0",
		AllowDemoKey:        true,
		Provider:            provider,
		WhatsAppAppSecret:   appSecret,
		WhatsAppVerifyToken: verify,
		BusinessNumber:      phoneID,
		SeedUsers:           seeds,
		SeedOptIns:          optIns,
		SeedAppointments:    demoAppointments(time.Now()),
		Rules:               policy.OutboundRules{Clinic: clinic},
		Templates: central.TemplateConfig{
			Client:    &cloudapi.TemplateClient{BaseURL: simURL, WABAID: demoWABAID, Token: token},
			SyncEvery: 2 * time.Second, ClinicName: "Riverside Clinic", Locations: []string{"Main clinic", "Eastside"},
		},
		Logger: log.With("process", "triaged"),
	}
	demoTriage(&cfg, users)
	addr, centralErr, err := central.Run(ctx, cfg)
	if err != nil {
		cancel()
		<-simSrv.Done()
		return nil, fmt.Errorf("central endpoint: %w", err)
	}
	centralURL := "http://" + addr
	simSrv.SetWebhookURL(centralURL + "/webhooks/whatsapp")
	if err := postYesterday(ctx, centralURL, appSecret, demoYesterday); err != nil {
		log.Warn("the demo's patient from yesterday was not stored", "err", err)
	}

	return &demoStack{
		SimURL: simURL, CentralURL: centralURL, Users: users,
		stop: func() {
			cancel()
			<-simSrv.Done()
			<-centralErr
		},
	}, nil
}

// playScript has the seeded patients write in through the simulator,
// speed times faster than the script's own timing (1 for the demo).
func playScript(ctx context.Context, simURL string, speed int, log *slog.Logger) {
	start := time.Now()
	for i, p := range demoScript {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(start.Add(p.After / time.Duration(max(speed, 1))))):
		}
		body, _ := json.Marshal(map[string]string{"from": p.Phone, "name": p.Name, "text": p.Text})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, simURL+"/sim/inbound", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Warn("demo patient message not delivered", "index", i, "err", err)
			continue
		}
		resp.Body.Close()
	}
}

func demo(ctx context.Context, role, dir, simAddr string, stderr io.Writer) error {
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "triage-demo-"); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "demo.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stack, err := startDemoStack(ctx, dir, simAddr, log)
	if err != nil {
		return err
	}
	defer stack.stop()
	fmt.Fprintf(stderr, "triage demo: data in %s; simulator %s; central endpoint %s\n", dir, stack.SimURL, stack.CentralURL)
	go playScript(ctx, stack.SimURL, 1, log)
	go reminderRun(ctx, stack, 38*time.Second, log)
	go triageRun(ctx, stack, 60*time.Second, log)

	u := stack.Users[role]
	err = startConsole(ctx, consoleConfig{
		Server: stack.CentralURL,
		Data:   filepath.Join(dir, "console"),
		Demo:   &ui.DemoLogin{Username: u.Username, Password: u.Password, Role: u.Role},
	})
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// demoAppointments is a small appointment book for the seeded patients,
// so the program report has show rates to compare: a few appointments
// from the day before (no reminders were sent then) and some later today,
// recorded as the clinic's system will have them at the end of the day.
// A patient the front desk answers during the demo counts as messaged in
// the 72 hours before their appointment today.
func demoAppointments(now time.Time) []central.AppointmentRecord {
	at := func(d time.Duration) time.Time { return now.Add(d).Truncate(time.Minute) }
	book := []struct {
		phone     string
		start     time.Duration
		status    central.AppointmentStatus
		cancelled time.Duration
	}{
		{"+15555550101", -26 * time.Hour, central.AppointmentFulfilled, 0},
		{"+15555550102", -25 * time.Hour, central.AppointmentNoShow, 0},
		{"+15555550103", -24 * time.Hour, central.AppointmentCancelled, -30 * time.Hour},
		{"+15555550105", -23 * time.Hour, central.AppointmentFulfilled, 0},
		{"+15555550101", 20 * time.Minute, central.AppointmentFulfilled, 0},
		{"+15555550102", 25 * time.Minute, central.AppointmentNoShow, 0},
		{"+15555550103", 30 * time.Minute, central.AppointmentFulfilled, 0},
		{"+15555550104", 35 * time.Minute, central.AppointmentCancelled, 10 * time.Minute},
		{"+15555550105", 40 * time.Minute, central.AppointmentFulfilled, 0},
		{"+15555550106", 45 * time.Minute, central.AppointmentCancelled, -50 * time.Hour},
	}
	out := make([]central.AppointmentRecord, 0, len(book))
	for i, b := range book {
		r := central.AppointmentRecord{Where: fmt.Sprintf("demo book %d", i+1), ExternalID: fmt.Sprintf("demo-%d", i+1),
			Phone: b.phone, Start: at(b.start), Status: b.status}
		if b.status == central.AppointmentCancelled {
			r.CancelledAt = at(b.cancelled)
		}
		out = append(out, r)
	}
	return out
}
