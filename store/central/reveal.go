package central

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// RevealTTL is how long a revealed message's text stays on the console
// before it is masked again.
const RevealTTL = 5 * time.Minute

// maxRevealList bounds one review page of reveals.
const maxRevealList = 500

// accessRoutes mounts sign-in enrolment, session resume and the
// break-glass reveal routes.
func (s *Server) accessRoutes(mux *http.ServeMux) {
	v := api.Version
	mux.HandleFunc("POST "+v+"/totp/enrol", s.handleEnrol)
	mux.Handle("GET "+v+"/session", s.authed(s.handleSession))
	mux.Handle("POST "+v+"/threads/{id}/messages/{mid}/reveal", s.authed(s.acked(s.handleReveal)))
	mux.Handle("GET "+v+"/reveals", s.authed(s.handleReveals))
}

// handleReveal is break-glass access to one inbound message's original
// text: for roles allowed to reveal, with a stated reason. The reason may
// hold PHI ("patient asked about her HIV result"), so it is sealed in the
// reveals table and the audit entry carries only the reveal's id; the
// reveal row, the audit entry and the answer happen together or not at
// all.
func (s *Server) handleReveal(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	ctx := r.Context()
	var req api.RevealRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		return
	}
	object := "message:" + r.PathValue("mid")
	refuse := func(status int, rule, why string) {
		s.auditOnly(ctx, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.reveal",
			Object: object, Outcome: "refused", Detail: map[string]string{"rule": rule}})
		if status == http.StatusUnprocessableEntity {
			writeJSON(w, status, api.Refusal{Rule: rule, Reason: why})
			return
		}
		writeError(w, status, why)
	}
	if !policy.Can(role, policy.ActionRevealMasked) {
		refuse(http.StatusForbidden, policy.RuleRole, policy.Why(role, policy.ActionRevealMasked))
		return
	}
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	reason := strings.TrimSpace(req.Reason)
	if n := utf8.RuneCountInString(reason); n < api.MinRevealReason || n > api.MaxRevealReason || !utf8.ValidString(reason) {
		refuse(http.StatusUnprocessableEntity, "reason", "Say why you need the unmasked text, in "+
			strconv.Itoa(api.MinRevealReason)+" to "+strconv.Itoa(api.MaxRevealReason)+" characters.")
		return
	}
	msg, err := s.store.Messages.Get(ctx, s.db, r.PathValue("mid"))
	if errors.Is(err, ErrNotFound) || (err == nil && msg.ThreadID != th.ID) {
		writeError(w, http.StatusNotFound, "no such message in this thread")
		return
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the message could not be loaded; try again")
		return
	}
	if msg.Direction != "in" {
		refuse(http.StatusUnprocessableEntity, "direction", "Only a patient's message can be revealed; the clinic's own replies hold no masked details.")
		return
	}
	if revoked, err := s.store.Messages.Revoked(ctx, s.db, msg); err != nil {
		writeError(w, http.StatusServiceUnavailable, "the message could not be loaded; try again")
		return
	} else if revoked {
		// Kept sealed for the retention period, but the patient took it
		// back: no console shows it again.
		refuse(http.StatusUnprocessableEntity, "revoked", "The patient deleted this message; it is kept for the record but not shown.")
		return
	}
	now := s.now()
	id := records.NewID("rvl")
	sealed, err := s.keys.SealString("reveals", "reason", id, reason)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the reveal could not be recorded; try again")
		return
	}
	expires := now.Add(RevealTTL)
	err = s.store.Tx(ctx, func(q Querier) error {
		if err := (records.Reveals{}).Insert(ctx, q, id, sess.User.ID, string(role), sess.ConsoleID, th.ID, msg.ID, sealed, now, expires); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "message.reveal",
			Object: "message:" + msg.ID, Outcome: "ok", Detail: map[string]string{"reveal_id": id, "thread_id": th.ID}})
	})
	if err != nil {
		s.log.Error("reveal not recorded", "message", msg.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the reveal could not be recorded; nothing was shown; try again")
		return
	}
	s.log.Info("message revealed", "message", msg.ID, "reveal", id, "user", sess.User.ID)
	writeJSON(w, http.StatusOK, api.RevealResponse{RevealID: id, ThreadID: th.ID, MessageID: msg.ID, Text: msg.Body, ExpiresAt: expires})
}

// handleReveals lists reveals newest first for review (?limit=N, ?user=
// username). Viewing the audit trail is the right that lets one list
// them; the reasons, which may hold patient details, go only to roles that
// may read patient text, so an admin sees who revealed what and when, but
// not why. The review itself is audited.
func (s *Server) handleReveals(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	ctx := r.Context()
	if !policy.Can(role, policy.ActionViewAudit) {
		s.auditOnly(ctx, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "reveals.view",
			Object: "reveals", Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewAudit))
		return
	}
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "limit must be a positive number")
			return
		}
		limit = min(n, maxRevealList)
	}
	withReason := policy.Can(role, policy.ActionRevealMasked)
	list, err := s.reveals(ctx, r.URL.Query().Get("user"), limit, withReason)
	if err != nil {
		s.log.Error("reveal list failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the reveals could not be loaded; try again")
		return
	}
	if err := s.auditOnly(ctx, auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "reveals.view",
		Object: "reveals", Outcome: "ok", Detail: map[string]string{"count": strconv.Itoa(len(list)), "reasons": strconv.FormatBool(withReason)}}); err != nil {
		writeError(w, http.StatusServiceUnavailable, "the review could not be recorded; try again")
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) reveals(ctx context.Context, username string, limit int, withReason bool) ([]api.RevealRecord, error) {
	rows, err := records.Reveals{}.List(ctx, s.db, username, limit)
	if err != nil {
		return nil, err
	}
	out := make([]api.RevealRecord, 0, len(rows))
	for _, r := range rows {
		rec := r.RevealRecord
		if withReason {
			if rec.Reason, err = s.keys.OpenString("reveals", "reason", rec.ID, r.ReasonSealed); err != nil {
				return nil, err
			}
		} else {
			rec.ReasonWithheld = true
		}
		out = append(out, rec)
	}
	return out, nil
}
