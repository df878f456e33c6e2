// Package cloudapi speaks Meta's WhatsApp Cloud API (Graph API) and the
// 360dialog proxy that hosts it: sending text, templates and interactive
// reply buttons, marking messages read, and verifying and parsing the
// webhooks both deliver.
package cloudapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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

// Dialects a Client can speak.
const (
	// DialectCloudAPI is Meta's Graph API: POST /{version}/{phone-number-id}/messages with a Bearer token.
	DialectCloudAPI = "cloudapi"
	// Dialect360dialog is 360dialog's hosted Cloud API: POST /messages with a D360-API-KEY header.
	Dialect360dialog = "360dialog"
)

// Defaults applied by New when the Config leaves them empty.
const (
	DefaultBaseURL        = "https://graph.facebook.com"
	Default360dialogURL   = "https://waba-v2.360dialog.io"
	DefaultVersion        = "v25.0"
	defaultRequestTimeout = 30 * time.Second
	maxResponseBody       = 1 << 20
)

// Limits Meta enforces on the messages the clinic sends; checked before the
// request leaves so a malformed send fails fast and is not retried.
const (
	MaxTextLen         = 4096
	MaxInteractiveBody = 1024
	MaxButtons         = 3
	MaxButtonTitle     = 20
	MaxButtonID        = 256
	MaxCallbackData    = 512
)

// Config says how to reach the provider.
type Config struct {
	// BaseURL defaults to Meta's Graph host, or to 360dialog's for that dialect.
	BaseURL string
	// Version is the Graph API version in the path (Cloud API only).
	Version string
	// PhoneNumberID is the business number's Graph id (Cloud API only).
	PhoneNumberID string
	// Token is the system-user access token, or the 360dialog API key.
	Token string
	// HTTPClient defaults to a client with a 30-second timeout.
	HTTPClient *http.Client
	// Dialect is DialectCloudAPI (default) or Dialect360dialog.
	Dialect string
}

// Client sends through the Cloud API. It is safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint string
	hc       *http.Client
}

var _ bsp.Provider = (*Client)(nil)

// New returns a Client for cfg, filling in defaults.
func New(cfg Config) *Client {
	if cfg.Dialect == "" {
		cfg.Dialect = DialectCloudAPI
	}
	if cfg.Version == "" {
		cfg.Version = DefaultVersion
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
		if cfg.Dialect == Dialect360dialog {
			cfg.BaseURL = Default360dialogURL
		}
	}
	base := strings.TrimRight(cfg.BaseURL, "/")
	var endpoint string
	if cfg.Dialect == Dialect360dialog {
		// 360dialog injects the number itself; a version or id in the path is refused.
		endpoint = base + "/messages"
	} else {
		endpoint = base + "/" + url.PathEscape(cfg.Version) + "/" + url.PathEscape(cfg.PhoneNumberID) + "/messages"
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: defaultRequestTimeout}
	}
	return &Client{cfg: cfg, endpoint: endpoint, hc: hc}
}

// Name is the dialect: "cloudapi" or "360dialog".
func (c *Client) Name() string { return c.cfg.Dialect }

// Send posts one message. A nil error means the provider accepted it;
// delivery arrives later as status webhooks. Errors are *bsp.ProviderError.
func (c *Client) Send(ctx context.Context, req bsp.SendRequest) (bsp.SendResult, error) {
	body, err := BuildSendBody(req)
	if err != nil {
		return bsp.SendResult{}, err
	}
	var resp sendResponse
	if err := c.post(ctx, body, &resp); err != nil {
		return bsp.SendResult{}, err
	}
	if len(resp.Messages) == 0 || resp.Messages[0].ID == "" {
		return bsp.SendResult{}, &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: http.StatusOK,
			Title: "provider accepted the request but returned no message id"}
	}
	return bsp.SendResult{ProviderID: resp.Messages[0].ID, Status: bsp.StatusSent}, nil
}

// MarkRead marks a patient's message (and the ones before it) read.
func (c *Client) MarkRead(ctx context.Context, providerID string) error {
	if providerID == "" {
		return &bsp.ProviderError{Class: bsp.ClassInvalid, Title: "missing message id"}
	}
	body, _ := marshal(readBody{MessagingProduct: "whatsapp", Status: "read", MessageID: providerID})
	var resp struct {
		Success bool `json:"success"`
	}
	if err := c.post(ctx, body, &resp); err != nil {
		return err
	}
	if !resp.Success {
		return &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: http.StatusOK, Title: "mark-read not confirmed"}
	}
	return nil
}

