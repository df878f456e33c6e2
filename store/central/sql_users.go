package central

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

type sqlUsers struct{ *sqlite }

const userCols = `id, username, role, password_hash, totp_sealed, failed_logins, locked_until, last_failed_at, totp_last_step, disabled, created_at`

func (s sqlUsers) scan(row interface{ Scan(...any) error }) (User, error) {
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
	if u.TOTPSecret, err = s.keys.OpenString("users", "totp", u.ID, totp); err != nil {
		return User{}, err
	}
	u.LockedUntil, u.LastFailedAt, u.CreatedAt = fromTS(locked), fromTS(lastFailed), fromTS(created)
	u.Disabled = disabled == 1
	return u, nil
}

func (s sqlUsers) Create(ctx context.Context, q Querier, u *User) error {
	if u.ID == "" {
		u.ID = newID("usr")
	}
	totp, err := s.keys.SealString("users", "totp", u.ID, u.TOTPSecret)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO users (id, username, role, password_hash, totp_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		u.ID, u.Username, string(u.Role), u.PasswordHash, totp, u.CreatedAt.UnixNano())
	return err
}

func (s sqlUsers) ByUsername(ctx context.Context, q Querier, username string) (User, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE username = ?`, username))
}

func (s sqlUsers) Get(ctx context.Context, q Querier, id string) (User, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
}

func (s sqlUsers) SaveLoginState(ctx context.Context, q Querier, u User) error {
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

type sqlSessions struct{}

func (sqlSessions) Create(ctx context.Context, q Querier, s Session) error {
	_, err := q.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, console_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.UserID, s.ConsoleID, s.CreatedAt.UnixNano(), s.ExpiresAt.UnixNano(), s.LastSeenAt.UnixNano())
	return err
}

func (sqlSessions) ByTokenHash(ctx context.Context, q Querier, hash []byte) (Session, error) {
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

func (sqlSessions) Touch(ctx context.Context, q Querier, hash []byte, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE token_hash = ?`, at.UnixNano(), hash)
	return err
}

func (sqlSessions) Revoke(ctx context.Context, q Querier, hash []byte, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`, at.UnixNano(), hash)
	return err
}
