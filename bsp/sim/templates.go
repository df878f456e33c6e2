package sim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Template review statuses, as the Graph API spells them.
const (
	TemplatePending  = "PENDING"
	TemplateApproved = "APPROVED"
	TemplateRejected = "REJECTED"
	TemplatePaused   = "PAUSED"
	TemplateDisabled = "DISABLED"
)

// SubmittedTemplate is a template the business submitted through the
// management API, with Meta's review decision.
type SubmittedTemplate struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Language       string `json:"language"`
	Category       string `json:"category"`
	Status         string `json:"status"`
	RejectedReason string `json:"rejected_reason,omitempty"`
	Body           string `json:"body"`

	submitted time.Time
	decided   bool // set by the control API: no automatic approval
}

// templateRegistry models Meta's review of submitted templates. Without a
// decision from the control API a template is approved once
// Config.TemplateReviewDelay has passed (Meta usually decides in minutes).
type templateRegistry struct {
	mu       sync.Mutex
	byKey    map[string]*SubmittedTemplate
	nextID   int
	delay    time.Duration // overrides Config.TemplateReviewDelay when delaySet
	delaySet bool
}

// SetTemplateReviewDelay changes how long submitted templates wait for
// their automatic approval.
func (s *Server) SetTemplateReviewDelay(d time.Duration) {
	s.templates.mu.Lock()
	s.templates.delay, s.templates.delaySet = d, true
	s.templates.mu.Unlock()
}

func (r *templateRegistry) get(name, lang string) (*SubmittedTemplate, bool) {
	if r.byKey == nil {
		return nil, false
	}
	t, ok := r.byKey[name+"/"+lang]
	return t, ok
}

// reviewTemplates applies the automatic approvals due by now; the
// caller holds s.templates.mu.
func (s *Server) reviewTemplates(now time.Time) {
	r := &s.templates
	delay := s.cfg.TemplateReviewDelay
	if r.delaySet {
		delay = r.delay
	}
	for _, t := range r.byKey {
		if t.Status == TemplatePending && !t.decided && now.Sub(t.submitted) >= delay {
			t.Status = TemplateApproved
		}
	}
}

// handleTemplateCreate is POST /{version}/{waba}/message_templates.
func (s *Server) handleTemplateCreate(w http.ResponseWriter, r *http.Request) {
	if !s.bearerOK(r) {
		writeGraphError(w, http.StatusUnauthorized, 190, "")
		return
	}
	var req struct {
		Name       string `json:"name"`
		Language   string `json:"language"`
		Category   string `json:"category"`
		Components []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"components"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		writeGraphError(w, 0, 100, "Invalid parameter")
		return
	}
	body := ""
	for _, c := range req.Components {
		if strings.EqualFold(c.Type, "BODY") {
			body = c.Text
		}
	}
	switch strings.ToUpper(req.Category) {
	case "UTILITY", "MARKETING", "AUTHENTICATION":
	default:
		writeGraphError(w, 0, 100, "Invalid parameter: category must be UTILITY, MARKETING or AUTHENTICATION")
		return
	}
	if req.Name == "" || req.Language == "" || body == "" {
		writeGraphError(w, 0, 100, "Invalid parameter: name, language and a BODY component are required")
		return
	}
	reg := &s.templates
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if reg.byKey == nil {
		reg.byKey = map[string]*SubmittedTemplate{}
	}
	if _, dup := reg.byKey[req.Name+"/"+req.Language]; dup {
		writeGraphError(w, 0, 100, "Content in this language already exists")
		return
	}
	reg.nextID++
	t := &SubmittedTemplate{ID: strconv.Itoa(900000 + reg.nextID), Name: req.Name, Language: req.Language,
		Category: strings.ToUpper(req.Category), Status: TemplatePending, Body: body, submitted: s.now()}
	reg.byKey[req.Name+"/"+req.Language] = t
	writeJSON(w, http.StatusOK, map[string]string{"id": t.ID, "status": t.Status, "category": t.Category})
}

// handleTemplateList is GET /{version}/{waba}/message_templates.
func (s *Server) handleTemplateList(w http.ResponseWriter, r *http.Request) {
	if !s.bearerOK(r) {
		writeGraphError(w, http.StatusUnauthorized, 190, "")
		return
	}
	reg := &s.templates
	reg.mu.Lock()
	s.reviewTemplates(s.now())
	data := make([]SubmittedTemplate, 0, len(reg.byKey))
	for _, t := range reg.byKey {
		data = append(data, *t)
	}
	reg.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "paging": map[string]any{}})
}

// handleTemplateDecide is POST /sim/templates: the control API's stand-in
// for Meta's reviewers and quality system, e.g.
// {"name":"appointment_reminder","language":"en","status":"REJECTED","reason":"INVALID_FORMAT"}.
func (s *Server) handleTemplateDecide(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name, Language, Status, Reason string
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<10)).Decode(&req); err != nil {
		http.Error(w, "body must be JSON: name, language, status, reason", http.StatusBadRequest)
		return
	}
	switch req.Status {
	case TemplatePending, TemplateApproved, TemplateRejected, TemplatePaused, TemplateDisabled:
	default:
		http.Error(w, "status must be PENDING, APPROVED, REJECTED, PAUSED or DISABLED", http.StatusBadRequest)
		return
	}
	reg := &s.templates
	reg.mu.Lock()
	defer reg.mu.Unlock()
	t, ok := reg.get(req.Name, req.Language)
	if !ok {
		http.Error(w, "no such submitted template", http.StatusNotFound)
		return
	}
	t.Status, t.RejectedReason, t.decided = req.Status, "", true
	if req.Status == TemplateRejected {
		t.RejectedReason = req.Reason
		if t.RejectedReason == "" {
			t.RejectedReason = "INVALID_FORMAT"
		}
	}
	writeJSON(w, http.StatusOK, t)
}

// submittedRefusal is the send error for a template submitted here that
// is not approved: 132001 while pending or rejected, 132015 when paused,
// 132016 when disabled. A template never submitted is left to the
// configured catalogue.
func (s *Server) submittedRefusal(name, lang string) (int, string) {
	reg := &s.templates
	reg.mu.Lock()
	defer reg.mu.Unlock()
	s.reviewTemplates(s.now())
	t, ok := reg.get(name, lang)
	if !ok {
		return 0, ""
	}
	switch t.Status {
	case TemplateApproved:
		return 0, ""
	case TemplatePaused:
		return 132015, "template " + name + " is paused"
	case TemplateDisabled:
		return 132016, "template " + name + " is disabled"
	}
	return 132001, "template " + name + " is not approved in " + lang
}

// renderSubmitted fills an approved submitted template's body, as the
// patient's phone would show it.
func (s *Server) renderSubmitted(name, lang string, params []param) (string, bool) {
	reg := &s.templates
	reg.mu.Lock()
	defer reg.mu.Unlock()
	t, ok := reg.get(name, lang)
	if !ok || t.Status != TemplateApproved {
		return "", false
	}
	out := t.Body
	for i := len(params); i >= 1; i-- {
		out = strings.ReplaceAll(out, "{{"+strconv.Itoa(i)+"}}", params[i-1].value)
	}
	return out, true
}
