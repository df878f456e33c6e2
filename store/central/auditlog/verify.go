package auditlog

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/storage"
)

// VerifyReport describes a log that verified.
type VerifyReport struct {
	Entries     int64 // entries of every chain
	Chains      int
	Checkpoints int               // signed checkpoints checked
	Latest      *audit.Checkpoint // the newest, nil when none was signed yet
	// Uncovered counts entries received after the newest checkpoint: their
	// chains protect them, but no signature does yet.
	Uncovered int64
}

// VerifyLog checks the whole central audit log in db, in one read
// snapshot: every checkpoint's signature under pub, every chain's links,
// every chain against the heads the checkpoints signed (truncation), and
// the Merkle root of the log at each checkpoint's size (a chain rewritten
// and re-hashed consistently still changes the root). kept are
// checkpoints an auditor saved earlier, checked as if they were stored:
// they catch a rewrite that also deleted the stored checkpoints.
//
// The first damage found is returned as an *audit.BreakError.
func VerifyLog(ctx context.Context, db *sql.DB, pub ed25519.PublicKey, kept []StoredCheckpoint) (VerifyReport, error) {
	var rep VerifyReport
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()

	// 1. Signatures.
	stored, err := Checkpoints(ctx, tx)
	if err != nil {
		return rep, fmt.Errorf("read checkpoints: %w", err)
	}
	var cps []audit.Checkpoint
	for _, sc := range append(stored, kept...) {
		cp, err := audit.VerifyCheckpoint(pub, sc.Body, sc.Signature)
		if err != nil {
			return rep, &audit.BreakError{ConsoleID: "checkpoint", Seq: sc.Number, Damage: audit.DamageSignature, Detail: err.Error()}
		}
		cps = append(cps, cp)
	}
	sort.SliceStable(cps, func(i, j int) bool { return cps[i].Size < cps[j].Size })
	rep.Checkpoints = len(cps)
	if len(cps) > 0 {
		rep.Latest = &cps[len(cps)-1]
	}

	// 2. Every chain's links.
	heads, n, leaves, err := verifyChainsFast(ctx, tx)
	if err != nil {
		return rep, err
	}
	rep.Entries, rep.Chains = n, len(heads)

	// 3. Truncation: no chain may end before a head a checkpoint signed.
	claimed := map[string]audit.ChainHead{}
	for _, cp := range cps {
		for _, h := range cp.Heads {
			if h.Seq > claimed[h.ConsoleID].Seq {
				claimed[h.ConsoleID] = h
			}
		}
	}
	for _, id := range sortedKeys(claimed) {
		h := claimed[id]
		if have := heads[id]; have < h.Seq {
			return rep, &audit.BreakError{ConsoleID: id, Seq: have + 1, Damage: audit.DamageTruncated,
				Detail: fmt.Sprintf("a signed checkpoint covers entries up to %d; the chain ends at %d", h.Seq, have)}
		}
	}

	// 4. The Merkle root at each checkpoint's size.
	tree := &audit.Tree{}
	i := 0
	var bad *audit.Checkpoint
	var prevGood *audit.Checkpoint
	err = eachLeaf(ctx, tx, leaves, func(leaf [32]byte) error {
		tree.Append(leaf)
		for i < len(cps) && cps[i].Size == tree.Size() {
			if cps[i].Root != tree.Root() {
				bad = &cps[i]
				return errStop
			}
			prevGood = &cps[i]
			i++
		}
		return nil
	})
	switch {
	case errors.Is(err, errStop):
	case errors.Is(err, ErrLogDiverged):
		return rep, &audit.BreakError{ConsoleID: "log", Seq: tree.Size() + 1, Damage: audit.DamageGap,
			Detail: fmt.Sprintf("log position %d is missing: an entry received then was deleted", tree.Size()+1)}
	case err != nil:
		return rep, err
	}
	for ; bad == nil && i < len(cps); i++ {
		if cps[i].Size == 0 && cps[i].Root == audit.EmptyRoot {
			continue
		}
		return rep, &audit.BreakError{ConsoleID: "log", Seq: tree.Size() + 1, Damage: audit.DamageTruncated,
			Detail: fmt.Sprintf("checkpoint %d covers %d entries; the log holds %d", cps[i].Number, cps[i].Size, tree.Size())}
	}
	if bad != nil {
		return rep, forgedAt(ctx, tx, *bad, prevGood)
	}
	if rep.Latest != nil {
		rep.Uncovered = tree.Size() - rep.Latest.Size
	} else {
		rep.Uncovered = tree.Size()
	}
	return rep, nil
}

