package central

import (
	"context"
	"testing"
)

// The one-pass verifier must never call a damaged log intact: at any
// damage it gives way to the sequential check (which names it). Each case
// damages a fresh copy of a real log through SQL, as an attacker with the
// file would.
func TestFastVerifyGivesWayAtEveryKindOfDamage(t *testing.T) {
	cases := []struct {
		name   string
		damage string
	}{
		{"edited detail", `UPDATE audit SET detail = '{"rule":"other"}' WHERE console_id = 'triaged' AND seq = 2`},
		{"edited action", `UPDATE audit SET action = 'logout' WHERE console_id = 'triaged' AND seq = 3`},
		{"deleted entry", `DELETE FROM audit WHERE console_id = 'triaged' AND seq = 2`},
		{"hole in log order", `UPDATE audit SET gseq = gseq + 100 WHERE gseq = (SELECT MAX(gseq) FROM audit)`},
		{"no log position", `UPDATE audit SET gseq = NULL WHERE console_id = 'triaged' AND seq = 3`},
		{"broken link", `UPDATE audit SET prev_hash = hash WHERE console_id = 'triaged' AND seq = 3`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			for range 3 {
				e.login("desk")
			}
			ctx := context.Background()
			db := e.srv.db
			heads, n, leaves, ok, err := fastPass(ctx, db)
			if err != nil || !ok || n < 4 || len(leaves) != int(n) || heads[ServerConsoleID] == 0 {
				t.Fatalf("clean log: ok=%v n=%d leaves=%d heads=%v err=%v", ok, n, len(leaves), heads, err)
			}
			if _, err := db.Exec(c.damage); err != nil {
				t.Fatal(err)
			}
			if _, _, _, ok, err := fastPass(ctx, db); err != nil || ok {
				t.Fatalf("after %s the fast pass reported ok=%v (err %v)", c.name, ok, err)
			}
			if _, _, _, err := verifyChainsFast(ctx, db); err == nil && c.name != "hole in log order" {
				t.Fatalf("after %s the chains verified", c.name)
			}
		})
	}
}
