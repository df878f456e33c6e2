package central

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/auth"
)

// Admin manages console accounts directly in triaged's data folder, with
// or without the server running (SQLite serialises the writers). It opens
// the keys as the server does, and every change it makes is written to
// the server's audit chain in the same transaction, under the actor the
// caller names ("cli:<os user>"). Revoking a user's sessions deletes them:
// the running server refuses the token at the next request and closes the
// user's event streams within events.SessionCheckEvery.
type Admin struct {
	s *Server
}

// UserInfo is one account as the admin tools list it. It holds no secret.
type UserInfo struct {
	ID           string
	Username     string
	Role         policy.Role
	Disabled     bool
	TOTPEnrolled bool
	// TOTPRequired is false only for seeded demo accounts.
	TOTPRequired bool
	// RecoveryCodesLeft counts unused recovery codes.
	RecoveryCodesLeft int
	// LockedUntil is when a sign-in lock ends (zero: not locked).
	LockedUntil time.Time
	// Sessions counts live sessions.
	Sessions  int
	CreatedAt time.Time
}

// ErrNoSuchUser is returned for a username that has no account.
var ErrNoSuchUser = errors.New("no such user")

// OpenAdmin opens the data folder of cfg (DataDir, and the key custody
// fields Keys, KeyPassphraseFile, AllowDemoKey, Keyring) for account
// administration. Provider and the webhook settings are not needed.
func OpenAdmin(ctx context.Context, cfg Config) (*Admin, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("central: the data folder is required (--data or TRIAGED_DATA)")
	}
	s, err := openData(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Admin{s: s}, nil
}

// Close closes the database.
func (a *Admin) Close() error { return a.s.db.Close() }

// KeyWarning is non-empty when the keys were opened with weaker custody
// than the OS keyring (a passphrase file or the demo key).
func (a *Admin) KeyWarning() string { return a.s.keySource.Warning }

func (a *Admin) users() records.Users { return a.s.store.Users.(records.Users) }

// lookup finds an account by username as typed (it is normalised first).
func (a *Admin) lookup(ctx context.Context, q Querier, username string) (records.User, error) {
	name, err := auth.NormalizeUsername(username)
	if err != nil {
		return records.User{}, err
	}
	u, err := a.s.store.Users.ByUsername(ctx, q, name)
	if errors.Is(err, ErrNotFound) {
		return records.User{}, fmt.Errorf("%w: %s", ErrNoSuchUser, name)
	}
	return u, err
}

// change runs fn on the named account in one transaction and records
// action in the server's chain with detail; fn may add to detail. The
// account's row is held from before fn's state is read, so fn's write
// never undoes a sign-in that commits meanwhile on any node.
func (a *Admin) change(ctx context.Context, actor, username, action string, fn func(q Querier, u *records.User, acc *records.UserAccess, detail map[string]string) error) error {
	return a.s.store.Tx(ctx, func(q Querier) error {
		found, err := a.lookup(ctx, q, username)
		if err != nil {
			return err
		}
		// Hold the row, then read what fn changes: a sign-in committing
		// meanwhile is not overwritten (lockUserSQL).
		if err := a.users().LockForChange(ctx, q, found.ID); err != nil {
			return err
		}
		u, err := a.s.store.Users.Get(ctx, q, found.ID)
		if err != nil {
			return err
		}
		acc, err := a.users().Access(ctx, q, u.ID)
		if err != nil {
			return err
		}
		detail := map[string]string{"source": "cli"}
		if err := fn(q, &u, &acc, detail); err != nil {
			return err
		}
		return a.s.auditServer(ctx, q, auditRecord{UserID: actor, Action: action, Object: "user:" + u.ID, Outcome: "ok", Detail: detail})
	})
}

// revokeIn deletes every session of u inside q, notes how many in detail
// and stores the count in *n.
func revokeIn(ctx context.Context, q Querier, u *records.User, detail map[string]string, n *int) error {
	c, err := records.DeleteUserSessions(ctx, q, u.ID)
	if err != nil {
		return err
	}
	detail["sessions_revoked"] = strconv.Itoa(c)
	*n = c
	return nil
}

