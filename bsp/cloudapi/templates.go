package cloudapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/clinicwa/triage/bsp"
)

// TemplateClient manages the business account's message templates through
// the Graph API's /{WABA-ID}/message_templates: submitting a template for
// review and reading back Meta's decision (APPROVED, REJECTED with a
// reason, PAUSED, DISABLED).
type TemplateClient struct {
	BaseURL string // default DefaultBaseURL
	Version string // default DefaultVersion
	WABAID  string // the WhatsApp Business Account id
	Token   string
	HTTP    *http.Client
}

// TemplateInfo is Meta's view of one template.
type TemplateInfo struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Language       string `json:"language"`
	Category       string `json:"category"`
	Status         string `json:"status"`
	RejectedReason string `json:"rejected_reason,omitempty"`
}

// TemplateSubmission is a template to submit. Examples are sample values
// for the body's variables, which Meta's reviewers require.
type TemplateSubmission struct {
	Name, Language, Category, Body string
	Examples                       []string
}

func (c TemplateClient) endpoint() string {
	base, ver := c.BaseURL, c.Version
	if base == "" {
		base = DefaultBaseURL
	}
	if ver == "" {
		ver = DefaultVersion
	}
	return strings.TrimRight(base, "/") + "/" + ver + "/" + url.PathEscape(c.WABAID) + "/message_templates"
}

// Submit sends a template for review; Meta answers PENDING (or decides at once).
func (c TemplateClient) Submit(ctx context.Context, t TemplateSubmission) (TemplateInfo, error) {
	comp := map[string]any{"type": "BODY", "text": t.Body}
	if len(t.Examples) > 0 {
		comp["example"] = map[string]any{"body_text": [][]string{t.Examples}}
	}
	body, _ := json.Marshal(map[string]any{"name": t.Name, "language": t.Language, "category": strings.ToUpper(t.Category),
		"components": []any{comp}})
	var out TemplateInfo
	if err := c.do(ctx, http.MethodPost, c.endpoint(), body, &out); err != nil {
		return TemplateInfo{}, err
	}
	out.Name, out.Language = t.Name, t.Language
	return out, nil
}

// List reads every template of the account with its review status.
func (c TemplateClient) List(ctx context.Context) ([]TemplateInfo, error) {
	var out struct {
		Data []TemplateInfo `json:"data"`
	}
	u := c.endpoint() + "?fields=id,name,language,category,status,rejected_reason&limit=1000"
	if err := c.do(ctx, http.MethodGet, u, nil, &out); err != nil {
		return nil, err
	}
	return out.Data, nil
}

func (c TemplateClient) do(ctx context.Context, method, u string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return &bsp.ProviderError{Class: bsp.ClassInvalid, Title: "cannot build request"}
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: defaultRequestTimeout}
	}
	resp, err := hc.Do(req)
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
