package central

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central/signin"
)

// Sign-in limits. Per account, per source address and per unknown
// username, attempts are counted by conditional updates before anything
// is hashed (signin.Counter); password checks are admitted by
// signin.HashGate. The policies are auth.UserLockout and
// auth.SourceLockout.
const (
	// enrolmentTTL is how long a TOTP enrolment offered after a right
	// password may be confirmed.
	enrolmentTTL = 10 * time.Minute
	// recoveryCodeCount is how many one-time recovery codes an enrolment
	// hands out.
	recoveryCodeCount = 10
	// TOTPIssuer names the clinic's entry in the user's authenticator app.
	TOTPIssuer = "Clinic Triage"
	// inFlightGrace: a count that reached its limit with no lock and no
	// charge for this long holds failures only (a check takes well under
	// a second), so a refused attempt may start the lock itself.
	inFlightGrace = time.Minute
)

// loginFailed is what a failed sign-in hears, whatever the reason, until
// a lock starts: it must not tell an attacker which usernames exist or
// whether the password was right. A lock is told with its end (lockedMessage),
// and an unknown username locks exactly as a real one does, so that says
// nothing about which names exist either.
const loginFailed = "Sign-in failed. Check your username, password and authenticator code, or ask an admin if it keeps failing."

// lockedMessage tells a locked user when to try again, in the clinic's
// time; the console shows api.Error.LockedUntil in its own.
func (s *Server) lockedMessage(until time.Time, source bool) string {
	at := until.In(s.cfg.ClinicZone).Format("15:04")
	if source {
		return "Too many failed sign-ins from this address: sign-in from here is locked until " + at + " (clinic time)."
	}
	return "Too many failed sign-ins: this sign-in is locked until " + at + " (clinic time). Wait until then, or ask an admin to unlock the account."
}

// ParseTrustedProxies reads TRIAGED_TRUSTED_PROXIES: a comma- or
// space-separated list of CIDR prefixes or single addresses of the
// reverse proxies in front of triaged (signin.ParseTrustedProxies).
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	p, err := signin.ParseTrustedProxies(s)
	if err != nil {
		return nil, fmt.Errorf("central: %w", err)
	}
	return p, nil
}

// clientAddr is the address r came from, as the key of its source's
// sign-in count and of its refusals: the TCP peer's, unless that is one
// of Config.TrustedProxies (signin.ClientAddr).
func (s *Server) clientAddr(r *http.Request) string {
	return signin.ClientAddr(r, s.cfg.TrustedProxies)
}

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
	// src and acct are the counters this attempt is charged to: its
	// source address, and its account (or unknown username).
	src, acct signin.Counter
	// lockedUntil, when set, is told to the user with the refusal.
	lockedUntil  time.Time
	sourceLocked bool
}

