package central

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
)

// Sign-in limits. Per account and per source address, failures are
// counted by store/auth (auth.UserLockout, auth.SourceLockout): the
// account's state is kept in its row so a lock survives a restart; the
// source's lives in memory, because addresses come and go.
const (
	// enrolmentTTL is how long a TOTP enrolment offered after a right
	// password may be confirmed.
	enrolmentTTL = 10 * time.Minute
	// recoveryCodeCount is how many one-time recovery codes an enrolment
	// hands out.
	recoveryCodeCount = 10
	// TOTPIssuer names the clinic's entry in the user's authenticator app.
	TOTPIssuer = "Clinic Triage"
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

// loginAttempt is one sign-in or enrolment request being decided; it
// collects what the refusal or the success must record.
type loginAttempt struct {
	s         *Server
	w         http.ResponseWriter
	r         *http.Request
	consoleID string
	device    signInDevice // the console's device, checked (devices.go)
	source    string
	now       time.Time
}

// refuse records a refused attempt in the server's chain and answers with
// the one generic sentence. A source failure is counted for every refusal,
// whatever its reason, so guessing across usernames from one address ends
// in that address's lock.
func (a *loginAttempt) refuse(action, userID string, role policy.Role, reason string) {
	if ok, _ := a.s.throttle.Fail(a.source, a.now).Check(a.now); !ok && reason != "source_locked" {
		reason += ",source_locked_now"
	}
	err := a.s.auditOnly(a.r.Context(), auditRecord{UserID: userID, Role: api.Role(role), Action: action, Object: "console:" + a.consoleID,
		Outcome: "refused", Detail: map[string]string{"reason": reason}})
	if err != nil {
		a.s.log.Error("login audit not written", "err", err.Error())
		writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	a.s.log.Info("login refused", "user", userID, "reason", reason, "console", a.consoleID)
	a.s.ops.SignInRefused(reason)
	writeError(a.w, http.StatusUnauthorized, loginFailed)
}

// sourceOf is the address a request came from. Forwarded headers are not
// trusted: anyone can write them, and a lock keyed on them would be a
// lock the guesser chooses.
func sourceOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var req api.LoginRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		return
	}
	dev, devOK := s.checkSignInDevice(w, req.ConsoleID, req.Device, req.Username)
	if !devOK {
		return
	}
	ctx := r.Context()
	a := &loginAttempt{s: s, w: w, r: r, consoleID: dev.id, device: dev, source: sourceOf(r), now: s.now()}
	s.pruneThrottle(a.now)
	// A locked source is refused before any lookup or hash: the lock must
	// stop the guessing and its cost to the server.
	if ok, _ := s.throttle.Check(a.source, a.now); !ok {
		auth.DummyVerify(req.Password)
		a.refuse("login", "", "", "source_locked")
		return
	}
	username, err := auth.NormalizeUsername(req.Username)
	if err != nil {
		auth.DummyVerify(req.Password)
		a.refuse("login", "", "", "unknown_user")
		return
	}
	u, err := s.store.Users.ByUsername(ctx, s.db, username)
	if errors.Is(err, ErrNotFound) {
		// The typed name is not recorded: it may be a password typed into
		// the wrong field. The dummy hash keeps the answer's timing the
		// same as for a real account.
		auth.DummyVerify(req.Password)
		a.refuse("login", "", "", "unknown_user")
		return
	}
	if err != nil {
		s.log.Error("login lookup failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	acc, err := s.store.Users.(sqlUsers).access(ctx, s.db, u.ID)
	if err != nil {
		s.log.Error("login lookup failed", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	lock := lockoutOf(u, acc)
	if ok, _ := lock.Check(a.now); !ok {
		auth.DummyVerify(req.Password)
		a.refuse("login", u.ID, u.Role, "locked")
		return
	}
	if u.Disabled {
		auth.DummyVerify(req.Password)
		a.refuse("login", u.ID, u.Role, "disabled")
		return
	}
	ok, err := auth.Verify(u.PasswordHash, req.Password)
	reason, method := "", "totp"
	switch {
	case err != nil:
		reason = "unusable_hash"
	case !ok:
		reason = "bad_password"
	case u.TOTPSecret == "" && acc.TOTPRequired:
		// Right password, no authenticator yet: enrol now. Only now,
		// after the password, does the answer differ from a refusal.
		s.offerEnrolment(a, u, acc, lock, req.Password)
		return
	case u.TOTPSecret == "":
		method = "single_factor"
	default:
		code := strings.TrimSpace(req.TOTP)
		if step, good := auth.VerifyTOTP(u.TOTPSecret, code, a.now, u.TOTPLastStep); good {
			u.TOTPLastStep = step
		} else if rest, used := useRecovery(acc.Recovery, code); used {
			acc.Recovery, method = rest, "recovery_code"
		} else if code == "" {
			reason = "totp_required"
		} else {
			reason = "bad_totp"
		}
	}
	if reason != "" {
		next := lock.Fail(a.now, auth.UserLockout)
		if next.Lockouts > lock.Lockouts {
			reason += ",locked_now"
		}
		u, acc = withLockout(u, acc, next)
		err := s.store.Tx(ctx, func(q Querier) error {
			if err := s.store.Users.SaveLoginState(ctx, q, u); err != nil {
				return err
			}
			return s.store.Users.(sqlUsers).saveAccess(ctx, q, u.ID, acc)
		})
		if err != nil {
			s.log.Error("login state not saved", "err", err.Error())
		}
		a.refuse("login", u.ID, u.Role, reason)
		return
	}
	detail := map[string]string{"method": method}
	if method == "recovery_code" {
		detail["recovery_codes_left"] = strconv.Itoa(len(acc.Recovery))
	}
	resp, err := s.openSession(ctx, a, u, acc, nil, "login", detail)
	if s.refusedForDevice(a, "login", u, err) {
		return
	}
	if err != nil {
		s.log.Error("login not recorded", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	if auth.NeedsRehash(u.PasswordHash) {
		s.rehashPassword(ctx, u.ID, req.Password)
	}
	s.log.Info("login", "user", u.ID, "console", req.ConsoleID, "method", method)
	writeJSON(w, http.StatusOK, resp)
}

// useRecovery tries code as a recovery code. Codes are 16 characters
// with optional dashes, so a six-digit TOTP code is never one.
func useRecovery(hashed []string, code string) ([]string, bool) {
	if len(hashed) == 0 || len(code) < 16 {
		return hashed, false
	}
	return auth.UseRecoveryCode(hashed, code)
}

// openSession clears the account's lockout, creates a session and writes
// the audit entry in one transaction together with extra; it returns the
// console's answer.
func (s *Server) openSession(ctx context.Context, a *loginAttempt, u User, acc userAccess, extra func(context.Context, Querier) error, action string, detail map[string]string) (api.LoginResponse, error) {
	token, hash := auth.NewSessionToken()
	sess := Session{TokenHash: hash, UserID: u.ID, ConsoleID: a.consoleID, CreatedAt: a.now,
		ExpiresAt: a.now.Add(s.cfg.SessionTTL), LastSeenAt: a.now}
	u, acc = withLockout(u, acc, lockoutOf(u, acc).Succeed())
	err := s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Users.SaveLoginState(ctx, q, u); err != nil {
			return err
		}
		if err := s.store.Users.(sqlUsers).saveAccess(ctx, q, u.ID, acc); err != nil {
			return err
		}
		if extra != nil {
			if err := extra(ctx, q); err != nil {
				return err
			}
		}
		if err := s.bindSignInDevice(ctx, q, a.device, u); err != nil {
			return err
		}
		if err := s.store.Sessions.Create(ctx, q, sess); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: action,
			Object: "console:" + a.consoleID, Outcome: "ok", Detail: detail})
	})
	if err != nil {
		return api.LoginResponse{}, err
	}
	return api.LoginResponse{
		Token: token, User: api.User{ID: u.ID, Username: u.Username, Role: api.Role(u.Role)},
		ExpiresAt: sess.ExpiresAt, IdleTimeoutSeconds: int(s.cfg.IdleTimeout / time.Second),
	}, nil
}

// offerEnrolment answers a right password for an account without an
// authenticator: a TOTP secret (the one already offered, while its offer
// lasts, so an app scanned a minute ago still matches) and a one-time
// token to confirm it with.
func (s *Server) offerEnrolment(a *loginAttempt, u User, acc userAccess, lock auth.LockoutState, password string) {
	ctx := a.r.Context()
	if acc.PendingSecret == "" || !a.now.Before(acc.EnrolExpires) {
		secret, _, err := auth.NewTOTPSecret(TOTPIssuer, u.Username)
		if err != nil {
			writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
			return
		}
		acc.PendingSecret = secret
	}
	token, hash := auth.NewSessionToken()
	acc.EnrolHash, acc.EnrolExpires = hash, a.now.Add(enrolmentTTL)
	// The password was right: the account's failure count starts again.
	u, acc = withLockout(u, acc, lock.Succeed())
	err := s.store.Tx(ctx, func(q Querier) error {
		if err := s.store.Users.SaveLoginState(ctx, q, u); err != nil {
			return err
		}
		if err := s.store.Users.(sqlUsers).saveAccess(ctx, q, u.ID, acc); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "login",
			Object: "console:" + a.consoleID, Outcome: "refused", Detail: map[string]string{"reason": "totp_enrolment_required"}})
	})
	if err != nil {
		s.log.Error("enrolment not recorded", "err", err.Error())
		writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	if auth.NeedsRehash(u.PasswordHash) {
		s.rehashPassword(ctx, u.ID, password)
	}
	s.log.Info("totp enrolment offered", "user", u.ID, "console", a.consoleID)
	writeJSON(a.w, http.StatusForbidden, api.EnrolmentChallenge{
		Error: api.EnrolmentRequired,
		Enrolment: api.TOTPEnrolment{
			Token: token, Secret: acc.PendingSecret, ExpiresAt: acc.EnrolExpires,
			URI: totpURI(acc.PendingSecret, u.Username),
		},
	})
}

// totpURI is the otpauth:// URI for secret, with the same settings
// auth.NewTOTPSecret uses.
func totpURI(secret, account string) string {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", TOTPIssuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", strconv.Itoa(auth.TOTPDigits))
	v.Set("period", strconv.Itoa(int(auth.TOTPPeriod/time.Second)))
	return "otpauth://totp/" + url.PathEscape(TOTPIssuer+":"+account) + "?" + v.Encode()
}

