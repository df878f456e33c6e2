package e164

import (
	"hash/maphash"
	"strings"
	"sync"
)

// Parsing a number with libphonenumber's metadata costs tens of
// microseconds, and at the central endpoint it was a large share of the
// CPU spent on each webhook. The same few numbers arrive over and over: a
// patient writes several messages in a row, and every reply brings sent,
// delivered and read callbacks for the same recipient. So Normalize keeps a
// bounded memo of raw input → result.
//
// The memo is exact: parsing depends only on the input and on metadata
// compiled into the binary, so a remembered answer is the answer parsing
// would give again, errors included.
//
// Its bound: memoShards × 2 × memoGeneration entries (8,192). A key is at
// most maxInput bytes and is copied on insert, so the memo never pins the
// request body a number was sliced from; a value is at most 16 bytes. That
// is well under 1 MiB in the worst case.
//
// The numbers it holds are PHI. They sit in the same process memory as the
// messages they came with; the memo has no String method and nothing in
// this package logs or formats it.
const (
	memoShards     = 16
	memoGeneration = 256
)

// memoResult is what Normalize returned for one input. Every failure is
// ErrInvalid, so a failed parse is recorded as ok == false.
type memoResult struct {
	e164 string
	ok   bool
}

// memoShard is one lock's worth of the memo. It keeps two generations:
// new answers go into cur; when cur is full it becomes old and a fresh cur
// starts, dropping the previous old. An answer found in old is moved into
// cur, so numbers in steady use survive and one-off numbers age out within
// two generations. Unlike a linked-list LRU this needs no per-entry
// pointers, and eviction is one map drop rather than a scan.
type memoShard struct {
	mu       sync.Mutex
	cur, old map[string]memoResult
}

// memo is a fixed set of shards, so concurrent webhooks for different
// numbers rarely wait on the same lock.
type memo struct {
	seed   maphash.Seed
	shards [memoShards]memoShard
}

// numbers is the process-wide memo behind Normalize and FromWaID.
var numbers = newMemo()

func newMemo() *memo {
	return &memo{seed: maphash.MakeSeed()}
}

func (m *memo) shard(key string) *memoShard {
	return &m.shards[maphash.String(m.seed, key)%memoShards]
}

// get returns the remembered result for key, if any.
func (m *memo) get(key string) (memoResult, bool) {
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.cur[key]; ok {
		return r, true
	}
	r, ok := s.old[key]
	if ok {
		delete(s.old, key)
		s.putLocked(strings.Clone(key), r)
	}
	return r, ok
}

// put remembers r for key. The key is copied: callers often pass a slice
// of a larger buffer (a form body, a JSON document).
func (m *memo) put(key string, r memoResult) {
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.cur[key]; ok {
		return
	}
	delete(s.old, key)
	s.putLocked(strings.Clone(key), r)
}

// putLocked inserts into cur, rotating generations first when cur is full.
func (s *memoShard) putLocked(key string, r memoResult) {
	if len(s.cur) >= memoGeneration {
		s.old, s.cur = s.cur, nil
	}
	if s.cur == nil {
		s.cur = make(map[string]memoResult, memoGeneration)
	}
	s.cur[key] = r
}

// len reports how many entries the memo holds; tests use it to check the
// bound.
func (m *memo) len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.cur) + len(s.old)
		s.mu.Unlock()
	}
	return n
}
