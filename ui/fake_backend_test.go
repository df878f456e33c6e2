package ui

import (
	"context"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
)

func TestMain(m *testing.M) {
	// Goldens and output checks compare plain text: no colour, no SGR.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// t0 is the fixed "now" of every test.
var t0 = time.Date(2025, 3, 14, 15, 0, 0, 0, time.UTC)

// fakeBackend is an in-memory Backend that records what the console asked.
type fakeBackend struct {
	mu sync.Mutex

	password string
	role     api.Role
	idle     int
	loginErr error
	logins   []string // "user/pass/totp"
	logouts  int

	threads     []api.ThreadSummary
	details     map[string]api.ThreadDetail
	consents    []api.ConsentRequest
	schedules   []sentCall
	phiRequests []string
	threadErr   error
	fetches     map[string]int // thread id -> Thread calls
	inboxHits   int
	inboxErr    error    // answered to InboxPage and InboxChanges
	pageCalls   []string // the after cursor of each InboxPage call
	changeCalls []int64  // the since of each InboxChanges call
	// seq is the change number pages are read at; changes are the rows
	// changed after changesFrom (see InboxChanges).
	seq         int64
	changes     []api.ThreadSummary
	changesFrom int64

	sendErr func(threadID string, req api.SendRequest) error
	// sendStatus is the status a send is answered with ("" means
	// queued); sendFailure the reason a failed message carries.
	sendStatus  string
	sendFailure string
	sends       []sentCall
	handoffs    []string

	events    chan api.Event
	pushedAt  []time.Time // events pushed and not yet read (pushEvent)
	eventSubs int
	eventsErr error

	enrolment  *api.EnrolmentRequiredError // answered to a right password without a code
	enrolCode  string                      // the code EnrolTOTP accepts
	enrols     []string
	revealErr  error
	reveals    []string // "thread/message/reason"
	revealText string

	audit fakeAuditLog // the audit review (audit_view_test.go)

	// policy is the messaging policy; the thread calls refuse until
	// policy.Acknowledged (newFakeBackend starts acknowledged).
	policy          api.MessagingPolicy
	ackNames        []string
	ackErr          error
	review          api.ReviewStatus
	reviewErr       error
	programMetrics  api.ProgramMetrics // answered to ProgramMetrics
	incidents       []api.Incident     // the register (incidents_test.go)
	incidentReports []api.OpenIncidentRequest
	incidentUpdates []api.IncidentUpdate
	metricsCalls    int

	drafts     map[string]string // thread id -> the signed-in user's draft
	draftCalls []string          // "save t1 text", "load t1", "delete t1", "delete-all", "logout"
	draftErr   error             // answered to every draft call
	loadGate   chan struct{}     // when set, LoadDraft waits for it
}

type sentCall struct {
	threadID string
	req      api.SendRequest
}

func newFakeBackend() *fakeBackend {
	return &fakeBackend{
		password: "correct horse",
		role:     api.RoleFrontDesk,
		threads:  fixtureThreads(),
		details:  fixtureDetails(),
		fetches:  map[string]int{},
		events:   make(chan api.Event, 16),
		drafts:   map[string]string{},
		policy:   testPolicy("2026.1", true),
	}
}

var errBadPassword = errors.New("wrong username or password")

func (f *fakeBackend) Login(_ context.Context, username, password, totp string) (api.LoginResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logins = append(f.logins, username+"/"+password+"/"+totp)
	if f.loginErr != nil {
		return api.LoginResponse{}, f.loginErr
	}
	if password != f.password {
		return api.LoginResponse{}, errBadPassword
	}
	if f.enrolment != nil {
		return api.LoginResponse{}, f.enrolment
	}
	return api.LoginResponse{
		Token:              "tok",
		User:               api.User{ID: "u1", Username: username, Role: f.role},
		ExpiresAt:          t0.Add(8 * time.Hour),
		IdleTimeoutSeconds: f.idle,
	}, nil
}

func (f *fakeBackend) Logout(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logouts++
	f.draftCalls = append(f.draftCalls, "logout")
	return nil
}

// The draft calls keep Backend's contract: a call whose context has
// ended stores nothing, and calls are serialised by the mutex.

func (f *fakeBackend) SaveDraft(ctx context.Context, threadID, text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	f.draftCalls = append(f.draftCalls, "save "+threadID+" "+text)
	if f.draftErr != nil {
		return f.draftErr
	}
	if text == "" {
		delete(f.drafts, threadID)
	} else {
		f.drafts[threadID] = text
	}
	return nil
}

func (f *fakeBackend) LoadDraft(ctx context.Context, threadID string) (string, error) {
	f.mu.Lock()
	gate := f.loadGate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	f.draftCalls = append(f.draftCalls, "load "+threadID)
	if f.draftErr != nil {
		return "", f.draftErr
	}
	return f.drafts[threadID], nil
}

func (f *fakeBackend) DeleteDraft(ctx context.Context, threadID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	f.draftCalls = append(f.draftCalls, "delete "+threadID)
	if f.draftErr != nil {
		return f.draftErr
	}
	delete(f.drafts, threadID)
	return nil
}

func (f *fakeBackend) DeleteAllMyDrafts(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.draftCalls = append(f.draftCalls, "delete-all")
	clear(f.drafts)
	return nil
}

func (f *fakeBackend) draftSnapshot() (map[string]string, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]string{}
	for k, v := range f.drafts {
		m[k] = v
	}
	return m, append([]string(nil), f.draftCalls...)
}