// AddUser creates an account. The password must pass auth.CheckPassword;
// the account must enrol TOTP at its first sign-in.
func (a *Admin) AddUser(ctx context.Context, actor, username, password string, role policy.Role) (UserInfo, error) {
	name, err := auth.NormalizeUsername(username)
	if err != nil {
		return UserInfo{}, err
	}
	if _, err := policy.ParseRole(string(role)); err != nil {
		return UserInfo{}, err
	}
	if err := auth.CheckPassword(name, password); err != nil {
		return UserInfo{}, err
	}
	h, err := a.s.passwords.Hash(password)
	if err != nil {
		return UserInfo{}, err
	}
	u := &records.User{Username: name, Role: role, PasswordHash: h, CreatedAt: a.s.now()}
	err = a.s.store.Tx(ctx, func(q Querier) error {
		if err := a.s.store.Users.Create(ctx, q, u); err != nil {
			if records.IsUniqueViolation(err) {
				return fmt.Errorf("the username %s is taken", name)
			}
			return err
		}
		return a.s.auditServer(ctx, q, auditRecord{UserID: actor, Action: "user.create", Object: "user:" + u.ID,
			Outcome: "ok", Detail: map[string]string{"role": string(role), "source": "cli"}})
	})
	if err != nil {
		return UserInfo{}, err
	}
	return a.User(ctx, name)
}

// User describes one account.
func (a *Admin) User(ctx context.Context, username string) (UserInfo, error) {
	u, err := a.lookup(ctx, a.s.db, username)
	if err != nil {
		return UserInfo{}, err
	}
	return a.info(ctx, u)
}

