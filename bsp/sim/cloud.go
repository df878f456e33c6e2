package sim

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/bsp/e164"
)

// metaTitles are the error titles Meta uses, keyed by code.
var metaTitles = map[int]string{
	4:      "Application request limit reached",
	100:    "Invalid parameter",
	190:    "Error validating access token: Session has expired",
	80007:  "Rate limit issues",
	130429: "Rate limit hit",
	131000: "Something went wrong",
	131008: "Required parameter is missing",
	131009: "Parameter value is not valid",
	131016: "Service unavailable",
	131026: "Message undeliverable",
	131047: "Re-engagement message",
	131051: "Unsupported message type",
	131056: "(Business Account, Consumer Account) pair rate limit hit",
	131057: "Business Account is in maintenance mode",
	132000: "Number of parameters does not match the expected number of params",
	132001: "Template name does not exist in the translation",
	132015: "Template is paused",
	132016: "Template is disabled",
	133010: "Phone number Not Registered",
}

// metaHTTPStatus is the HTTP status Meta answers a synchronous code with.
func metaHTTPStatus(code int) int {
	switch code {
	case 0, 190:
		return http.StatusUnauthorized
	case 130429:
		return http.StatusTooManyRequests
	case 132001:
		return http.StatusNotFound
	case 131000, 131016, 131057:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// writeGraphError writes Meta's error envelope.
func writeGraphError(w http.ResponseWriter, status, code int, details string) {
	title := metaTitles[code]
	if title == "" {
		title = "Error"
	}
	msg := fmt.Sprintf("(#%d) %s", code, title)
	env := map[string]any{"message": msg, "type": "OAuthException", "code": code,
		"error_data": map[string]string{"messaging_product": "whatsapp", "details": details},
		"fbtrace_id": "A" + newTwilioSID("")[:22]}
	if code == 190 {
		env["message"] = title
		env["error_subcode"] = 463
		delete(env, "error_data")
	}
	if status == 0 {
		status = metaHTTPStatus(code)
	}
	writeJSON(w, status, map[string]any{"error": env})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// cloudSend is the part of a Cloud API send body the simulator reads.
type cloudSend struct {
	MessagingProduct string `json:"messaging_product"`
	RecipientType    string `json:"recipient_type"`
	To               string `json:"to"`
	Type             string `json:"type"`
	Status           string `json:"status"`
	MessageID        string `json:"message_id"`
	Context          *struct {
		MessageID string `json:"message_id"`
	} `json:"context"`
	Text *struct {
		Body       string `json:"body"`
		PreviewURL bool   `json:"preview_url"`
	} `json:"text"`
	Template *struct {
		Name     string `json:"name"`
		Language struct {
			Code string `json:"code"`
		} `json:"language"`
		Components []struct {
			Type       string `json:"type"`
			Parameters []struct {
				Type          string `json:"type"`
				ParameterName string `json:"parameter_name"`
				Text          string `json:"text"`
			} `json:"parameters"`
		} `json:"components"`
	} `json:"template"`
	Interactive *struct {
		Type string `json:"type"`
		Body struct {
			Text string `json:"text"`
		} `json:"body"`
		Action struct {
			Buttons []struct {
				Type  string `json:"type"`
				Reply struct {
					ID    string `json:"id"`
					Title string `json:"title"`
				} `json:"reply"`
			} `json:"buttons"`
		} `json:"action"`
	} `json:"interactive"`
	CallbackData string `json:"biz_opaque_callback_data"`
}

func (s *Server) handleCloudSend(w http.ResponseWriter, r *http.Request) {
	if !s.bearerOK(r) {
		writeGraphError(w, http.StatusUnauthorized, 190, "")
		return
	}
	if r.PathValue("phoneID") != s.cfg.PhoneNumberID {
		writeGraphError(w, http.StatusBadRequest, 100, "Unsupported post request. Object with ID '"+
			r.PathValue("phoneID")+"' does not exist, cannot be loaded due to missing permissions, or does not support this operation.")
		return
	}
	s.cloudSend(ProviderCloudAPI, w, r)
}

func (s *Server) handle360Send(w http.ResponseWriter, r *http.Request) {
	if !s.d360KeyOK(r) {
		write360Unauthorized(w)
		return
	}
	s.cloudSend(Provider360dialog, w, r)
}

func (s *Server) bearerOK(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return false
	}
	if s.cfg.AccessToken == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.AccessToken)) == 1
}

