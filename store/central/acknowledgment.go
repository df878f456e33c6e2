package central

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// AckValidity is how long an acknowledgment of the messaging policy holds:
// the workforce acknowledges it again every year, and at once when the
// policy changes.
const AckValidity = 365 * 24 * time.Hour

// MessagingPolicy is the clinic's written messaging policy, as the
// workforce acknowledges it.
type MessagingPolicy struct {
	Version string
	Title   string
	Text    string
	// SHA256 pins the exact file acknowledged: any edit, even one that
	// keeps the version, asks everyone again.
	SHA256 string
	// Source is "embedded" or the file it was read from.
	Source string
}

// ParseMessagingPolicy reads the policy file format: a "Version:" line, an
// optional "Title:" line, a blank line, then the text.
func ParseMessagingPolicy(raw []byte) (MessagingPolicy, error) {
	if !utf8.Valid(raw) {
		return MessagingPolicy{}, errors.New("the messaging policy is not UTF-8 text")
	}
	sum := sha256.Sum256(raw)
	p := MessagingPolicy{SHA256: hex.EncodeToString(sum[:])}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	head, body, ok := strings.Cut(text, "\n\n")
	if !ok {
		return p, errors.New("the messaging policy needs header lines (Version:, Title:), a blank line, then the text")
	}
	for _, line := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "version":
			p.Version = strings.TrimSpace(v)
		case "title":
			p.Title = strings.TrimSpace(v)
		}
	}
	p.Text = strings.TrimSpace(body)
	switch {
	case p.Version == "" || len(p.Version) > 40:
		return p, errors.New("the messaging policy must start with a line \"Version: <1 to 40 characters>\"")
	case p.Text == "":
		return p, errors.New("the messaging policy has no text after its header")
	}
	if p.Title == "" {
		p.Title = "Messaging policy"
	}
	return p, nil
}

// policyCache keeps the parsed policy file of a data folder until the
// file changes, so the check on every thread request costs one stat.
var policyCache struct {
	sync.Mutex
	path string
	mod  time.Time
	size int64
	pol  MessagingPolicy
}

// LoadMessagingPolicy reads the policy in force for a data folder: its
// messaging-policy.txt when present, else the embedded default. A file
// that is present but unreadable or malformed is an error, never a
// silent fall-back to the default.
func LoadMessagingPolicy(dataDir string) (MessagingPolicy, error) {
	path := filepath.Join(dataDir, assets.MessagingPolicyFile)
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		p, err := ParseMessagingPolicy(assets.DefaultMessagingPolicy())
		p.Source = "embedded"
		return p, err
	}
	if err != nil {
		return MessagingPolicy{}, fmt.Errorf("messaging policy %s: %w", path, err)
	}
	policyCache.Lock()
	defer policyCache.Unlock()
	if policyCache.path == path && policyCache.mod.Equal(fi.ModTime()) && policyCache.size == fi.Size() {
		return policyCache.pol, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return MessagingPolicy{}, fmt.Errorf("messaging policy %s: %w", path, err)
	}
	p, err := ParseMessagingPolicy(raw)
	if err != nil {
		return p, fmt.Errorf("messaging policy %s: %w", path, err)
	}
	p.Source = path
	policyCache.path, policyCache.mod, policyCache.size, policyCache.pol = path, fi.ModTime(), fi.Size(), p
	return p, nil
}

func (s *Server) messagingPolicy() (MessagingPolicy, error) {
	return LoadMessagingPolicy(s.cfg.DataDir)
}

func (s *Server) latestAck(ctx context.Context, userID string) (*records.AckRow, error) {
	return records.PolicyAcks{}.Latest(ctx, s.db, userID)
}

// currentAck is the user's acknowledgment of exactly this policy text
// within AckValidity, or nil.
func (s *Server) currentAck(ctx context.Context, userID string, pol MessagingPolicy) (*records.AckRow, error) {
	return records.PolicyAcks{}.Current(ctx, s.db, userID, pol.SHA256, s.now().Add(-AckValidity))
}