// Users lists every account, by username.
func (a *Admin) Users(ctx context.Context) ([]UserInfo, error) {
	list, err := a.users().List(ctx, a.s.db)
	if err != nil {
		return nil, err
	}
	out := make([]UserInfo, 0, len(list))
	for _, u := range list {
		info, err := a.info(ctx, u)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

func (a *Admin) info(ctx context.Context, u records.User) (UserInfo, error) {
	acc, err := a.users().Access(ctx, a.s.db, u.ID)
	if err != nil {
		return UserInfo{}, err
	}
	now := a.s.now()
	sessions, err := records.Sessions{}.Live(ctx, a.s.db, u.ID, now)
	if err != nil {
		return UserInfo{}, err
	}
	info := UserInfo{ID: u.ID, Username: u.Username, Role: u.Role, Disabled: u.Disabled, TOTPEnrolled: u.TOTPSecret != "",
		TOTPRequired: acc.TOTPRequired, RecoveryCodesLeft: len(acc.Recovery), Sessions: sessions, CreatedAt: u.CreatedAt}
	if now.Before(u.LockedUntil) {
		info.LockedUntil = u.LockedUntil
	}
	return info, nil
}

// Disable stops an account from signing in and ends its sessions at once.
// It returns how many sessions were ended.
func (a *Admin) Disable(ctx context.Context, actor, username string) (revoked int, err error) {
	err = a.change(ctx, actor, username, "user.disable", func(q Querier, u *records.User, _ *records.UserAccess, d map[string]string) error {
		if err := a.users().SetDisabled(ctx, q, u.ID, true); err != nil {
			return err
		}
		return revokeIn(ctx, q, u, d, &revoked)
	})
	return revoked, err
}

// Enable lets a disabled account sign in again and lifts any sign-in lock.
func (a *Admin) Enable(ctx context.Context, actor, username string) error {
	return a.change(ctx, actor, username, "user.enable", func(q Querier, u *records.User, acc *records.UserAccess, _ map[string]string) error {
		if err := a.users().SetDisabled(ctx, q, u.ID, false); err != nil {
			return err
		}
		return a.unlockIn(ctx, q, u, acc)
	})
}

// Unlock lifts a sign-in lock (the failure count and its doubling).
func (a *Admin) Unlock(ctx context.Context, actor, username string) error {
	return a.change(ctx, actor, username, "user.unlock", func(q Querier, u *records.User, acc *records.UserAccess, _ map[string]string) error {
		return a.unlockIn(ctx, q, u, acc)
	})
}

func (a *Admin) unlockIn(ctx context.Context, q Querier, u *records.User, acc *records.UserAccess) error {
	*u, *acc = records.WithLockout(*u, *acc, auth.LockoutState{})
	if err := a.s.store.Users.SaveLoginState(ctx, q, *u); err != nil {
		return err
	}
	return a.users().SaveAccess(ctx, q, u.ID, *acc)
}

// ResetPassword sets a new password (it must pass auth.CheckPassword),
// lifts any lock and ends the account's sessions.
func (a *Admin) ResetPassword(ctx context.Context, actor, username, password string) (revoked int, err error) {
	u, err := a.lookup(ctx, a.s.db, username)
	if err != nil {
		return 0, err
	}
	if err := auth.CheckPassword(u.Username, password); err != nil {
		return 0, err
	}
	h, err := a.s.passwords.Hash(password)
	if err != nil {
		return 0, err
	}
	err = a.change(ctx, actor, username, "user.reset_password", func(q Querier, u *records.User, acc *records.UserAccess, d map[string]string) error {
		if err := a.users().SetPasswordHash(ctx, q, u.ID, h); err != nil {
			return err
		}
		if err := a.unlockIn(ctx, q, u, acc); err != nil {
			return err
		}
		return revokeIn(ctx, q, u, d, &revoked)
	})
	return revoked, err
}

// ResetTOTP removes the account's authenticator and recovery codes (a
// lost phone) and ends its sessions: at the next sign-in, after the
// password, the user enrols a new authenticator. A seeded demo account
// reset this way must enrol too.
func (a *Admin) ResetTOTP(ctx context.Context, actor, username string) (revoked int, err error) {
	err = a.change(ctx, actor, username, "user.reset_totp", func(q Querier, u *records.User, acc *records.UserAccess, d map[string]string) error {
		if err := a.users().SetTOTP(ctx, q, u.ID, "", 0); err != nil {
			return err
		}
		acc.TOTPRequired, acc.Recovery = true, nil
		acc.PendingSecret, acc.EnrolHash, acc.EnrolExpires = "", nil, time.Time{}
		if err := a.users().SaveAccess(ctx, q, u.ID, *acc); err != nil {
			return err
		}
		return revokeIn(ctx, q, u, d, &revoked)
	})
	return revoked, err
}

// SetRole changes the account's role and ends its sessions, so the next
// sign-in shows the console the new role's screens.
func (a *Admin) SetRole(ctx context.Context, actor, username string, role policy.Role) (revoked int, err error) {
	if _, err := policy.ParseRole(string(role)); err != nil {
		return 0, err
	}
	err = a.change(ctx, actor, username, "user.role", func(q Querier, u *records.User, _ *records.UserAccess, d map[string]string) error {
		d["from"], d["to"] = string(u.Role), string(role)
		if err := a.users().SetRole(ctx, q, u.ID, string(role)); err != nil {
			return err
		}
		return revokeIn(ctx, q, u, d, &revoked)
	})
	return revoked, err
}

// Revoke ends every session of the account at once; the account may sign
// in again.
func (a *Admin) Revoke(ctx context.Context, actor, username string) (revoked int, err error) {
	err = a.change(ctx, actor, username, "user.revoke", func(q Querier, u *records.User, _ *records.UserAccess, d map[string]string) error {
		return revokeIn(ctx, q, u, d, &revoked)
	})
	return revoked, err
}

// AuditActor is how an admin-tool change names its actor in the server's
// chain: "cli:" and the operating-system account that ran the tool.
func AuditActor(osUser string) string {
	if osUser == "" {
		osUser = "unknown"
	}
	return "cli:" + osUser
}