// injected applies the configured send faults. It reports whether it wrote
// a response (or hung up), in which case the send is over.
func (s *Server) injected(w http.ResponseWriter, r *http.Request, writeErr func(status, code int)) bool {
	s.mu.Lock()
	f := s.faults
	s.mu.Unlock()
	if f.TokenExpired {
		writeErr(http.StatusUnauthorized, -1)
		return true
	}
	if s.chance(f.TimeoutRatio) {
		// Never answer: the client's timeout is what is being tested.
		select {
		case <-r.Context().Done():
		case <-s.ctx.Done():
		case <-time.After(2 * time.Minute):
		}
		return true
	}
	if s.chance(f.FailRatio) {
		writeErr(f.Status, f.Code)
		return true
	}
	return false
}

func (s *Server) cloudSend(provider string, w http.ResponseWriter, r *http.Request) {
	if s.injected(w, r, func(status, code int) {
		switch {
		case code == -1:
			writeGraphError(w, http.StatusUnauthorized, 190, "")
		default:
			if code == 0 {
				code = 131000
			}
			if status == 0 {
				status = metaHTTPStatus(code)
			}
			writeGraphError(w, status, code, "injected fault")
		}
	}) {
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeGraphError(w, 0, 100, "could not read request body")
		return
	}
	var req cloudSend
	if err := json.Unmarshal(raw, &req); err != nil {
		writeGraphError(w, 0, 100, "request body is not valid JSON")
		return
	}
	if req.MessagingProduct != "whatsapp" {
		writeGraphError(w, 0, 100, "The parameter messaging_product is required.")
		return
	}
	if req.Status == "read" {
		s.markRead(w, req.MessageID)
		return
	}
	if !s.numLimiter.Allow() {
		writeGraphError(w, 0, 130429, "Cloud API message throughput has been reached.")
		return
	}
	to, err := e164.Normalize(req.To)
	if err != nil {
		writeGraphError(w, 0, 100, "Invalid parameter: to")
		return
	}
	entry := &OutboxEntry{Provider: provider, To: to, Type: req.Type, IdempotencyKey: req.CallbackData, At: s.now().UTC()}
	if req.Context != nil {
		entry.ReplyTo = req.Context.MessageID
	}
	freeForm := true
	switch req.Type {
	case "text":
		if req.Text == nil || strings.TrimSpace(req.Text.Body) == "" {
			writeGraphError(w, 0, 131008, "The parameter text['body'] is required.")
			return
		}
		if utf8.RuneCountInString(req.Text.Body) > 4096 {
			writeGraphError(w, 0, 131009, "text['body'] is longer than 4096 characters.")
			return
		}
		entry.Text = req.Text.Body
	case "interactive":
		text, code, detail := renderInteractive(&req)
		if code != 0 {
			writeGraphError(w, 0, code, detail)
			return
		}
		entry.Text = text
	case "template":
		if req.Template == nil || req.Template.Name == "" || req.Template.Language.Code == "" {
			writeGraphError(w, 0, 131008, "The parameters template['name'] and template['language'] are required.")
			return
		}
		var params []param
		for _, c := range req.Template.Components {
			if c.Type != "body" {
				continue
			}
			for _, p := range c.Parameters {
				params = append(params, param{name: p.ParameterName, value: p.Text})
			}
		}
		text, code, detail := s.renderTemplate(req.Template.Name, req.Template.Language.Code, "", params)
		if code != 0 {
			writeGraphError(w, 0, code, detail)
			return
		}
		entry.Text = text
		freeForm = false
	case "":
		writeGraphError(w, 0, 131008, "The parameter type is required.")
		return
	default:
		writeGraphError(w, 0, 131051, "Message type "+strconv.Quote(req.Type)+" is not supported by this simulator.")
		return
	}
	if !s.allowPair(to) {
		writeGraphError(w, 0, 131056, "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.")
		return
	}
	failCode := 0
	if freeForm && !s.insideWindow(to, s.now()) {
		s.mu.Lock()
		sync := s.faults.OutsideWindowSync
		s.mu.Unlock()
		if sync {
			writeGraphError(w, 0, 131047, "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")
			return
		}
		failCode = 131047
	}
	s.mu.Lock()
	if failCode == 0 && s.faults.AsyncFailCode != 0 {
		failCode = s.faults.AsyncFailCode
	}
	s.mu.Unlock()

	entry.ID = newWamid()
	entry.Status = "accepted"
	s.record(entry)
	s.log.Info("send accepted", "provider", provider, "id", entry.ID, "type", entry.Type, "to", maskNumber(to))
	msg := map[string]any{"id": entry.ID}
	if req.Type == "template" {
		msg["message_status"] = "accepted"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []map[string]string{{"input": req.To, "wa_id": strings.TrimPrefix(to, "+")}},
		"messages":          []any{msg},
	})
	s.scheduleStatuses(entry, failCode)
}

