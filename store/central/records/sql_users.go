package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/pgsql"
)

type Users struct{ *Base }

const userCols = `id, username, role, password_hash, totp_sealed, failed_logins, locked_until, last_failed_at, totp_last_step, disabled, created_at`

func (s Users) scan(row interface{ Scan(...any) error }) (User, error) {
	var (
		u                           User
		totp                        []byte
		locked, lastFailed, created sql.NullInt64
		disabled                    int
	)
	if err := row.Scan(&u.ID, &u.Username, &u.Role, &u.PasswordHash, &totp, &u.FailedLogins, &locked, &lastFailed, &u.TOTPLastStep, &disabled, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return User{}, ErrNotFound
		}
		return User{}, err
	}
	var err error
	if u.TOTPSecret, err = s.Keys.OpenString("users", "totp", u.ID, totp); err != nil {
		return User{}, err
	}
	u.LockedUntil, u.LastFailedAt, u.CreatedAt = fromTS(locked), fromTS(lastFailed), fromTS(created)
	u.Disabled = disabled == 1
	return u, nil
}

func (s Users) Create(ctx context.Context, q Querier, u *User) error {
	if u.ID == "" {
		u.ID = NewID("usr")
	}
	totp, err := s.Keys.SealString("users", "totp", u.ID, u.TOTPSecret)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO users (id, username, role, password_hash, totp_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		u.ID, u.Username, string(u.Role), u.PasswordHash, totp, u.CreatedAt.UnixNano())
	return err
}

func (s Users) ByUsername(ctx context.Context, q Querier, username string) (User, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE username = ?`, username))
}

func (s Users) Get(ctx context.Context, q Querier, id string) (User, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
}

// lockUserSQL holds an account's row until the transaction ends. An
// administrator's change reads the account's sign-in state and writes it
// back whole; on PostgreSQL a sign-in on any node may commit in between
// (using a recovery code, a TOTP step, counting a failure), and the write
// would undo it: a used one-time code valid again. Held from before the
// read, the row makes such a sign-in wait for the change and then see its
// result. SQLite's write transaction already holds the whole database, so
// its text only reads the row.
var lockUserSQL = pgsql.Spelling(`SELECT id FROM users WHERE id = ?`,
	`SELECT id FROM users WHERE id = ? FOR UPDATE`)

// LockForChange holds the account's row for the rest of the transaction
// (lockUserSQL).
func (s Users) LockForChange(ctx context.Context, q Querier, userID string) error {
	return lockRow(ctx, q, lockUserSQL, userID)
}

func (s Users) SaveLoginState(ctx context.Context, q Querier, u User) error {
	unix := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixNano()
	}
	_, err := q.ExecContext(ctx, `UPDATE users SET failed_logins = ?, locked_until = ?, last_failed_at = ?, totp_last_step = ? WHERE id = ?`,
		u.FailedLogins, unix(u.LockedUntil), unix(u.LastFailedAt), u.TOTPLastStep, u.ID)
	return err
}

type Sessions struct{}

func (Sessions) Create(ctx context.Context, q Querier, s Session) error {
	_, err := q.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, console_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.UserID, s.ConsoleID, s.CreatedAt.UnixNano(), s.ExpiresAt.UnixNano(), s.LastSeenAt.UnixNano())
	return err
}

func (Sessions) ByTokenHash(ctx context.Context, q Querier, hash []byte) (Session, error) {
	var (
		s                         Session
		created, exp, seen, revok sql.NullInt64
	)
	err := q.QueryRowContext(ctx, `SELECT token_hash, user_id, console_id, created_at, expires_at, last_seen_at, revoked_at FROM sessions WHERE token_hash = ?`, hash).
		Scan(&s.TokenHash, &s.UserID, &s.ConsoleID, &created, &exp, &seen, &revok)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, err
	}
	s.CreatedAt, s.ExpiresAt, s.LastSeenAt = fromTS(created), fromTS(exp), fromTS(seen)
	s.Revoked = revok.Valid
	return s, nil
}

func (Sessions) Touch(ctx context.Context, q Querier, hash []byte, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE token_hash = ?`, at.UnixNano(), hash)
	return err
}

