package central

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

// Lockout: after lockoutThreshold consecutive failures an account is
// locked for lockoutDuration (NIST SP 800-63B §5.2.2 asks for a limit of
// at most 100; a clinic's accounts warrant far fewer). Failures older than
// lockoutDuration no longer count, so a typo a week ago does not linger.
const (
	lockoutThreshold = 5
	lockoutDuration  = 15 * time.Minute
)

// loginFailed is the only thing a failed sign-in ever hears, whatever the
// reason: it must not tell an attacker which usernames exist, whether the
// password was right, or that the account is locked.
const loginFailed = "Sign-in failed. Check your username, password and authenticator code, or ask an admin if it keeps failing."

// validConsoleID accepts the ids consoles generate (letters, digits and
// ".-_", at most 64) and reserves the server's own chain.
func validConsoleID(id string) bool {
	if id == "" || len(id) > 64 || id == ServerConsoleID {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var req api.LoginRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		return
	}
	if !validConsoleID(req.ConsoleID) {
		writeError(w, http.StatusBadRequest, "console_id must be 1 to 64 letters, digits, '.', '-' or '_'")
		return
	}
	ctx := r.Context()
	fail := func(userID string, role policy.Role, reason string) {
		err := s.auditOnly(ctx, auditRecord{UserID: userID, Role: api.Role(role), Action: "login", Object: "console:" + req.ConsoleID,
			Outcome: "refused", Detail: map[string]string{"reason": reason}})
		if err != nil {
			s.log.Error("login audit not written", "err", err.Error())
			writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
			return
		}
		s.log.Info("login refused", "user", userID, "reason", reason, "console", req.ConsoleID)
		writeError(w, http.StatusUnauthorized, loginFailed)
	}
	username, err := auth.NormalizeUsername(req.Username)
	if err != nil {
		auth.DummyVerify(req.Password)
		fail("", "", "unknown_user")
		return
	}
	u, err := s.store.Users.ByUsername(ctx, s.db, username)
	if errors.Is(err, ErrNotFound) {
		// The typed name is not recorded: it may be a password typed into
		// the wrong field.
		auth.DummyVerify(req.Password)
		fail("", "", "unknown_user")
		return
	}
	if err != nil {
		s.log.Error("login lookup failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	now := s.now()
	if u.Disabled {
		auth.DummyVerify(req.Password)
		fail(u.ID, u.Role, "disabled")
		return
	}
	if now.Before(u.LockedUntil) {
		auth.DummyVerify(req.Password)
		fail(u.ID, u.Role, "locked")
		return
	}
	ok, err := auth.Verify(u.PasswordHash, req.Password)
	reason := ""
	switch {
	case err != nil:
		reason = "unusable_hash"
	case !ok:
		reason = "bad_password"
	case u.TOTPSecret != "":
		step, good := auth.VerifyTOTP(u.TOTPSecret, req.TOTP, now, u.TOTPLastStep)
		if !good {
			reason = "bad_totp"
			if strings.TrimSpace(req.TOTP) == "" {
				reason = "totp_required"
			}
		} else {
			u.TOTPLastStep = step
		}
	}
	if reason != "" {
		if !u.LastFailedAt.IsZero() && now.Sub(u.LastFailedAt) > lockoutDuration {
			u.FailedLogins = 0
		}
		u.FailedLogins++
		u.LastFailedAt = now
		if u.FailedLogins >= lockoutThreshold {
			u.LockedUntil = now.Add(lockoutDuration)
			u.FailedLogins = 0
			reason += ",locked_now"
		}
		if err := s.store.Users.SaveLoginState(ctx, s.db, u); err != nil {
			s.log.Error("login state not saved", "err", err.Error())
		}
		fail(u.ID, u.Role, reason)
		return
	}
	token, err := newSessionToken()
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	sess := Session{TokenHash: hashToken(token), UserID: u.ID, ConsoleID: req.ConsoleID, CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL), LastSeenAt: now}
	u.FailedLogins, u.LockedUntil, u.LastFailedAt = 0, time.Time{}, time.Time{}
	rehash := auth.NeedsRehash(u.PasswordHash)
	err = s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Users.SaveLoginState(ctx, q, u); err != nil {
			return err
		}
		if err := s.store.Sessions.Create(ctx, q, sess); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "login",
			Object: "console:" + req.ConsoleID, Outcome: "ok"})
	})
	if err != nil {
		s.log.Error("login not recorded", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	if rehash {
		s.rehashPassword(ctx, u.ID, req.Password)
	}
	s.log.Info("login", "user", u.ID, "console", req.ConsoleID)
	writeJSON(w, http.StatusOK, api.LoginResponse{
		Token: token, User: api.User{ID: u.ID, Username: u.Username, Role: api.Role(u.Role)},
		ExpiresAt: sess.ExpiresAt, IdleTimeoutSeconds: int(s.cfg.IdleTimeout / time.Second),
	})
}

// rehashPassword upgrades a stored hash made with older cost parameters,
// now that the password is known to be right.
func (s *Server) rehashPassword(ctx context.Context, userID, password string) {
	h, err := auth.Hash(password)
	if err != nil {
		return
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, h, userID); err != nil {
		s.log.Warn("password rehash not saved", "user", userID)
	}
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	ctx := r.Context()
	err := s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Sessions.Revoke(ctx, q, sess.TokenHash, s.now()); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "logout",
			Object: "console:" + sess.ConsoleID, Outcome: "ok"})
	})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "sign-out could not be recorded; try again")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// seed creates the configured demo users and opt-ins if they are missing.
