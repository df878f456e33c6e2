package auth

import (
	"encoding/json"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

// failN records n failures one second apart starting at start.
func failN(s LockoutState, p LockoutPolicy, start time.Time, n int) (LockoutState, time.Time) {
	at := start
	for range n {
		s = s.Fail(at, p)
		at = at.Add(time.Second)
	}
	return s, at.Add(-time.Second)
}

func TestLockoutAfterFiveFailures(t *testing.T) {
	s, last := failN(LockoutState{}, UserLockout, t0, 4)
	if ok, _ := s.Check(last); !ok {
		t.Fatal("locked after four failures")
	}
	s = s.Fail(last.Add(time.Second), UserLockout)
	fifth := last.Add(time.Second)
	tests := []struct {
		name      string
		at        time.Time
		wantOK    bool
		wantRetry time.Duration
	}{
		{"at the fifth failure", fifth, false, 15 * time.Minute},
		{"ten minutes later", fifth.Add(10 * time.Minute), false, 5 * time.Minute},
		{"a second before release", fifth.Add(15*time.Minute - time.Second), false, time.Second},
		{"at release", fifth.Add(15 * time.Minute), true, 0},
		{"an hour later", fifth.Add(time.Hour), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, retry := s.Check(tt.at)
			if ok != tt.wantOK || retry != tt.wantRetry {
				t.Fatalf("Check = %v, %v; want %v, %v", ok, retry, tt.wantOK, tt.wantRetry)
			}
		})
	}
}

func TestLockoutDoublesAndCaps(t *testing.T) {
	want := []time.Duration{
		15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour,
		8 * time.Hour, 16 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour,
	}
	s := LockoutState{}
	at := t0
	for i, w := range want {
		var last time.Time
		s, last = failN(s, UserLockout, at, 5)
		ok, retry := s.Check(last)
		if ok || retry != w {
			t.Fatalf("lock %d: Check = %v, %v; want locked for %v", i+1, ok, retry, w)
		}
		at = s.LockedUntil // the guesser comes back the moment the lock ends
	}
	// Ten locks of five guesses: 50 guesses in over three days, inside
	// NIST SP 800-63B's limit of 100 consecutive failures.
	if s.Lockouts != 10 {
		t.Fatalf("Lockouts = %d, want 10", s.Lockouts)
	}
}

func TestSuccessForgivesEverything(t *testing.T) {
	s, last := failN(LockoutState{}, UserLockout, t0, 5)
	s, _ = failN(s, UserLockout, s.LockedUntil, 5) // second lock: 30 min
	s = s.Succeed()
	if s != (LockoutState{}) {
		t.Fatalf("after success state = %+v, want zero", s)
	}
	s, last = failN(s, UserLockout, last.Add(time.Hour), 5)
	if _, retry := s.Check(last); retry != 15*time.Minute {
		t.Fatalf("after a success the next lock is %v, want 15m", retry)
	}
}

func TestFailuresDuringALockDoNotExtendIt(t *testing.T) {
	s, last := failN(LockoutState{}, UserLockout, t0, 5)
	until := s.LockedUntil
	s, _ = failN(s, UserLockout, last.Add(time.Minute), 20)
	if !s.LockedUntil.Equal(until) || s.Lockouts != 1 {
		t.Fatalf("failures during the lock changed it: until %v (was %v), lockouts %d", s.LockedUntil, until, s.Lockouts)
	}
}

func TestOldFailuresAndLocksLapse(t *testing.T) {
	// Four typos, then a day and more of nothing: the count starts again.
	s, last := failN(LockoutState{}, UserLockout, t0, 4)
	s = s.Fail(last.Add(25*time.Hour), UserLockout)
	if s.Failures != 1 {
		t.Fatalf("Failures = %d after a quiet day, want 1", s.Failures)
	}
	// A lock long past no longer doubles the next one.
	s, _ = failN(LockoutState{}, UserLockout, t0, 5)
	s, last = failN(s, UserLockout, s.LockedUntil.Add(UserLockout.Forget), 5)
	if _, retry := s.Check(last); retry != 15*time.Minute {
		t.Fatalf("lock after a forgotten one = %v, want 15m", retry)
	}
}

