package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

// maxResponse caps what the console reads from one API answer.
const maxResponse = 8 << 20

// Client is the console's link to the central endpoint. Every action it
// takes is first appended to the local audit chain; if that append fails,
// the action is not taken.
type Client struct {
	base    string
	http    *http.Client
	stream  *http.Client
	console *Console

	mu    sync.Mutex
	token string
	user  api.User

	syncNow chan struct{}
}

// NewClient builds a client for the central endpoint at baseURL (for
// example "http://127.0.0.1:9400"). httpClient may be nil.
func NewClient(baseURL string, httpClient *http.Client, console *Console) *Client {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 15 * time.Second}
	}
	stream := *httpClient
	stream.Timeout = 0 // the event stream stays open; its context ends it
	return &Client{
		base:    strings.TrimRight(baseURL, "/") + api.Version,
		http:    httpClient,
		stream:  &stream,
		console: console,
		syncNow: make(chan struct{}, 1),
	}
}

func (c *Client) actor() (Actor, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Actor{UserID: c.user.ID, Role: c.user.Role}, c.token
}

// audit appends an entry and nudges the sync loop. Signing in and out
// may use the outbox's small reserve: a full outbox drains only through
// a signed-in session.
func (c *Client) audit(ctx context.Context, who Actor, action, object, outcome string, detail map[string]string) error {
	appendFn := c.console.Append
	if action == "login" || action == "logout" {
		appendFn = c.console.AppendSession
	}
	if !audit.ValidObject(object) {
		// Ids come from the server, but whatever arrives here that is not
		// one is kept as a keyed hash, never in clear.
		object = c.console.KeyedHash("audit.object", object)
	}
	if _, err := appendFn(ctx, who, action, object, outcome, detail); err != nil {
		return err
	}
	select {
	case c.syncNow <- struct{}{}:
	default:
	}
	return nil
}

// do sends one API request and decodes a JSON answer into out.
func (c *Client) do(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w (%s)", ErrUnreachable, errors.Unwrap(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("%w (reading the answer: %v)", ErrUnreachable, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		var e api.Error
		if json.Unmarshal(raw, &e) == nil && e.Error != "" && path == "/login" {
			if !e.LockedUntil.IsZero() {
				return &LockedError{Message: e.Error, Until: e.LockedUntil}
			}
			return errors.New(e.Error)
		}
		return ErrSessionEnded
	case resp.StatusCode == http.StatusUnprocessableEntity:
		var r api.Refusal
		if err := json.Unmarshal(raw, &r); err != nil {
			return fmt.Errorf("the server refused the request (%d)", resp.StatusCode)
		}
		return &RefusedError{Refusal: r}
	case resp.StatusCode >= 300:
		var e api.Error
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			return &StatusError{Code: resp.StatusCode, Message: e.Error, Body: raw}
		}
		return &StatusError{Code: resp.StatusCode, Message: http.StatusText(resp.StatusCode), Body: raw}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("the server's answer could not be read: %w", err)
	}
	return nil
}

// Login signs a user in. The attempt is audited locally whatever its outcome.
func (c *Client) Login(ctx context.Context, username, password, totp string) (api.LoginResponse, error) {
	var resp api.LoginResponse
	req := api.LoginRequest{Username: username, Password: password, TOTP: totp, Device: c.console.signInProof(username)}
	if req.Device != nil {
		req.ConsoleID = req.Device.DeviceID
	}
	err := c.do(ctx, http.MethodPost, "/login", "", req, &resp)
	if err != nil {
		// Failed attempts record a keyed hash of the name that was tried,
		// never the name: it may be a password typed into the wrong
		// field. Equal names give equal hashes, so a pattern still shows.
		if aerr := c.audit(ctx, Actor{UserID: "unauthenticated"}, "login", "", "refused",
			map[string]string{"typed_name": c.console.KeyedHash("login.username", username)}); aerr != nil {
			return resp, aerr
		}
		return resp, err
	}
	who := Actor{UserID: resp.User.ID, Role: resp.User.Role}
	if err := c.audit(ctx, who, "login", "user:"+resp.User.ID, "ok", nil); err != nil {
		// Fail closed: a session the trail does not show is not used.
		_ = c.do(ctx, http.MethodPost, "/logout", resp.Token, nil, nil)
		return api.LoginResponse{}, err
	}
	c.mu.Lock()
	c.token, c.user = resp.Token, resp.User
	c.mu.Unlock()
	return resp, nil
}