func (Sessions) Revoke(ctx context.Context, q Querier, hash []byte, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`, at.UnixNano(), hash)
	return err
}

// UserAccess is the part of a user's row that sign-in, enrolment and the
// admin tools keep beyond User: the lockout doubling, whether TOTP is
// required, the recovery-code hashes and an enrolment in progress.
type UserAccess struct {
	Lockouts      int
	TOTPRequired  bool
	Recovery      []string // "sha256:<hex>" per unused code
	PendingSecret string   // opened from totp_pending_sealed
	EnrolHash     []byte
	EnrolExpires  time.Time
}

func (s Users) Access(ctx context.Context, q Querier, userID string) (UserAccess, error) {
	var (
		a        UserAccess
		required int
		recovery string
		pending  []byte
		expires  sql.NullInt64
	)
	err := q.QueryRowContext(ctx, `SELECT lockouts, totp_required, recovery_codes, totp_pending_sealed, enrol_token_hash, enrol_expires_at FROM users WHERE id = ?`, userID).
		Scan(&a.Lockouts, &required, &recovery, &pending, &a.EnrolHash, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, err
	}
	a.TOTPRequired = required == 1
	if err := json.Unmarshal([]byte(recovery), &a.Recovery); err != nil {
		return a, fmt.Errorf("central: recovery codes of %s unreadable: %w", userID, err)
	}
	if a.PendingSecret, err = s.Keys.OpenString("users", "totp_pending", userID, pending); err != nil {
		return a, err
	}
	a.EnrolExpires = fromTS(expires)
	return a, nil
}

// SaveAccess writes UserAccess back. The pending secret is sealed bound to
// the user's row, like the enrolled one.
func (s Users) SaveAccess(ctx context.Context, q Querier, userID string, a UserAccess) error {
	rec, err := json.Marshal(append([]string{}, a.Recovery...))
	if err != nil {
		return err
	}
	pending, err := s.Keys.SealString("users", "totp_pending", userID, a.PendingSecret)
	if err != nil {
		return err
	}
	var hash any
	if len(a.EnrolHash) > 0 {
		hash = a.EnrolHash
	}
	required := 0
	if a.TOTPRequired {
		required = 1
	}
	_, err = q.ExecContext(ctx, `UPDATE users SET lockouts = ?, totp_required = ?, recovery_codes = ?, totp_pending_sealed = ?, enrol_token_hash = ?, enrol_expires_at = ? WHERE id = ?`,
		a.Lockouts, required, string(rec), pending, hash, unixOrZero(a.EnrolExpires), userID)
	return err
}

// ByEnrolToken finds the user whose enrolment token hashes to hash.
func (s Users) ByEnrolToken(ctx context.Context, q Querier, hash []byte) (User, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE enrol_token_hash = ?`, hash))
}

// SetTOTP stores an enrolled secret (empty clears it) and its replay step.
func (s Users) SetTOTP(ctx context.Context, q Querier, userID, secret string, lastStep int64) error {
	sealed, err := s.Keys.SealString("users", "totp", userID, secret)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE users SET totp_sealed = ?, totp_last_step = ? WHERE id = ?`, sealed, lastStep, userID)
	return err
}

func (s Users) List(ctx context.Context, q Querier) ([]User, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := s.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// lockoutOf is the user's persisted per-account lockout state.
func lockoutOf(u User, a UserAccess) auth.LockoutState {
	return auth.LockoutState{Failures: u.FailedLogins, LastFailure: u.LastFailedAt, LockedUntil: u.LockedUntil, Lockouts: a.Lockouts}
}

// WithLockout copies a lockout state into the row's fields.
func WithLockout(u User, a UserAccess, st auth.LockoutState) (User, UserAccess) {
	u.FailedLogins, u.LastFailedAt, u.LockedUntil, a.Lockouts = st.Failures, st.LastFailure, st.LockedUntil, st.Lockouts
	return u, a
}

// DeleteUserSessions ends every session of a user at once (revocation);
// it returns how many there were.
func DeleteUserSessions(ctx context.Context, q Querier, userID string) (int, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// UseTOTPStep records step as the account's last used TOTP step, only if
// it is newer than the step held: a compare-and-swap, so of several
// sign-ins racing with one code exactly one gets true.
func (s Users) UseTOTPStep(ctx context.Context, q Querier, userID string, step int64) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, userID, step)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

var (
	useRecoveryCodeSQL = pgsql.Spelling(`UPDATE users
		SET recovery_codes = (SELECT json_group_array(value) FROM json_each(users.recovery_codes) WHERE value <> ?1)
		WHERE id = ?2 AND EXISTS (SELECT 1 FROM json_each(users.recovery_codes) WHERE value = ?1)`,
		`UPDATE users
		SET recovery_codes = (SELECT COALESCE(json_agg(c.value), '[]')::text FROM json_array_elements_text(users.recovery_codes::json) AS c(value) WHERE c.value <> ?1)
		WHERE id = ?2 AND EXISTS (SELECT 1 FROM json_array_elements_text(users.recovery_codes::json) AS c(value) WHERE c.value = ?1)`)
	recoveryCodesLeftSQL = pgsql.Spelling(`SELECT json_array_length(recovery_codes) FROM users WHERE id = ?`,
		`SELECT json_array_length(recovery_codes::json) FROM users WHERE id = ?`)
)

// UseRecoveryCode removes the stored hash from the account's unused
// recovery codes if it is still there, in one statement; false means
// another sign-in used it first. left is how many remain.
func (s Users) UseRecoveryCode(ctx context.Context, q Querier, userID, hashed string) (left int, ok bool, err error) {
	// Dialect: SQLite's JSON functions are json_each/json_group_array;
	// PostgreSQL's are json_array_elements_text/json_agg (NULL for no
	// rows, hence the COALESCE). Either way one statement, so the row
	// lock decides between two sign-ins using the same code.
	res, err := q.ExecContext(ctx, useRecoveryCodeSQL, hashed, userID)
	if err != nil {
		return 0, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return 0, false, err
	}
	err = q.QueryRowContext(ctx, recoveryCodesLeftSQL, userID).Scan(&left)
	return left, err == nil, err
}

// SaveEnrolmentOffer keeps an offered TOTP secret (sealed) and the hash
// of the one-time token that confirms it, and nothing else of the row.
func (s Users) SaveEnrolmentOffer(ctx context.Context, q Querier, userID, pending string, tokenHash []byte, expires time.Time) error {
	sealed, err := s.Keys.SealString("users", "totp_pending", userID, pending)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE users SET totp_pending_sealed = ?, enrol_token_hash = ?, enrol_expires_at = ? WHERE id = ?`,
		sealed, tokenHash, unixOrZero(expires), userID)
	return err
}

