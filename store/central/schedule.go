package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// scheduleEvery is how often due scheduled messages are looked for.
const scheduleEvery = time.Second

// handleSchedule schedules a send for the patient's next allowed minute,
// for a message the quiet hours refused. Nothing is decided now but the
// time: when it is due the full outbound pipeline runs again (consent may
// have been withdrawn, the window may have closed) and the message goes
// once, under the idempotency key "sched-<id>".
func (s *Server) handleSchedule(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	var req api.SendRequest
	if !decodeJSON(w, r, &req, 64<<10) {
		return
	}
	req.IdempotencyKey = strings.TrimSpace(req.IdempotencyKey)
	kinds := 0
	for _, set := range []bool{req.MacroID != "", req.Text != "", req.Template != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case req.IdempotencyKey == "" || len(req.IdempotencyKey) > 128:
		writeError(w, http.StatusBadRequest, "idempotency_key is required (at most 128 characters)")
		return
	case kinds != 1:
		writeError(w, http.StatusBadRequest, "schedule a template, a macro or text")
		return
	case len(req.Text) > maxFreeText:
		writeError(w, http.StatusBadRequest, "the message is longer than WhatsApp allows (4,096 characters)")
		return
	}
	th, ok := s.loadVisibleThread(w, r, sess)
	if !ok {
		return
	}
	ctx := r.Context()
	var out api.ScheduledSend
	err := s.store.Tx(ctx, func(q Querier) error {
		// The id is the user's key, hashed: a retried request finds its
		// schedule and adds none.
		id := "sch_" + strings.TrimPrefix(s.auditHMAC("schedule.key", sess.User.ID+"|"+req.IdempotencyKey), "hmac-sha256:")[:24]
		if prevDue, prevState, err := (records.Schedules{}).Get(ctx, q, id); err == nil {
			out = api.ScheduledSend{ID: id, DueAt: prevDue, State: prevState, What: scheduledWhat(req)}
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		p, err := s.store.Patients.Get(ctx, q, th.PatientID)
		if err != nil {
			return err
		}
		zones := patientZones(p.Phone)
		if len(zones) == 0 {
			zones = []*time.Location{s.cfg.ClinicZone}
		}
		now := s.now()
		due := policy.NextAllowedMinute(now, zones, s.cfg.Rules)
		raw, _ := json.Marshal(req)
		sealed, err := s.keys.SealString("scheduled_sends", "request", id, string(raw))
		if err != nil {
			return err
		}
		if err := (records.Schedules{}).Insert(ctx, q, id, th.ID, sess.User.ID, sealed, due, now); err != nil {
			return err
		}
		out = api.ScheduledSend{ID: id, DueAt: due, State: "pending", What: scheduledWhat(req)}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "message.schedule",
			Object: "thread:" + th.ID, Outcome: "ok", Detail: map[string]string{"schedule": id, "due_at": due.UTC().Format(time.RFC3339), "what": out.What}})
	})
	if err != nil {
		s.log.Error("schedule failed", "thread", th.ID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the message could not be scheduled; try again")
		return
	}
	writeJSON(w, http.StatusOK, api.ScheduleResponse{Scheduled: out})
	s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: th.ID})
}

// scheduledWhat describes a scheduled request without its text.
func scheduledWhat(req api.SendRequest) string {
	switch {
	case req.Template != "":
		return "template " + req.Template
	case req.MacroID != "":
		return "quick reply " + req.MacroID
	}
	return "free text"
}

// handleScheduleCancel cancels a pending scheduled message: decided by one
// conditional UPDATE, so a cancel and the scheduler cannot both win.
func (s *Server) handleScheduleCancel(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	id := r.PathValue("id")
	ctx := r.Context()
	var threadID string
	var found bool
	err := s.store.Tx(ctx, func(q Querier) error {
		found = false
		var err error
		threadID, err = records.Schedules{}.Cancel(ctx, q, id, sess.User.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		th, err := s.store.Threads.Get(ctx, q, threadID)
		if err != nil {
			return err
		}
		if ok, _ := visibility(sess.User.Role, th); !ok {
			return errHidden
		}
		found = true
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "message.schedule.cancel",
			Object: "thread:" + threadID, Outcome: "ok", Detail: map[string]string{"schedule": id}})
	})
	switch {
	case errors.Is(err, errHidden):
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewClinicalThreads))
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "the schedule could not be cancelled; try again")
	case !found:
		writeError(w, http.StatusConflict, "that scheduled message is no longer pending (sent, refused or already cancelled)")
	default:
		w.WriteHeader(http.StatusNoContent)
		s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: threadID})
	}
}