// InboxPage pages f.threads as the server does: in the inbox order, from
// the keyset position an api.InboxCursor names.
func (f *fakeBackend) InboxPage(_ context.Context, after string, limit int) (api.ThreadPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inboxHits++
	f.pageCalls = append(f.pageCalls, after)
	if f.inboxErr != nil {
		return api.ThreadPage{}, f.inboxErr
	}
	if !f.policy.Acknowledged {
		return api.ThreadPage{}, ackRequired()
	}
	// Rows are built once, not per comparison: a page of a large fake
	// inbox must answer well inside the harness's settle time.
	type keyed struct {
		ts  api.ThreadSummary
		row threadRow
	}
	ks := make([]keyed, len(f.threads))
	for i, ts := range f.threads {
		ks[i] = keyed{ts, newThreadRow(ts)}
	}
	sort.SliceStable(ks, func(i, j int) bool { return sortsBefore(ks[i].row, ks[j].row) })
	all := make([]api.ThreadSummary, len(ks))
	for i := range ks {
		all[i] = ks[i].ts
	}
	start := 0
	if after != "" {
		urgent, at, arrival, id, err := api.ParseInboxCursor(after)
		if err != nil {
			return api.ThreadPage{}, err
		}
		// The keyset: the first row that sorts after the cursor's row.
		pos := threadRow{urgent: urgent, lastAt: time.Unix(0, at), arrival: arrival, id: id}
		start = sort.Search(len(ks), func(i int) bool { return sortsBefore(pos, ks[i].row) })
	}
	page := api.ThreadPage{Seq: f.seq, Counts: map[api.ThreadState]int{}}
	for _, ts := range all {
		page.Counts[ts.State]++
	}
	end := min(start+limit, len(all))
	page.Threads = all[start:end]
	if end < len(all) {
		page.Next = ks[end-1].row.cursor()
	}
	return page, nil
}

// InboxChanges answers from f.changes when asked from f.changesFrom, and
// with a reset otherwise (as a server does for a number too old).
func (f *fakeBackend) InboxChanges(_ context.Context, since int64) (api.ThreadChanges, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inboxHits++
	f.changeCalls = append(f.changeCalls, since)
	if f.inboxErr != nil {
		return api.ThreadChanges{}, f.inboxErr
	}
	if !f.policy.Acknowledged {
		return api.ThreadChanges{}, ackRequired()
	}
	if since == f.seq {
		return api.ThreadChanges{Seq: f.seq, Threads: []api.ThreadSummary{}}, nil
	}
	if f.changes != nil && since == f.changesFrom {
		return api.ThreadChanges{Seq: f.seq, Threads: append([]api.ThreadSummary(nil), f.changes...)}, nil
	}
	return api.ThreadChanges{Seq: f.seq, Reset: true}, nil
}

