package signin

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
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
	// ErrTooManyAtOnce: this account already has its share of checks
	// running. A person signs in once at a time, so the attempt counts
	// as a failure.
	ErrTooManyAtOnce = errors.New("too many sign-ins at once for this account")
	// ErrSourceBusy: this address already has its share of checks
	// running. A clinic's workstations share one address, so the attempt
	// is refused but not counted against anyone.
	ErrSourceBusy = errors.New("too many sign-ins at once from this address")
	// ErrServerBusy: every core is checking a password and the queue for
	// them is full; the attempt is refused but not counted.
	ErrServerBusy = errors.New("the server is busy checking other sign-ins")
)

// HashGate admits password checks: at most a few per account and per
// address at once (beyond that refused at once, without hashing), and
// globally one per core with a bounded queue.
type HashGate struct {
	slots      chan struct{}
	waiting    atomic.Int64
	maxWaiting int64

	mu       sync.Mutex
	inFlight map[string]int
}

// NewHashGate sizes the gate to this process's cores (at least two).
func NewHashGate() *HashGate {
	n := max(2, runtime.GOMAXPROCS(0))
	return &HashGate{slots: make(chan struct{}, n), maxWaiting: int64(n * checkQueuePerSlot), inFlight: map[string]int{}}
}

// Enter admits one password check for the account (or unknown name) key
// and the source address. It returns ErrTooManyAtOnce, ErrSourceBusy or
// ErrServerBusy without waiting when a bound is reached; release must be
// called once the check is done.
func (g *HashGate) Enter(ctx context.Context, account, source string) (release func(), err error) {
	ak, sk := "a:"+account, "s:"+source
	g.mu.Lock()
	if g.inFlight[ak] >= maxChecksPerAccount {
		g.mu.Unlock()
		return nil, ErrTooManyAtOnce
	}
	if g.inFlight[sk] >= maxChecksPerSource {
		g.mu.Unlock()
		return nil, ErrSourceBusy
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
			return nil, ErrServerBusy
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
