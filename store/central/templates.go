package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// TemplateConfig is how the clinic's WhatsApp templates are kept and
// filled.
type TemplateConfig struct {
	// Client submits the library's templates to the provider and reads
	// back their review status. nil: templates are not submitted and none
	// is sendable (Twilio's Content API is not covered yet).
	Client *cloudapi.TemplateClient
	// SyncEvery is how often statuses are read back (1m when zero).
	SyncEvery time.Duration
	// ClinicName fills clinic_name variables ("the clinic" when empty).
	ClinicName string
	// Locations are the names a location_name variable may hold.
	Locations []string
}

// TemplatesConfigFile is the library's path under the data folder; when
// absent the shipped library (assets/data/templates.json) is used.
var TemplatesConfigFile = filepath.Join("config", "templates.json")

// Template statuses as the console sees them.
const statusNotSubmitted = "NOT_SUBMITTED"

// templateLibrary is the loaded library, checked at start.
type templateLibrary struct {
	file string
	list []policy.Template
}

func (l *templateLibrary) find(name, lang string) (policy.Template, bool) {
	for _, t := range l.list {
		if t.Name == name && t.Language == lang {
			return t, true
		}
	}
	return policy.Template{}, false
}

// loadTemplates reads the library from the data folder's config, or the
// shipped one, and checks every entry; a problem names the file and line
// and stops the server from starting with a library it cannot trust.
func loadTemplates(dataDir string, now time.Time) (*templateLibrary, error) {
	path := filepath.Join(dataDir, TemplatesConfigFile)
	raw, err := os.ReadFile(path)
	file := path
	if errors.Is(err, os.ErrNotExist) {
		raw, err = assets.DefaultTemplates()
		file = "assets/" + assets.TemplatesFile
	}
	if err != nil {
		return nil, fmt.Errorf("central: template library: %w", err)
	}
	list, err := policy.ParseTemplates(file, raw, now)
	if err != nil {
		return nil, fmt.Errorf("central: the template library has problems:\n%w", err)
	}
	return &templateLibrary{file: file, list: list}, nil
}

// startTemplates loads the library and, with a provider client, keeps the
// provider's review status in template_status.
func (s *Server) startTemplates(ctx context.Context) error {
	lib, err := loadTemplates(s.cfg.DataDir, s.now())
	if err != nil {
		return err
	}
	s.templates = lib
	if s.cfg.Templates.Client == nil {
		return nil
	}
	every := s.cfg.Templates.SyncEvery
	if every <= 0 {
		every = time.Minute
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			if err := s.syncTemplates(s.bgCtx); err != nil && s.bgCtx.Err() == nil {
				s.log.Warn("template status not read from the provider", "err", err.Error())
			}
			select {
			case <-s.bgCtx.Done():
				return
			case <-time.After(every):
			}
		}
	}()
	return nil
}

// syncTemplates submits templates the provider has not seen and records
// every status change (audited, with the provider's reason).
func (s *Server) syncTemplates(ctx context.Context) error {
	tc := s.cfg.Templates.Client
	known, err := records.Templates{}.Statuses(ctx, s.db)
	if err != nil {
		return err
	}
	for _, t := range s.templates.list {
		if _, ok := known[t.Key()]; ok {
			continue
		}
		info, err := tc.Submit(ctx, cloudapi.TemplateSubmission{Name: t.Name, Language: t.Language, Category: t.Category,
			Body: t.Body, Examples: templateExamples(t, s.cfg.Templates)})
		if err != nil {
			// Already there (submitted from elsewhere): the list below
			// brings its status.
			s.log.Info("template submission not accepted", "template", t.Key(), "err", err.Error())
			continue
		}
		if err := s.setTemplateStatus(ctx, t, info.Status, "", info.ID); err != nil {
			return err
		}
	}
	list, err := tc.List(ctx)
	if err != nil {
		return err
	}
	for _, info := range list {
		t, ok := s.templates.find(info.Name, info.Language)
		if !ok {
			continue
		}
		if err := s.setTemplateStatus(ctx, t, info.Status, info.RejectedReason, info.ID); err != nil {
			return err
		}
	}
	return nil
}