func (f *fakeBackend) Thread(_ context.Context, id string) (api.ThreadDetail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fetches[id]++
	if !f.policy.Acknowledged {
		return api.ThreadDetail{}, ackRequired()
	}
	if f.threadErr != nil {
		return api.ThreadDetail{}, f.threadErr
	}
	d, ok := f.details[id]
	if !ok {
		return api.ThreadDetail{}, errors.New("thread not found")
	}
	// The detail's row is the inbox's row as it is now, as the server's
	// is, so a test that changes f.threads sees it either way.
	for _, ts := range f.threads {
		if ts.ID == id && d.Thread.ID == id {
			d.Thread = ts
		}
	}
	return d, nil
}

func (f *fakeBackend) Send(_ context.Context, threadID string, req api.SendRequest) (api.SendResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sends = append(f.sends, sentCall{threadID, req})
	if f.sendErr != nil {
		if err := f.sendErr(threadID, req); err != nil {
			return api.SendResponse{}, err
		}
	}
	msg := api.Message{ID: "m-new", ThreadID: threadID, Direction: "out", Status: "queued", At: t0}
	if f.sendStatus != "" {
		msg.Status = f.sendStatus
	}
	if msg.Status == "failed" {
		msg.Error = f.sendFailure
	}
	return api.SendResponse{Message: msg}, nil
}

// setMessage puts msg in its thread's detail, replacing the message with
// its id, as the server's copy changes when a status arrives.
func (f *fakeBackend) setMessage(threadID string, msg api.Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := f.details[threadID]
	for i := range d.Messages {
		if d.Messages[i].ID == msg.ID {
			d.Messages[i] = msg
			f.details[threadID] = d
			return
		}
	}
	d.Messages = append(d.Messages, msg)
	f.details[threadID] = d
}

func (f *fakeBackend) Macros(context.Context) ([]assets.Macro, error) {
	return assets.Macros()
}

func (f *fakeBackend) PHIPreference(_ context.Context, threadID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.phiRequests = append(f.phiRequests, threadID)
	return nil
}

func (f *fakeBackend) Templates(context.Context) ([]api.TemplateInfo, error) {
	return []api.TemplateInfo{
		{Name: "appointment_reminder", Language: "en", Category: "utility", Variables: []string{"clinic_name", "day_time", "location_name"},
			Body: "Hello from {{1}}. A reminder of your appointment on {{2}} at {{3}}.", Status: "APPROVED", Sendable: true},
		{Name: "reconnect_after_silence", Language: "es", Category: "utility", Variables: []string{"clinic_name"},
			Body: "Hola, le escribe {{1}}. Tenemos novedades.", Status: "APPROVED", Sendable: true},
		{Name: "reconnect_after_silence", Language: "en", Category: "utility", Variables: []string{"clinic_name"},
			Body: "Hello from {{1}}. We have an update.", Status: "APPROVED", Sendable: true},
		{Name: "portal_message_waiting", Language: "en", Category: "utility", Variables: []string{"clinic_name", "portal_link"},
			Body: "{{1}} has a message for you: {{2}}", Status: "PAUSED", WhyNot: "WhatsApp paused it."},
	}, nil
}

func (f *fakeBackend) Schedule(_ context.Context, threadID string, req api.SendRequest) (api.ScheduleResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.schedules = append(f.schedules, sentCall{threadID, req})
	return api.ScheduleResponse{Scheduled: api.ScheduledSend{ID: "sch_1", DueAt: t0.Add(22 * time.Hour), State: "pending", What: "free text"}}, nil
}

func (f *fakeBackend) Consent(_ context.Context, threadID string, req api.ConsentRequest) (api.ConsentResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.consents = append(f.consents, req)
	return api.ConsentResponse{ConfirmationSent: true}, nil
}

func (f *fakeBackend) Handoff(_ context.Context, threadID string, _ api.HandoffRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handoffs = append(f.handoffs, threadID)
	return nil
}

