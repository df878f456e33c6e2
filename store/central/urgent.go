package central

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// ActionUrgentFlag is the server audit action for a patient message
// flagged as a possible emergency.
const ActionUrgentFlag = "urgent.flag"

// safetyReplyLabel is the macro id the safety reply is stored under, so
// the thread shows which fixed text went.
const safetyReplyLabel = "safety:urgent"

// safetyReply is the configured safety reply in lang, or the default.
func (s *Server) safetyReply(lang policy.Language) string {
	if t := strings.TrimSpace(s.cfg.SafetyReplies[string(lang)]); t != "" {
		return t
	}
	if t := strings.TrimSpace(s.cfg.SafetyReplies[string(policy.LangEnglish)]); t != "" && lang != policy.LangSpanish {
		return t
	}
	return policy.DefaultSafetyReply[lang]
}

// CheckSafetyReplies refuses a configured safety reply that the outbound
// PHI screen would refuse: the text goes to every urgent patient,
// opted in or not, so it must be fit for all of them before triaged
// starts.
func CheckSafetyReplies(replies map[string]string, clinic policy.ClinicProfile) error {
	for lang, text := range replies {
		if lang != string(policy.LangEnglish) && lang != string(policy.LangSpanish) {
			return fmt.Errorf("safety reply: language %q is not en or es", lang)
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if len(text) > 1024 {
			return fmt.Errorf("safety reply (%s): %d bytes; keep it under 1024", lang, len(text))
		}
		if scr := policy.ScreenOutbound(text, clinic); scr.Refused() {
			return fmt.Errorf("safety reply (%s) reads as health information (%s); it goes to every urgent patient and must carry none",
				lang, strings.Join(scr.Types(), ", "))
		}
	}
	return nil
}

// afterUrgent flags a patient message that suggests an emergency: the
// thread is marked urgent, the patient gets the clinic's safety reply at
// once (through the outbox, like every send), nurses and supervisors are
// alerted on the event stream, and the flag is audited with its
// categories, never the text. The urgent_messages primary key makes all
// of it happen once per message.
func (s *Server) afterUrgent(ctx context.Context, q Querier, th records.Thread, m *records.Message, v policy.UrgentVerdict, now time.Time, stats *ingestStats) error {
	if !v.Urgent {
		return nil
	}
	cats := make([]string, len(v.Categories))
	for i, c := range v.Categories {
		cats[i] = string(c)
	}
	lang := policy.DetectLanguage(m.Body)
	marked, err := records.Urgent{}.Mark(ctx, q, m.ID, th.ID, strings.Join(cats, ","), string(lang), now)
	if err != nil || !marked {
		return err
	}
	if err := (records.Urgent{}).MarkThread(ctx, q, th.ID, now); err != nil {
		return err
	}
	optedOut, err := s.optedOut(ctx, q, th.PatientID)
	if err != nil {
		return err
	}
	replyID := ""
	if policy.SafetyReplyAllowed(optedOut, now.Sub(m.At), s.window()) {
		replyID = records.NewID("msg")
		if err := s.enqueueSystemText(ctx, q, th.ID, replyID, safetyReplyLabel, s.safetyReply(lang), now); err != nil {
			return err
		}
		if err := (records.Urgent{}).SetReply(ctx, q, m.ID, replyID); err != nil {
			return err
		}
		stats.urgentReplies++
	}
	stats.live = append(stats.live, api.Event{Type: api.EventThreadUrgent, ThreadID: th.ID, MessageID: m.ID})
	reply := replyID
	if reply == "" {
		reply = "none"
		if optedOut {
			reply = "none: opted out"
		}
	}
	return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: ActionUrgentFlag, Object: "thread:" + th.ID, Outcome: "ok",
		Detail: map[string]string{"message": m.ID, "categories": strings.Join(cats, ","), "lang": string(lang), "safety_reply": reply}})
}

// optedOut reports whether the patient's latest consent choice was STOP.
func (s *Server) optedOut(ctx context.Context, q Querier, patientID string) (bool, error) {
	optedIn, chosen, err := records.Consent{}.LatestChoice(ctx, q, patientID)
	return chosen && !optedIn, err
}

// urgentThreads adds the urgent mark to the thread store's summaries and
// lists urgent threads first, so the mark is at the top of every queue
// whatever the store's own order. It wraps the interface, so methods the
// store gains pass straight through.
type urgentThreads struct{ Threads }

func (u urgentThreads) Summaries(ctx context.Context, q Querier, userID string, includeClinical bool, window time.Duration) ([]api.ThreadSummary, error) {
	list, err := u.Threads.Summaries(ctx, q, userID, includeClinical, window)
	if err != nil {
		return nil, err
	}
	marks, err := records.Urgent{}.ThreadMarks(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(marks) == 0 {
		return list, nil
	}
	for i := range list {
		if at, ok := marks[list[i].ID]; ok {
			list[i].Urgent, list[i].UrgentAt = true, at
		}
	}
	slices.SortStableFunc(list, func(a, b api.ThreadSummary) int {
		switch {
		case a.Urgent && !b.Urgent:
			return -1
		case b.Urgent && !a.Urgent:
			return 1
		}
		return 0
	})
	return list, nil
}

func (u urgentThreads) Summary(ctx context.Context, q Querier, id, userID string, window time.Duration) (api.ThreadSummary, error) {
	ts, err := u.Threads.Summary(ctx, q, id, userID, window)
	if err != nil {
		return ts, err
	}
	at, marked, err := records.Urgent{}.ThreadMark(ctx, q, id)
	if err != nil {
		return ts, err
	}
	if marked {
		ts.Urgent, ts.UrgentAt = true, at
	}
	return ts, nil
}