func renderInteractive(req *cloudSend) (string, int, string) {
	it := req.Interactive
	if it == nil || it.Type != "button" {
		return "", 131009, "interactive['type'] must be 'button'."
	}
	if strings.TrimSpace(it.Body.Text) == "" || utf8.RuneCountInString(it.Body.Text) > 1024 {
		return "", 131009, "interactive['body']['text'] must be 1 to 1024 characters."
	}
	bs := it.Action.Buttons
	if len(bs) == 0 || len(bs) > 3 {
		return "", 131009, "interactive['action']['buttons'] must hold 1 to 3 buttons."
	}
	seen := map[string]bool{}
	var b strings.Builder
	b.WriteString(it.Body.Text)
	b.WriteString("\n")
	for i, btn := range bs {
		n := utf8.RuneCountInString(btn.Reply.Title)
		if btn.Type != "reply" || btn.Reply.ID == "" || len(btn.Reply.ID) > 256 || n == 0 || n > 20 || seen[btn.Reply.Title] {
			return "", 131009, "Button titles must be unique, 1 to 20 characters, with an id of at most 256 characters."
		}
		seen[btn.Reply.Title] = true
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("[" + btn.Reply.Title + "]")
	}
	return b.String(), 0, ""
}

type param struct{ name, value string }

var placeholder = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

// renderTemplate finds an approved template by (name, language) or by
// Twilio content sid and fills in its parameters. It returns a Cloud API
// error code on failure (132001 missing, 132000 parameter count).
func (s *Server) renderTemplate(name, lang, sid string, params []param) (string, int, string) {
	if code, msg := s.submittedRefusal(name, lang); code != 0 {
		return "", code, msg
	}
	if text, ok := s.renderSubmitted(name, lang, params); ok {
		return text, 0, ""
	}
	if len(s.cfg.Templates) == 0 {
		// No catalogue configured: accept any template and show what was sent.
		label := name
		if label == "" {
			label = sid
		}
		vals := make([]string, len(params))
		for i, p := range params {
			vals[i] = p.value
			if p.name != "" {
				vals[i] = p.name + "=" + p.value
			}
		}
		if len(vals) == 0 {
			return "[template " + label + "]", 0, ""
		}
		return "[template " + label + "] " + strings.Join(vals, ", "), 0, ""
	}
	var tpl *Template
	for i := range s.cfg.Templates {
		t := &s.cfg.Templates[i]
		if (sid != "" && t.SID == sid) || (sid == "" && t.Name == name && t.Language == lang) {
			tpl = t
			break
		}
	}
	if tpl == nil {
		return "", 132001, "template name (" + name + sid + ") does not exist in " + lang
	}
	want := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(tpl.Body, -1) {
		want[m[1]] = true
	}
	vals := map[string]string{}
	for i, p := range params {
		key := p.name
		if key == "" {
			key = strconv.Itoa(i + 1)
		}
		vals[key] = p.value
	}
	if len(vals) != len(want) || len(params) != len(want) {
		return "", 132000, fmt.Sprintf("body: number of localizable_params (%d) does not match the expected number of params (%d)", len(params), len(want))
	}
	for k := range want {
		if _, ok := vals[k]; !ok {
			keys := make([]string, 0, len(want))
			for k := range want {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			return "", 132000, "body: parameters must be " + strings.Join(keys, ", ")
		}
	}
	return placeholder.ReplaceAllStringFunc(tpl.Body, func(m string) string {
		return vals[placeholder.FindStringSubmatch(m)[1]]
	}), 0, ""
}

func (s *Server) markRead(w http.ResponseWriter, id string) {
	s.mu.Lock()
	known := s.inboundIDs[id]
	s.mu.Unlock()
	if !known {
		writeGraphError(w, 0, 100, "Invalid parameter: message_id")
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}