// handleEnrol confirms an enrolment with the first code from the app. It
// needs no session (the user has none yet) but the one-time token from
// the password step; wrong codes count against the account and the source
// like any failed sign-in.
func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request) {
	var req api.TOTPEnrolRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		return
	}
	dev, ok := s.checkSignInDevice(w, req.ConsoleID, req.Device, "")
	if !ok {
		return
	}
	ctx := r.Context()
	a := &loginAttempt{s: s, w: w, r: r, consoleID: dev.id, device: dev, source: sourceOf(r), now: s.now()}
	if ok, _ := s.throttle.Check(a.source, a.now); !ok {
		a.refuse("totp.enrol", "", "", "source_locked")
		return
	}
	users := s.store.Users.(sqlUsers)
	token := strings.TrimSpace(req.Token)
	if token == "" || len(token) > 256 {
		a.refuse("totp.enrol", "", "", "bad_token")
		return
	}
	u, err := users.byEnrolToken(ctx, s.db, auth.HashToken(token))
	if errors.Is(err, ErrNotFound) {
		a.refuse("totp.enrol", "", "", "bad_token")
		return
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	acc, err := users.access(ctx, s.db, u.ID)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	lock := lockoutOf(u, acc)
	switch ok, _ := lock.Check(a.now); {
	case !ok:
		a.refuse("totp.enrol", u.ID, u.Role, "locked")
		return
	case u.Disabled:
		a.refuse("totp.enrol", u.ID, u.Role, "disabled")
		return
	case !a.now.Before(acc.EnrolExpires) || acc.PendingSecret == "" || u.TOTPSecret != "":
		a.refuse("totp.enrol", u.ID, u.Role, "expired")
		return
	}
	step, good := auth.VerifyTOTP(acc.PendingSecret, req.Code, a.now, 0)
	if !good {
		next := lock.Fail(a.now, auth.UserLockout)
		reason := "bad_totp"
		if next.Lockouts > lock.Lockouts {
			reason += ",locked_now"
			// A lock also ends the offer: after it, the password again.
			acc.EnrolHash, acc.EnrolExpires = nil, time.Time{}
		}
		u, acc = withLockout(u, acc, next)
		if err := s.store.Tx(ctx, func(q Querier) error {
			if err := s.store.Users.SaveLoginState(ctx, q, u); err != nil {
				return err
			}
			return users.saveAccess(ctx, q, u.ID, acc)
		}); err != nil {
			s.log.Error("enrolment state not saved", "err", err.Error())
		}
		a.refuse("totp.enrol", u.ID, u.Role, reason)
		return
	}
	plain, hashed, err := auth.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	secret := acc.PendingSecret
	acc.PendingSecret, acc.EnrolHash, acc.EnrolExpires, acc.Recovery = "", nil, time.Time{}, hashed
	u.TOTPSecret, u.TOTPLastStep = secret, step
	resp, err := s.openSession(ctx, a, u, acc, func(ctx context.Context, q Querier) error {
		if err := users.setTOTP(ctx, q, u.ID, secret, step); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "totp.enrol",
			Object: "user:" + u.ID, Outcome: "ok", Detail: map[string]string{"recovery_codes": strconv.Itoa(len(hashed))}})
	}, "login", map[string]string{"method": "totp_enrolment"})
	if s.refusedForDevice(a, "totp.enrol", u, err) {
		return
	}
	if err != nil {
		s.log.Error("enrolment not recorded", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	s.log.Info("totp enrolled", "user", u.ID, "console", req.ConsoleID)
	writeJSON(w, http.StatusOK, api.TOTPEnrolResponse{Login: resp, RecoveryCodes: plain})
}

// handleSession describes the caller's session, so a console can resume
// one whose token it kept in the OS keyring. It counts as activity.
func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	writeJSON(w, http.StatusOK, api.SessionInfo{
		User:      api.User{ID: sess.User.ID, Username: sess.User.Username, Role: api.Role(sess.User.Role)},
		ExpiresAt: sess.ExpiresAt, IdleTimeoutSeconds: int(s.cfg.IdleTimeout / time.Second),
	})
}

