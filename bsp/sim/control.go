package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/clinicwa/triage/bsp/e164"
)

// InboundRequest is the body of POST /sim/inbound: a patient writes in.
type InboundRequest struct {
	From string `json:"from"` // the patient's number, any common format
	Name string `json:"name"` // WhatsApp profile name
	Text string `json:"text"` // body, caption, button title or reaction emoji
	// Type is text (default), button, interactive, image, reaction,
	// location, contacts, order, flow, edit, revoke, system or unsupported.
	// A reaction with an empty Text removes the patient's reaction.
	Type string `json:"type,omitempty"`
	// Payload is the button payload or interactive reply id.
	Payload string `json:"payload,omitempty"`
	// ReplyTo is the id of the clinic message replied to, tapped or reacted to.
	ReplyTo string `json:"reply_to,omitempty"`
	// MIMEType is the media type of an image (default image/jpeg).
	MIMEType string `json:"mime_type,omitempty"`
	// Provider selects the webhook format (default: the simulator's mode).
	Provider string `json:"provider,omitempty"`

	// Target is the provider id an edit or revoke acts on.
	Target string `json:"target,omitempty"`
	// Location is a shared location (type location).
	Location *SimLocation `json:"location,omitempty"`
	// Contacts are shared contact cards (type contacts).
	Contacts []SimContact `json:"contacts,omitempty"`
	// Items are an order's lines (type order; Text is the patient's note).
	Items []SimOrderItem `json:"items,omitempty"`
	// FlowResponse is a completed Flow's answers as JSON (type flow).
	FlowResponse string `json:"flow_response,omitempty"`
	// NewNumber is the patient's new number (type system: a number change).
	NewNumber string `json:"new_number,omitempty"`
}

// SimLocation is a location a patient shares. Coordinates are sent as
// strings, as some providers do.
type SimLocation struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
}

// SimContact is a contact card a patient shares.
type SimContact struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
}

// SimOrderItem is one line of an order.
type SimOrderItem struct {
	ProductID string `json:"product_id"`
	Quantity  int    `json:"quantity"`
	Price     string `json:"price"`
	Currency  string `json:"currency"`
}

const maxControlBody = 64 << 10

func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body: " + err.Error()})
		return false
	}
	return true
}

func (s *Server) handleInbound(w http.ResponseWriter, r *http.Request) {
	var in InboundRequest
	if !decodeControl(w, r, &in) {
		return
	}
	id, err := s.Inbound(in)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"id": id})
}

// inboundError is a control-API validation error.
type inboundError string

func (e inboundError) Error() string { return string(e) }

// Inbound makes a patient write in: it opens (or renews) the 24-hour
// window for that number and delivers the provider's inbound webhook,
// retrying until it is accepted. It returns the new message's provider id.
func (s *Server) Inbound(in InboundRequest) (string, error) {
	from, err := e164.Normalize(in.From)
	if err != nil {
		return "", inboundError("from is not an international phone number")
	}
	if in.Type == "" {
		in.Type = "text"
	}
	provider := in.Provider
	if provider == "" {
		provider = s.cfg.Mode
	}
	switch in.Type {
	case "text", "button", "interactive", "image", "reaction", "unsupported",
		"location", "contacts", "order", "flow", "edit", "revoke", "system":
	default:
		return "", inboundError("type must be text, button, interactive, image, reaction, location, contacts, order, flow, edit, revoke, system or unsupported")
	}
	if (in.Type == "edit" || in.Type == "revoke") && in.Target == "" {
		return "", inboundError("target is required for an edit or revoke")
	}
	if in.Type == "system" {
		if _, err := e164.Normalize(in.NewNumber); err != nil {
			return "", inboundError("new_number is not an international phone number")
		}
	}
	if provider == ProviderTwilio {
		switch in.Type {
		case "order", "flow", "edit", "revoke", "system":
			return "", inboundError("Twilio does not deliver " + in.Type + " messages")
		}
	}
	if in.Type == "text" && in.Text == "" {
		return "", inboundError("text is required")
	}
	now := s.now()
	s.mu.Lock()
	s.lastInbound[from] = now
	s.mu.Unlock()

	switch provider {
	case ProviderCloudAPI, Provider360dialog:
		return s.inboundMeta(provider, from, in, now), nil
	case ProviderTwilio:
		return s.inboundTwilio(from, in), nil
	}
	return "", inboundError("provider must be cloudapi, 360dialog or twilio")
}

