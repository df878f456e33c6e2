package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// keyPermission is the permission each role-gated key needs, from the
// matrix in policy/permissions.go. A key whose permission the signed-in
// role lacks is switched off, so neither help line offers it; pressing it
// still says why (Model.refusedKey). Keys that only move, open help or
// quit need nothing and are not listed.
var keyPermission = map[action]policy.Action{
	actOpen:           policy.ActionViewThreads,
	actReply:          policy.ActionSendFreeText,
	actMacros:         policy.ActionSendMacro,
	actPortalLink:     policy.ActionSendMacro,
	actResend:         policy.ActionSendMacro,
	actSchedule:       policy.ActionSendMacro,
	actConsent:        policy.ActionSendMacro,
	actPHIAsk:         policy.ActionSendMacro,
	actHandoff:        policy.ActionHandoffToNurse,
	actReveal:         policy.ActionRevealMasked,
	actPrevMsg:        policy.ActionRevealMasked,
	actNextMsg:        policy.ActionRevealMasked,
	actAudit:          policy.ActionViewAudit,
	actMetrics:        policy.ActionViewMetrics,
	actIncident:       policy.ActionOpenIncident,
	actIncidents:      policy.ActionViewIncidents,
	actNextThread:     policy.ActionClaimThread,
	actClaim:          policy.ActionClaimThread,
	actRelease:        policy.ActionClaimThread,
	actAssign:         policy.ActionAssignThread,
	actCloseThread:    policy.ActionCloseThread,
	actReopen:         policy.ActionReopenThread,
	actEscalate:       policy.ActionEscalate,
	actEscalationMenu: policy.ActionWorkEscalations,
}

// roleGatedBindings pairs the keymap's bindings with the action they ask
// for, for the keys listed in keyPermission.
func (m *Model) roleGatedBindings() map[action]*key.Binding {
	k := &m.keys
	return map[action]*key.Binding{
		actOpen: &k.Open, actReply: &k.Reply, actMacros: &k.Macros,
		actPortalLink: &k.PortalLink, actResend: &k.Resend, actSchedule: &k.Schedule,
		actConsent: &k.Consent, actPHIAsk: &k.PHIAsk, actHandoff: &k.Handoff,
		actReveal: &k.Reveal, actPrevMsg: &k.PrevMsg, actNextMsg: &k.NextMsg,
		actAudit: &k.Audit, actMetrics: &k.Metrics, actIncident: &k.Incident, actIncidents: &k.Incidents,
		actNextThread: &k.NextThread, actClaim: &k.Claim, actRelease: &k.Release, actAssign: &k.Assign,
		actCloseThread: &k.CloseThread, actReopen: &k.Reopen, actEscalate: &k.Escalate,
		actEscalationMenu: &k.EscalationMenu,
	}
}

// gateKeysByRole switches off every key the signed-in role may not use.
// It runs last in syncKeys, after the keys were switched on for what the
// screen offers, so a key is on only when the screen offers it and the
// role may use it.
func (m *Model) gateKeysByRole() {
	if m.user.Role == "" {
		return // not signed in: no thread keys are reachable
	}
	role := policy.Role(m.user.Role)
	for act, b := range m.roleGatedBindings() {
		if !policy.Can(role, keyPermission[act]) {
			b.SetEnabled(false)
		}
	}
}

// handoffWhy is why n does nothing for the row it would hand off when the
// role may hand off: the thread is already with the nurses, or closed.
func (m *Model) handoffWhy() string {
	var st api.ThreadState
	switch r := m.triageTarget(); {
	case r != nil:
		st = r.state
	case m.pane.view != nil:
		st = m.pane.view.row.state
	default:
		return ""
	}
	switch st {
	case api.ThreadClinical:
		return "This thread is already with the nurses."
	case api.ThreadClosed:
		return "This thread is closed; reopen it before handing it off."
	}
	return ""
}