// pushEvent sends ev on the live stream, as the server would, and
// remembers when, so the harness waits for the console to read it.
func (f *fakeBackend) pushEvent(ev api.Event) {
	f.mu.Lock()
	f.pushedAt = append(f.pushedAt, time.Now())
	f.mu.Unlock()
	f.events <- ev
}

// endEvents ends the live stream as a server that went away does: the
// stream closes and a new subscription fails with err.
func (f *fakeBackend) endEvents(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.eventsErr = err
	f.pushedAt = append(f.pushedAt, time.Now()) // the end is read like an event
	close(f.events)
}

// eventRead forgets the oldest pushed event: the console has it.
func (f *fakeBackend) eventRead() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.pushedAt) > 0 {
		f.pushedAt = f.pushedAt[1:]
	}
}

func (f *fakeBackend) Events(context.Context) (<-chan api.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.eventSubs++
	if f.eventsErr != nil {
		return nil, f.eventsErr
	}
	return f.events, nil
}

func (f *fakeBackend) EnrolTOTP(_ context.Context, token, code string) (api.TOTPEnrolResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.enrols = append(f.enrols, token+"/"+code)
	if code != f.enrolCode {
		return api.TOTPEnrolResponse{}, errors.New("that code did not work; try the next one")
	}
	return api.TOTPEnrolResponse{
		Login: api.LoginResponse{Token: "tok", User: api.User{ID: "u1", Username: "dana", Role: f.role},
			ExpiresAt: t0.Add(8 * time.Hour), IdleTimeoutSeconds: f.idle},
		RecoveryCodes: []string{"7k2m-q9xd-4hnc-p0tw", "a1b2-c3d4-e5f6-g7h8", "zz00-yy11-xx22-ww33"},
	}, nil
}

func (f *fakeBackend) Reveal(_ context.Context, threadID, messageID, reason string) (api.RevealResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reveals = append(f.reveals, threadID+"/"+messageID+"/"+reason)
	if f.revealErr != nil {
		return api.RevealResponse{}, f.revealErr
	}
	return api.RevealResponse{RevealID: "rvl_1", ThreadID: threadID, MessageID: messageID,
		Text: f.revealText, ExpiresAt: t0.Add(5 * time.Minute)}, nil
}

func (f *fakeBackend) snapshotSends() []sentCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sentCall(nil), f.sends...)
}

func (f *fakeBackend) fetchCount(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fetches[id]
}

func fixtureThreads() []api.ThreadSummary {
	return []api.ThreadSummary{
		{ID: "t3", PatientLabel: "P-3307", Preview: "STOP", OptedIn: false, State: api.ThreadOpen,
			LastAt: t0.Add(-26 * time.Hour), WindowOpenUntil: t0.Add(-2 * time.Hour), LastOutStatus: "failed"},
		{ID: "t1", PatientLabel: "P-1042", Preview: "Can I move my [DATE] appointment?", Unread: 2,
			OptedIn: true, State: api.ThreadOpen, LastAt: t0.Add(-5 * time.Minute),
			WindowOpenUntil: t0.Add(23*time.Hour + 55*time.Minute), LastOutStatus: "delivered"},
		{ID: "t2", PatientLabel: "P-2210", Preview: "I have [SYMPTOM] since [DATE]", Clinical: true,
			OptedIn: true, State: api.ThreadClinical, LastAt: t0.Add(-2 * time.Hour),
			WindowOpenUntil: t0.Add(22 * time.Hour), LastOutStatus: "read"},
		{ID: "t4", PatientLabel: "P-4415", Preview: "Where do I park?", Unread: 1, OptedIn: true,
			State: api.ThreadOpen, LastAt: t0.Add(-3 * time.Hour), WindowOpenUntil: t0.Add(21 * time.Hour)},
	}
}