func TestSourcePolicyAllowsMoreFailures(t *testing.T) {
	s, last := failN(LockoutState{}, SourceLockout, t0, 19)
	if ok, _ := s.Check(last); !ok {
		t.Fatal("source locked before 20 failures")
	}
	s = s.Fail(last.Add(time.Second), SourceLockout)
	if ok, _ := s.Check(last.Add(time.Second)); ok {
		t.Fatal("source not locked at 20 failures")
	}
}

func TestLockoutStatePersists(t *testing.T) {
	s, _ := failN(LockoutState{}, UserLockout, t0, 5)
	raw, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back LockoutState
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !back.LockedUntil.Equal(s.LockedUntil) || back.Lockouts != s.Lockouts || back.Failures != s.Failures {
		t.Fatalf("round trip %+v, want %+v", back, s)
	}
	if ok, _ := back.Check(t0.Add(time.Minute)); ok {
		t.Fatal("a restored lock does not hold")
	}
}

func TestIdle(t *testing.T) {
	locked, last := failN(LockoutState{}, UserLockout, t0, 5)
	tests := []struct {
		name string
		s    LockoutState
		at   time.Time
		want bool
	}{
		{"zero", LockoutState{}, t0, true},
		{"locked", locked, last, false},
		{"lock over, doubling remembered", locked, locked.LockedUntil.Add(time.Hour), false},
		{"lock over and forgotten", locked, locked.LockedUntil.Add(UserLockout.Forget), true},
		{"recent failure", LockoutState{Failures: 2, LastFailure: t0}, t0.Add(time.Hour), false},
		{"old failure", LockoutState{Failures: 2, LastFailure: t0}, t0.Add(UserLockout.FailureWindow), true},
	}
	for _, tt := range tests {
		if got := tt.s.Idle(tt.at, UserLockout); got != tt.want {
			t.Errorf("%s: Idle = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestPolicyLock is the lock a store that counts attempts in SQL starts
// once the count is full: doubling, capped, and forgotten after a quiet
// day, exactly as Fail would have done.
func TestPolicyLock(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	first := UserLockout.Lock(LockoutState{Failures: 5, LastFailure: t0}, t0)
	if first.Lockouts != 1 || !first.LockedUntil.Equal(t0.Add(UserLockout.BaseLock)) || first.Failures != 0 {
		t.Fatalf("first lock: %+v", first)
	}
	var viaFail LockoutState
	for range UserLockout.MaxFailures {
		viaFail = viaFail.Fail(t0, UserLockout)
	}
	if viaFail.LockedUntil != first.LockedUntil || viaFail.Lockouts != first.Lockouts {
		t.Errorf("Lock %+v differs from Fail %+v", first, viaFail)
	}
	at := first.LockedUntil.Add(time.Minute)
	if second := UserLockout.Lock(first, at); !second.LockedUntil.Equal(at.Add(2 * UserLockout.BaseLock)) {
		t.Errorf("second lock without a success: %+v, want twice the base", second)
	}
	late := first.LockedUntil.Add(UserLockout.Forget)
	if again := UserLockout.Lock(first, late); again.Lockouts != 1 || !again.LockedUntil.Equal(late.Add(UserLockout.BaseLock)) {
		t.Errorf("lock after a quiet day: %+v, want the base length again", again)
	}
	capped := UserLockout.Lock(LockoutState{Lockouts: 30, LockedUntil: t0}, t0.Add(time.Hour))
	if d := capped.LockedUntil.Sub(t0.Add(time.Hour)); d != UserLockout.MaxLock {
		t.Errorf("lock after 30 in a row: %v, want the %v cap", d, UserLockout.MaxLock)
	}
}

func TestPolicyDefaults(t *testing.T) {
	s, last := failN(LockoutState{}, LockoutPolicy{MaxFailures: 3}, t0, 3)
	if ok, retry := s.Check(last); ok || retry != UserLockout.BaseLock {
		t.Fatalf("partial policy: Check = %v, %v; want locked for the default base", ok, retry)
	}
}
