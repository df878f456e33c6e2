package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// Incident audit actions.
const (
	ActionIncidentOpen   = "incident.open"
	ActionIncidentView   = "incident.view"
	ActionIncidentUpdate = "incident.update"
	ActionIncidentExport = "incident.export"
)

// maxIncidentText bounds each free-text field of an incident.
const maxIncidentText = 4000

func defaultIncidentSteps() []records.IncidentStep {
	out := make([]records.IncidentStep, len(policy.RemediationSteps))
	for i, st := range policy.RemediationSteps {
		out[i] = records.IncidentStep{ID: st.ID, Label: st.Label}
	}
	return out
}

// toAPI renders an incident for a supervisor: user ids become usernames,
// the thread its patient label, and the 60-day clock is counted from now.
func (st *Store) incidentAPI(ctx context.Context, q Querier, r records.IncidentRow, now time.Time) api.Incident {
	name := func(id string) string {
		if id == "" {
			return ""
		}
		if u, err := st.Users.Get(ctx, q, id); err == nil {
			return u.Username
		}
		return id
	}
	out := api.Incident{
		ID: r.ID, Kind: r.Kind, ThreadID: r.ThreadID, MessageID: r.MessageID, OpenedBy: name(r.OpenedBy),
		DiscoveredAt: r.DiscoveredAt, OpenedAt: r.OpenedAt, Description: r.Description, Assessment: r.Assessment,
		Outcome: r.Outcome, Reasoning: r.Reasoning, DecidedBy: name(r.DecidedBy), DecidedAt: r.DecidedAt, State: r.State,
		NotifyBy: policy.NotifyBy(r.DiscoveredAt), DaysLeft: policy.DaysLeft(r.DiscoveredAt, now), Version: r.Version,
		Steps: make([]api.IncidentStep, 0, len(r.Steps)),
	}
	if r.ThreadID != "" {
		if th, err := st.Threads.Get(ctx, q, r.ThreadID); err == nil {
			if p, err := st.Patients.Get(ctx, q, th.PatientID); err == nil {
				out.PatientLabel = p.Label
			}
		}
	}
	for _, s := range r.Steps {
		step := api.IncidentStep{ID: s.ID, Label: s.Label, Done: s.Done, DoneBy: name(s.DoneBy)}
		if s.DoneAt != 0 {
			step.DoneAt = time.Unix(0, s.DoneAt).UTC()
		}
		out.Steps = append(out.Steps, step)
	}
	return out
}

func checkIncidentText(field, v string) error {
	if !utf8.ValidString(v) || len(v) > maxIncidentText {
		return errors.New(field + " must be UTF-8 text of at most 4000 bytes")
	}
	return nil
}

// incidentRoutes mounts the incident register.
func (s *Server) incidentRoutes(mux *http.ServeMux) {
	v := api.Version
	mux.Handle("POST "+v+"/incidents", s.authed(s.handleIncidentOpen))
	mux.Handle("GET "+v+"/incidents", s.authed(s.handleIncidentList))
	mux.Handle("GET "+v+"/incidents/{id}", s.authed(s.handleIncidentGet))
	mux.Handle("POST "+v+"/incidents/{id}", s.authed(s.handleIncidentUpdate))
}

// refuseRole answers 403 when the session's role may not act, with the
// refusal audited.
func (s *Server) refuseRole(w http.ResponseWriter, r *http.Request, a policy.Action, action, object string) bool {
	sess := sessionFrom(r)
	if policy.Can(sess.User.Role, a) {
		return false
	}
	s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: action, Object: object,
		Outcome: "refused", Detail: map[string]string{"rule": policy.RuleRole}})
	writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, a))
	return true
}