func fixtureDetails() map[string]api.ThreadDetail {
	th := map[string]api.ThreadSummary{}
	for _, s := range fixtureThreads() {
		th[s.ID] = s
	}
	return map[string]api.ThreadDetail{
		"t1": {Thread: th["t1"], Messages: []api.Message{
			{ID: "m1", Direction: "in", Type: "text", At: t0.Add(-50 * time.Minute),
				Masked: "Hi, this is [NAME], my number is [PHONE]. Can I move my [DATE] appointment?",
				Spans:  []api.Span{{Type: "NAME"}, {Type: "PHONE"}, {Type: "DATE"}}},
			{ID: "m2", Direction: "out", Type: "text", At: t0.Add(-45 * time.Minute), SentBy: "dana",
				MacroID: "appointment-reschedule", Status: "read",
				Masked: "We're happy to help you find a new time. You can pick one that suits you here: https://portal.example/h/ab12"},
			{ID: "m3", Direction: "out", Type: "text", At: t0.Add(-30 * time.Minute), SentBy: "dana",
				Status: "failed", Error: "The patient's number is not on WhatsApp", Masked: "Is the afternoon OK?"},
			{ID: "m4", Direction: "in", Type: "text", At: t0.Add(-5 * time.Minute), Masked: "Thanks, afternoon works."},
			{ID: "m5", Direction: "out", Type: "text", At: t0.Add(-1 * time.Minute), SentBy: "dana",
				Status: "delivered", Masked: "Great, see you then."},
			{ID: "m6", Direction: "out", Type: "text", At: t0, SentBy: "dana", Status: "queued", Masked: "One more thing…"},
		}, Consent: &api.ConsentState{OptedIn: true, Recorded: true, Channel: api.ConsentByKeyword, TextVersion: "explanation-en-2026-01",
			RecordedBy: "patient", At: t0.Add(-49 * time.Minute), Allowed: "Replies, quick replies and approved templates may be sent."},
			Clock: &api.PatientClock{Zone: "America/New_York", ZoneOffsetSeconds: -5 * 3600, QuietStart: 21, QuietEnd: 8, SentInWindow: 4, Cap: 10}},
		"t2": {Thread: th["t2"], Messages: []api.Message{
			{ID: "m7", Direction: "in", Type: "text", At: t0.Add(-2 * time.Hour), Clinical: true,
				Masked: "I have [SYMPTOM] since [DATE]", Spans: []api.Span{{Type: "SYMPTOM"}, {Type: "DATE"}}},
		}},
		"t3": {Thread: th["t3"], Messages: []api.Message{
			{ID: "m8", Direction: "in", Type: "text", At: t0.Add(-26 * time.Hour), Masked: "STOP"},
		}, Consent: &api.ConsentState{Recorded: true, Channel: api.ConsentByKeyword, RecordedBy: "patient", At: t0.Add(-26 * time.Hour),
			Allowed: "Nothing can be sent until the patient writes START (or SÍ / INICIO).", OfferVersion: "explanation-en-2026-01"}},
		"t4": {Thread: th["t4"], Messages: []api.Message{
			{ID: "m9", Direction: "in", Type: "text", At: t0.Add(-3 * time.Hour), Masked: "Where do I park?"},
		}, Consent: &api.ConsentState{ExplanationAt: t0.Add(-3 * time.Hour),
			Allowed:       "Not opted in yet: the clinic's explanation with the opt-in question went out at 12:00. Until the patient replies YES, only the secure-portal link may be sent.",
			FlaggedOptOut: &api.ConsentFlag{ID: 1, MessageID: "m9", At: t0.Add(-3 * time.Hour)}, OfferVersion: "explanation-en-2026-01"}},
	}
}