func (s *Server) seed(ctx context.Context) error {
	now := s.now()
	for _, su := range s.cfg.SeedUsers {
		name, err := auth.NormalizeUsername(su.Username)
		if err != nil {
			return fmt.Errorf("central: seed user %q: %w", su.Username, err)
		}
		role, err := policy.ParseRole(su.Role)
		if err != nil {
			return fmt.Errorf("central: seed user %q: %w", name, err)
		}
		if _, err := s.store.Users.ByUsername(ctx, s.db, name); err == nil {
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := auth.CheckPassword(name, su.Password); err != nil {
			return fmt.Errorf("central: seed user %q: %w", name, err)
		}
		h, err := auth.Hash(su.Password)
		if err != nil {
			return err
		}
		u := &User{Username: name, Role: role, PasswordHash: h, CreatedAt: now}
		err = s.store.Tx(ctx, func(q Querier) error {
			if err := s.store.Users.Create(ctx, q, u); err != nil {
				return err
			}
			return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "user.create", Object: "user:" + u.ID,
				Outcome: "ok", Detail: map[string]string{"role": string(role), "source": "seed"}})
		})
		if err != nil {
			return fmt.Errorf("central: seed user %q: %w", name, err)
		}
		s.log.Info("seed user created", "user", u.ID, "role", string(role))
	}
	for i, raw := range s.cfg.SeedOptIns {
		phone, err := e164.Normalize(raw)
		if err != nil {
			return fmt.Errorf("central: seed opt-in #%d is not an international phone number", i+1)
		}
		err = s.store.Tx(ctx, func(q Querier) error {
			p, _, err := s.store.Patients.Upsert(ctx, q, phone, "", "", now)
			if err != nil {
				return err
			}
			// A recorded choice, STOP above all, outranks the seed: seeding
			// again at every start must never undo a patient's opt-out.
			hist, err := ConsentHistory(ctx, q, p.ID)
			if err != nil || len(hist) > 0 {
				return err
			}
			changed, err := s.store.Patients.SetConsent(ctx, q, p.ID, true, "demo-seed", "", now)
			if err != nil || !changed {
				return err
			}
			return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "consent.change", Object: "patient:" + p.ID,
				Outcome: "ok", Detail: map[string]string{"opted_in": "true", "source": "demo-seed"}})
		})
		if err != nil {
			return fmt.Errorf("central: seed opt-in #%d: %w", i+1, err)
		}
	}
	return nil
}