// setTemplateStatus records a status when it changed, with an audit entry.
func (s *Server) setTemplateStatus(ctx context.Context, t policy.Template, status, reason, providerID string) error {
	status = strings.ToUpper(status)
	return s.store.Tx(ctx, func(q Querier) error {
		cur, curReason, err := records.Templates{}.Status(ctx, q, t.Name, t.Language)
		if err == nil && cur == status && curReason == reason {
			return nil
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := (records.Templates{}).SetStatus(ctx, q, t.Name, t.Language, status, reason, providerID, s.now()); err != nil {
			return err
		}
		s.log.Info("template status changed", "template", t.Key(), "status", status)
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "template.status", Object: "template:" + t.Key(), Outcome: "ok",
			Detail: map[string]string{"status": status, "previous": cur, "reason": reason}})
	})
}

// templateExamples are sample values Meta's reviewers need for each variable.
func templateExamples(t policy.Template, cfg TemplateConfig) []string {
	var out []string
	for _, k := range t.Variables {
		switch k {
		case policy.VarPortalLink:
			out = append(out, "https://portal.example.org/h/abc123")
		case policy.VarClinicName:
			out = append(out, clinicName(cfg))
		case policy.VarDayTime:
			out = append(out, "Tuesday 3:30 PM")
		case policy.VarLocationName:
			out = append(out, firstOr(cfg.Locations, "Main clinic"))
		}
	}
	return out
}

func clinicName(cfg TemplateConfig) string {
	if cfg.ClinicName != "" {
		return cfg.ClinicName
	}
	return "the clinic"
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

func (s *Server) locations() []string {
	if len(s.cfg.Templates.Locations) > 0 {
		return s.cfg.Templates.Locations
	}
	return []string{"Main clinic"}
}

// templateStatuses reads every recorded provider status.
func (s *Server) templateStatuses(ctx context.Context, q Querier) (map[string][2]string, error) {
	return records.Templates{}.Statuses(ctx, q)
}

// templateInfo describes t for a console, with whether it can be sent.
func templateInfo(t policy.Template, st [2]string, now time.Time) api.TemplateInfo {
	status := st[0]
	if status == "" {
		status = statusNotSubmitted
	}
	ti := api.TemplateInfo{Name: t.Name, Category: t.Category, Language: t.Language, Body: t.Body, Variables: t.Variables,
		Owner: t.Owner, LastReview: t.ReviewedAt(), NextReview: t.NextReview(), ReviewDue: t.ReviewOverdue(now),
		Status: status, Reason: st[1]}
	switch {
	case ti.ReviewDue:
		ti.WhyNot = fmt.Sprintf("Its quarterly legal review was due %s (last reviewed %s). It cannot be sent until it is reviewed again.",
			ti.NextReview.Format(time.DateOnly), ti.LastReview.Format(time.DateOnly))
	case status == statusNotSubmitted:
		ti.WhyNot = "It has not been submitted to WhatsApp for approval yet."
	case status == "PENDING":
		ti.WhyNot = "WhatsApp has not approved it yet."
	case status == "REJECTED":
		ti.WhyNot = "WhatsApp rejected it (" + st[1] + "). Reword it and submit it again."
	case status == "PAUSED":
		ti.WhyNot = "WhatsApp paused it after low-quality feedback from recipients."
	case status != "APPROVED":
		ti.WhyNot = "WhatsApp's status for it is " + status + "."
	}
	ti.Sendable = ti.WhyNot == ""
	return ti
}

func (s *Server) handleTemplates(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewThreads))
		return
	}
	st, err := s.templateStatuses(r.Context(), s.db)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the template library could not be loaded; try again")
		return
	}
	now := s.now()
	out := make([]api.TemplateInfo, 0, len(s.templates.list))
	for _, t := range s.templates.list {
		out = append(out, templateInfo(t, st[t.Key()], now))
	}
	writeJSON(w, http.StatusOK, out)
}

