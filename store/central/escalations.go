package central

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// DefaultHandoffSLA is how long a clinical hand-off may wait for its first
// answer before it escalates to a supervisor; the program report measures
// against the same target.
const DefaultHandoffSLA = 30 * time.Minute

// DefaultSLASweepInterval is how often the server looks for overdue
// hand-offs: a hand-off escalates at most this long after its deadline.
const DefaultSLASweepInterval = 30 * time.Second

// triageDefaults fills the workflow's configuration.
func triageDefaults(cfg *Config) error {
	if cfg.HandoffSLA <= 0 {
		cfg.HandoffSLA = DefaultHandoffSLA
	}
	if cfg.BusinessHours == nil {
		zone := cfg.ClinicZone
		if zone == nil {
			zone = time.UTC
		}
		h := policy.DefaultBusinessHours(zone)
		cfg.BusinessHours = &h
	}
	if err := cfg.BusinessHours.Validate(); err != nil {
		return fmt.Errorf("central: %w", err)
	}
	if cfg.SLASweepInterval <= 0 {
		cfg.SLASweepInterval = DefaultSLASweepInterval
	}
	return nil
}

// startSLASweeper escalates overdue hand-offs on the server's clock.
func (s *Server) startSLASweeper() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		t := time.NewTicker(s.cfg.SLASweepInterval)
		defer t.Stop()
		for {
			if _, err := s.sweepOverdue(s.bgCtx); err != nil && s.bgCtx.Err() == nil {
				s.log.Warn("overdue hand-off sweep failed", "err", err.Error())
			}
			select {
			case <-s.bgCtx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// sweepOverdue escalates every hand-off past its deadline that no person
// has answered since it was handed off. Each escalation is a conditional
// UPDATE (still clinical, not escalated, this hand-off not yet escalated
// for its clock, same deadline) with its audit entry in one transaction,
// so a hand-off escalates exactly once, even after a nurse claims it and
// so settles the escalation:
// two sweeps at once, two servers, or a sweep repeated after a restart
// find the row already changed and write nothing.
func (s *Server) sweepOverdue(ctx context.Context) (int, error) {
	now := s.now()
	list, err := records.Escalations{}.Overdue(ctx, s.db, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list {
		escalated := false
		err := s.store.Tx(ctx, func(q Querier) error {
			var err error
			if escalated, err = (records.Escalations{}).Escalate(ctx, q, d, now); err != nil || !escalated {
				return err
			}
			late := now.Sub(time.Unix(0, d.DueAt)).Round(time.Second)
			return s.auditServer(ctx, q, auditRecord{UserID: records.SystemSender, Action: "thread.escalate", Object: "thread:" + d.ThreadID,
				Outcome: "ok", Detail: map[string]string{"rule": "sla_overdue", "due": time.Unix(0, d.DueAt).UTC().Format(time.RFC3339),
					"late_seconds": strconv.FormatInt(int64(late/time.Second), 10)}})
		})
		if err != nil {
			return n, err
		}
		if escalated {
			n++
			s.log.Info("overdue hand-off escalated", "thread", d.ThreadID)
			s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: d.ThreadID})
		}
	}
	return n, nil
}

// handleEscalations serves GET /escalations: the supervisors' list, the
// escalated queue oldest first, each row with its reason (masked), age
// (Escalation.At), owner and hand-off.
func (s *Server) handleEscalations(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionWorkEscalations) {
		s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "escalations.view",
			Object: "escalations", Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionWorkEscalations))
		return
	}
	limit := defaultPage
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > api.MaxThreadPage {
			writeError(w, http.StatusBadRequest, "limit must be a whole number from 1 to "+strconv.Itoa(api.MaxThreadPage))
			return
		}
		limit = n
	}
	page, err := s.queuePage(r.Context(), sess, api.InboxFilter{Queue: api.QueueEscalated}, r.URL.Query().Get("after"), limit)
	if why, bad := records.IsBadFilter(err); bad {
		writeError(w, http.StatusBadRequest, why)
		return
	}
	if err != nil {
		s.log.Error("escalations failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the escalations could not be loaded; try again")
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// langMessages records each thread's language from its patient's newest
// message, for the inbox's language filter and the language of automatic
// replies. Only "en" or "es" is kept, never the text.
type langMessages struct{ Messages }

func (l langMessages) InsertInbound(ctx context.Context, q Querier, m *records.Message) (bool, error) {
	inserted, err := l.Messages.InsertInbound(ctx, q, m)
	if err != nil || !inserted || m.Body == "" {
		return inserted, err
	}
	return inserted, records.ThreadLang{}.Set(ctx, q, m.ThreadID, string(policy.DetectLanguage(m.Body)))
}
