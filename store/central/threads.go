package central

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// markReadTimeout bounds the best-effort read receipt to the provider.
const markReadTimeout = 15 * time.Second

// visibility says whether role may see th; when not, why is the refusal
// sentence. Clinical threads (handed to nurses) are for roles with
// view_clinical_threads.
func visibility(role policy.Role, th records.Thread) (ok bool, why string) {
	if !policy.Can(role, policy.ActionViewThreads) {
		return false, policy.Why(role, policy.ActionViewThreads)
	}
	if th.State == api.ThreadClinical && !policy.Can(role, policy.ActionViewClinicalThreads) {
		return false, policy.Why(role, policy.ActionViewClinicalThreads)
	}
	return true, ""
}

func (s *Server) window() time.Duration {
	if s.cfg.Rules.Window > 0 {
		return s.cfg.Rules.Window
	}
	return policy.DefaultOutboundRules().Window
}

func (s *Server) handleThreads(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewThreads))
		return
	}
	list, err := s.store.Threads.Summaries(r.Context(), s.db, sess.User.ID, policy.Can(role, policy.ActionViewClinicalThreads), s.window())
	if err != nil {
		s.log.Error("thread list failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the inbox could not be loaded; try again")
		return
	}
	writeJSON(w, http.StatusOK, list)
}

// defaultPage is the inbox page size when the console does not say.
const defaultPage = 100

// maxChanges is how many changed rows a re-sync sends one by one; past
// it the console is told to reload its first page.
const maxChanges = 1000

// handleInboxChanges serves ?since=<seq>: the rows changed after it, for a
// console re-syncing after a gap in its event stream.
func (s *Server) handleInboxChanges(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewThreads))
		return
	}
	since, err := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
	if err != nil || since < 0 {
		writeError(w, http.StatusBadRequest, "since must be the change number of the last page or event")
		return
	}
	ch, err := s.store.Threads.ChangesSince(r.Context(), s.db, sess.User.ID, policy.Can(role, policy.ActionViewClinicalThreads),
		since, maxChanges, s.window())
	if err != nil {
		s.log.Error("inbox changes failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the inbox could not be loaded; try again")
		return
	}
	now := s.now()
	for i := range ch.Threads {
		s.fillSLA(&ch.Threads[i], now)
	}
	writeJSON(w, http.StatusOK, ch)
}

// liveSummary is a thread's row for its live event. Read markers are per
// user and an event goes to everyone, so its Unread counts from the
// shared marker only; consoles apply their own (api.ThreadSummary.Inbound).
func (s *Server) liveSummary(ctx context.Context, threadID string) (api.ThreadSummary, map[api.ThreadState]int, error) {
	ts, err := s.store.Threads.Summary(ctx, s.db, threadID, "", s.window())
	if err != nil {
		return ts, nil, err
	}
	s.fillSLA(&ts, s.now())
	counts, err := s.store.Threads.Counts(ctx, s.db, true)
	return ts, counts, err
}

// loadVisibleThread answers 404 or 403 itself when the thread is missing
// or hidden from the caller's role.
func (s *Server) loadVisibleThread(w http.ResponseWriter, r *http.Request, sess *session) (records.Thread, bool) {
	th, err := s.store.Threads.Get(r.Context(), s.db, r.PathValue("id"))
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "no such thread")
		return records.Thread{}, false
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the thread could not be loaded; try again")
		return records.Thread{}, false
	}
	if ok, why := visibility(sess.User.Role, th); !ok {
		s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "thread.view",
			Object: "thread:" + th.ID, Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
		writeError(w, http.StatusForbidden, why)
		return records.Thread{}, false
	}
	return th, true
}

func (s *Server) handleThread(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	ctx := r.Context()
	var (
		detail  api.ThreadDetail
		readIDs []string
	)
	err := s.store.Tx(ctx, func(q Querier) error {
		var err error
		if readIDs, err = s.store.Messages.MarkThreadRead(ctx, q, th.ID); err != nil {
			return err
		}
		if err = s.store.Threads.MarkRead(ctx, q, sess.User.ID, th.ID); err != nil {
			return err
		}
		if detail.Thread, err = s.store.Threads.Summary(ctx, q, th.ID, sess.User.ID, s.window()); err != nil {
			return err
		}
		if detail.Consent, err = s.consentState(ctx, q, th); err != nil {
			return err
		}
		if detail.Clock, err = s.patientClock(ctx, q, th); err != nil {
			return err
		}
		if detail.Scheduled, err = s.scheduledFor(ctx, q, th.ID); err != nil {
			return err
		}
		msgs, err := s.store.Messages.ListThread(ctx, q, th.ID)
		if err != nil {
			return err
		}
		// Replies, reactions, edits and revokes are joined to the
		// messages they act on (composeThread).
		detail.Messages = composeThread(msgs)
		// Messages record who sent them by user id, which stays right
		// through renames; the console shows the sender's username.
		names := map[string]string{}
		for i := range detail.Messages {
			am := &detail.Messages[i]
			if am.SentBy != "" {
				name, seen := names[am.SentBy]
				if !seen {
					if u, err := s.store.Users.Get(ctx, q, am.SentBy); err == nil {
						name = u.Username
					}
					names[am.SentBy] = name
				}
				if name != "" {
					am.SentBy = name
				}
			}
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "thread.view",
			Object: "thread:" + th.ID, Outcome: "ok"})
	})
	if err != nil {
		s.log.Error("thread view failed", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the thread could not be opened; try again")
		return
	}
	s.fillSLA(&detail.Thread, s.now())
	writeJSON(w, http.StatusOK, detail)
	if len(readIDs) > 0 {
		// WhatsApp marks every earlier message read with the latest one.
		s.markReadAsync(readIDs[len(readIDs)-1], th.ID)
		s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: th.ID})
	}
}

// markReadAsync sends the read receipt without holding up the console;
// a failure costs the patient only the blue ticks.
func (s *Server) markReadAsync(providerID, threadID string) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		ctx, cancel := context.WithTimeout(s.bgCtx, markReadTimeout)
		defer cancel()
		if err := s.cfg.Provider.MarkRead(ctx, providerID); err != nil {
			s.log.Warn("read receipt not sent", "thread", threadID)
		}
	}()
}

func joinComma(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}
