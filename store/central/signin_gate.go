package central

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Password-check admission. An Argon2id check costs about 150 ms of a
// core and 64 MiB; these bounds keep guessers from spending the server's
// CPU and memory on them, whatever else the lockout counts do.
const (
	// maxChecksPerAccount and maxChecksPerSource bound the password
	// checks running at once for one account and from one address. A
	// person signs in once at a time; a clinic's workstations behind one
	// address rarely sign in within the same 150 ms.
	maxChecksPerAccount = 2
	maxChecksPerSource  = 4
	// checkQueuePerSlot bounds how many checks may wait for a free core,
	// per core; beyond it a sign-in is answered 503 with Retry-After
	// instead of queueing for seconds.
	checkQueuePerSlot = 4
)

var (
	// errTooManyAtOnce: this account already has its share of checks
	// running. A person signs in once at a time, so the attempt counts
	// as a failure.
	errTooManyAtOnce = errors.New("too many sign-ins at once for this account")
	// errSourceBusy: this address already has its share of checks
	// running. A clinic's workstations share one address, so the attempt
	// is refused but not counted against anyone.
	errSourceBusy = errors.New("too many sign-ins at once from this address")
	errServerBusy = errors.New("the server is busy checking other sign-ins")
)

// hashGate admits password checks: at most a few per account and per
// address at once (beyond that refused at once, without hashing), and
// globally one per core with a bounded queue.
type hashGate struct {
	slots      chan struct{}
	waiting    atomic.Int64
	maxWaiting int64

	mu       sync.Mutex
	inFlight map[string]int
}

func newHashGate() *hashGate {
	n := max(2, runtime.GOMAXPROCS(0))
	return &hashGate{slots: make(chan struct{}, n), maxWaiting: int64(n * checkQueuePerSlot), inFlight: map[string]int{}}
}

// enter admits one password check for the account (or unknown name) key
// and the source address. It returns errTooManyAtOnce, errSourceBusy or
// errServerBusy without waiting when a bound is reached; release must be
// called once the check is done.
func (g *hashGate) enter(ctx context.Context, account, source string) (release func(), err error) {
	ak, sk := "a:"+account, "s:"+source
	g.mu.Lock()
	if g.inFlight[ak] >= maxChecksPerAccount {
		g.mu.Unlock()
		return nil, errTooManyAtOnce
	}
	if g.inFlight[sk] >= maxChecksPerSource {
		g.mu.Unlock()
		return nil, errSourceBusy
	}
	g.inFlight[ak]++
	g.inFlight[sk]++
	g.mu.Unlock()
	leave := func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, k := range []string{ak, sk} {
			if g.inFlight[k]--; g.inFlight[k] <= 0 {
				delete(g.inFlight, k)
			}
		}
	}
	select {
	case g.slots <- struct{}{}:
	default:
		if g.waiting.Add(1) > g.maxWaiting {
			g.waiting.Add(-1)
			leave()
			return nil, errServerBusy
		}
		select {
		case g.slots <- struct{}{}:
			g.waiting.Add(-1)
		case <-ctx.Done():
			g.waiting.Add(-1)
			leave()
			return nil, ctx.Err()
		}
	}
	return func() { <-g.slots; leave() }, nil
}

// ParseTrustedProxies reads TRIAGED_TRUSTED_PROXIES: a comma- or
// space-separated list of CIDR prefixes or single addresses of the
// reverse proxies in front of triaged.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("central: trusted proxy %q is neither an address nor a CIDR prefix (e.g. 10.0.0.0/8)", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// clientAddr is the address a request came from, as the key of its
// source's sign-in count and of its refusals. By default it is the TCP
// peer's: forwarded headers are written by whoever sends the request, and
// a count keyed on them would be a count the guesser chooses. Only when
// the peer is one of Config.TrustedProxies is X-Forwarded-For read, from
// the right, and the first address that is not itself a trusted proxy is
// the client. IPv6 clients are keyed by their /64, which one subscriber
// holds whole.
func (s *Server) clientAddr(r *http.Request) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if s.trustedProxy(addr) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a malformed hop: keep the last address a trusted proxy vouched for
			}
			addr = hop.Unmap()
			if !s.trustedProxy(addr) {
				break
			}
		}
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

func (s *Server) trustedProxy(a netip.Addr) bool {
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// maxCachedSourceLocks bounds lockCache; past it, locks are still read
// from the database, only more slowly.
const maxCachedSourceLocks = 8192

// lockCache remembers, in memory, the sources known to be locked and
// until when, so that a flood from a locked address is refused without
// even a database read: such a flood must not take the connections a
// real user's sign-in needs. It is only a cache of the database's answer,
// and safe because a source lock is never lifted early.
type lockCache struct {
	mu    sync.Mutex
	until map[string]time.Time
}

func newLockCache() *lockCache { return &lockCache{until: map[string]time.Time{}} }

// lockedUntil is when source's cached lock ends (zero if none is held).
func (c *lockCache) lockedUntil(source string, now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.until[source]
	if ok && !now.Before(t) {
		delete(c.until, source)
		return time.Time{}
	}
	return t
}

// remember caches a lock of source until t.
func (c *lockCache) remember(source string, t, now time.Time) {
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
