package central

import (
	"testing"

	"github.com/clinicwa/triage/store/api"
)

// A seeded account with ResetPassword takes each start's password and
// loses its old sessions; an account of another role under the same name
// keeps its password and the start fails loudly rather than take it over.
func TestSeedPasswordResetOnlyTouchesSeededAccounts(t *testing.T) {
	e := newEnv(t)
	oldToken := e.login("nurse")
	e.stop()
	e.cfg.SeedUsers = []SeedUser{{Username: "nurse", Password: "fresh-harbor-lantern-55", Role: "nurse", ResetPassword: true}}
	e.start()
	var resp api.LoginResponse
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "nurse", Password: "fresh-harbor-lantern-55"}, &resp); code != 200 {
		t.Fatalf("new seed password: %d", code)
	}
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "nurse", Password: testPasswords["nurse"]}, nil); code == 200 {
		t.Fatal("the old seed password still signs in")
	}
	if code := e.do("GET", api.Version+"/threads", oldToken, nil, nil); code != 401 {
		t.Errorf("a session of the old password answered %d, want 401", code)
	}
	e.stop()
	e.cfg.SeedUsers = []SeedUser{{Username: "nurse", Password: "grab-the-account-77", Role: "admin", ResetPassword: true}}
	if _, err := New(t.Context(), e.cfg); err == nil {
		t.Fatal("a seed of another role reset an existing account's password")
	}
}