// pruneThrottle drops idle source states now and then, so guesses from
// many addresses cannot grow the map without bound.
func (s *Server) pruneThrottle(now time.Time) {
	if s.loginCount.Add(1)%64 == 0 {
		s.throttle.Prune(now)
	}
}

// rehashPassword upgrades a stored hash made with older cost parameters,
// now that the password is known to be right.
func (s *Server) rehashPassword(ctx context.Context, userID, password string) {
	h, err := auth.Hash(password)
	if err != nil {
		return
	}
	if _, err := s.store.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, h, userID); err != nil {
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
			// Seeded accounts are the demo's: they sign in with a password
			// alone. Every account an admin adds must enrol TOTP.
			if _, err := q.ExecContext(ctx, `UPDATE users SET totp_required = 0 WHERE id = ?`, u.ID); err != nil {
				return err
			}
			return s.auditServer(ctx, q, auditRecord{UserID: "system", Action: "user.create", Object: "user:" + u.ID,
				Outcome: "ok", Detail: map[string]string{"role": string(role), "source": "seed", "totp": "exempt"}})
		})
		if err != nil {
			return fmt.Errorf("central: seed user %q: %w", name, err)
		}
		s.log.Warn("seed user created without a second factor (demo only)", "user", u.ID, "role", string(role))
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
