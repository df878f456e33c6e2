package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/bsp/cloudapi"
)

// Webhook wire shapes, in the field order Meta uses.
type (
	whEnvelope struct {
		Object string    `json:"object"`
		Entry  []whEntry `json:"entry"`
	}
	whEntry struct {
		ID      string     `json:"id"`
		Changes []whChange `json:"changes"`
	}
	whChange struct {
		Value whValue `json:"value"`
		Field string  `json:"field"`
	}
	whValue struct {
		MessagingProduct string      `json:"messaging_product"`
		Metadata         whMetadata  `json:"metadata"`
		Contacts         []whContact `json:"contacts,omitempty"`
		Messages         []whMessage `json:"messages,omitempty"`
		Statuses         []whStatus  `json:"statuses,omitempty"`
	}
	whMetadata struct {
		DisplayPhoneNumber string `json:"display_phone_number"`
		PhoneNumberID      string `json:"phone_number_id"`
	}
	whContact struct {
		Profile struct {
			Name string `json:"name"`
		} `json:"profile"`
		WaID string `json:"wa_id"`
	}
	whMessage struct {
		Context     *whContext        `json:"context,omitempty"`
		From        string            `json:"from"`
		ID          string            `json:"id"`
		Timestamp   string            `json:"timestamp"`
		Type        string            `json:"type"`
		Text        *whText           `json:"text,omitempty"`
		Button      *whButton         `json:"button,omitempty"`
		Interactive *whInteractive    `json:"interactive,omitempty"`
		Image       *whMedia          `json:"image,omitempty"`
		Reaction    *whReaction       `json:"reaction,omitempty"`
		Location    *whLocation       `json:"location,omitempty"`
		Contacts    []whSharedContact `json:"contacts,omitempty"`
		Order       *whOrder          `json:"order,omitempty"`
		Edit        *whEdit           `json:"edit,omitempty"`
		Revoke      *whRevoke         `json:"revoke,omitempty"`
		System      *whSystem         `json:"system,omitempty"`
		Errors      []whError         `json:"errors,omitempty"`
	}
	whLocation struct {
		Latitude  string `json:"latitude"`
		Longitude string `json:"longitude"`
		Name      string `json:"name,omitempty"`
		Address   string `json:"address,omitempty"`
	}
	whSharedContact struct {
		Name struct {
			FormattedName string `json:"formatted_name"`
		} `json:"name"`
		Phones []whPhone `json:"phones,omitempty"`
	}
	whPhone struct {
		Phone string `json:"phone"`
		Type  string `json:"type"`
	}
	whOrder struct {
		CatalogID    string        `json:"catalog_id"`
		Text         string        `json:"text,omitempty"`
		ProductItems []whOrderItem `json:"product_items"`
	}
	whOrderItem struct {
		ProductRetailerID string          `json:"product_retailer_id"`
		Quantity          int             `json:"quantity"`
		ItemPrice         json.RawMessage `json:"item_price"`
		Currency          string          `json:"currency"`
	}
	whEdit struct {
		OriginalMessageID string `json:"original_message_id"`
		Message           struct {
			Type string  `json:"type"`
			Text *whText `json:"text,omitempty"`
		} `json:"message"`
	}
	whRevoke struct {
		OriginalMessageID string `json:"original_message_id"`
	}
	whSystem struct {
		Body string `json:"body"`
		WaID string `json:"wa_id"`
		Type string `json:"type"`
	}
	whNFMReply struct {
		Name         string `json:"name"`
		Body         string `json:"body"`
		ResponseJSON string `json:"response_json"`
	}
	whPick struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	whContext struct {
		From string `json:"from"`
		ID   string `json:"id"`
	}
	whText struct {
		Body string `json:"body"`
	}
	whButton struct {
		Payload string `json:"payload"`
		Text    string `json:"text"`
	}
	whInteractive struct {
		Type        string      `json:"type"`
		ButtonReply *whPick     `json:"button_reply,omitempty"`
		NFMReply    *whNFMReply `json:"nfm_reply,omitempty"`
	}
	whMedia struct {
		Caption  string `json:"caption,omitempty"`
		MIMEType string `json:"mime_type"`
		SHA256   string `json:"sha256"`
		ID       string `json:"id"`
	}
	whReaction struct {
		MessageID string `json:"message_id"`
		Emoji     string `json:"emoji"`
	}
	whStatus struct {
		ID           string     `json:"id"`
		Status       string     `json:"status"`
		Timestamp    string     `json:"timestamp"`
		RecipientID  string     `json:"recipient_id"`
		CallbackData string     `json:"biz_opaque_callback_data,omitempty"`
		Pricing      *whPricing `json:"pricing,omitempty"`
		Errors       []whError  `json:"errors,omitempty"`
	}
	whPricing struct {
		Billable     bool   `json:"billable"`
		PricingModel string `json:"pricing_model"`
		Type         string `json:"type"`
		Category     string `json:"category"`
	}
	whError struct {
		Code      int    `json:"code"`
		Title     string `json:"title"`
		Message   string `json:"message"`
		ErrorData struct {
			Details string `json:"details"`
		} `json:"error_data"`
		Href string `json:"href,omitempty"`
	}
)