func (s *Server) handleIncidentOpen(w http.ResponseWriter, r *http.Request) {
	if s.refuseRole(w, r, policy.ActionOpenIncident, ActionIncidentOpen, "incident:new") {
		return
	}
	sess := sessionFrom(r)
	ctx := r.Context()
	var req api.OpenIncidentRequest
	if !decodeJSON(w, r, &req, 16<<10) {
		return
	}
	if _, ok := policy.IncidentKinds[req.Kind]; !ok {
		writeError(w, http.StatusUnprocessableEntity, "kind must be wrong_recipient, phi_sent or phi_received")
		return
	}
	if err := checkIncidentText("the description", req.Description); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	th, err := s.store.Threads.Get(ctx, s.db, req.ThreadID)
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "no such thread")
		return
	} else if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the thread could not be loaded; try again")
		return
	}
	if ok, why := visibility(sess.User.Role, th); !ok {
		writeError(w, http.StatusForbidden, why)
		return
	}
	if req.MessageID != "" {
		m, err := s.store.Messages.Get(ctx, s.db, req.MessageID)
		if err != nil || m.ThreadID != th.ID {
			writeError(w, http.StatusUnprocessableEntity, "the message is not in this thread")
			return
		}
	}
	now := s.now()
	id := records.NewID("inc")
	desc, err1 := s.keys.SealString("incidents", "description", id, strings.TrimSpace(req.Description))
	stepsJSON, _ := json.Marshal(defaultIncidentSteps())
	steps, err2 := s.keys.SealString("incidents", "steps", id, string(stepsJSON))
	if err := errors.Join(err1, err2); err != nil {
		writeError(w, http.StatusServiceUnavailable, "the incident could not be recorded; try again")
		return
	}
	err = s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Incidents.Open(ctx, q, id, req.Kind, th.ID, req.MessageID, sess.User.ID, desc, steps, now); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: ActionIncidentOpen,
			Object: "incident:" + id, Outcome: "ok", Detail: map[string]string{"kind": req.Kind, "thread": th.ID, "message": req.MessageID}})
	})
	if err != nil {
		s.log.Error("incident not recorded", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the incident could not be recorded; try again")
		return
	}
	s.log.Info("incident opened", "incident", id, "kind", req.Kind)
	writeJSON(w, http.StatusCreated, api.Incident{ID: id, Kind: req.Kind, ThreadID: th.ID, MessageID: req.MessageID, State: "open",
		OpenedBy: sess.User.Username, OpenedAt: now, DiscoveredAt: now, NotifyBy: policy.NotifyBy(now), DaysLeft: policy.DaysLeft(now, now), Version: 1})
}