var errStop = errors.New("stop")

// forgedAt names the chain whose signed head no longer matches, and the
// range of its entries in which the rewrite starts.
func forgedAt(ctx context.Context, q storage.Querier, bad audit.Checkpoint, prevGood *audit.Checkpoint) error {
	before := map[string]int64{}
	if prevGood != nil {
		for _, h := range prevGood.Heads {
			before[h.ConsoleID] = h.Seq
		}
	}
	for _, h := range bad.Heads {
		hash, err := Store{}.hashAt(ctx, q, h.ConsoleID, h.Seq)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if hash != h.Hash {
			return &audit.BreakError{ConsoleID: h.ConsoleID, Seq: before[h.ConsoleID] + 1, Damage: audit.DamageForged,
				Detail: fmt.Sprintf("checkpoint %d signed entry %d with another hash; the rewrite starts between entries %d and %d",
					bad.Number, h.Seq, before[h.ConsoleID]+1, h.Seq)}
		}
	}
	from := int64(1)
	if prevGood != nil {
		from = prevGood.Size + 1
	}
	return &audit.BreakError{ConsoleID: "log", Seq: from, Damage: audit.DamageForged,
		Detail: fmt.Sprintf("the log's Merkle root at checkpoint %d does not match: entries between log positions %d and %d were replaced or reordered", bad.Number, from, bad.Size)}
}

// VerifyChains walks every chain in sequence order and returns each
// chain's last seq and the number of entries.
func VerifyChains(ctx context.Context, q storage.Querier) (map[string]int64, int64, error) {
	rows, err := Store{}.everyEntry(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	heads := map[string]int64{}
	var (
		n       int64
		prev    *api.AuditEntry
		failAt  api.AuditEntry
		failErr *audit.BreakError
	)
	for rows.Next() {
		var gseq sql.NullInt64
		e, err := scanAuditG(rows, &gseq)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		if prev != nil && prev.ConsoleID != e.ConsoleID {
			prev = nil
		}
		if !gseq.Valid {
			// Every entry received gets its log position in the same
			// statement; one without was written around the endpoint.
			rows.Close()
			return nil, 0, &audit.BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: audit.DamageInserted,
				Detail: "the entry has no log position, so it was not received through the endpoint"}
		}
		if err := audit.Verify(prev, []api.AuditEntry{e}); err != nil {
			var be *audit.BreakError
			if !errors.As(err, &be) {
				rows.Close()
				return nil, 0, err
			}
			failAt, failErr = e, be
			break
		}
		p := e
		prev = &p
		heads[e.ConsoleID] = e.Seq
		n++
	}
	rerr := rows.Err()
	rows.Close()
	if rerr != nil {
		return nil, 0, rerr
	}
	if failErr != nil {
		lookup := func(seq int64) (*api.AuditEntry, error) {
			e, err := Store{}.At(ctx, q, failAt.ConsoleID, seq)
			if errors.Is(err, storage.ErrNotFound) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			return &e, nil
		}
		be, err := audit.Diagnose(prev, failAt, failErr, lookup)
		if err != nil {
			return nil, 0, err
		}
		return nil, 0, be
	}
	return heads, n, nil
}

// scanAuditG scans Columns followed by gseq.
func scanAuditG(rows *sql.Rows, gseq *sql.NullInt64) (api.AuditEntry, error) {
	var (
		e          api.AuditEntry
		at, detail string
	)
	if err := rows.Scan(&e.ConsoleID, &e.Seq, &e.PrevHash, &e.Hash, &at, &e.UserID, &e.Role, &e.Action, &e.Object, &e.Outcome, &detail, gseq); err != nil {
		return e, err
	}
	// A time or detail that no longer parses was edited: leave the field
	// so that the entry's hash cannot match, and Verify names it.
	if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
		e.At = t
	}
	if detail != "" && detail != "null" && detail != "{}" {
		if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
			e.Detail = map[string]string{"\x00unreadable": detail}
		}
	}
	return e, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
