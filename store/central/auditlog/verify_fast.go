package auditlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/storage"
)

// verifyBatch is how many rows go to a hashing worker at a time: large
// enough that the hand-over costs nothing, small enough to keep every
// core busy until the end.
const verifyBatch = 2048

// rawAuditRow is a row as stored, before parsing.
type rawAuditRow struct {
	e          api.AuditEntry
	at, detail string
	gseq       int64
}

// verifyChainsFast checks every chain's links and every entry's hash in
// one pass over the table in primary-key order, and returns each chain's
// last seq, the number of entries and the Merkle leaves in log order. The
// links are checked as the rows stream; parsing and hashing, the costly
// part, run on every core. The pass reads each row once: the leaves come
// from it too, so the log is not read a second time in gseq order.
//
// At the first anomaly of any kind (a bad hash or link, a missing or
// repeated log position) it returns leaves == nil and runs the sequential
// VerifyChains instead, which names the damage exactly as before.
func verifyChainsFast(ctx context.Context, q storage.Querier) (map[string]int64, int64, [][32]byte, error) {
	heads, n, leaves, ok, err := fastPass(ctx, q)
	if err != nil {
		return nil, 0, nil, err
	}
	if ok {
		return heads, n, leaves, nil
	}
	heads, n, err = VerifyChains(ctx, q)
	return heads, n, nil, err
}

func fastPass(ctx context.Context, q storage.Querier) (heads map[string]int64, n int64, leaves [][32]byte, ok bool, err error) {
	maxG, err := Store{}.lastPosition(ctx, q)
	if err != nil {
		return nil, 0, nil, false, err
	}
	leaves = make([][32]byte, maxG)
	filled := make([]bool, maxG)

	var bad atomic.Bool
	work := make(chan []rawAuditRow, runtime.GOMAXPROCS(0)*2)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range work {
				if bad.Load() {
					continue
				}
				for i := range batch {
					r := &batch[i]
					if !hashMatches(r) {
						bad.Store(true)
						break
					}
					// Each position is written by one worker only: the
					// reader admitted it once (filled).
					leaves[r.gseq-1] = audit.LeafHash(r.e.Hash)
				}
			}
		}()
	}
	finish := func() { close(work); wg.Wait() }

	rows, err := Store{}.everyEntry(ctx, q)
	if err != nil {
		finish()
		return nil, 0, nil, false, err
	}
	heads = map[string]int64{}
	var (
		prevChain, prevHash string
		prevSeq             int64
		batch               = make([]rawAuditRow, 0, verifyBatch)
		stopped             bool // at an anomaly, before the end
	)
	for rows.Next() {
		var (
			r    rawAuditRow
			gseq sql.NullInt64
		)
		e := &r.e
		if err := rows.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &r.at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome, &r.detail, &gseq); err != nil {
			rows.Close()
			finish()
			return nil, 0, nil, false, err
		}
		wantSeq, wantPrev := int64(1), audit.GenesisHash
		if e.ConsoleID == prevChain {
			wantSeq, wantPrev = prevSeq+1, prevHash
		}
		if e.Seq != wantSeq || e.PrevHash != wantPrev || !gseq.Valid || gseq.Int64 < 1 || gseq.Int64 > maxG || filled[gseq.Int64-1] || bad.Load() {
			stopped = true
			break
		}
		filled[gseq.Int64-1] = true
		r.gseq = gseq.Int64
		prevChain, prevSeq, prevHash = e.ConsoleID, e.Seq, e.Hash
		heads[e.ConsoleID] = e.Seq
		n++
		batch = append(batch, r)
		if len(batch) == verifyBatch {
			work <- batch
			batch = make([]rawAuditRow, 0, verifyBatch)
		}
	}
	rerr := rows.Err()
	rows.Close()
	if len(batch) > 0 {
		work <- batch
	}
	finish()
	if rerr != nil {
		return nil, 0, nil, false, rerr
	}
	// Every position from 1 to the highest was seen exactly once.
	return heads, n, leaves, !stopped && !bad.Load() && n == maxG, nil
}

// hashMatches parses a stored row as scanAuditG does and reports whether
// its hash recomputes.
func hashMatches(r *rawAuditRow) bool {
	t, err := time.Parse(time.RFC3339Nano, r.at)
	if err != nil {
		return false
	}
	r.e.At = t
	if r.detail != "" && r.detail != "null" && r.detail != "{}" {
		if err := json.Unmarshal([]byte(r.detail), &r.e.Detail); err != nil {
			return false
		}
	}
	return audit.Hash(r.e) == r.e.Hash
}

// eachLeaf calls fn with the log's Merkle leaves in order: from leaves
// when the fast pass produced them, else from the table.
func eachLeaf(ctx context.Context, q storage.Querier, leaves [][32]byte, fn func(leaf [32]byte) error) error {
	if leaves == nil {
		return streamLeaves(ctx, q, 0, func(_ int64, hash string) error { return fn(audit.LeafHash(hash)) })
	}
	for _, l := range leaves {
		if err := fn(l); err != nil {
			return err
		}
	}
	return nil
}