// refuse records a refused attempt and answers it: with the lock's end
// when one holds, else with the one generic sentence. mustWrite marks a
// refusal that changed an account's count or started a lock: it is
// written on its own; other refusals are rate-limited and aggregated per
// source (signin.RefusalLog).
func (a *loginAttempt) refuse(action, userID string, role policy.Role, reason string, mustWrite bool) {
	aggregated, err := a.s.refusals.Refuse(a.r.Context(), a.source, signin.Record{UserID: userID, Role: api.Role(role), Action: action,
		Object: "console:" + a.consoleID, Outcome: "refused", Detail: map[string]string{"reason": reason}}, mustWrite)
	if err != nil {
		a.s.log.Error("login audit not written", "err", err.Error())
		writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	if !aggregated {
		// A flood is logged once per window, when its aggregate is written.
		a.s.log.Info("login refused", "user", userID, "reason", reason, "console", a.consoleID)
	}
	a.s.ops.SignInRefused(reason)
	if !a.lockedUntil.IsZero() {
		writeJSON(a.w, http.StatusUnauthorized, api.Error{Error: a.s.lockedMessage(a.lockedUntil, a.sourceLocked), LockedUntil: a.lockedUntil})
		return
	}
	writeError(a.w, http.StatusUnauthorized, loginFailed)
}

// unavailable answers a sign-in the server could not decide.
func (a *loginAttempt) unavailable(what string, err error) {
	a.s.log.Error(what, "err", err.Error())
	writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
}

// sourceLockedNow refuses, on one read and without writing anything but
// a rate-limited audit entry, an attempt from a locked source: a lock
// must stop the guessing and its cost to the server.
func (a *loginAttempt) sourceLockedNow(action string) bool {
	until := a.s.lockedSources.LockedUntil(a.source, a.now)
	if until.IsZero() {
		st, err := a.src.State(a.r.Context(), a.s.db)
		if err != nil {
			a.unavailable("login source lookup failed", err)
			return true
		}
		if until = st.LockedUntil; a.now.Before(until) {
			a.s.lockedSources.Remember(a.source, until, a.now)
		}
	}
	if a.now.Before(until) {
		a.lockedUntil, a.sourceLocked = until, true
		a.refuse(action, "", "", "source_locked", false)
		return true
	}
	return false
}

// charge counts the attempt against its source and its account in one
// write transaction, before anything is checked. When either refuses,
// the attempt is answered here and charge returns false.
func (a *loginAttempt) charge(action, userID string, role policy.Role) bool {
	ctx := a.r.Context()
	var srcOK, acctOK bool
	err := a.s.store.Tx(ctx, func(q Querier) error {
		var err error
		srcOK, acctOK = false, false
		if srcOK, err = a.src.Charge(ctx, q, a.now); err != nil || !srcOK {
			return err
		}
		acctOK, err = a.acct.Charge(ctx, q, a.now)
		return err
	})
	if err != nil {
		a.unavailable("login attempt not counted", err)
		return false
	}
	if srcOK && acctOK {
		return true
	}
	c, reason := a.acct, "locked"
	if !srcOK {
		c, reason = a.src, "source_locked"
	}
	st, err := c.State(ctx, a.s.db)
	if err == nil && !a.now.Before(st.LockedUntil) {
		// Full but not locked: attempts are in flight. If none has been
		// for a while, the count is failures only and this starts the lock.
		err = a.s.store.Tx(ctx, func(q Querier) error {
			var err error
			st, _, err = c.LockIfDue(ctx, q, a.now, inFlightGrace)
			return err
		})
	}
	if err != nil {
		a.unavailable("login lock not decided", err)
		return false
	}
	if a.now.Before(st.LockedUntil) {
		a.lockedUntil, a.sourceLocked = st.LockedUntil, !srcOK
	} else {
		reason += ",busy"
	}
	a.refuse(action, userID, role, reason, false)
	return false
}

// fail settles a charged attempt that failed: its charges stand, and if
// either count is now full, its lock starts. mustWrite is true for a
// failure counted against a real account.
func (a *loginAttempt) fail(action, userID string, role policy.Role, reason string, mustWrite bool) {
	ctx := a.r.Context()
	var acctLocked, srcLocked bool
	var st auth.LockoutState
	err := a.s.store.Tx(ctx, func(q Querier) error {
		var err error
		if st, acctLocked, err = a.acct.LockIfDue(ctx, q, a.now, 0); err != nil {
			return err
		}
		if acctLocked && userID != "" {
			// A lock also ends an enrolment offer: after it, the password again.
			if err := a.s.store.Users.(records.Users).EndEnrolmentOffer(ctx, q, userID); err != nil {
				return err
			}
		}
		_, srcLocked, err = a.src.LockIfDue(ctx, q, a.now, 0)
		return err
	})
	if err != nil {
		a.s.log.Error("login lock not saved", "err", err.Error())
	}
	if acctLocked {
		reason += ",locked_now"
		a.lockedUntil = st.LockedUntil
	}
	if srcLocked {
		reason += ",source_locked_now"
		if st, err := a.src.State(ctx, a.s.db); err == nil {
			a.s.lockedSources.Remember(a.source, st.LockedUntil, a.now)
		}
	}
	a.refuse(action, userID, role, reason, mustWrite || acctLocked || srcLocked)
}

// refuseUnchecked answers an attempt that was charged but never checked.
// When this account already had its share of checks running, the attempt
// counts as a failure and the answer is 429. When the address or the
// whole server was too busy, the charges are given back (the user did
// nothing wrong) and the answer is 429 or 503; each carries Retry-After.
func (a *loginAttempt) refuseUnchecked(action, userID string, role policy.Role, err error) {
	ctx := a.r.Context()
	a.w.Header().Set("Retry-After", "1")
	if errors.Is(err, signin.ErrTooManyAtOnce) {
		a.s.store.Tx(ctx, func(q Querier) error {
			if _, _, err := a.acct.LockIfDue(ctx, q, a.now, 0); err != nil {
				return err
			}
			_, _, err := a.src.LockIfDue(ctx, q, a.now, 0)
			return err
		})
		a.s.refusals.Refuse(ctx, a.source, signin.Record{UserID: userID, Role: api.Role(role), Action: action,
			Object: "console:" + a.consoleID, Outcome: "refused", Detail: map[string]string{"reason": "too_many_at_once"}}, false)
		writeError(a.w, http.StatusTooManyRequests, "Too many sign-ins at once for this account; wait a moment and try again.")
		return
	}
	a.s.store.Tx(ctx, func(q Querier) error {
		if err := a.acct.Refund(ctx, q); err != nil {
			return err
		}
		return a.src.Refund(ctx, q)
	})
	reason, status, msg := "server_busy", http.StatusServiceUnavailable, "The server is busy checking other sign-ins; try again in a moment."
	if errors.Is(err, signin.ErrSourceBusy) {
		reason, status, msg = "source_busy", http.StatusTooManyRequests, "Too many sign-ins at once from this address; wait a moment and try again."
	}
	a.s.refusals.Refuse(ctx, a.source, signin.Record{UserID: userID, Role: api.Role(role), Action: action,
		Object: "console:" + a.consoleID, Outcome: "refused", Detail: map[string]string{"reason": reason}}, false)
	writeError(a.w, status, msg)
}

// errCodeSpent and errLockedMeanwhile end a sign-in whose password was
// right but which lost a race: its one-time code was used by another
// request first, or a lock began while it was being checked.
var (
	errCodeSpent       = errors.New("one-time code already used")
	errLockedMeanwhile = errors.New("locked while being checked")
)

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	a := &loginAttempt{s: s, w: w, r: r, source: s.clientAddr(r), now: s.now()}
	a.src = signin.SourceCounter(a.source)
	ctx := r.Context()
	// A locked source is refused before its body is even read.
	if a.sourceLockedNow("login") {
		return
	}
	var req api.LoginRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		s.refusals.Refuse(r.Context(), a.source, signin.Record{UserID: "unauthenticated", Action: "login", Outcome: "refused",
			Detail: map[string]string{"reason": "unreadable_request"}}, false)
		return
	}
	dev, devOK := s.checkSignInDevice(w, req.ConsoleID, req.Device, req.Username)
	if !devOK {
		return
	}
	a.consoleID, a.device = dev.id, dev
	s.pruneThrottle(ctx, a.now)
	username, nerr := auth.NormalizeUsername(req.Username)
	var u records.User
	known := false
	if nerr == nil {
		var err error
		u, err = s.store.Users.ByUsername(ctx, s.db, username)
		switch {
		case err == nil:
			known = true
		case !errors.Is(err, ErrNotFound):
			a.unavailable("login lookup failed", err)
			return
		}
	} else {
		username = req.Username
	}
	if known {
		a.acct = signin.AccountCounter(u.ID)
	} else {
		// The typed name is kept only as a keyed hash: it may be a
		// password typed into the wrong field.
		a.acct = signin.UnknownNameCounter(s.auditHMAC("login.username", username))
	}
	who, role := "", policy.Role("")
	if known {
		who, role = u.ID, u.Role
	}
	if !a.charge("login", who, role) {
		return
	}
	release, err := s.hashes.Enter(ctx, a.acct.Name(), a.source)
	if err != nil {
		a.refuseUnchecked("login", who, role, err)
		return
	}
	var ok bool
	if known {
		ok, err = auth.Verify(u.PasswordHash, req.Password)
	} else {
		// The dummy hash keeps the answer's timing the same as for a
		// real account.
		s.passwords.DummyVerify(req.Password)
	}
	release()
	switch {
	case !known:
		a.fail("login", "", "", "unknown_user", false)
		return
	case err != nil:
		a.fail("login", u.ID, u.Role, "unusable_hash", true)
		return
	case !ok:
		a.fail("login", u.ID, u.Role, "bad_password", true)
		return
	case u.Disabled:
		a.fail("login", u.ID, u.Role, "disabled", true)
		return
	}
	users := s.store.Users.(records.Users)
	acc, err := users.Access(ctx, s.db, u.ID)
	if err != nil {
		a.unavailable("login lookup failed", err)
		return
	}
	method := "totp"
	var spend func(context.Context, Querier) error
	detail := map[string]string{}
	switch {
	case u.TOTPSecret == "" && acc.TOTPRequired:
		// Right password, no authenticator yet: enrol now. Only now,
		// after the password, does the answer differ from a refusal.
		s.offerEnrolment(a, u, acc, req.Password)
		return
	case u.TOTPSecret == "":
		method = "single_factor"
	default:
		code := strings.TrimSpace(req.TOTP)
		if step, good := auth.VerifyTOTP(u.TOTPSecret, code, a.now, u.TOTPLastStep); good {
			// Spent by compare-and-swap in the session's transaction: of
			// several sign-ins with one code, one wins.
			spend = func(ctx context.Context, q Querier) error {
				if won, err := users.UseTOTPStep(ctx, q, u.ID, step); err != nil || !won {
					return cmp.Or(err, errCodeSpent)
				}
				return nil
			}
		} else if hashed, used := matchRecovery(acc.Recovery, code); used {
			method = "recovery_code"
			spend = func(ctx context.Context, q Querier) error {
				left, won, err := users.UseRecoveryCode(ctx, q, u.ID, hashed)
				if err != nil || !won {
					return cmp.Or(err, errCodeSpent)
				}
				detail["recovery_codes_left"] = strconv.Itoa(left)
				return nil
			}
		} else if code == "" {
			a.fail("login", u.ID, u.Role, "totp_required", true)
			return
		} else {
			a.fail("login", u.ID, u.Role, "bad_totp", true)
			return
		}
	}
	detail["method"] = method
	resp, err := s.openSession(ctx, a, u, spend, "login", detail)
	if s.refusedForDevice(a, "login", u, err) {
		return
	}
	switch {
	case errors.Is(err, errCodeSpent):
		a.fail("login", u.ID, u.Role, "code_already_used", true)
		return
	case errors.Is(err, errLockedMeanwhile):
		if st, serr := a.acct.State(ctx, s.db); serr == nil {
			a.lockedUntil = st.LockedUntil
		}
		a.refuse("login", u.ID, u.Role, "locked", false)
		return
	case err != nil:
		a.unavailable("login not recorded", err)
		return
	}
	if s.passwords.NeedsRehash(u.PasswordHash) {
		s.rehashPassword(ctx, u.ID, req.Password)
	}
	s.log.Info("login", "user", u.ID, "console", req.ConsoleID, "method", method)
	writeJSON(w, http.StatusOK, resp)
}