func (s *Server) handleIncidentList(w http.ResponseWriter, r *http.Request) {
	if s.refuseRole(w, r, policy.ActionViewIncidents, ActionIncidentView, "incidents") {
		return
	}
	ctx := r.Context()
	list, err := s.store.Incidents.Between(ctx, s.db, time.Time{}, time.Time{})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the incidents could not be loaded; try again")
		return
	}
	now := s.now()
	out := make([]api.Incident, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- { // newest first
		inc := s.store.incidentAPI(ctx, s.db, list[i], now)
		// The list carries no free text: it opens with its own audit entry.
		inc.Description, inc.Reasoning, inc.Assessment = "", "", api.IncidentAssessment{}
		out = append(out, inc)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleIncidentGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.refuseRole(w, r, policy.ActionViewIncidents, ActionIncidentView, "incident:"+id) {
		return
	}
	sess := sessionFrom(r)
	ctx := r.Context()
	var out api.Incident
	err := s.store.Tx(ctx, func(q Querier) error {
		row, err := s.store.Incidents.Get(ctx, q, id)
		if err != nil {
			return err
		}
		out = s.store.incidentAPI(ctx, q, row, s.now())
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: ActionIncidentView,
			Object: "incident:" + id, Outcome: "ok"})
	})
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "no such incident")
		return
	} else if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the incident could not be loaded; try again")
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleIncidentUpdate(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.refuseRole(w, r, policy.ActionWorkIncident, ActionIncidentUpdate, "incident:"+id) {
		return
	}
	sess := sessionFrom(r)
	ctx := r.Context()
	var req api.IncidentUpdate
	if !decodeJSON(w, r, &req, 32<<10) {
		return
	}
	if req.Assessment != nil {
		a := req.Assessment
		for field, v := range map[string]string{"nature": a.Nature, "recipient": a.Recipient, "acquired": a.Acquired, "mitigation": a.Mitigation} {
			if err := checkIncidentText("the "+field+" factor", v); err != nil {
				writeError(w, http.StatusUnprocessableEntity, err.Error())
				return
			}
		}
	}
	if err := errors.Join(checkIncidentText("the step", req.AddStep), checkIncidentText("the reasoning", req.Reasoning)); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	switch req.Outcome {
	case "":
	case policy.OutcomeNotificationRequired, policy.OutcomeLowProbability:
		if strings.TrimSpace(req.Reasoning) == "" {
			writeError(w, http.StatusUnprocessableEntity, "an outcome needs its reasoning")
			return
		}
	default:
		writeError(w, http.StatusUnprocessableEntity, "outcome must be notification_required or low_probability_of_compromise")
		return
	}
	now := s.now()
	var out api.Incident
	err := s.store.Tx(ctx, func(q Querier) error {
		row, err := s.store.Incidents.Get(ctx, q, id)
		if err != nil {
			return err
		}
		if row.State == "closed" {
			return errIncidentClosed
		}
		changed := []string{}
		if req.Assessment != nil {
			row.Assessment = *req.Assessment
			changed = append(changed, "assessment")
		}
		for _, done := range req.Done {
			found := false
			for i := range row.Steps {
				if row.Steps[i].ID == done {
					found = true
					if !row.Steps[i].Done {
						row.Steps[i].Done, row.Steps[i].DoneBy, row.Steps[i].DoneAt = true, sess.User.ID, now.UnixNano()
						changed = append(changed, "step:"+done)
					}
				}
			}
			if !found {
				return errUnknownStep
			}
		}
		if t := strings.TrimSpace(req.AddStep); t != "" {
			sid := "own_" + strings.TrimPrefix(records.NewID("s"), "s_")
			row.Steps = append(row.Steps, records.IncidentStep{ID: sid, Label: t})
			changed = append(changed, "step_added")
		}
		if req.Outcome != "" {
			if req.Outcome == policy.OutcomeLowProbability && (row.Assessment == (api.IncidentAssessment{}) ||
				row.Assessment.Nature == "" || row.Assessment.Recipient == "" || row.Assessment.Acquired == "" || row.Assessment.Mitigation == "") {
				// 164.402(2): a breach is presumed unless all four factors
				// are assessed and show a low probability of compromise.
				return errAssessmentIncomplete
			}
			row.Outcome, row.Reasoning, row.DecidedBy, row.DecidedAt, row.State = req.Outcome, strings.TrimSpace(req.Reasoning), sess.User.ID, now, "closed"
			changed = append(changed, "outcome:"+req.Outcome)
		}
		aj, _ := json.Marshal(row.Assessment)
		sj, _ := json.Marshal(row.Steps)
		assess, err1 := s.keys.SealString("incidents", "assessment", id, string(aj))
		steps, err2 := s.keys.SealString("incidents", "steps", id, string(sj))
		reason, err3 := s.keys.SealString("incidents", "reasoning", id, row.Reasoning)
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		if err := s.store.Incidents.Update(ctx, q, row, assess, steps, reason, req.Version); err != nil {
			return err
		}
		row.Version = req.Version + 1
		out = s.store.incidentAPI(ctx, q, row, now)
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: ActionIncidentUpdate,
			Object: "incident:" + id, Outcome: "ok", Detail: map[string]string{"changed": strings.Join(changed, ","), "version": strconv.Itoa(row.Version)}})
	})
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "no such incident")
	case errors.Is(err, records.ErrIncidentConflict):
		writeError(w, http.StatusConflict, err.Error())
	case errors.Is(err, errIncidentClosed), errors.Is(err, errUnknownStep), errors.Is(err, errAssessmentIncomplete):
		writeError(w, http.StatusUnprocessableEntity, err.Error())
	case err != nil:
		s.log.Error("incident update failed", "incident", id, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the incident could not be updated; try again")
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

var (
	errIncidentClosed       = errors.New("the incident is closed: its outcome is decided")
	errUnknownStep          = errors.New("no such remediation step")
	errAssessmentIncomplete = errors.New("a low probability of compromise can only be concluded after all four factors are assessed")
)

// IncidentRegister is the register of incidents opened in [from, to) as
// the evidence pack and `triaged incident list` print it: id, kind,
// discovery, the notification deadline and days left, steps done,
// state and outcome. It holds no free text (no description, assessment
// or reasoning): those are in the sealed record, exported one incident at
// a time by `triaged incident export`, masked.
func (st *Store) IncidentRegister(ctx context.Context, from, to, now time.Time) (string, error) {
	list, err := st.Incidents.Between(ctx, st.DB, from, to)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	period := "all time"
	if !from.IsZero() || !to.IsZero() {
		period = from.UTC().Format(time.DateOnly) + " to " + to.UTC().Format(time.DateOnly)
	}
	fmt.Fprintf(&b, "Incident register (45 CFR 164.402), incidents opened %s: %d\n", period, len(list))
	b.WriteString("Each is assessed with the four-factor test and decided within 60 days of discovery; records are kept at least six years.\n\n")
	if len(list) == 0 {
		b.WriteString("No incident was opened in this period.\n")
		return b.String(), nil
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tDISCOVERED\tNOTIFY BY\tDAYS LEFT\tSTEPS DONE\tSTATE\tOUTCOME")
	for _, r := range list {
		done := 0
		for _, s := range r.Steps {
			if s.Done {
				done++
			}
		}
		left := strconv.Itoa(policy.DaysLeft(r.DiscoveredAt, now))
		if r.State == "closed" {
			left = "-"
		}
		outcome := r.Outcome
		if outcome == "" {
			outcome = "undecided"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", r.ID, r.Kind, r.DiscoveredAt.Format(time.RFC3339),
			policy.NotifyBy(r.DiscoveredAt).Format(time.DateOnly), left, done, len(r.Steps), r.State, outcome)
	}
	tw.Flush()
	return b.String(), nil
}

// IncidentExport is one incident as `triaged incident export` writes it
// for the privacy officer: the whole record, with every free-text field
// (description, the four factors, own steps, reasoning) passed through
// the PHI detector and masked. The export leaves the encrypted store, so
// it carries no patient details; the sealed originals stay in the store.
func (st *Store) IncidentExport(ctx context.Context, id string, now time.Time) (api.Incident, error) {
	r, err := st.Incidents.Get(ctx, st.DB, id)
	if err != nil {
		return api.Incident{}, err
	}
	inc := st.incidentAPI(ctx, st.DB, r, now)
	mask := func(s string) string { return policy.Detect(s).Masked }
	inc.Description, inc.Reasoning = mask(inc.Description), mask(inc.Reasoning)
	a := &inc.Assessment
	a.Nature, a.Recipient, a.Acquired, a.Mitigation = mask(a.Nature), mask(a.Recipient), mask(a.Acquired), mask(a.Mitigation)
	for i := range inc.Steps {
		inc.Steps[i].Label = mask(inc.Steps[i].Label)
	}
	return inc, nil
}

// IncidentRegister is Store.IncidentRegister of all time, for
// `triaged incident list`.
func (a *Admin) IncidentRegister(ctx context.Context) (string, error) {
	return a.s.store.IncidentRegister(ctx, time.Time{}, time.Time{}, a.s.now())
}

// ExportIncident is Store.IncidentExport, recorded in the server's audit
// chain under actor before anything is returned: no entry, no export.
func (a *Admin) ExportIncident(ctx context.Context, actor, id string) (api.Incident, error) {
	inc, err := a.s.store.IncidentExport(ctx, id, a.s.now())
	if err != nil {
		return inc, err
	}
	if err := a.s.auditOnly(ctx, auditRecord{UserID: actor, Action: ActionIncidentExport, Object: "incident:" + id, Outcome: "ok",
		Detail: map[string]string{"masked": "true"}}); err != nil {
		return api.Incident{}, err
	}
	return inc, nil
}