func (s *Server) inboundMeta(provider, from string, in InboundRequest, now time.Time) string {
	id := newWamid()
	s.mu.Lock()
	s.inboundIDs[id] = true
	s.mu.Unlock()
	digits := from[1:]
	m := whMessage{From: digits, ID: id, Timestamp: strconv.FormatInt(now.Unix(), 10), Type: in.Type}
	if in.Type == "flow" {
		m.Type = "interactive"
	}
	if in.ReplyTo != "" && in.Type != "reaction" {
		m.Context = &whContext{From: s.cfg.DisplayPhoneNumber, ID: in.ReplyTo}
	}
	switch in.Type {
	case "text":
		m.Text = &whText{Body: in.Text}
	case "button":
		m.Button = &whButton{Payload: in.Payload, Text: in.Text}
	case "interactive":
		m.Interactive = &whInteractive{Type: "button_reply", ButtonReply: &whPick{ID: in.Payload, Title: in.Text}}
	case "image":
		mime := in.MIMEType
		if mime == "" {
			mime = "image/jpeg"
		}
		m.Image = &whMedia{Caption: in.Text, MIMEType: mime, SHA256: "SfInY0gHu1N4ZVGhM8wj7ZsfgsRlm3jsDM3lq2ONhA0=", ID: newTwilioSID("")[:16]}
	case "reaction":
		m.Reaction = &whReaction{MessageID: in.ReplyTo, Emoji: in.Text}
	case "location":
		if l := in.Location; l != nil {
			m.Location = &whLocation{Latitude: l.Latitude, Longitude: l.Longitude, Name: l.Name, Address: l.Address}
		}
	case "contacts":
		for _, c := range in.Contacts {
			wc := whSharedContact{}
			wc.Name.FormattedName = c.Name
			if c.Phone != "" {
				wc.Phones = []whPhone{{Phone: c.Phone, Type: "CELL"}}
			}
			m.Contacts = append(m.Contacts, wc)
		}
	case "order":
		m.Order = &whOrder{CatalogID: "354160437058781", Text: in.Text}
		for _, it := range in.Items {
			// Quantities as numbers and prices as strings, as senders mix them.
			m.Order.ProductItems = append(m.Order.ProductItems, whOrderItem{ProductRetailerID: it.ProductID, Quantity: it.Quantity,
				ItemPrice: json.RawMessage(strconv.Quote(it.Price)), Currency: it.Currency})
		}
	case "flow":
		m.Interactive = &whInteractive{Type: "nfm_reply", NFMReply: &whNFMReply{Name: "flow", Body: "Sent", ResponseJSON: in.FlowResponse}}
	case "edit":
		m.Edit = &whEdit{OriginalMessageID: in.Target}
		m.Edit.Message.Type = "text"
		m.Edit.Message.Text = &whText{Body: in.Text}
	case "revoke":
		m.Revoke = &whRevoke{OriginalMessageID: in.Target}
	case "system":
		nn, _ := e164.Normalize(in.NewNumber)
		m.System = &whSystem{Body: "User changed from " + digits + " to " + nn[1:], WaID: nn[1:], Type: "user_changed_number"}
	case "unsupported":
		e := whError{Code: 131051, Title: "Message type unknown", Message: "Message type unknown"}
		e.ErrorData.Details = "Message type is currently not supported."
		m.Errors = []whError{e}
	}
	c := whContact{WaID: digits}
	c.Profile.Name = in.Name
	s.log.Info("inbound", "provider", provider, "id", id, "type", in.Type, "from", maskNumber(from))
	s.deliverMeta(provider, s.envelope(whValue{Contacts: []whContact{c}, Messages: []whMessage{m}}))
	return id
}

func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) {
	out := s.Outbox()
	if to := r.URL.Query().Get("to"); to != "" {
		if n, err := e164.Normalize(to); err == nil {
			to = n
		}
		filtered := out[:0]
		for _, e := range out {
			if e.To == to {
				filtered = append(filtered, e)
			}
		}
		out = filtered
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleOutboxReset(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.outbox = nil
	s.byID = map[string]*OutboxEntry{}
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleFaultsGet(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f := s.faults
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, f)
}

func (s *Server) handleFaultsSet(w http.ResponseWriter, r *http.Request) {
	var f Faults
	if !decodeControl(w, r, &f) {
		return
	}
	for _, p := range []float64{f.FailRatio, f.TimeoutRatio, f.DuplicateRatio, f.ReorderRatio} {
		if p < 0 || p > 1 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "ratios must be between 0 and 1"})
			return
		}
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "status must be a 4xx or 5xx HTTP status"})
		return
	}
	s.SetFaults(f)
	writeJSON(w, http.StatusOK, f)
}

// SetFaults replaces the injected faults.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	s.faults = f
	s.mu.Unlock()
	s.log.Info("faults set", "fail_ratio", f.FailRatio, "status", f.Status, "code", f.Code, "timeout_ratio", f.TimeoutRatio,
		"outside_window_sync", f.OutsideWindowSync, "token_expired", f.TokenExpired, "duplicate_ratio", f.DuplicateRatio,
		"reorder_ratio", f.ReorderRatio, "async_fail_code", f.AsyncFailCode)
}

func (s *Server) handleFaultsReset(w http.ResponseWriter, r *http.Request) {
	s.SetFaults(s.cfg.Faults)
	w.WriteHeader(http.StatusNoContent)
}

// handleClock moves the simulated clock forward: {"advance":"25h"} closes
// every 24-hour window without waiting a day.
func (s *Server) handleClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Advance string `json:"advance"`
	}
	if !decodeControl(w, r, &req) {
		return
	}
	d, err := time.ParseDuration(req.Advance)
	if err != nil || d < 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "advance must be a positive Go duration such as 25h"})
		return
	}
	s.Advance(d)
	writeJSON(w, http.StatusOK, map[string]string{"now": s.now().UTC().Format(time.RFC3339)})
}

// Advance moves the simulated clock forward by d.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	s.clockOffset += d
	s.mu.Unlock()
}

// handleVerify performs Meta's GET subscription handshake against the
// webhook URL and reports whether the receiver echoed the challenge.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	target := s.webhookURL
	s.mu.Unlock()
	u, err := url.Parse(target)
	if err != nil || target == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "no webhook URL configured"})
		return
	}
	challenge := strconv.FormatInt(time.Now().UnixNano()%1e10, 10)
	q := u.Query()
	q.Set("hub.mode", "subscribe")
	q.Set("hub.challenge", challenge)
	q.Set("hub.verify_token", s.cfg.VerifyToken)
	u.RawQuery = q.Encode()
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, u.String(), nil)
	resp, err := s.hc.Do(req)
	if err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]any{"ok": false, "error": "webhook unreachable"})
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	ok := resp.StatusCode == http.StatusOK && string(b) == challenge
	writeJSON(w, http.StatusOK, map[string]any{"ok": ok, "status": resp.StatusCode})
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats())
}
