package ui

import (
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// consentView is the patient's consent as the thread header shows it:
// state, how and when it was given, and what may be sent now.
type consentView struct {
	known    bool // the server sent a consent record (older servers do not)
	optedIn  bool
	recorded bool
	source   policy.SafeText // "patient keyword", "front desk (verbal) · desk"
	version  policy.SafeText
	at       time.Time
	allowed  policy.SafeText
	flagged  bool // a plain-language request to stop awaits a person
	flagAt   time.Time
}

// channelWords are the consent channels in the clinic's words.
var channelWords = map[string]string{
	api.ConsentByKeyword:         "patient keyword",
	api.ConsentByFrontDeskVerbal: "front desk, verbal",
	api.ConsentByFrontDeskPaper:  "front desk, paper form",
	api.ConsentByPortal:          "patient portal",
	api.ConsentByImport:          "import",
	api.ConsentBySeed:            "seed",
	"demo-seed":                  "demo seed",
}

func newConsentView(c *api.ConsentState) consentView {
	if c == nil {
		return consentView{}
	}
	src := channelWords[c.Channel]
	if src == "" {
		src = c.Channel
	}
	if c.RecordedBy != "" && c.RecordedBy != "patient" {
		src += " · recorded by " + c.RecordedBy
	}
	v := consentView{known: true, optedIn: c.OptedIn, recorded: c.Recorded, source: policy.SanitizeLine(src),
		version: policy.SanitizeLine(c.TextVersion), at: c.At, allowed: policy.SanitizeLine(c.Allowed)}
	if c.FlaggedOptOut != nil {
		v.flagged, v.flagAt = true, c.FlaggedOptOut.At
	}
	return v
}

// consentLines are the header's consent lines for width w.
func (m *Model) consentLines(c consentView, w int) []string {
	t := m.theme
	var lines []string
	switch {
	case c.optedIn:
		parts := []string{"✓ Opted in", c.source.String(), clockTime(m.nowAt, c.at)}
		if c.version != "" {
			parts = append(parts, "text "+c.version.String())
		}
		lines = append(lines, indent(t.StatusOK.Render(strings.Join(parts, " · ")), w, 0, 2))
	case c.recorded:
		lines = append(lines, indent(t.Warning.Render("⚠ Opted out · "+c.source.String()+" · "+clockTime(m.nowAt, c.at)+". "+c.allowed.String()), w, 0, 2))
	default:
		lines = append(lines, indent(t.Warning.Render("⚠ "+c.allowed.String()), w, 0, 2))
	}
	if c.flagged {
		lines = append(lines, indent(t.Escalated.Render("⚑ The patient may have asked to stop ("+clockTime(m.nowAt, c.flagAt)+"). A person must confirm or dismiss it before it takes effect."), w, 0, 2))
	}
	return lines
}

// outboundVia names how an outbound message was made, from its macro id:
// the server's own consent texts are "automatic", templates are
// "template", anything else a quick reply.
func outboundVia(macroID string) string {
	switch {
	case strings.HasPrefix(macroID, "consent:"):
		return "automatic"
	case strings.HasPrefix(macroID, "template:"):
		return "template"
	}
	return "quick reply"
}
