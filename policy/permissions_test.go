package policy

import (
	"strings"
	"testing"
)

// wantMatrix is the clinic's permission matrix written out cell by cell, so
// that any change to a grant shows up here as a reviewed diff.
// Columns: frontdesk, nurse, supervisor, admin.
var wantMatrix = map[Action][4]bool{
	ActionViewThreads:         {true, true, true, false},
	ActionSendMacro:           {true, true, true, false},
	ActionSendFreeText:        {true, true, true, false},
	ActionSendTemplate:        {true, true, true, false},
	ActionHandoffToNurse:      {true, true, true, false},
	ActionViewClinicalThreads: {false, true, true, false},
	ActionTakeClinicalHandoff: {false, true, true, false},
	ActionRevealMasked:        {false, true, true, false},
	ActionViewIncidents:       {false, false, true, false},
	ActionOpenIncident:        {true, true, true, false},
	ActionWorkIncident:        {false, false, true, false},
	ActionViewAudit:           {false, false, true, true},
	ActionExportAudit:         {false, false, true, false},
	ActionViewMetrics:         {false, false, true, false},
	ActionManageUsers:         {false, false, false, true},
	ActionManageMacros:        {false, false, false, true},
	ActionManageKeys:          {false, false, false, true},
	ActionPurgeRecords:        {false, false, false, true},
	ActionClaimThread:         {true, true, true, false},
	ActionAssignThread:        {false, false, true, false},
	ActionCloseThread:         {true, true, true, false},
	ActionCloseClinical:       {false, true, true, false},
	ActionReopenThread:        {true, true, true, false},
	ActionEscalate:            {true, true, true, false},
	ActionWorkEscalations:     {false, false, true, false},
}

func TestPermissionMatrix(t *testing.T) {
	roles := []Role{RoleFrontDesk, RoleNurse, RoleSupervisor, RoleAdmin}
	if len(wantMatrix) != len(Actions()) {
		t.Fatalf("test matrix has %d actions, policy has %d: every action needs a reviewed row", len(wantMatrix), len(Actions()))
	}
	for _, a := range Actions() {
		row, ok := wantMatrix[a]
		if !ok {
			t.Errorf("action %s has no row in the expected matrix", a)
			continue
		}
		for i, r := range roles {
			t.Run(string(r)+"/"+string(a), func(t *testing.T) {
				if got := Can(r, a); got != row[i] {
					t.Fatalf("Can(%s, %s) = %v, want %v", r, a, got, row[i])
				}
				why := Why(r, a)
				if row[i] && why != "" {
					t.Fatalf("Why(%s, %s) = %q for an allowed action, want empty", r, a, why)
				}
				if !row[i] {
					if why == "" {
						t.Fatalf("Why(%s, %s) is empty for a refusal", r, a)
					}
					if !strings.HasSuffix(why, ".") || strings.Contains(why, "_") {
						t.Fatalf("Why(%s, %s) = %q: want a plain sentence", r, a, why)
					}
				}
			})
		}
	}
}

// The admin identity must never reach patient text: separation of duties.
func TestAdminSeparationOfDuties(t *testing.T) {
	for _, a := range Actions() {
		if a.touchesPatientMessages() && Can(RoleAdmin, a) {
			t.Errorf("admin may %s, but admin accounts must not read or send patient messages", a)
		}
		if a.touchesPatientMessages() && !strings.Contains(Why(RoleAdmin, a), "separation of duties") {
			t.Errorf("Why(admin, %s) = %q, want the separation-of-duties explanation", a, Why(RoleAdmin, a))
		}
	}
}

// Each step up the clinical ladder keeps the rights of the one below.
func TestClinicalRolesAreNested(t *testing.T) {
	ladder := []Role{RoleFrontDesk, RoleNurse, RoleSupervisor}
	for i := 1; i < len(ladder); i++ {
		for _, a := range Actions() {
			if Can(ladder[i-1], a) && !Can(ladder[i], a) {
				t.Errorf("%s may %s but %s may not", ladder[i-1], a, ladder[i])
			}
		}
	}
}

