package central

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteAccessReviewText renders a review for a person to read: findings
// first, loudly, then one block per account.
func WriteAccessReviewText(w io.Writer, r AccessReview) {
	day := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04Z")
	}
	fmt.Fprintf(w, "ACCESS REVIEW  %s to %s  (generated %s)\n", r.From.Format(time.DateOnly), r.To.Format(time.DateOnly), day(r.GeneratedAt))
	fmt.Fprintf(w, "Accounts: %d   Dormant after: %d days   Messaging policy in force: %s\n", len(r.Accounts), r.DormantDays, r.Policy)
	if r.LastReview != nil {
		fmt.Fprintf(w, "Last review: %s by %s   Next due: %s\n", day(r.LastReview.At), r.LastReview.Reviewer, r.NextDue.Format(time.DateOnly))
	} else {
		fmt.Fprintln(w, "Last review: none recorded   Next due: now")
	}
	if r.Due {
		fmt.Fprintln(w, "REVIEW DUE: record it with `triaged access-review done --by USER --note \"…\"`")
	}
	fmt.Fprintln(w)
	if len(r.DisabledWithSessions) > 0 {
		fmt.Fprintln(w, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")
		fmt.Fprintf(w, "!! DISABLED ACCOUNTS STILL HOLD SESSIONS: %s\n", strings.Join(r.DisabledWithSessions, ", "))
		fmt.Fprintln(w, "!! Disabling ends every session at once; this must never happen. Run")
		fmt.Fprintln(w, "!! `triaged user revoke USER` now and report it as a security incident.")
		fmt.Fprintln(w, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "Disabled accounts holding sessions: none (as required)")
	}
	if len(r.Dormant) > 0 {
		fmt.Fprintf(w, "Dormant accounts (no sign-in for %d days): %s\n", r.DormantDays, strings.Join(r.Dormant, ", "))
	} else {
		fmt.Fprintln(w, "Dormant accounts: none")
	}
	fmt.Fprintf(w, "Findings: %d\n\n", r.Findings())
	for _, a := range r.Accounts {
		state := "enabled"
		if a.Disabled {
			state = "DISABLED"
		}
		fmt.Fprintf(w, "%s  (%s, %s)\n", a.Username, a.Role, state)
		last := "never"
		if a.LastSignIn != nil {
			last = day(*a.LastSignIn)
		}
		fmt.Fprintf(w, "  created %s   last sign-in %s   password set %s\n", day(a.CreatedAt), last, day(a.LastPasswordChange))
		fmt.Fprintf(w, "  MFA %s, %d recovery codes left   live sessions %d\n", a.MFA, a.RecoveryCodesLeft, a.LiveSessions)
		fmt.Fprintf(w, "  in period: %d failed sign-ins, %d lockouts, %d reveals\n", a.FailedSignIns, a.Lockouts, len(a.Reveals))
		if a.PolicyAck != nil {
			cur := "current"
			if !a.PolicyAck.Current {
				cur = "LAPSED or an older version"
			}
			fmt.Fprintf(w, "  messaging policy: version %s acknowledged %s (%s)\n", a.PolicyAck.Version, day(a.PolicyAck.At), cur)
		} else {
			fmt.Fprintln(w, "  messaging policy: never acknowledged")
		}
		for _, rv := range a.Reveals {
			masked := ""
			if rv.Masked {
				masked = " (patient details masked)"
			}
			fmt.Fprintf(w, "    reveal %s  message %s  reason: %s%s\n", day(rv.At), rv.MessageID, rv.Reason, masked)
		}
		if len(a.Flags) > 0 {
			fmt.Fprintf(w, "  FLAGS: %s\n", strings.Join(a.Flags, ", "))
		}
		fmt.Fprintln(w)
	}
}