// acked guards the thread routes: a user who has not acknowledged the
// policy in force gets 403 with CodePolicyAckRequired, so no modified
// console can open a thread before its user has signed the policy.
func (s *Server) acked(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess := sessionFrom(r)
		pol, err := s.messagingPolicy()
		if err != nil {
			s.log.Error("messaging policy unreadable", "err", err.Error())
			writeError(w, http.StatusServiceUnavailable, "the clinic's messaging policy could not be read; tell your administrator")
			return
		}
		ack, err := s.currentAck(r.Context(), sess.User.ID, pol)
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, "the server could not check your policy acknowledgment; try again")
			return
		}
		if ack == nil {
			writeJSON(w, http.StatusForbidden, api.Error{Code: api.CodePolicyAckRequired,
				Error: "Read and acknowledge the clinic's messaging policy (version " + pol.Version + ") before opening threads."})
			return
		}
		h(w, r)
	}
}

// complianceRoutes mounts the policy and access-review status routes.
func (s *Server) complianceRoutes(mux *http.ServeMux) {
	v := api.Version
	mux.Handle("GET "+v+"/policy", s.authed(s.handlePolicy))
	mux.Handle("POST "+v+"/policy/ack", s.authed(s.handlePolicyAck))
	mux.Handle("GET "+v+"/access-review/status", s.authed(s.handleReviewStatus))
	mux.Handle("GET "+v+"/vendors", s.authed(s.handleVendors))
}

func (s *Server) handlePolicy(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	pol, err := s.messagingPolicy()
	if err != nil {
		s.log.Error("messaging policy unreadable", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the clinic's messaging policy could not be read; tell your administrator")
		return
	}
	out := api.MessagingPolicy{Version: pol.Version, Title: pol.Title, Text: pol.Text, SHA256: pol.SHA256}
	ack, err := s.currentAck(r.Context(), sess.User.ID, pol)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the server could not check your policy acknowledgment; try again")
		return
	}
	if ack != nil {
		out.Acknowledged, out.AckedAt = true, ack.At
	}
	writeJSON(w, http.StatusOK, out)
}

// CheckAckName checks the full name typed to acknowledge the policy.
func CheckAckName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	n := utf8.RuneCountInString(name)
	letters := 0
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", errors.New("the name holds a control character")
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if n < api.MinAckName || n > api.MaxAckName || letters < 2 {
		return "", fmt.Errorf("type your full name (%d to %d characters) to acknowledge the policy", api.MinAckName, api.MaxAckName)
	}
	return name, nil
}

// handlePolicyAck records the user's acknowledgment of the version shown
// to them. A version other than the one in force is refused (409): the
// policy changed while it was on screen, and the new text must be read.
func (s *Server) handlePolicyAck(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	ctx := r.Context()
	var req api.PolicyAckRequest
	if !decodeJSON(w, r, &req, 4<<10) {
		return
	}
	pol, err := s.messagingPolicy()
	if err != nil {
		s.log.Error("messaging policy unreadable", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the clinic's messaging policy could not be read; tell your administrator")
		return
	}
	if req.Version != pol.Version {
		writeError(w, http.StatusConflict, "the messaging policy changed to version "+pol.Version+"; read the new text and acknowledge it")
		return
	}
	name, err := CheckAckName(req.FullName)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, api.Refusal{Rule: "full_name", Reason: strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + "."})
		return
	}
	id := records.NewID("ack")
	sealed, err := s.keys.SealString("policy_acks", "name", id, name)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the acknowledgment could not be recorded; try again")
		return
	}
	now := s.now()
	err = s.store.Tx(ctx, func(q Querier) error {
		if err := (records.PolicyAcks{}).Insert(ctx, q, id, sess.User.ID, pol.Version, pol.SHA256, sess.ConsoleID, sealed, now); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "policy.ack",
			Object: "policy:" + pol.Version, Outcome: "ok", Detail: map[string]string{"ack_id": id, "sha256": pol.SHA256[:16]}})
	})
	if err != nil {
		s.log.Error("policy acknowledgment not recorded", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the acknowledgment could not be recorded; try again")
		return
	}
	s.log.Info("policy acknowledged", "user", sess.User.ID, "version", pol.Version)
	writeJSON(w, http.StatusOK, api.PolicyAckResponse{Version: pol.Version, At: now})
}

func (s *Server) handleReviewStatus(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionViewAudit) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewAudit))
		return
	}
	st, err := s.reviewStatus(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the review status could not be loaded; try again")
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// acknowledgments lists every acknowledgment made in [from, to).
func (s *Server) acknowledgments(ctx context.Context, from, to time.Time) ([]records.AckRecord, error) {
	return records.PolicyAcks{}.Between(ctx, s.db, from, to)
}