func TestUnknownRoleAndActionAreRefused(t *testing.T) {
	tests := []struct {
		role   Role
		action Action
		want   string
	}{
		{"", ActionViewThreads, "no recognised role"},
		{"root", ActionManageUsers, "no recognised role"},
		{"Nurse", ActionRevealMasked, "no recognised role"}, // matrix keys are canonical; parse first
		{RoleSupervisor, "delete_everything", "does not know this action"},
	}
	for _, tt := range tests {
		if Can(tt.role, tt.action) {
			t.Errorf("Can(%q, %q) = true, want refusal", tt.role, tt.action)
		}
		if got := Why(tt.role, tt.action); !strings.Contains(got, tt.want) {
			t.Errorf("Why(%q, %q) = %q, want it to mention %q", tt.role, tt.action, got, tt.want)
		}
	}
}

func TestWhyNamesTheWayOut(t *testing.T) {
	tests := []struct {
		role   Role
		action Action
		want   string
	}{
		{RoleFrontDesk, ActionRevealMasked, "hand the thread to a nurse"},
		{RoleFrontDesk, ActionTakeClinicalHandoff, "nurses"},
		{RoleNurse, ActionViewAudit, "supervisor"},
		{RoleNurse, ActionManageUsers, "ask an admin"},
		{RoleSupervisor, ActionPurgeRecords, "only an admin"},
		{RoleAdmin, ActionExportAudit, "supervisor"},
		{RoleAdmin, ActionViewIncidents, "supervisor"},
	}
	for _, tt := range tests {
		if got := Why(tt.role, tt.action); !strings.Contains(got, tt.want) {
			t.Errorf("Why(%s, %s) = %q, want it to mention %q", tt.role, tt.action, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in      string
		want    Role
		wantErr bool
	}{
		{"frontdesk", RoleFrontDesk, false},
		{"Front Desk", RoleFrontDesk, false},
		{"front-desk", RoleFrontDesk, false},
		{" front_desk ", RoleFrontDesk, false},
		{"NURSE", RoleNurse, false},
		{"supervisor", RoleSupervisor, false},
		{"admin", RoleAdmin, false},
		{"", "", true},
		{"doctor", "", true},
		{"administrator", "", true},
		{"nurse\x1b[2J", "", true},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("ParseRole(%q) error carries a raw escape: %q", tt.in, err)
		}
	}
}

func TestMayUseMacro(t *testing.T) {
	clinicalOnly := []string{"nurse", "supervisor"}
	everyone := []string{"frontdesk", "nurse", "supervisor", "admin"}
	tests := []struct {
		name  string
		role  Role
		roles []string
		want  bool
	}{
		{"front desk on an operational macro", RoleFrontDesk, []string{"frontdesk", "nurse", "supervisor"}, true},
		{"front desk on a nurse-only macro", RoleFrontDesk, clinicalOnly, false},
		{"nurse on a nurse-only macro", RoleNurse, clinicalOnly, true},
		{"supervisor on a nurse-only macro", RoleSupervisor, clinicalOnly, true},
		{"admin listed but cannot send", RoleAdmin, everyone, false},
		{"macro listing no roles", RoleSupervisor, nil, false},
		{"macro roles spelled loosely", RoleFrontDesk, []string{"Front Desk"}, true},
		{"unknown role in macro", RoleNurse, []string{"doctor"}, false},
		{"unknown user role", Role("doctor"), []string{"doctor"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayUseMacro(tt.role, tt.roles); got != tt.want {
				t.Fatalf("MayUseMacro(%s, %v) = %v, want %v", tt.role, tt.roles, got, tt.want)
			}
		})
	}
}

func TestRolesAndActionsAreCopies(t *testing.T) {
	r := Roles()
	r[0] = "root"
	if Roles()[0] != RoleFrontDesk {
		t.Fatal("Roles() exposes the package's slice")
	}
	a := Actions()
	a[0] = "x"
	if Actions()[0] == "x" {
		t.Fatal("Actions() exposes the package's slice")
	}
	seen := map[Action]bool{}
	for _, a := range Actions() {
		if seen[a] {
			t.Errorf("action %s listed twice", a)
		}
		seen[a] = true
	}
	if len(Roles()) != 4 || len(Actions()) != len(wantMatrix) {
		t.Fatalf("got %d roles and %d actions, want 4 and %d (the matrix above)", len(Roles()), len(Actions()), len(wantMatrix))
	}
}