var asyncDetails = map[int]string{
	131047: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
	131026: "Message Undeliverable.",
	131056: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
}

// envelope wraps one value in Meta's webhook envelope.
func (s *Server) envelope(v whValue) whEnvelope {
	v.MessagingProduct = "whatsapp"
	v.Metadata = whMetadata{DisplayPhoneNumber: s.cfg.DisplayPhoneNumber, PhoneNumberID: s.cfg.PhoneNumberID}
	return whEnvelope{Object: "whatsapp_business_account",
		Entry: []whEntry{{ID: s.cfg.WABAID, Changes: []whChange{{Value: v, Field: "messages"}}}}}
}

// statusRank orders outbox statuses so a late "delivered" never hides "read".
func statusRank(s string) int {
	switch s {
	case "accepted", "queued":
		return 0
	case "sent":
		return 1
	case "delivered":
		return 2
	case "read":
		return 3
	case "failed", "undelivered":
		return 4
	}
	return -1
}

// scheduleStatuses plays out a send's life: sent, delivered, read (or
// failed), each after StatusDelay, each delivered as its own webhook.
func (s *Server) scheduleStatuses(e *OutboxEntry, failCode int) {
	steps := []string{"failed"}
	if failCode == 0 {
		steps = []string{"sent", "delivered"}
		if !s.cfg.NoAutoRead {
			steps = append(steps, "read")
			s.mu.Lock()
			reorder := s.faults.ReorderRatio
			s.mu.Unlock()
			if s.chance(reorder) {
				// Meta does not guarantee order: read may overtake delivered.
				steps[1], steps[2] = steps[2], steps[1]
			}
		}
	}
	s.addPending(1)
	go func() {
		defer s.addPending(-1)
		for _, st := range steps {
			select {
			case <-s.ctx.Done():
				return
			case <-time.After(s.cfg.StatusDelay):
			}
			s.mu.Lock()
			if statusRank(st) > statusRank(e.Status) {
				e.Status = st
			}
			if st == "failed" {
				e.ErrorCode = failCode
			}
			s.mu.Unlock()
			s.emitStatus(e, st, failCode)
		}
	}()
}

func (s *Server) emitStatus(e *OutboxEntry, st string, failCode int) {
	now := s.now()
	if e.Provider == ProviderTwilio {
		s.emitTwilioStatus(e, st, failCode)
		return
	}
	ws := whStatus{ID: e.ID, Status: st, Timestamp: strconv.FormatInt(now.Unix(), 10),
		RecipientID: strings.TrimPrefix(e.To, "+"), CallbackData: e.IdempotencyKey}
	switch st {
	case "sent":
		cat, typ := "service", "free_customer_service"
		if e.Type == "template" {
			cat, typ = "utility", "regular"
		}
		ws.Pricing = &whPricing{Billable: typ == "regular", PricingModel: "PMP", Type: typ, Category: cat}
	case "failed":
		title := metaTitles[failCode]
		we := whError{Code: failCode, Title: title, Message: title,
			Href: "/documentation/business-messaging/whatsapp/support/error-codes"}
		we.ErrorData.Details = asyncDetails[failCode]
		if we.ErrorData.Details == "" {
			we.ErrorData.Details = title
		}
		ws.Errors = []whError{we}
	}
	s.deliverMeta(e.Provider, s.envelope(whValue{Statuses: []whStatus{ws}}))
}

