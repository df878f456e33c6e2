package auth

import "time"

// LockoutPolicy says when repeated failed sign-ins lock an account or a
// source out, and for how long.
type LockoutPolicy struct {
	// MaxFailures consecutive failures lock the key.
	MaxFailures int
	// BaseLock is the first lock's length; each further lock without a
	// success in between doubles it, up to MaxLock.
	BaseLock time.Duration
	MaxLock  time.Duration
	// FailureWindow: a failure this long after the previous one starts
	// the count again, so five typos spread over a month lock nothing.
	FailureWindow time.Duration
	// Forget: this long after the last lock ended with no new failure, the
	// doubling starts again from BaseLock.
	Forget time.Duration
}

// UserLockout is the policy per username: five consecutive failures lock
// the account for 15 minutes, then 30, 60 … up to 24 hours. An online
// guesser gets at most about five tries a day once the doubling has
// caught up, far inside NIST SP 800-63B's ceiling of 100 consecutive
// failures, while a nurse who mistypes five times waits a quarter of an
// hour, not a call to the admin.
var UserLockout = LockoutPolicy{
	MaxFailures:   5,
	BaseLock:      15 * time.Minute,
	MaxLock:       24 * time.Hour,
	FailureWindow: 24 * time.Hour,
	Forget:        24 * time.Hour,
}

// SourceLockout is the policy per source address. One address guessing
// across many usernames is stopped even though no single account reaches
// its limit; the threshold is higher because a clinic's workstations often
// share one address, and a success from the address does not reset it
// (an attacker holding one valid account could otherwise clear it).
var SourceLockout = LockoutPolicy{
	MaxFailures:   20,
	BaseLock:      15 * time.Minute,
	MaxLock:       24 * time.Hour,
	FailureWindow: 15 * time.Minute,
	Forget:        24 * time.Hour,
}

// LockoutState is the failed-sign-in record of one key (a username or a
// source address). It is a plain value so the server can store it in a
// user's row and restore it after a restart; the methods are pure.
type LockoutState struct {
	// Failures counts consecutive failures since the last success, lock
	// or quiet spell.
	Failures int `json:"failures"`
	// LastFailure is when the latest failure happened.
	LastFailure time.Time `json:"last_failure"`
	// LockedUntil is when the current lock ends (zero: never locked).
	LockedUntil time.Time `json:"locked_until"`
	// Lockouts counts locks since the last success; it sets how long the
	// next lock lasts.
	Lockouts int `json:"lockouts"`
}

// Check reports whether a sign-in attempt may proceed at now, and if not,
// how long until it may. A locked key is refused before its password is
// even hashed, so a lock also stops the guesser from costing the server
// CPU.
func (s LockoutState) Check(now time.Time) (allowed bool, retryAfter time.Duration) {
	if now.Before(s.LockedUntil) {
		return false, s.LockedUntil.Sub(now)
	}
	return true, 0
}

// Fail records a failed attempt at now and returns the new state. A
// failure during a lock (a race between two requests) extends nothing;
// the MaxFailures-th consecutive failure starts a lock.
func (s LockoutState) Fail(now time.Time, p LockoutPolicy) LockoutState {
	p = p.withDefaults()
	if now.Before(s.LockedUntil) {
		s.LastFailure = now
		return s
	}
	if s.Lockouts > 0 && !s.LockedUntil.IsZero() && now.Sub(s.LockedUntil) >= p.Forget {
		s.Lockouts = 0
	}
	if !s.LastFailure.IsZero() && now.Sub(s.LastFailure) >= p.FailureWindow {
		s.Failures = 0
	}
	s.Failures++
	s.LastFailure = now
	if s.Failures >= p.MaxFailures {
		s.Lockouts++
		s.LockedUntil = now.Add(p.lockFor(s.Lockouts))
		s.Failures = 0
	}
	return s
}

// Lock returns the state after s reached the policy's failure limit at
// now: a new lock, twice as long as the previous one unless that one was
// long enough ago to be forgotten, and a fresh failure count. A server
// that counts attempts with a conditional update calls it once the count
// reaches MaxFailures.
func (p LockoutPolicy) Lock(s LockoutState, now time.Time) LockoutState {
	p = p.withDefaults()
	if s.Lockouts > 0 && !s.LockedUntil.IsZero() && now.Sub(s.LockedUntil) >= p.Forget {
		s.Lockouts = 0
	}
	s.Lockouts++
	s.LockedUntil = now.Add(p.lockFor(s.Lockouts))
	s.Failures = 0
	return s
}

// Limits returns the policy with its defaults filled in, for a store
// that applies it in SQL.
func (p LockoutPolicy) Limits() LockoutPolicy { return p.withDefaults() }

// Succeed returns the state after a successful sign-in: everything is
// forgiven.
func (s LockoutState) Succeed() LockoutState {
	return LockoutState{}
}

// Idle reports whether the state carries nothing worth keeping at now: not
// locked, and both its failure count and its doubling have lapsed. The
// server may drop idle states.
func (s LockoutState) Idle(now time.Time, p LockoutPolicy) bool {
	p = p.withDefaults()
	if now.Before(s.LockedUntil) {
		return false
	}
	failuresLapsed := s.Failures == 0 || now.Sub(s.LastFailure) >= p.FailureWindow
	lockoutsLapsed := s.Lockouts == 0 || now.Sub(s.LockedUntil) >= p.Forget
	return failuresLapsed && lockoutsLapsed
}

func (p LockoutPolicy) lockFor(lockouts int) time.Duration {
	d := p.BaseLock
	for i := 1; i < lockouts && d < p.MaxLock; i++ {
		d *= 2
	}
	return min(d, p.MaxLock)
}

// withDefaults fills zero fields from UserLockout, so a policy built with
// only some fields set never locks for zero time or forever.
func (p LockoutPolicy) withDefaults() LockoutPolicy {
	if p.MaxFailures <= 0 {
		p.MaxFailures = UserLockout.MaxFailures
	}
	if p.BaseLock <= 0 {
		p.BaseLock = UserLockout.BaseLock
	}
	if p.MaxLock < p.BaseLock {
		p.MaxLock = max(p.BaseLock, UserLockout.MaxLock)
	}
	if p.FailureWindow <= 0 {
		p.FailureWindow = UserLockout.FailureWindow
	}
	if p.Forget <= 0 {
		p.Forget = UserLockout.Forget
	}
	return p
}