// EndEnrolmentOffer withdraws an offer (a lock ends it: after it, the
// password again).
func (s Users) EndEnrolmentOffer(ctx context.Context, q Querier, userID string) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET enrol_token_hash = NULL, enrol_expires_at = 0 WHERE id = ?`, userID)
	return err
}

// FinishEnrolment makes the offered secret the account's, with its
// first step spent and a fresh set of recovery codes, only if the offer's
// token is still the one held and unexpired: false means another request
// used the token first.
func (s Users) FinishEnrolment(ctx context.Context, q Querier, userID string, tokenHash []byte, secret string, step int64, recovery []string, now time.Time) (bool, error) {
	sealed, err := s.Keys.SealString("users", "totp", userID, secret)
	if err != nil {
		return false, err
	}
	pending, err := s.Keys.SealString("users", "totp_pending", userID, "")
	if err != nil {
		return false, err
	}
	rec, err := json.Marshal(append([]string{}, recovery...))
	if err != nil {
		return false, err
	}
	res, err := q.ExecContext(ctx, `UPDATE users SET totp_sealed = ?, totp_last_step = ?, recovery_codes = ?,
		totp_pending_sealed = ?, enrol_token_hash = NULL, enrol_expires_at = 0
		WHERE id = ? AND enrol_token_hash = ? AND enrol_expires_at > ?`,
		sealed, step, string(rec), pending, userID, tokenHash, now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetPasswordHash stores a new password hash for the account.
func (s Users) SetPasswordHash(ctx context.Context, q Querier, userID, hash string) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	return err
}

// ExemptFromTOTP lets the account sign in with a password alone (a
// seeded demo account only).
func (s Users) ExemptFromTOTP(ctx context.Context, q Querier, userID string) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET totp_required = 0 WHERE id = ?`, userID)
	return err
}

// ResetSeedPassword sets the password and clears the lock of an account
// that is still a seeded one: the role given, no second factor required
// or enrolled. false means the account is not (decided in the UPDATE, so
// an enrolment racing the reset cannot be overwritten).
func (s Users) ResetSeedPassword(ctx context.Context, q Querier, userID, role, hash string) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0
		WHERE id = ? AND role = ? AND totp_required = 0 AND totp_sealed IS NULL`, hash, userID, role)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetDisabled stops (or again allows) the account's sign-ins.
func (s Users) SetDisabled(ctx context.Context, q Querier, userID string, disabled bool) error {
	v := 0
	if disabled {
		v = 1
	}
	_, err := q.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, v, userID)
	return err
}

// SetRole changes the account's role.
func (s Users) SetRole(ctx context.Context, q Querier, userID, role string) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET role = ? WHERE id = ?`, role, userID)
	return err
}

// RevokeAll ends every live session of the user at at.
func (Sessions) RevokeAll(ctx context.Context, q Querier, userID string, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, at.UnixNano(), userID)
	return err
}

// Live counts the user's sessions neither revoked nor expired at now.
func (Sessions) Live(ctx context.Context, q Querier, userID string, now time.Time) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?`,
		userID, now.UnixNano()).Scan(&n)
	return n, err
}