// deliverMeta serialises a Cloud API webhook, signs the exact bytes and
// delivers them.
func (s *Server) deliverMeta(provider string, env whEnvelope) {
	body, err := json.Marshal(env)
	if err != nil {
		s.log.Error("encode webhook", "err", err)
		return
	}
	if !s.cfg.RawUTF8 {
		body = metaEscape(body)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "facebookexternalua")
	s.mu.Lock()
	target := s.webhookURL
	s.mu.Unlock()
	if provider == Provider360dialog {
		var headers map[string]string
		target, headers = s.d360Target(target)
		for k, v := range headers {
			h.Set(k, v)
		}
	} else if s.cfg.AppSecret != "" {
		h.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(s.cfg.AppSecret), body))
	}
	s.deliver(target, body, h, true)
}

// metaEscape rewrites non-ASCII characters as lowercase \uXXXX escapes
// (surrogate pairs above U+FFFF), the form Meta signs and sends. Non-ASCII
// bytes only occur inside JSON strings, so the rewrite is always valid.
func metaEscape(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + 64)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r < 0x80:
			out.WriteByte(byte(r))
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&out, `\u%04x`, r)
		}
	}
	return out.Bytes()
}

func (s *Server) addPending(d int) {
	s.mu.Lock()
	s.pending += d
	s.mu.Unlock()
}

// deliver POSTs body to target until it is accepted, backing off between
// attempts up to RetryHorizon, as Meta does. strict200 makes anything but
// 200 a failure (Meta's rule); otherwise any 2xx is accepted (Twilio's).
// With DuplicateRatio, the same bytes are delivered a second time.
func (s *Server) deliver(target string, body []byte, h http.Header, strict200 bool) {
	if target == "" {
		s.log.Warn("no webhook URL configured; delivery dropped")
		return
	}
	if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		s.log.Warn("webhook URL is not http(s); delivery dropped")
		return
	}
	s.mu.Lock()
	dup := s.rng.Float64() < s.faults.DuplicateRatio
	s.mu.Unlock()
	copies := 1
	if dup {
		copies = 2
	}
	for i := 0; i < copies; i++ {
		s.addPending(1)
		go func(delay time.Duration) {
			defer s.addPending(-1)
			if delay > 0 {
				select {
				case <-s.ctx.Done():
					return
				case <-time.After(delay):
				}
			}
			s.deliverWithRetry(target, body, h, strict200)
		}(time.Duration(i) * 50 * time.Millisecond)
	}
}

func (s *Server) deliverWithRetry(target string, body []byte, h http.Header, strict200 bool) {
	start := time.Now()
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		status, err := s.postOnce(target, body, h)
		ok := err == nil && (status == http.StatusOK || (!strict200 && status/100 == 2))
		s.mu.Lock()
		s.deliveries.Attempts++
		if ok {
			s.deliveries.Delivered++
		} else {
			s.deliveries.Failed++
		}
		s.mu.Unlock()
		if ok {
			return
		}
		s.log.Warn("webhook delivery failed; will retry", "attempt", attempt, "status", status, "transport_error", err != nil)
		if time.Since(start)+backoff > s.cfg.RetryHorizon {
			s.mu.Lock()
			s.deliveries.GaveUp++
			s.mu.Unlock()
			s.log.Error("webhook delivery abandoned after retry horizon", "attempts", attempt)
			return
		}
		select {
		case <-s.ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, s.cfg.RetryMaxInterval)
	}
}

func (s *Server) postOnce(target string, body []byte, h http.Header) (int, error) {
	req, err := http.NewRequestWithContext(s.ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header = h.Clone()
	resp, err := s.hc.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}