func (c *Client) post(ctx context.Context, body []byte, out any) error {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return &bsp.ProviderError{Class: bsp.ClassInvalid, Title: "cannot build request"}
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if c.cfg.Dialect == Dialect360dialog {
		hreq.Header.Set("D360-API-KEY", c.cfg.Token)
	} else {
		hreq.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return bsp.TransportError(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		return &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: resp.StatusCode, Title: "provider response cut short"}
	}
	if resp.StatusCode/100 != 2 {
		return ParseError(resp.StatusCode, resp.Header, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &bsp.ProviderError{Class: bsp.ClassRetry, HTTPStatus: resp.StatusCode, Title: "provider response is not valid JSON"}
	}
	return nil
}

// Wire shapes of the send API. Field order is the order on the wire, which
// the golden tests pin.
type (
	sendBody struct {
		MessagingProduct string           `json:"messaging_product"`
		RecipientType    string           `json:"recipient_type"`
		To               string           `json:"to"`
		Type             string           `json:"type"`
		Context          *contextRef      `json:"context,omitempty"`
		Text             *textBody        `json:"text,omitempty"`
		Template         *templateBody    `json:"template,omitempty"`
		Interactive      *interactiveBody `json:"interactive,omitempty"`
		CallbackData     string           `json:"biz_opaque_callback_data,omitempty"`
	}
	contextRef struct {
		MessageID string `json:"message_id"`
	}
	textBody struct {
		Body       string `json:"body"`
		PreviewURL bool   `json:"preview_url,omitempty"`
	}
	templateBody struct {
		Name       string       `json:"name"`
		Language   languageRef  `json:"language"`
		Components []components `json:"components,omitempty"`
	}
	languageRef struct {
		Code string `json:"code"`
	}
	components struct {
		Type       string          `json:"type"`
		Parameters []templateParam `json:"parameters"`
	}
	templateParam struct {
		Type          string `json:"type"`
		ParameterName string `json:"parameter_name,omitempty"`
		Text          string `json:"text"`
	}
	interactiveBody struct {
		Type   string    `json:"type"`
		Body   textOnly  `json:"body"`
		Action actionRef `json:"action"`
	}
	textOnly struct {
		Text string `json:"text"`
	}
	actionRef struct {
		Buttons []replyButton `json:"buttons"`
	}
	replyButton struct {
		Type  string   `json:"type"`
		Reply replyRef `json:"reply"`
	}
	replyRef struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	readBody struct {
		MessagingProduct string `json:"messaging_product"`
		Status           string `json:"status"`
		MessageID        string `json:"message_id"`
	}
	sendResponse struct {
		MessagingProduct string `json:"messaging_product"`
		Contacts         []struct {
			Input string `json:"input"`
			WaID  string `json:"wa_id"`
		} `json:"contacts"`
		Messages []struct {
			ID            string `json:"id"`
			MessageStatus string `json:"message_status,omitempty"`
		} `json:"messages"`
	}
)

// BuildSendBody validates req and returns the exact JSON the Client posts.
// Validation failures are *bsp.ProviderError with ClassInvalid (or
// ClassTemplate), so they are never retried.
func BuildSendBody(req bsp.SendRequest) ([]byte, error) {
	to, err := e164.Normalize(req.To)
	if err != nil {
		return nil, invalid("recipient is not an E.164 phone number")
	}
	if len(req.IdempotencyKey) > MaxCallbackData {
		return nil, invalid("idempotency key longer than 512 bytes")
	}
	b := sendBody{MessagingProduct: "whatsapp", RecipientType: "individual", To: to,
		Type: string(req.Kind), CallbackData: req.IdempotencyKey}
	if req.ReplyTo != "" {
		b.Context = &contextRef{MessageID: req.ReplyTo}
	}
	switch req.Kind {
	case bsp.SendText:
		if strings.TrimSpace(req.Text) == "" {
			return nil, invalid("text message has no body")
		}
		if utf8.RuneCountInString(req.Text) > MaxTextLen {
			return nil, invalid("text body longer than 4096 characters")
		}
		b.Text = &textBody{Body: req.Text, PreviewURL: req.PreviewURL}
	case bsp.SendTemplate:
		t, err := buildTemplate(req)
		if err != nil {
			return nil, err
		}
		b.Template = t
	case bsp.SendInteractive:
		ib, err := buildInteractive(req)
		if err != nil {
			return nil, err
		}
		b.Interactive = ib
	default:
		return nil, invalid("unknown message kind")
	}
	return marshal(b)
}

func buildTemplate(req bsp.SendRequest) (*templateBody, error) {
	if req.TemplateName == "" {
		return nil, &bsp.ProviderError{Class: bsp.ClassTemplate, Title: "template name missing"}
	}
	if req.TemplateLanguage == "" {
		return nil, &bsp.ProviderError{Class: bsp.ClassTemplate, Title: "template language missing"}
	}
	t := &templateBody{Name: req.TemplateName, Language: languageRef{Code: req.TemplateLanguage}}
	if len(req.TemplateParams) == 0 {
		return t, nil
	}
	named := req.TemplateParams[0].Name != ""
	params := make([]templateParam, 0, len(req.TemplateParams))
	for _, p := range req.TemplateParams {
		if (p.Name != "") != named {
			// Meta rejects a template mixing {{1}} and {{name}} parameters.
			return nil, &bsp.ProviderError{Class: bsp.ClassTemplate, Title: "template mixes named and positional parameters"}
		}
		params = append(params, templateParam{Type: "text", ParameterName: p.Name, Text: p.Value})
	}
	t.Components = []components{{Type: "body", Parameters: params}}
	return t, nil
}

func buildInteractive(req bsp.SendRequest) (*interactiveBody, error) {
	if strings.TrimSpace(req.Text) == "" {
		return nil, invalid("interactive message has no body")
	}
	if utf8.RuneCountInString(req.Text) > MaxInteractiveBody {
		return nil, invalid("interactive body longer than 1024 characters")
	}
	if len(req.Buttons) == 0 || len(req.Buttons) > MaxButtons {
		return nil, invalid("interactive message needs one to three buttons")
	}
	seen := make(map[string]bool, len(req.Buttons))
	buttons := make([]replyButton, 0, len(req.Buttons))
	for _, btn := range req.Buttons {
		n := utf8.RuneCountInString(btn.Title)
		switch {
		case btn.ID == "" || len(btn.ID) > MaxButtonID:
			return nil, invalid("button id must be 1 to 256 characters")
		case n == 0 || n > MaxButtonTitle:
			return nil, invalid("button title must be 1 to 20 characters")
		case seen[btn.Title]:
			return nil, invalid("button titles must be unique")
		}
		seen[btn.Title] = true
		buttons = append(buttons, replyButton{Type: "reply", Reply: replyRef{ID: btn.ID, Title: btn.Title}})
	}
	return &interactiveBody{Type: "button", Body: textOnly{Text: req.Text}, Action: actionRef{Buttons: buttons}}, nil
}

func invalid(title string) *bsp.ProviderError {
	return &bsp.ProviderError{Class: bsp.ClassInvalid, Title: title}
}

// marshal encodes without Go's HTML escaping, so a body reads on the wire
// as the clinic wrote it ("<", "&" and ">" unescaped, as Meta's own examples).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("cloudapi: encode: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// graphError is the Graph API error envelope.
type graphError struct {
	Error *struct {
		Message   string `json:"message"`
		Type      string `json:"type"`
		Code      int    `json:"code"`
		Subcode   int    `json:"error_subcode"`
		UserTitle string `json:"error_user_title"`
		UserMsg   string `json:"error_user_msg"`
		FBTraceID string `json:"fbtrace_id"`
		ErrorData *struct {
			Details string `json:"details"`
		} `json:"error_data"`
	} `json:"error"`
}

// ParseError turns a non-2xx send response into a *bsp.ProviderError. It
// understands the Graph envelope and falls back to the HTTP status for
// bodies it does not (360dialog's own errors, proxies, HTML pages).
func ParseError(status int, h http.Header, body []byte) *bsp.ProviderError {
	pe := &bsp.ProviderError{HTTPStatus: status, RetryAfter: retryAfter(h)}
	var ge graphError
	if json.Unmarshal(body, &ge) == nil && ge.Error != nil && (ge.Error.Code != 0 || ge.Error.Message != "") {
		pe.Code = ge.Error.Code
		pe.Title = ge.Error.Message
		if ge.Error.ErrorData != nil {
			pe.Details = ge.Error.ErrorData.Details
		}
		if pe.Details == "" {
			pe.Details = ge.Error.UserMsg
		}
		pe.Class = Classify(status, ge.Error.Code)
		return pe
	}
	pe.Title = http.StatusText(status)
	if pe.Title == "" {
		pe.Title = "HTTP " + strconv.Itoa(status)
	}
	pe.Class = Classify(status, 0)
	return pe
}

// Classify maps a Cloud API error code (0 when unknown) and HTTP status to
// what the clinic should do. Codes win over HTTP statuses because Meta has
// changed the status of the same code over time (400 vs 429 for throttling).
func Classify(httpStatus, code int) bsp.ErrorClass {
	switch code {
	case 190, 0:
		if code == 190 || httpStatus == http.StatusUnauthorized {
			return bsp.ClassAuth
		}
	case 10:
		return bsp.ClassAuth
	case 4, 80007, 130429, 131048:
		return bsp.ClassThrottled
	case 131056:
		return bsp.ClassPairRate
	case 131047:
		return bsp.ClassOutsideWindow
	case 131026, 133010:
		return bsp.ClassUndeliverable
	case 100, 131008, 131009, 131021, 131051:
		return bsp.ClassInvalid
	case 131000, 131016, 131057, 1, 2:
		return bsp.ClassRetry
	case 368, 131031, 131049, 131050:
		return bsp.ClassPermanent
	}
	switch {
	case code >= 132000 && code <= 132999:
		return bsp.ClassTemplate
	case code >= 200 && code <= 299:
		return bsp.ClassAuth // permission errors: an administrator must grant them
	}
	switch {
	case httpStatus == http.StatusUnauthorized || httpStatus == http.StatusForbidden:
		return bsp.ClassAuth
	case httpStatus == http.StatusTooManyRequests:
		return bsp.ClassThrottled
	case httpStatus >= 500 || httpStatus == http.StatusRequestTimeout:
		return bsp.ClassRetry
	}
	return bsp.ClassPermanent
}

// retryAfter reads a Retry-After header given in seconds or as a date.
func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}
