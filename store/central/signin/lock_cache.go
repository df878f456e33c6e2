package signin

import (
	"sync"
	"time"
)

// maxCachedSourceLocks bounds LockCache; past it, locks are still read
// from the database, only more slowly.
const maxCachedSourceLocks = 8192

// LockCache remembers, in memory, the sources known to be locked and
// until when, so that a flood from a locked address is refused without
// even a database read: such a flood must not take the connections a
// real user's sign-in needs. It is only a cache of the database's answer,
// and safe because a source lock is never lifted early.
type LockCache struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// NewLockCache returns an empty cache.
func NewLockCache() *LockCache { return &LockCache{until: map[string]time.Time{}} }

// LockedUntil is when source's cached lock ends (zero if none is held).
func (c *LockCache) LockedUntil(source string, now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.until[source]
	if ok && !now.Before(t) {
		delete(c.until, source)
		return time.Time{}
	}
	return t
}

// Remember caches a lock of source until t.
func (c *LockCache) Remember(source string, t, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.until) >= maxCachedSourceLocks {
		for k, v := range c.until {
			if !now.Before(v) {
				delete(c.until, k)
			}
		}
		if len(c.until) >= maxCachedSourceLocks {
			return
		}
	}
	c.until[source] = t
}