var errHidden = errors.New("central: thread hidden from this role")

// scheduledFor lists a thread's scheduled messages.
func (s *Server) scheduledFor(ctx context.Context, q Querier, threadID string) ([]api.ScheduledSend, error) {
	held, err := records.Schedules{}.ForThread(ctx, q, threadID)
	if err != nil {
		return nil, err
	}
	var out []api.ScheduledSend
	for _, h := range held {
		ss := api.ScheduledSend{ID: h.ID, DueAt: h.Due, State: h.State, Outcome: h.Outcome}
		if raw, err := s.keys.OpenString("scheduled_sends", "request", ss.ID, h.RequestSealed); err == nil {
			var req api.SendRequest
			json.Unmarshal([]byte(raw), &req)
			ss.What = scheduledWhat(req)
		}
		out = append(out, ss)
	}
	return out, nil
}

// startScheduler sends scheduled messages when they fall due, on this and
// every later start: a schedule is a row, so a restart loses nothing.
func (s *Server) startScheduler() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			if err := s.runDueSchedules(s.bgCtx); err != nil && s.bgCtx.Err() == nil {
				s.log.Warn("scheduled messages not sent yet", "err", err.Error())
			}
			select {
			case <-s.bgCtx.Done():
				return
			case <-time.After(scheduleEvery):
			}
		}
	}()
}

// runDueSchedules claims every due schedule and sends it through the
// ordinary send path under the scheduling user's name. A claim left by a
// crash ('sending') is taken again: the idempotency key "sched-<id>"
// makes the second attempt return the first one's message.
func (s *Server) runDueSchedules(ctx context.Context) error {
	now := s.now()
	ids, err := records.Schedules{}.Due(ctx, s.db, now)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.runSchedule(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) runSchedule(ctx context.Context, id string) error {
	// Claim it; a cancel that won already leaves nothing to claim.
	threadID, userID, sealed, err := records.Schedules{}.Claim(ctx, s.db, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	raw, err := s.keys.OpenString("scheduled_sends", "request", id, sealed)
	if err != nil {
		return err
	}
	var req api.SendRequest
	if err := json.Unmarshal([]byte(raw), &req); err != nil {
		return err
	}
	u, err := s.store.Users.Get(ctx, s.db, userID)
	if err != nil {
		return err
	}
	sess := &session{User: u, ConsoleID: "scheduler"}
	req.IdempotencyKey = "sched-" + id
	var out sendOutcome
	switch {
	case req.Template != "":
		out, err = s.sendTemplate(ctx, sess, threadID, req)
	default:
		var macro assets.Macro
		if req.MacroID != "" {
			macro, _ = s.macroByID(req.MacroID)
		}
		out, err = s.send(ctx, sess, threadID, req, macro)
	}
	if err != nil {
		return err
	}
	state, outcome := "sent", out.msg.ID
	if out.refusal != nil {
		state, outcome = "refused", out.refusal.Rule
	} else if out.notFound {
		state, outcome = "refused", "not_found"
	}
	if err := (records.Schedules{}).Finish(ctx, s.db, id, state, outcome); err != nil {
		return err
	}
	s.log.Info("scheduled message due", "schedule", id, "thread", threadID, "state", state)
	if state == "sent" && !out.replayed {
		s.hub.Publish(api.Event{Type: api.EventMessageNew, ThreadID: threadID, MessageID: out.msg.ID, Status: string(out.msg.Status)})
	}
	s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: threadID})
	s.worker.Kick()
	return nil
}
