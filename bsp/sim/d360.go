package sim

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
)

// d360Webhook is the webhook registered through 360dialog's
// /v1/configs/webhook: where 360dialog delivers, and the custom headers
// it adds (the clinic's only way to authenticate those webhooks).
type d360Webhook struct {
	mu      sync.Mutex
	url     string
	headers map[string]string
}

// d360KeyOK checks the D360-API-KEY header in constant time.
func (s *Server) d360KeyOK(r *http.Request) bool {
	key := r.Header.Get("D360-API-KEY")
	want := s.cfg.D360APIKey
	if want == "" {
		want = s.cfg.AccessToken
	}
	return key != "" && (want == "" || subtle.ConstantTimeCompare([]byte(key), []byte(want)) == 1)
}

func write360Unauthorized(w http.ResponseWriter) {
	writeJSON(w, http.StatusUnauthorized, map[string]any{"meta": map[string]any{
		"success": false, "http_code": 401, "developer_message": "Invalid api_key"}})
}

// handleD360WebhookSet is POST /v1/configs/webhook:
// {"url":"https://…","headers":{"Authorization":"Bearer …"}}.
func (s *Server) handleD360WebhookSet(w http.ResponseWriter, r *http.Request) {
	if !s.d360KeyOK(r) {
		write360Unauthorized(w)
		return
	}
	var req struct {
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be JSON with url and optional headers"})
		return
	}
	if u, err := url.Parse(req.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "url must be an absolute http(s) URL"})
		return
	}
	s.d360.mu.Lock()
	s.d360.url, s.d360.headers = req.URL, req.Headers
	s.d360.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"url": req.URL})
}

// handleD360WebhookGet is GET /v1/configs/webhook. Header values are not
// echoed: they are the clinic's secret.
func (s *Server) handleD360WebhookGet(w http.ResponseWriter, r *http.Request) {
	if !s.d360KeyOK(r) {
		write360Unauthorized(w)
		return
	}
	s.d360.mu.Lock()
	u := s.d360.url
	names := make([]string, 0, len(s.d360.headers))
	for k := range s.d360.headers {
		names = append(names, k)
	}
	s.d360.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"url": u, "header_names": names})
}

// d360Target is where a 360dialog webhook goes and the headers it carries:
// the registered configuration when there is one, else Config's.
func (s *Server) d360Target(fallback string) (string, map[string]string) {
	s.d360.mu.Lock()
	defer s.d360.mu.Unlock()
	if s.d360.url != "" {
		return s.d360.url, s.d360.headers
	}
	return fallback, s.cfg.D360WebhookHeaders
}