// matchRecovery tries code as a recovery code. Codes are 16 characters
// with optional dashes, so a six-digit TOTP code is never one.
func matchRecovery(hashed []string, code string) (string, bool) {
	if len(hashed) == 0 || len(code) < 16 {
		return "", false
	}
	return auth.MatchRecoveryCode(hashed, code)
}

// openSession settles the attempt's charges as a success, spends its
// one-time code (spend, which may refuse with errCodeSpent), creates a
// session and writes the audit entry, all in one transaction; it returns
// the console's answer. errLockedMeanwhile means a lock began while the
// attempt was being checked.
func (s *Server) openSession(ctx context.Context, a *loginAttempt, u records.User, spend func(context.Context, Querier) error, action string, detail map[string]string) (api.LoginResponse, error) {
	token, hash := auth.NewSessionToken()
	sess := records.Session{TokenHash: hash, UserID: u.ID, ConsoleID: a.consoleID, CreatedAt: a.now,
		ExpiresAt: a.now.Add(s.cfg.SessionTTL), LastSeenAt: a.now}
	err := s.store.Tx(ctx, func(q Querier) error {
		if ok, err := a.acct.Succeed(ctx, q, a.now); err != nil || !ok {
			return cmp.Or(err, errLockedMeanwhile)
		}
		if _, err := a.src.Succeed(ctx, q, a.now); err != nil {
			return err
		}
		if spend != nil {
			if err := spend(ctx, q); err != nil {
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
func (s *Server) offerEnrolment(a *loginAttempt, u records.User, acc records.UserAccess, password string) {
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
	err := s.store.Tx(ctx, func(q Querier) error {
		// The password was right: the account's failure count starts again.
		if ok, err := a.acct.Succeed(ctx, q, a.now); err != nil || !ok {
			return cmp.Or(err, errLockedMeanwhile)
		}
		if _, err := a.src.Succeed(ctx, q, a.now); err != nil {
			return err
		}
		if err := s.store.Users.(records.Users).SaveEnrolmentOffer(ctx, q, u.ID, acc.PendingSecret, acc.EnrolHash, acc.EnrolExpires); err != nil {
			return err
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "login",
			Object: "console:" + a.consoleID, Outcome: "refused", Detail: map[string]string{"reason": "totp_enrolment_required"}})
	})
	if errors.Is(err, errLockedMeanwhile) {
		if st, serr := a.acct.State(ctx, s.db); serr == nil {
			a.lockedUntil = st.LockedUntil
		}
		a.refuse("login", u.ID, u.Role, "locked", false)
		return
	}
	if err != nil {
		s.log.Error("enrolment not recorded", "err", err.Error())
		writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return
	}
	if s.passwords.NeedsRehash(u.PasswordHash) {
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
	a := &loginAttempt{s: s, w: w, r: r, source: s.clientAddr(r), now: s.now()}
	a.src = signin.SourceCounter(a.source)
	if a.sourceLockedNow("totp.enrol") {
		return
	}
	var req api.TOTPEnrolRequest
	if !decodeJSON(w, r, &req, 8<<10) {
		s.refusals.Refuse(r.Context(), a.source, signin.Record{UserID: "unauthenticated", Action: "totp.enrol", Outcome: "refused",
			Detail: map[string]string{"reason": "unreadable_request"}}, false)
		return
	}
	dev, devOK := s.checkSignInDevice(w, req.ConsoleID, req.Device, "")
	if !devOK {
		return
	}
	a.consoleID, a.device = dev.id, dev
	ctx := r.Context()
	users := s.store.Users.(records.Users)
	token := strings.TrimSpace(req.Token)
	var u records.User
	err := ErrNotFound
	if token != "" && len(token) <= 256 {
		u, err = users.ByEnrolToken(ctx, s.db, auth.HashToken(token))
	}
	if errors.Is(err, ErrNotFound) {
		// A guessed token counts against its source like a failed sign-in.
		a.acct = signin.UnknownNameCounter(s.auditHMAC("enrol.token", token))
		if a.charge("totp.enrol", "", "") {
			a.fail("totp.enrol", "", "", "bad_token", false)
		}
		return
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	a.acct = signin.AccountCounter(u.ID)
	if !a.charge("totp.enrol", u.ID, u.Role) {
		return
	}
	acc, err := users.Access(ctx, s.db, u.ID)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	switch {
	case u.Disabled:
		a.fail("totp.enrol", u.ID, u.Role, "disabled", true)
		return
	case !a.now.Before(acc.EnrolExpires) || acc.PendingSecret == "" || u.TOTPSecret != "":
		a.fail("totp.enrol", u.ID, u.Role, "expired", true)
		return
	}
	step, good := auth.VerifyTOTP(acc.PendingSecret, req.Code, a.now, 0)
	if !good {
		a.fail("totp.enrol", u.ID, u.Role, "bad_totp", true)
		return
	}
	plain, hashed, err := auth.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "enrolment is unavailable right now; try again")
		return
	}
	secret := acc.PendingSecret
	resp, err := s.openSession(ctx, a, u, func(ctx context.Context, q Querier) error {
		// The token works once: of two requests racing with it, one
		// finishes the enrolment.
		if won, err := users.FinishEnrolment(ctx, q, u.ID, auth.HashToken(token), secret, step, hashed, a.now); err != nil || !won {
			return cmp.Or(err, errCodeSpent)
		}
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "totp.enrol",
			Object: "user:" + u.ID, Outcome: "ok", Detail: map[string]string{"recovery_codes": strconv.Itoa(len(hashed))}})
	}, "login", map[string]string{"method": "totp_enrolment"})
	if s.refusedForDevice(a, "totp.enrol", u, err) {
		return
	}
	switch {
	case errors.Is(err, errCodeSpent):
		a.fail("totp.enrol", u.ID, u.Role, "expired", true)
		return
	case errors.Is(err, errLockedMeanwhile):
		if st, serr := a.acct.State(ctx, s.db); serr == nil {
			a.lockedUntil = st.LockedUntil
		}
		a.refuse("totp.enrol", u.ID, u.Role, "locked", false)
		return
	case err != nil:
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

// pruneThrottle drops idle sign-in counters now and then, so guesses
// from many addresses or at many names cannot grow the table without
// bound.
func (s *Server) pruneThrottle(ctx context.Context, now time.Time) {
	if s.loginCount.Add(1)%256 == 0 {
		if err := s.store.Tx(ctx, func(q Querier) error { return signin.PruneThrottle(ctx, q, now) }); err != nil {
			s.log.Warn("idle sign-in counters not pruned", "err", err.Error())
		}
	}
}

// passwordParams is the Argon2id cost of the passwords this server sets:
// auth.DefaultParams, measured for the clinic's hardware. The package's
// tests lower it (umask_test.go): they sign in thousands of times under
// the race detector, which makes each 64 MiB hash many times slower.
var passwordParams = auth.DefaultParams

// rehashPassword upgrades a stored hash made with older cost parameters,
// now that the password is known to be right.
func (s *Server) rehashPassword(ctx context.Context, userID, password string) {
	h, err := s.passwords.Hash(password)
	if err != nil {
		return
	}
	users := s.store.Users.(records.Users)
	if err := s.store.Write(ctx, func(q Querier) error { return users.SetPasswordHash(ctx, q, userID, h) }); err != nil {
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
		if existing, err := s.store.Users.ByUsername(ctx, s.db, name); err == nil {
			if su.ResetPassword {
				if err := s.resetSeedPassword(ctx, existing, role, su.Password); err != nil {
					return fmt.Errorf("central: seed user %q: %w", name, err)
				}
			}
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := auth.CheckPassword(name, su.Password); err != nil {
			return fmt.Errorf("central: seed user %q: %w", name, err)
		}
		h, err := s.passwords.Hash(su.Password)
		if err != nil {
			return err
		}
		u := &records.User{Username: name, Role: role, PasswordHash: h, CreatedAt: now}
		err = s.store.Tx(ctx, func(q Querier) error {
			if err := s.store.Users.Create(ctx, q, u); err != nil {
				return err
			}
			// Seeded accounts are the demo's: they sign in with a password
			// alone. Every account an admin adds must enrol TOTP.
			if err := s.store.Users.(records.Users).ExemptFromTOTP(ctx, q, u.ID); err != nil {
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
			hist, err := records.ConsentHistory(ctx, q, p.ID)
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
