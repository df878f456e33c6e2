package central

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/api"
)

// TestAdminChangeKeepsACodeUsedMeanwhile: an administrator unlocks an
// account (`triage user unlock`, a process of its own) while its owner
// signs in with a recovery code. The unlock rewrites the account's
// sign-in state; had it read that state before the sign-in used the code
// and written it back after, the used code would be valid again. The
// unlock holds the account's row from its first read, so the sign-in
// waits for it and the code stays used.
func TestAdminChangeKeepsACodeUsedMeanwhile(t *testing.T) {
	e := newEnv(t)
	_, recovery := enrolTOTP(t, e, "nurse", 4)
	adm := testAdmin(t, e)
	ctx := context.Background()
	signedIn := make(chan int, 1)
	err := adm.change(ctx, "admin", "nurse", "user.unlock", func(q Querier, u *records.User, acc *records.UserAccess, _ map[string]string) error {
		go func() {
			st, _ := signInVia(t, e, clientFrom("127.0.0.1"), api.LoginRequest{Username: "nurse",
				Password: testPasswords["nurse"], TOTP: recovery[0], ConsoleID: "c-nurse"})
			signedIn <- st
		}()
		// Give the sign-in every chance to finish inside the unlock's
		// read and write, as it would without the row held.
		select {
		case st := <-signedIn:
			signedIn <- st
		case <-time.After(700 * time.Millisecond):
		}
		return adm.unlockIn(ctx, q, u, acc)
	})
	if err != nil {
		t.Fatal(err)
	}
	if st := <-signedIn; st != http.StatusOK {
		t.Fatalf("the sign-in with an unused recovery code answered %d, want 200", st)
	}
	info, err := adm.User(ctx, "nurse")
	if err != nil {
		t.Fatal(err)
	}
	if info.RecoveryCodesLeft != 3 {
		t.Fatalf("%d recovery codes left after one was used during the unlock, want 3: the used code was written back", info.RecoveryCodesLeft)
	}
	if st, _ := signInVia(t, e, clientFrom("127.0.0.2"), api.LoginRequest{Username: "nurse",
		Password: testPasswords["nurse"], TOTP: recovery[0], ConsoleID: "c-nurse-2"}); st == http.StatusOK {
		t.Fatal("the recovery code used during the unlock signed in a second time")
	}
}
