package central

import (
	"context"
	"errors"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/auth"
)

// resetSeedPassword gives an existing seeded account the password of this
// start, ends the sessions of earlier runs, and clears a lock left by an earlier run's failed sign-ins. Only
// an account that is still the seed's is touched: same role, no second
// factor required. An account an admin made, or one that enrolled TOTP,
// keeps its password whatever the seed list says.
func (s *Server) resetSeedPassword(ctx context.Context, u User, role policy.Role, password string) error {
	if err := auth.CheckPassword(u.Username, password); err != nil {
		return err
	}
	h, err := auth.Hash(password)
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(q Querier) error {
		res, err := q.ExecContext(ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0
			WHERE id = ? AND role = ? AND totp_required = 0 AND totp_sealed IS NULL`, h, u.ID, string(role))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errors.New("the account exists and is not a seeded one (another role, or a second factor); its password is left alone")
		}
		// A new password ends the sessions the old one opened.
		if _, err := q.ExecContext(ctx, `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, s.now().UnixNano(), u.ID); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "user.password_reset", Object: "user:" + u.ID,
			Outcome: "ok", Detail: map[string]string{"source": "seed", "role": string(role)}})
	})
}
