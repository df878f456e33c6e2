package central

import (
	"net/http"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/report"
)

// metricsDays is the supervisor screen's period, today included.
const metricsDays = 30

// metricsRoutes registers the supervisor's program metrics.
func (s *Server) metricsRoutes(mux *http.ServeMux) {
	mux.Handle("GET "+api.Version+"/metrics", s.authed(s.handleProgramMetrics))
}

// handleProgramMetrics answers the supervisor's metrics screen with
// aggregates computed from the store (report.Build): counts and times, no
// patient, thread or message. Viewing is audited like any review.
func (s *Server) handleProgramMetrics(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	role := sess.User.Role
	if !policy.Can(role, policy.ActionViewMetrics) {
		s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "metrics.view",
			Object: "metrics", Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
		writeError(w, http.StatusForbidden, policy.Why(role, policy.ActionViewMetrics))
		return
	}
	now := s.now().In(s.cfg.ClinicZone)
	rep, err := report.Build(r.Context(), s.store.DB, s.store, report.Options{
		From: now.AddDate(0, 0, -(metricsDays - 1)), To: now, Zone: s.cfg.ClinicZone,
		HandoffSLA: s.cfg.HandoffSLA, LinkTTL: s.cfg.LinkTTL, Now: s.now,
		HandoffDue: func(at time.Time) time.Time { return s.cfg.BusinessHours.Due(at, s.cfg.HandoffSLA) },
	})
	if err != nil {
		s.log.Error("program metrics failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the metrics could not be computed; try again")
		return
	}
	if err := s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(role), Action: "metrics.view",
		Object: "metrics", Outcome: "ok"}); err != nil {
		writeError(w, http.StatusServiceUnavailable, "the metrics could not be opened; try again")
		return
	}
	out := api.ProgramMetrics{Zone: rep.Zone, Days: rep.Days, SLASeconds: s.cfg.HandoffSLA.Seconds(),
		Last30: programPeriod(rep.Total)}
	for _, d := range rep.Days {
		out.InboundByDay = append(out.InboundByDay, rep.ByDay[d].InboundMessages)
	}
	if len(rep.Days) > 0 {
		out.Today = programPeriod(rep.ByDay[rep.Days[len(rep.Days)-1]])
	}
	writeJSON(w, http.StatusOK, out)
}

func programPeriod(f *report.Figures) api.ProgramPeriod {
	return api.ProgramPeriod{
		Inbound: f.InboundMessages, InboundWithPHI: f.InboundWithPHI.Count, OptInsBySource: f.OptInsBySource,
		OptOuts: f.OptOuts, LinksSent: f.PortalLinksSent, LinksOpened: f.PortalLinksOpened, Handoffs: f.Handoffs,
		HandoffsAnswered: f.HandoffFirstResponse.Answered, HandoffsWithinSLA: f.HandoffFirstResponse.WithinSLA,
		HandoffP50S: f.HandoffFirstResponse.P50, HandoffP90S: f.HandoffFirstResponse.P90,
	}
}