// Logout ends the session at the central endpoint and forgets the token.
func (c *Client) Logout(ctx context.Context) error {
	who, token := c.actor()
	if token == "" {
		return nil
	}
	auditErr := c.audit(ctx, who, "logout", "user:"+who.UserID, "ok", nil)
	err := c.do(ctx, http.MethodPost, "/logout", token, nil, nil)
	c.mu.Lock()
	c.token, c.user = "", api.User{}
	c.mu.Unlock()
	if auditErr != nil {
		return auditErr
	}
	return err
}

// Threads lists the inbox.
func (c *Client) Threads(ctx context.Context) ([]api.ThreadSummary, error) {
	_, token := c.actor()
	var out []api.ThreadSummary
	err := c.do(ctx, http.MethodGet, "/threads", token, nil, &out)
	return out, err
}

// InboxPage is one page of the inbox: the first when after is "", else
// the page after that cursor (api.ThreadPage.Next).
func (c *Client) InboxPage(ctx context.Context, after string, limit int) (api.ThreadPage, error) {
	_, token := c.actor()
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	if after != "" {
		q.Set("after", after)
	}
	var out api.ThreadPage
	err := c.do(ctx, http.MethodGet, "/inbox?"+q.Encode(), token, nil, &out)
	return out, err
}

// InboxChanges is the inbox rows changed after change number since.
func (c *Client) InboxChanges(ctx context.Context, since int64) (api.ThreadChanges, error) {
	_, token := c.actor()
	var out api.ThreadChanges
	err := c.do(ctx, http.MethodGet, "/inbox/changes?since="+strconv.FormatInt(since, 10), token, nil, &out)
	return out, err
}

// PHIPreference records a patient's request for health details over
// WhatsApp (the server sends the advisory). Audited before and after.
func (c *Client) PHIPreference(ctx context.Context, threadID string) error {
	who, token := c.actor()
	object := "thread:" + threadID
	if err := c.audit(ctx, who, "phi_preference.request", object, "ok", nil); err != nil {
		return err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/phi-preference", token, struct{}{}, nil)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	if aerr := c.audit(ctx, who, "phi_preference", object, outcome, nil); aerr != nil && err == nil {
		return fmt.Errorf("the request was recorded, but the local audit trail could not record it: %w", aerr)
	}
	return err
}

// Macros lists the quick replies the server sends.
func (c *Client) Macros(ctx context.Context) ([]assets.Macro, error) {
	_, token := c.actor()
	var out []assets.Macro
	err := c.do(ctx, http.MethodGet, "/macros", token, nil, &out)
	return out, err
}

// Templates lists the template library with each template's status.
func (c *Client) Templates(ctx context.Context) ([]api.TemplateInfo, error) {
	_, token := c.actor()
	var out []api.TemplateInfo
	err := c.do(ctx, http.MethodGet, "/templates", token, nil, &out)
	return out, err
}

// Thread opens a thread; the view is audited before the text is fetched.
func (c *Client) Thread(ctx context.Context, threadID string) (api.ThreadDetail, error) {
	who, token := c.actor()
	var out api.ThreadDetail
	if err := c.audit(ctx, who, "thread.view", "thread:"+threadID, "ok", nil); err != nil {
		return out, err
	}
	err := c.do(ctx, http.MethodGet, "/threads/"+pathID(threadID), token, nil, &out)
	return out, err
}

// Send sends a macro or free text. The request is audited before it leaves
// and its outcome after.
func (c *Client) Send(ctx context.Context, threadID string, req api.SendRequest) (api.SendResponse, error) {
	who, token := c.actor()
	var out api.SendResponse
	detail := map[string]string{"idempotency_key": req.IdempotencyKey}
	if req.MacroID != "" {
		detail["macro_id"] = req.MacroID
	} else {
		detail["free_text_chars"] = strconv.Itoa(len([]rune(req.Text)))
	}
	object := "thread:" + threadID
	if err := c.audit(ctx, who, "send.request", object, "ok", detail); err != nil {
		return out, err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/send", token, req, &out)
	result := map[string]string{"idempotency_key": req.IdempotencyKey}
	outcome := "ok"
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		outcome = "refused"
		result["rule"] = refused.Refusal.Rule
		if len(refused.Refusal.SpanTypes) > 0 {
			result["span_types"] = strings.Join(refused.Refusal.SpanTypes, ",")
		}
	case err != nil:
		outcome = "error"
	default:
		result["message_id"] = out.Message.ID
	}
	if aerr := c.audit(ctx, who, "send", object, outcome, result); aerr != nil && err == nil {
		// The message went; say that the trail could not record it.
		return out, fmt.Errorf("the message was sent, but the local audit trail could not record it: %w", aerr)
	}
	return out, err
}

