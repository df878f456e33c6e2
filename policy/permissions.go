package policy

import (
	"fmt"
	"strings"
)

// Role is what a console user is trusted to do. The string values match
// the roles stored with each user and listed in a macro's "roles" field.
type Role string

// The clinic's four roles. HIPAA's minimum-necessary standard and
// §164.308(a)(4) (information access management) ask that each person
// reach only the ePHI their job needs; the matrix below is that rule
// written down.
const (
	RoleFrontDesk  Role = "frontdesk"
	RoleNurse      Role = "nurse"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// Action is one thing a user may try in the console or through the
// console API. The string values are stable: they appear in audit entries
// and in API refusals.
type Action string

// Every action the permission matrix decides.
const (
	ActionSendMacro           Action = "send_macro"
	ActionSendFreeText        Action = "send_free_text"
	ActionSendTemplate        Action = "send_template"
	ActionRevealMasked        Action = "reveal_masked"
	ActionTakeClinicalHandoff Action = "take_clinical_handoff"
	ActionHandoffToNurse      Action = "handoff_to_nurse"
	ActionViewThreads         Action = "view_threads"
	ActionViewClinicalThreads Action = "view_clinical_threads"
	ActionViewAudit           Action = "view_audit"
	ActionViewIncidents       Action = "view_incidents"
	// ActionOpenIncident opens a misdirected-message incident from a
	// thread: anyone who answers patients may notice one.
	ActionOpenIncident Action = "open_incident"
	// ActionWorkIncident assesses, remediates and decides an incident.
	ActionWorkIncident Action = "work_incident"
	ActionManageUsers  Action = "manage_users"
	ActionManageMacros Action = "manage_macros"
	ActionManageKeys   Action = "manage_keys"
	ActionPurgeRecords Action = "purge_records"
	ActionExportAudit  Action = "export_audit"
	ActionViewMetrics  Action = "view_metrics"
	// ActionClaimThread takes an unowned thread in the front-desk queues
	// (Unanswered, Waiting on patient) as one's own.
	ActionClaimThread Action = "claim_thread"
	// ActionAssignThread gives a thread to a named colleague, or takes it
	// from its owner: a supervisor's call, so work is not taken from
	// someone behind their back.
	ActionAssignThread Action = "assign_thread"
	// ActionCloseThread closes a thread with an outcome.
	ActionCloseThread Action = "close_thread"
	// ActionCloseClinical closes a thread in the nurses' queue: only the
	// clinical staff decide that a clinical question is settled.
	ActionCloseClinical Action = "close_clinical_thread"
	// ActionReopenThread reopens a closed thread.
	ActionReopenThread Action = "reopen_thread"
	// ActionEscalate sends a thread to the supervisors with a reason.
	ActionEscalate Action = "escalate_thread"
	// ActionWorkEscalations lists escalations and settles them: take
	// over, reassign, return to the front desk.
	ActionWorkEscalations Action = "work_escalations"
)

var allRoles = []Role{RoleFrontDesk, RoleNurse, RoleSupervisor, RoleAdmin}

var allActions = []Action{
	ActionViewThreads, ActionSendMacro, ActionSendFreeText, ActionSendTemplate,
	ActionHandoffToNurse, ActionViewClinicalThreads, ActionTakeClinicalHandoff,
	ActionRevealMasked, ActionViewIncidents, ActionViewAudit, ActionExportAudit,
	ActionViewMetrics, ActionManageUsers, ActionManageMacros, ActionManageKeys, ActionPurgeRecords,
	ActionOpenIncident, ActionWorkIncident,
	ActionClaimThread, ActionAssignThread, ActionCloseThread, ActionCloseClinical, ActionReopenThread,
	ActionEscalate, ActionWorkEscalations,
}

// grants is the permission matrix. Anything not listed is refused: a new
// action or role starts with no rights until someone decides otherwise.
var grants = map[Role]map[Action]bool{
	// Front desk answers the inbox. It sees threads with PHI masked,
	// answers with macros, approved templates (appointment reminders
	// outside WhatsApp's 24-hour window) and free text, which the outbound
	// pipeline scans for PHI before it can leave, and it moves anything
	// clinical to a nurse. It never reveals masked text: front-desk work
	// (scheduling, directions, portal links) does not need the clinical
	// detail, so minimum-necessary keeps it hidden.
	RoleFrontDesk: {
		ActionViewThreads:    true,
		ActionSendMacro:      true,
		ActionSendFreeText:   true,
		ActionSendTemplate:   true,
		ActionHandoffToNurse: true,
		ActionOpenIncident:   true,
		ActionClaimThread:    true,
		ActionCloseThread:    true,
		ActionReopenThread:   true,
		ActionEscalate:       true,
	},
	// A nurse does everything front desk does and also the clinical work:
	// seeing threads handed to nurses, taking a hand-off, and revealing
	// masked text when care needs it (the console asks for a reason and
	// audits it). A nurse may pass a thread on to another nurse, which is
	// how shifts change.
	RoleNurse: {
		ActionViewThreads:         true,
		ActionSendMacro:           true,
		ActionSendFreeText:        true,
		ActionSendTemplate:        true,
		ActionHandoffToNurse:      true,
		ActionViewClinicalThreads: true,
		ActionTakeClinicalHandoff: true,
		ActionRevealMasked:        true,
		ActionOpenIncident:        true,
		ActionClaimThread:         true,
		ActionCloseThread:         true,
		ActionCloseClinical:       true,
		ActionReopenThread:        true,
		ActionEscalate:            true,
	},
	// A supervisor covers every nurse duty (escalations land with them) and
	// reviews the program: misdirected-message incidents, the audit trail
	// (§164.308(a)(1)(ii)(D), information system activity review), and
	// exports of it for compliance. Exporting sits here, not with the
	// admin, so the person who can change users and purge records is not
	// also the one who hands the evidence to the auditor.
	RoleSupervisor: {
		ActionViewThreads:         true,
		ActionSendMacro:           true,
		ActionSendFreeText:        true,
		ActionSendTemplate:        true,
		ActionHandoffToNurse:      true,
		ActionViewClinicalThreads: true,
		ActionTakeClinicalHandoff: true,
		ActionRevealMasked:        true,
		ActionViewIncidents:       true,
		ActionOpenIncident:        true,
		ActionWorkIncident:        true,
		ActionViewAudit:           true,
		ActionExportAudit:         true,
		ActionViewMetrics:         true,
		ActionClaimThread:         true,
		ActionAssignThread:        true,
		ActionCloseThread:         true,
		ActionCloseClinical:       true,
		ActionReopenThread:        true,
		ActionEscalate:            true,
		ActionWorkEscalations:     true,
	},
	// An admin runs the system: users and roles, macros and templates,
	// keys, and retention purges. Separation of duties: the admin identity
	// reads and sends no patient messages, so a compromised or curious
	// admin account, the most powerful one, is not also a window onto PHI,
	// and the HIPAA NPRM's split between everyday and privileged identities
	// holds (an admin who also triages has a second, ordinary account). The
	// admin may view the audit trail to investigate account and key
	// changes, but incidents hold patient text and stay with supervisors.
	RoleAdmin: {
		ActionManageUsers:  true,
		ActionManageMacros: true,
		ActionManageKeys:   true,
		ActionPurgeRecords: true,
		ActionViewAudit:    true,
	},
}

// Can reports whether the role may take the action. Unknown roles and
// actions are refused.
func Can(r Role, a Action) bool {
	return grants[r][a]
}

// Why explains, in one plain sentence for the console's help line, why the
// role may not take the action. It returns "" when the action is allowed.
func Why(r Role, a Action) string {
	if Can(r, a) {
		return ""
	}
	if !knownRole(r) {
		return "Your account has no recognised role, so the console allows nothing; ask an admin to set your role."
	}
	if !knownAction(a) {
		return "The console does not know this action, so it is not allowed."
	}
	who := r.Title()
	if r == RoleAdmin && a.touchesPatientMessages() {
		return "Admin accounts do not read or send patient messages (separation of duties); sign in with your front desk, nurse or supervisor account."
	}
	switch a {
	case ActionRevealMasked:
		if r == RoleFrontDesk {
			return "Front desk cannot reveal masked text; hand the thread to a nurse if the details are needed."
		}
	case ActionViewClinicalThreads, ActionTakeClinicalHandoff:
		if r == RoleFrontDesk {
			return "Clinical threads are for nurses; front desk can hand a thread to a nurse but not take one."
		}
	case ActionCloseClinical:
		if r == RoleFrontDesk {
			return "Front desk cannot close a thread in the nurses' queue; the nurse who answers it closes it."
		}
	case ActionAssignThread:
		return who + " cannot assign threads to others or take them from their owner; ask a supervisor."
	case ActionWorkEscalations:
		return who + " cannot work escalations; a supervisor settles them."
	case ActionViewAudit:
		return who + " cannot view the audit trail; a supervisor or admin can."
	case ActionViewIncidents, ActionWorkIncident:
		return who + " cannot view incidents; a supervisor reviews them."
	case ActionOpenIncident:
		return who + " cannot open incidents; front desk, nurses and supervisors can."
	case ActionViewMetrics:
		return who + " cannot view the program's metrics; a supervisor watches them."
	case ActionExportAudit:
		return who + " cannot export the audit trail; a supervisor exports it for compliance."
	case ActionManageUsers:
		return who + " cannot manage users or roles; ask an admin."
	case ActionManageMacros:
		return who + " cannot change macros or templates; ask an admin."
	case ActionManageKeys:
		return who + " cannot manage encryption keys; ask an admin."
	case ActionPurgeRecords:
		return who + " cannot purge records; only an admin runs retention purges."
	}
	// Reached only by a combination the cases above do not name; say it
	// plainly rather than leave the help line empty.
	return fmt.Sprintf("%s cannot %s.", who, a.Phrase())
}

// MayUseMacro reports whether a user with the role may send a macro whose
// "roles" list is macroRoles. The role needs the send_macro permission and
// must be listed; a macro that lists no roles may be sent by no one, so a
// macro added without a decision stays unusable rather than open to all.
func MayUseMacro(r Role, macroRoles []string) bool {
	if !Can(r, ActionSendMacro) {
		return false
	}
	for _, s := range macroRoles {
		if mr, err := ParseRole(s); err == nil && mr == r {
			return true
		}
	}
	return false
}

// ParseRole reads a role name as typed by an admin or stored in a file.
// Case, surrounding space, and "front desk" / "front-desk" / "front_desk"
// spellings are accepted; anything else is an error.
func ParseRole(s string) (Role, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(k)
	for _, r := range allRoles {
		if string(r) == k {
			return r, nil
		}
	}
	return "", fmt.Errorf("policy: unknown role %q (want one of frontdesk, nurse, supervisor, admin)", s)
}

// Roles lists every role, least privileged for patient data first.
func Roles() []Role {
	return append([]Role(nil), allRoles...)
}

// Actions lists every action the matrix decides, in the order the console
// shows them.
func Actions() []Action {
	return append([]Action(nil), allActions...)
}

// Title is the role's name as people say it ("Front desk").
func (r Role) Title() string {
	switch r {
	case RoleFrontDesk:
		return "Front desk"
	case RoleNurse:
		return "Nurse"
	case RoleSupervisor:
		return "Supervisor"
	case RoleAdmin:
		return "Admin"
	}
	return "Unknown role"
}

// Phrase is the action as a verb phrase ("reveal masked text"), for help
// lines and audit views.
func (a Action) Phrase() string {
	switch a {
	case ActionSendMacro:
		return "send quick-reply macros"
	case ActionSendFreeText:
		return "send free text"
	case ActionSendTemplate:
		return "send approved templates"
	case ActionRevealMasked:
		return "reveal masked text"
	case ActionTakeClinicalHandoff:
		return "take clinical hand-offs"
	case ActionHandoffToNurse:
		return "hand threads to a nurse"
	case ActionViewThreads:
		return "view threads"
	case ActionViewClinicalThreads:
		return "view clinical threads"
	case ActionViewAudit:
		return "view the audit trail"
	case ActionViewIncidents:
		return "view incidents"
	case ActionViewMetrics:
		return "view the program's metrics"
	case ActionManageUsers:
		return "manage users"
	case ActionManageMacros:
		return "manage macros"
	case ActionManageKeys:
		return "manage keys"
	case ActionPurgeRecords:
		return "purge records"
	case ActionExportAudit:
		return "export the audit trail"
	case ActionClaimThread:
		return "claim threads"
	case ActionAssignThread:
		return "assign threads"
	case ActionCloseThread:
		return "close threads"
	case ActionCloseClinical:
		return "close clinical threads"
	case ActionReopenThread:
		return "reopen threads"
	case ActionEscalate:
		return "escalate threads to a supervisor"
	case ActionWorkEscalations:
		return "work escalations"
	}
	return strings.ReplaceAll(string(a), "_", " ")
}

// touchesPatientMessages reports whether the action reads or sends patient
// messages, the work an admin identity is kept away from.
func (a Action) touchesPatientMessages() bool {
	switch a {
	case ActionSendMacro, ActionSendFreeText, ActionSendTemplate, ActionRevealMasked,
		ActionTakeClinicalHandoff, ActionHandoffToNurse, ActionViewThreads, ActionViewClinicalThreads,
		ActionClaimThread, ActionAssignThread, ActionCloseThread, ActionCloseClinical, ActionReopenThread,
		ActionEscalate, ActionWorkEscalations:
		return true
	}
	return false
}

func knownRole(r Role) bool {
	_, ok := grants[r]
	return ok
}

func knownAction(a Action) bool {
	for _, x := range allActions {
		if x == a {
			return true
		}
	}
	return false
}
