// Package twilio speaks Twilio's Programmable Messaging API for WhatsApp:
// form-encoded sends with whatsapp: addresses, Content templates, status
// callbacks, X-Twilio-Signature verification and webhook parsing.
package twilio

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/e164"
)

// DefaultBaseURL is Twilio's REST API host.
const DefaultBaseURL = "https://api.twilio.com"

// IdempotencyParam is the query parameter the client adds to StatusCallback
// so status callbacks carry the send's idempotency key (Twilio has no
// opaque per-message field). Read it from r.Form, which merges URL query
// and body; verify the signature over r.PostForm and the full URL.
const IdempotencyParam = "idempotency_key"

// MaxBodyLen is Twilio's limit on Body.
const MaxBodyLen = 1600

// Config says how to reach Twilio.
type Config struct {
	// BaseURL defaults to https://api.twilio.com.
	BaseURL string
	// AccountSID (AC…) is in the path and, without an API key, the Basic-auth user.
	AccountSID string
	// AuthToken is the Basic-auth password and the webhook signing key.
	AuthToken string
	// APIKeySID and APIKeySecret, when set, authenticate sends instead of the auth token.
	APIKeySID    string
	APIKeySecret string
	// From is the WhatsApp sender, "whatsapp:+14155238886" or "+14155238886".
	From string
	// MessagingServiceSID (MG…) sends through a Messaging Service instead of From.
	MessagingServiceSID string
	// StatusCallback is the clinic's status-callback URL (optional).
	StatusCallback string
	// HTTPClient defaults to a client with a 30-second timeout.
	HTTPClient *http.Client
}

// Client sends WhatsApp messages through Twilio. It is safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint string
	hc       *http.Client
}

var _ bsp.Provider = (*Client)(nil)

// New returns a Client for cfg.
func New(cfg Config) *Client {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{cfg: cfg, hc: hc,
		endpoint: strings.TrimRight(cfg.BaseURL, "/") + "/2010-04-01/Accounts/" + url.PathEscape(cfg.AccountSID) + "/Messages.json"}
}

// Name is "twilio".
func (c *Client) Name() string { return ProviderName }

// whatsappAddr puts a number on Twilio's WhatsApp channel. Without the
// prefix on both sides Twilio refuses (21910) or sends an SMS instead.
func whatsappAddr(n string) (string, error) {
	e, err := e164.Normalize(n)
	if err != nil {
		return "", err
	}
	return "whatsapp:" + e, nil
}

// BuildSendForm validates req and returns the form the Client posts.
func (c *Client) BuildSendForm(req bsp.SendRequest) (url.Values, error) {
	to, err := whatsappAddr(req.To)
	if err != nil {
		return nil, invalid("recipient is not an E.164 phone number")
	}
	f := url.Values{"To": {to}}
	switch {
	case c.cfg.MessagingServiceSID != "":
		f.Set("MessagingServiceSid", c.cfg.MessagingServiceSID)
	default:
		from, err := whatsappAddr(c.cfg.From)
		if err != nil {
			return nil, &bsp.ProviderError{Class: bsp.ClassPermanent, Title: "the clinic's Twilio sender number is not configured"}
		}
		f.Set("From", from)
	}
	switch req.Kind {
	case bsp.SendText:
		if strings.TrimSpace(req.Text) == "" {
			return nil, invalid("text message has no body")
		}
		if utf8.RuneCountInString(req.Text) > MaxBodyLen {
			return nil, invalid("text body longer than 1600 characters")
		}
		f.Set("Body", req.Text)
	case bsp.SendTemplate:
		if req.TemplateSID == "" {
			// Since April 2025 Twilio no longer matches template text sent
			// as Body (63016): templates go out by Content SID only.
			return nil, &bsp.ProviderError{Class: bsp.ClassTemplate, Title: "template has no Twilio Content SID"}
		}
		if err := setContent(f, req); err != nil {
			return nil, err
		}
	case bsp.SendInteractive:
		if req.TemplateSID == "" {
			// Twilio sends reply buttons only as a twilio/quick-reply
			// Content template; there is no inline form.
			return nil, invalid("interactive buttons need a Twilio quick-reply Content SID")
		}
		if err := setContent(f, req); err != nil {
			return nil, err
		}
	default:
		return nil, invalid("unknown message kind")
	}
	if c.cfg.StatusCallback != "" {
		cb, err := url.Parse(c.cfg.StatusCallback)
		if err != nil {
			return nil, &bsp.ProviderError{Class: bsp.ClassPermanent, Title: "status callback URL is invalid"}
		}
		if req.IdempotencyKey != "" {
			q := cb.Query()
			q.Set(IdempotencyParam, req.IdempotencyKey)
			cb.RawQuery = q.Encode()
		}
		f.Set("StatusCallback", cb.String())
	}
	return f, nil
}

