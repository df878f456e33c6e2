package central

import (
	"context"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/store/api"
)

// RuleRepeatLink asks for a confirmation before the same portal-link
// quick reply goes to a patient twice within repeatLinkWithin: a second
// link is usually a double press, and each one is a fresh credential.
const RuleRepeatLink = "repeat_link"

const repeatLinkWithin = time.Hour

// repeatLinkRefusal is the confirmation question when macro, a portal
// link, already went to the thread within the hour; nil otherwise or when
// the request confirms the repeat.
func (s *Server) repeatLinkRefusal(ctx context.Context, q Querier, threadID string, macro assets.Macro, req api.SendRequest, now time.Time) (*api.Refusal, error) {
	if !macro.PortalLink || req.ConfirmRepeat {
		return nil, nil
	}
	last, sent, err := records.Sends{}.LastMacroSend(ctx, q, threadID, macro.ID, now.Add(-repeatLinkWithin))
	if err != nil || !sent {
		return nil, err
	}
	ago := now.Sub(last).Round(time.Minute)
	return &api.Refusal{Rule: RuleRepeatLink,
		Reason: "The \u201c" + macro.Title + "\u201d link already went to this patient " + agoWords(ago) + ". Send it again?"}, nil
}

func agoWords(d time.Duration) string {
	if d < time.Minute {
		return "under a minute ago"
	}
	return d.String()[:len(d.String())-2] + " ago" // "12m0s" → "12m" → "12m ago"
}