// handleTemplateSend sends an approved template: it may go outside the
// 24-hour window, but only with consent, within review, and with each
// variable of an allowed kind.
func (s *Server) handleTemplateSend(w http.ResponseWriter, r *http.Request, req api.SendRequest) {
	sess := sessionFrom(r)
	out, err := s.sendTemplate(r.Context(), sess, r.PathValue("id"), req)
	s.answerSend(w, r, sess, "template send", out, err)
}

// Template refusal rules.
const (
	RuleTemplate         = "template"
	RuleTemplateReview   = "template_review"
	RuleTemplateVariable = "template_variable"
)

func (s *Server) sendTemplate(ctx context.Context, sess *session, threadID string, req api.SendRequest) (sendOutcome, error) {
	var out sendOutcome
	role := sess.User.Role
	err := s.store.Tx(ctx, func(q Querier) error {
		out = sendOutcome{}
		th, p, done, err := s.sendTarget(ctx, q, sess, threadID, req.IdempotencyKey, &out)
		if done || err != nil {
			return err
		}
		now := s.now()
		detail := map[string]string{"template": req.Template + "/" + req.TemplateLanguage}
		refuse := func(rule, reason string) error {
			detail["rule"] = rule
			out.refusal = &api.Refusal{Rule: rule, Reason: reason}
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
				Object: "thread:" + th.ID, Outcome: "refused", Detail: detail})
		}
		t, ok := s.templates.find(req.Template, req.TemplateLanguage)
		if !ok {
			return refuse(RuleTemplate, "There is no template \u201c"+req.Template+"\u201d in \u201c"+req.TemplateLanguage+"\u201d in the clinic's library.")
		}
		statuses, err := s.templateStatuses(ctx, q)
		if err != nil {
			return err
		}
		info := templateInfo(t, statuses[t.Key()], now)
		if info.ReviewDue {
			return refuse(RuleTemplateReview, "The \u201c"+t.Name+"\u201d template cannot be sent. "+info.WhyNot)
		}
		if !info.Sendable {
			return refuse(RuleTemplate, "The \u201c"+t.Name+"\u201d template cannot be sent. "+info.WhyNot)
		}
		if len(req.TemplateValues) != len(t.Variables) {
			return refuse(RuleTemplateVariable, fmt.Sprintf("The \u201c%s\u201d template takes %d values; %d were given.", t.Name, len(t.Variables), len(req.TemplateValues)))
		}
		final := make([]string, len(t.Variables))
		masked := make([]string, len(t.Variables))
		msgID := records.NewID("msg") // named now: a portal link records the message that carries it
		for i, kind := range t.Variables {
			v := strings.TrimSpace(req.TemplateValues[i])
			switch kind {
			case policy.VarPortalLink:
				if v != "" {
					return refuse(RuleTemplateVariable, fmt.Sprintf("Variable %d (portal link) is filled in by the server; leave it empty.", i+1))
				}
				link, err := s.handoffLink(th.ID, msgID, now)
				if err != nil {
					return err
				}
				final[i], masked[i] = link, portalLinkMasked
			case policy.VarClinicName:
				if v != "" {
					return refuse(RuleTemplateVariable, fmt.Sprintf("Variable %d (clinic name) is filled in by the server; leave it empty.", i+1))
				}
				final[i] = clinicName(s.cfg.Templates)
				masked[i] = final[i]
			default:
				if why := policy.CheckVariable(kind, v, s.locations()); why != "" {
					return refuse(RuleTemplateVariable, fmt.Sprintf("Variable %d (%s) %s.", i+1, strings.ReplaceAll(kind, "_", " "), why))
				}
				final[i], masked[i] = v, v
			}
		}
		roleDenied := policy.Why(role, policy.ActionSendTemplate)
		if roleDenied == "" {
			if ok, why := visibility(role, th); !ok {
				roleDenied = why
			}
		}
		sent24, err := s.store.Messages.CountOutboundSince(ctx, q, th.ID, now.Add(-24*time.Hour))
		if err != nil {
			return err
		}
		// Nothing is left for the free-text PHI scan: the body is the
		// clinic's reviewed wording (checked at load) and every variable
		// was checked by its kind above. The rules that remain are
		// consent, role, quiet hours and the cap.
		base := policy.Outbound{Now: now, OptedIn: p.OptedIn, RoleDenied: roleDenied, Text: "[template " + t.Key() + "]", Template: true,
			LastInboundAt: th.LastInboundAt, SentLast24h: sent24, Rules: s.cfg.Rules}
		zones := patientZones(p.Phone)
		if len(zones) == 0 {
			zones = []*time.Location{s.cfg.ClinicZone}
		}
		var dec policy.OutboundDecision
		for _, z := range zones {
			o := base
			o.PatientZone = z
			if dec = policy.DecideOutbound(o); !dec.Allowed {
				break
			}
		}
		if !dec.Allowed {
			if dec.Rule == policy.RuleConsent {
				dec.Reason = s.consentRefusal(ctx, q, th)
			}
			if len(dec.SpanTypes) > 0 {
				detail["span_types"] = joinComma(dec.SpanTypes)
			}
			detail["rule"] = dec.Rule
			out.refusal = &api.Refusal{Rule: dec.Rule, Reason: dec.Reason, SpanTypes: dec.SpanTypes}
			return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
				Object: "thread:" + th.ID, Outcome: "refused", Detail: detail})
		}
		m := records.Message{ID: msgID, ThreadID: th.ID, Type: "template", Body: t.Render(final), Masked: t.Render(masked), Spans: []api.Span{},
			Status: "queued", SentBy: sess.User.ID, MacroID: "template:" + t.Name, IdempotencyKey: req.IdempotencyKey, At: now}
		detail["rule"], detail["message"] = "allowed", m.ID
		if !th.LastInboundAt.IsZero() && now.Sub(th.LastInboundAt) <= s.window() {
			detail["window"] = "open"
		} else {
			detail["window"] = "closed"
		}
		if err := s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.send",
			Object: "thread:" + th.ID, Outcome: "ok", Detail: detail}); err != nil {
			return err
		}
		if err := s.store.Messages.InsertOutbound(ctx, q, &m); err != nil {
			return err
		}
		params, _ := json.Marshal(final)
		sealed, err := s.keys.SealString("outbound_templates", "params", m.ID, string(params))
		if err != nil {
			return err
		}
		if err := (records.Templates{}).AddSent(ctx, q, m.ID, t.Name, t.Language, sealed); err != nil {
			return err
		}
		if err := s.store.Threads.NoteOutbound(ctx, q, th.ID, now); err != nil {
			return err
		}
		if err := s.store.Outbox.Enqueue(ctx, q, delivery.Job{MessageID: m.ID, ThreadID: th.ID, IdempotencyKey: m.ID, NextAt: now, CreatedAt: now}); err != nil {
			return err
		}
		out.msg = m
		return nil
	})
	return out, err
}

// providerRequest is the provider call for an outbound message: its text,
// or for a template its name, language and stored variable values.
func (s *Server) providerRequest(ctx context.Context, m records.Message, key, to string) (bsp.SendRequest, error) {
	req := bsp.SendRequest{IdempotencyKey: key, To: to, Kind: bsp.SendText, Text: m.Body}
	if m.Type != "template" {
		return req, nil
	}
	name, lang, sealed, err := records.Templates{}.Sent(ctx, s.db, m.ID)
	if err != nil {
		return req, err
	}
	raw, err := s.keys.OpenString("outbound_templates", "params", m.ID, sealed)
	if err != nil {
		return req, err
	}
	var values []string
	if err := json.Unmarshal([]byte(raw), &values); err != nil {
		return req, err
	}
	req.Kind, req.Text, req.TemplateName, req.TemplateLanguage = bsp.SendTemplate, "", name, lang
	for _, v := range values {
		req.TemplateParams = append(req.TemplateParams, bsp.TemplateParam{Value: v})
	}
	return req, nil
}