// Handoff moves a thread to the nurses' queue.
func (c *Client) Handoff(ctx context.Context, threadID string, req api.HandoffRequest) error {
	who, token := c.actor()
	object := "thread:" + threadID
	if err := c.audit(ctx, who, "handoff.request", object, "ok", nil); err != nil {
		return err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/handoff", token, req, nil)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	if aerr := c.audit(ctx, who, "handoff", object, outcome, nil); aerr != nil && err == nil {
		return fmt.Errorf("the hand-off was made, but the local audit trail could not record it: %w", aerr)
	}
	return err
}

// Schedule asks for a message to go at the patient's next allowed
// minute. The request is audited before it leaves and its outcome after.
func (c *Client) Schedule(ctx context.Context, threadID string, req api.SendRequest) (api.ScheduleResponse, error) {
	who, token := c.actor()
	var out api.ScheduleResponse
	object := "thread:" + threadID
	if err := c.audit(ctx, who, "schedule.request", object, "ok", map[string]string{"idempotency_key": req.IdempotencyKey, "macro_id": req.MacroID}); err != nil {
		return out, err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/schedule", token, req, &out)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	if aerr := c.audit(ctx, who, "schedule", object, outcome, map[string]string{"schedule": out.Scheduled.ID}); aerr != nil && err == nil {
		return out, fmt.Errorf("the message was scheduled, but the local audit trail could not record it: %w", aerr)
	}
	return out, err
}

// Consent records a consent decision under the signed-in user. The
// request is audited before it leaves and its outcome after.
func (c *Client) Consent(ctx context.Context, threadID string, req api.ConsentRequest) (api.ConsentResponse, error) {
	who, token := c.actor()
	var out api.ConsentResponse
	object := "thread:" + threadID
	detail := map[string]string{"action": req.Action, "channel": req.Channel, "text_version": req.TextVersion}
	if err := c.audit(ctx, who, "consent.request", object, "ok", detail); err != nil {
		return out, err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/consent", token, req, &out)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	if aerr := c.audit(ctx, who, "consent", object, outcome, map[string]string{"action": req.Action}); aerr != nil && err == nil {
		return out, fmt.Errorf("the consent was recorded, but the local audit trail could not record it: %w", aerr)
	}
	return out, err
}

// Events opens the live event stream. The channel closes when the stream
// drops or ctx ends; the caller re-opens it.
func (c *Client) Events(ctx context.Context) (<-chan api.Event, error) {
	_, token := c.actor()
	if token == "" {
		return nil, ErrSessionEnded
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/events", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.stream.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrUnreachable, errors.Unwrap(err))
	}
	if resp.StatusCode == http.StatusUnauthorized {
		resp.Body.Close()
		return nil, ErrSessionEnded
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("event stream refused (%d)", resp.StatusCode)
	}
	ch := make(chan api.Event, 64)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		readEvents(ctx, resp.Body, ch)
	}()
	return ch, nil
}

// readEvents parses a server-sent event stream: "data:" lines carry one
// api.Event each; comments (heartbeats) and unknown fields are skipped.
func readEvents(ctx context.Context, r io.Reader, ch chan<- api.Event) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line := sc.Text()
		data, ok := strings.CutPrefix(line, "data:")
		if !ok {
			continue
		}
		var ev api.Event
		if json.Unmarshal([]byte(strings.TrimSpace(data)), &ev) != nil {
			continue
		}
		select {
		case ch <- ev:
		case <-ctx.Done():
			return
		}
	}
}

// SyncBatchSize is how many audit entries travel in one batch.
const SyncBatchSize = 500

// ErrSyncStuck means the central endpoint needs audit entries this
// console no longer has: the local trail was damaged or restored from an
// old backup. Sync cannot go on by itself; run `triage audit verify`.
var ErrSyncStuck = errors.New("the clinic server needs audit entries this console no longer has; run `triage audit verify`")