// kindsFixture is a thread with every kind of patient message the server
// composes: a quoted reply, a button choice, a reaction on the clinic's
// message, an edited and a deleted message, an order, a form, a contact
// card and a location, all masked as the server sends them.
func kindsFixture() []api.Message {
	at := func(m int) time.Time { return t0.Add(time.Duration(m-60) * time.Minute) }
	return []api.Message{
		{ID: "k1", Direction: "in", Type: "text", At: at(1), Edited: true,
			Masked: "Can I come on Wednesday? Call me on [PHONE]", Spans: []api.Span{{Type: "PHONE"}}},
		{ID: "k2", Direction: "out", Type: "text", At: at(2), SentBy: "dana", Status: "read", MacroID: "hours",
			Masked: "We are open 8:00–18:00 on weekdays.", Reactions: []api.Reaction{{Emoji: "👍", At: at(3)}}},
		{ID: "k3", Direction: "in", Type: "text", At: at(4), ReplyTo: "k2", Revoked: true},
		{ID: "k4", Direction: "in", Type: "interactive", At: at(5), ReplyTo: "k2", Masked: "Confirm",
			Choice: &api.Choice{ID: "confirm-slot", Title: "Confirm"}},
		{ID: "k5", Direction: "in", Type: "order", At: at(6), Masked: "[order: 2 item(s)] For my mother [NAME]",
			Spans: []api.Span{{Type: "NAME"}}, Items: []api.OrderItem{{ProductID: "BP-CUFF", Quantity: "1", Price: "34.50", Currency: "GBP"},
				{ProductID: "STRIPS-50", Quantity: "2", Price: "12", Currency: "GBP"}}},
		{ID: "k6", Direction: "in", Type: "flow", At: at(7), ReplyTo: "k2",
			Masked: "[form] date_of_birth: [DOB]; full_name: [NAME]; reason: follow-up", Spans: []api.Span{{Type: "DOB"}, {Type: "NAME"}}},
		{ID: "k7", Direction: "in", Type: "contacts", At: at(8), Forwarded: true,
			Masked: "[contact card: 1] [NAME] [PHONE]", Spans: []api.Span{{Type: "NAME"}, {Type: "PHONE"}}},
		{ID: "k8", Direction: "in", Type: "location", At: at(9), Masked: "[location] [ADDRESS]", Spans: []api.Span{{Type: "ADDRESS"}}},
	}
}

// harness drives a Model the way a tea.Program would: it runs each
// command on its own goroutine and feeds the results back to Update.
// Commands that outlive a step (ticks, the event reader) report later,
// into the same channel.
type harness struct {
	t     *testing.T
	m     *Model
	fb    *fakeBackend
	clock *fakeClock
	out   chan tea.Msg
	quit  bool

	// running holds when each command still running started; wake is
	// signalled when one returns (see settle).
	mu      sync.Mutex
	running map[int]time.Time
	nextCmd int
	wake    chan struct{}
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newHarness(t *testing.T, fb *fakeBackend, opts Options, w, h int) *harness {
	t.Helper()
	clock := &fakeClock{now: t0}
	opts.Now = clock.Now
	keys := 0
	if opts.NewKey == nil {
		opts.NewKey = func() string { keys++; return "key-" + string(rune('a'+keys-1)) }
	}
	hs := &harness{t: t, fb: fb, clock: clock, out: make(chan tea.Msg, 1024),
		running: map[int]time.Time{}, wake: make(chan struct{}, 1)}
	hs.m = New(fb, opts)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	hs.settle()
	return hs
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if code := reflect.ValueOf(cmd).Pointer(); code == tickCode || code == blinkCode {
		// A timer: it reports when it fires, half a second or more from
		// now, or when the next key press cancels it.
		go func() { h.out <- cmd() }()
		return
	}
	h.mu.Lock()
	id := h.nextCmd
	h.nextCmd++
	h.running[id] = time.Now()
	h.mu.Unlock()
	go func() {
		// The result is queued before the command counts as finished,
		// so settle never sees neither.
		h.out <- cmd()
		h.mu.Lock()
		delete(h.running, id)
		h.mu.Unlock()
		select {
		case h.wake <- struct{}{}:
		default:
		}
	}()
}

func (h *harness) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		switch msg.(type) {
		case eventMsg, eventsClosedMsg:
			h.fb.eventRead() // the console has read what a test pushed
		}
		_, cmd := h.m.Update(msg)
		h.run(cmd)
	}
}

// tickCode is the code of every command tea.Tick returns (the console's
// timers: draft saves, toasts, idle checks, reconnects), and blinkCode
// that of every cursor blink a text field asks for, so run can tell a
// timer from work in flight.
var (
	tickCode  = reflect.ValueOf(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil })).Pointer()
	blinkCode = func() uintptr {
		c := cursor.New()
		return reflect.ValueOf(c.BlinkCmd()).Pointer()
	}()
)