func setContent(f url.Values, req bsp.SendRequest) error {
	f.Set("ContentSid", req.TemplateSID)
	if len(req.TemplateParams) == 0 {
		return nil
	}
	vars := make(map[string]string, len(req.TemplateParams))
	named := req.TemplateParams[0].Name != ""
	for i, p := range req.TemplateParams {
		if (p.Name != "") != named {
			return &bsp.ProviderError{Class: bsp.ClassTemplate, Title: "template mixes named and positional parameters"}
		}
		key := p.Name
		if !named {
			key = strconv.Itoa(i + 1)
		}
		vars[key] = p.Value
	}
	b, _ := json.Marshal(vars) // map keys are sorted: the form is deterministic
	f.Set("ContentVariables", string(b))
	return nil
}

func invalid(title string) *bsp.ProviderError {
	return &bsp.ProviderError{Class: bsp.ClassInvalid, Title: title}
}

// messageResource is the part of Twilio's Message resource the client reads.
type messageResource struct {
	SID          string  `json:"sid"`
	Status       string  `json:"status"`
	ErrorCode    *int    `json:"error_code"`
	ErrorMessage *string `json:"error_message"`
}

// Send posts one message. A nil error means Twilio accepted it (201);
// delivery arrives later through status callbacks.
func (c *Client) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	form, err := c.BuildSendForm(req)
	if err != nil {
		return bsp.SendResult{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return bsp.SendResult{}, invalid("cannot build request")
	}
	hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hreq.Header.Set("Accept", "application/json")
	if c.cfg.APIKeySID != "" {
		hreq.SetBasicAuth(c.cfg.APIKeySID, c.cfg.APIKeySecret)
	} else {
		hreq.SetBasicAuth(c.cfg.AccountSID, c.cfg.AuthToken)
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return bsp.SendResult{}, bsp.TransportError(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: resp.StatusCode, Title: "provider response cut short"}
	}
	if resp.StatusCode/100 != 2 {
		return bsp.SendResult{}, ParseError(resp.StatusCode, resp.Header, raw)
	}
	var m messageResource
	if err := json.Unmarshal(raw, &m); err != nil || m.SID == "" {
		return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: resp.StatusCode, Title: "provider response has no message sid"}
	}
	if m.Status == "failed" || m.Status == "undelivered" {
		code := 0
		if m.ErrorCode != nil {
			code = *m.ErrorCode
		}
		return bsp.SendResult{}, &bsp.ProviderError{Class: Classify(resp.StatusCode, code), HTTPStatus: resp.StatusCode,
			Code: code, Title: "message failed at creation"}
	}
	return bsp.SendResult{ProviderID: m.SID, Status: bsp.StatusSent}, nil
}

// MarkRead is a no-op: Twilio's Messages API has no read-receipt call for
// WhatsApp, so the patient does not see blue ticks from a Twilio clinic.
func (c *Client) MarkRead(ctx context.Context, providerID string) error { return nil }

// restError is Twilio's REST error body.
type restError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

// ParseError turns a non-2xx response into a *bsp.ProviderError.
func ParseError(status int, h http.Header, body []byte) *bsp.ProviderError {
	pe := &bsp.ProviderError{HTTPStatus: status}
	if v, err := strconv.Atoi(h.Get("Retry-After")); err == nil && v >= 0 {
		pe.RetryAfter = time.Duration(v) * time.Second
	}
	var re restError
	if json.Unmarshal(body, &re) == nil && (re.Code != 0 || re.Message != "") {
		pe.Code, pe.Title, pe.Details = re.Code, re.Message, re.MoreInfo
	} else {
		pe.Title = http.StatusText(status)
	}
	pe.Class = Classify(status, pe.Code)
	return pe
}

// Classify maps a Twilio error code (0 when unknown) and HTTP status to
// what the clinic should do.
func Classify(httpStatus, code int) bsp.ErrorClass {
	switch code {
	case 20003, 20005:
		return bsp.ClassAuth
	case 20429, 63018, 63038, 14107:
		return bsp.ClassThrottled
	case 63016:
		return bsp.ClassOutsideWindow
	case 63003, 63024, 63032, 21614, 30003, 30005, 30006:
		return bsp.ClassUndeliverable
	case 21211, 21212, 21602, 21617, 21619, 21656, 21910, 63021, 20404:
		return bsp.ClassInvalid
	case 21655, 63027, 63028:
		return bsp.ClassTemplate
	case 20500, 20503, 30008, 11200:
		return bsp.ClassRetry
	case 21610, 63007, 30007:
		return bsp.ClassPermanent
	}
	switch {
	case httpStatus == http.StatusUnauthorized || httpStatus == http.StatusForbidden:
		return bsp.ClassAuth
	case httpStatus == http.StatusTooManyRequests:
		return bsp.ClassThrottled
	case httpStatus >= 500:
		return bsp.ClassRetry
	}
	return bsp.ClassPermanent
}