// SyncOnce ships pending audit entries until none remain or an error
// stops it. It returns how many entries the central endpoint confirmed.
//
// Delivery is at least once and idempotent: every batch is a run of
// consecutive entries named by its batch id (console:first-last); the
// endpoint stores what continues the chain it holds, accepts entries it
// already holds again without storing them twice, and on a gap answers
// 409 with its head, from which the console resends. An entry is marked
// delivered only when the endpoint has confirmed holding it, so a crash
// anywhere between costs at most a resend.
func (c *Client) SyncOnce(ctx context.Context) (int, error) {
	_, token := c.actor()
	if token == "" {
		return 0, nil // entries wait for the next sign-in
	}
	total := 0
	var resendFrom int64 // after a 409: the seq the next batch must start at
	for {
		entries, err := c.console.Unsynced(ctx, SyncBatchSize)
		if err != nil || len(entries) == 0 {
			return total, err
		}
		if resendFrom > 0 && entries[0].Seq != resendFrom {
			return total, fmt.Errorf("%w (the server holds up to entry %d)", ErrSyncStuck, resendFrom-1)
		}
		batch := api.AuditBatch{
			BatchID: fmt.Sprintf("%s:%d-%d", c.console.ID(), entries[0].Seq, entries[len(entries)-1].Seq),
			Entries: entries,
		}
		// Signed with the device key: the server takes this chain only
		// from this console.
		if err := c.console.signBatch(&batch); err != nil {
			return total, err
		}
		var res api.AuditBatchResult
		err = c.do(ctx, http.MethodPost, "/audit", token, batch, &res)
		var se *StatusError
		if errors.As(err, &se) && se.Code == http.StatusConflict {
			// The server holds the chain up to a different point: resend
			// from just after what it holds.
			if json.Unmarshal(se.Body, &res) != nil {
				return total, err
			}
			if resendFrom == res.HeadSeq+1 {
				return total, fmt.Errorf("%w (the server holds up to entry %d)", ErrSyncStuck, res.HeadSeq)
			}
			if err := c.console.MarkUnsyncedFrom(ctx, res.HeadSeq); err != nil {
				return total, err
			}
			if err := c.console.MarkSynced(ctx, res.HeadSeq, res.HeadHash); err != nil {
				return total, err
			}
			resendFrom = res.HeadSeq + 1
			continue
		}
		if err != nil {
			return total, err
		}
		resendFrom = 0
		if err := c.console.MarkSynced(ctx, res.HeadSeq, res.HeadHash); err != nil {
			return total, err
		}
		total += len(entries)
		if len(entries) < SyncBatchSize {
			return total, nil
		}
	}
}

// RunSync ships the audit outbox until ctx ends: at once after each new
// entry, every few seconds otherwise, and with capped exponential backoff
// and jitter while the central endpoint is down. Nothing is dropped: the
// entries stay in the local store until the server confirms them.
func (c *Client) RunSync(ctx context.Context, onError func(error)) {
	const idle, maxBackoff = 3 * time.Second, 30 * time.Second
	backoff := time.Second
	for {
		wait := idle
		if _, err := c.SyncOnce(ctx); err != nil && ctx.Err() == nil {
			if onError != nil {
				onError(err)
			}
			wait = backoff + rand.N(backoff/2+1)
			backoff = min(backoff*2, maxBackoff)
		} else {
			backoff = time.Second
		}
		select {
		case <-ctx.Done():
			return
		case <-c.syncNow:
		case <-time.After(wait):
		}
	}
}

// pathID keeps an id to one path segment.
func pathID(id string) string {
	return strings.NewReplacer("/", "", "?", "", "#", "").Replace(id)
}

// AuditEntries fetches audit entries for the supervisor's audit view,
// newest first. Only roles allowed to view the trail get them; others get
// a *StatusError with Code 403. Reviewing the trail is itself audited,
// here before the request and at the central endpoint with the filter.
func (c *Client) AuditEntries(ctx context.Context, f api.AuditFilter) ([]api.AuditEntry, error) {
	who, token := c.actor()
	detail := map[string]string{}
	for k, v := range f.Query() {
		if len(v) > 0 && k != "limit" {
			detail["filter_"+k] = v[0]
		}
	}
	if err := c.audit(ctx, who, "audit.view", "audit", "ok", detail); err != nil {
		return nil, err
	}
	var page api.AuditPage
	path := "/audit"
	if q := f.Query().Encode(); q != "" {
		path += "?" + q
	}
	if err := c.do(ctx, http.MethodGet, path, token, nil, &page); err != nil {
		return nil, err
	}
	return page.Entries, nil
}
