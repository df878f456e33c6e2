package central

import (
	"context"
	"errors"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/auth"
)

// resetSeedPassword gives an existing seeded account the password of this
// start, ends the sessions of earlier runs, and clears a lock left by an earlier run's failed sign-ins. Only
// an account that is still the seed's is touched: same role, no second
// factor required. An account an admin made, or one that enrolled TOTP,
// keeps its password whatever the seed list says.
func (s *Server) resetSeedPassword(ctx context.Context, u records.User, role policy.Role, password string) error {
	if err := auth.CheckPassword(u.Username, password); err != nil {
		return err
	}
	h, err := s.passwords.Hash(password)
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(q Querier) error {
		ok, err := s.store.Users.(records.Users).ResetSeedPassword(ctx, q, u.ID, string(role), h)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("the account exists and is not a seeded one (another role, or a second factor); its password is left alone")
		}
		// A new password ends the sessions the old one opened.
		if err := (records.Sessions{}).RevokeAll(ctx, q, u.ID, s.now()); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "user.password_reset", Object: "user:" + u.ID,
			Outcome: "ok", Detail: map[string]string{"source": "seed", "role": string(role)}})
	})
}