// quietFor is how long a command may run before settle stops waiting
// for it: backend calls on the fake return at once, so a command still
// running after this is a timer or the event reader, which report later.
const quietFor = 20 * time.Millisecond

// settle feeds results until the model is quiet: nothing queued, and
// every command still running has run for quietFor. A key press that
// starts no command (most typing) settles at once instead of sleeping.
func (h *harness) settle() {
	for {
		select {
		case msg := <-h.out:
			h.handle(msg)
			continue
		default:
		}
		wait := h.youngestLeft()
		if wait <= 0 {
			// A last look: a result may have landed since.
			select {
			case msg := <-h.out:
				h.handle(msg)
				continue
			default:
				return
			}
		}
		timer := time.NewTimer(wait)
		select {
		case msg := <-h.out:
			h.handle(msg)
		case <-h.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// youngestLeft is how much longer the youngest running command, or
// the youngest event pushed and not yet read, has before it is quietFor
// old (zero or less: none is that young).
func (h *harness) youngestLeft() time.Duration {
	left := time.Duration(0)
	now := time.Now()
	h.fb.mu.Lock()
	for _, at := range h.fb.pushedAt {
		left = max(left, quietFor-now.Sub(at))
	}
	h.fb.mu.Unlock()
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, start := range h.running {
		left = max(left, quietFor-now.Sub(start))
	}
	return left
}

func (h *harness) send(msg tea.Msg) {
	h.handle(msg)
	h.settle()
}

// press sends key presses by name ("enter", "ctrl+c", "q", "hello").
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText types each rune as its own key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "ctrl+c": tea.KeyCtrlC, "f5": tea.KeyF5,
		"backspace": tea.KeyBackspace, "ctrl+h": tea.KeyCtrlH, "ctrl+j": tea.KeyCtrlJ,
		"ctrl+k": tea.KeyCtrlK, "ctrl+l": tea.KeyCtrlL, "ctrl+r": tea.KeyCtrlR, "space": tea.KeySpace,
		"left": tea.KeyLeft, "right": tea.KeyRight,
	}
	if k == "alt+enter" {
		return tea.KeyMsg{Type: tea.KeyEnter, Alt: true}
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// signIn logs in through the form as a user of the given role.
func (h *harness) signIn() {
	h.t.Helper()
	h.typeText("dana")
	h.press("tab")
	h.typeText(h.fb.password)
	h.press("enter")
	if !h.waitFor(func() bool { return h.m.screen == screenMain && (h.m.list.ready || h.m.adminHome()) }) {
		h.t.Fatalf("not signed in; login error %q", h.m.login.err)
	}
}

func (h *harness) view() string { return h.m.View() }

// waitFor settles until cond holds, for steps that may take longer than
// the quiet period on a loaded machine.
func (h *harness) waitFor(cond func() bool) bool {
	// A bound on waiting, not a timing check: under -race on a loaded
	// two-core machine, walking to the end of a 5,000-row inbox page by
	// page has taken more than 10 s (41 of its 50 pages in 10.9 s at load
	// 6). A passing wait returns as soon as the condition holds.
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		h.settle()
	}
	return true
}

func (h *harness) mustSee(parts ...string) {
	h.t.Helper()
	seesAll := func() bool {
		v := h.view()
		for _, p := range parts {
			if !strings.Contains(v, p) {
				return false
			}
		}
		return true
	}
	if !h.waitFor(seesAll) {
		v := h.view()
		for _, p := range parts {
			if !strings.Contains(v, p) {
				h.t.Fatalf("view lacks %q:\n%s", p, v)
			}
		}
	}
}

func (h *harness) mustNotSee(parts ...string) {
	h.t.Helper()
	v := h.view()
	for _, p := range parts {
		if strings.Contains(v, p) {
			h.t.Fatalf("view shows %q:\n%s", p, v)
		}
	}
}
