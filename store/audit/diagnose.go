package audit

import (
	"fmt"

	"github.com/clinicwa/triage/store/api"
)

// Damage kinds found beyond a single chain's links.
const (
	DamageInserted  Damage = "inserted"       // an entry that was never part of the chain sits in it
	DamageTruncated Damage = "truncated"      // the chain ends before a head a signed checkpoint covers
	DamageForged    Damage = "forged-rehash"  // entries recomputed consistently; the signed Merkle root no longer matches
	DamageSignature Damage = "bad-checkpoint" // a checkpoint whose signature does not verify under the public key
)

// Describe is the auditor's sentence for a damage kind.
func Describe(d Damage) string {
	switch d {
	case DamageEdited:
		return "edited: the entry's content no longer matches its hash"
	case DamageGap:
		return "deleted: the chain has a gap where this entry should be"
	case DamageReordered:
		return "reordered: entries were swapped or moved"
	case DamageBrokenLink:
		return "broken link: the entry does not name the one before it"
	case DamageForeign:
		return "foreign: the entry belongs to another chain"
	case DamageInserted:
		return "inserted: this entry was never part of the chain"
	case DamageTruncated:
		return "truncated: entries a signed checkpoint covers are missing from the end"
	case DamageForged:
		return "forged re-hash: the chain was recomputed, so the signed Merkle root no longer matches"
	case DamageSignature:
		return "bad checkpoint: its signature does not verify under the public key"
	}
	return string(d)
}

// Lookup returns the entry stored at seq in the chain being verified, or
// nil when there is none. Diagnose uses it to look around a break.
type Lookup func(seq int64) (*api.AuditEntry, error)

// maxShift bounds how far Diagnose looks for an entry's original place.
const maxShift = 64

// originalSeq is the sequence number an entry was hashed under, when that
// differs from its current one by at most maxShift (0 when none fits).
// Moving an entry keeps its content and hash, so the hash tells where it
// came from.
func originalSeq(e api.AuditEntry) int64 {
	for d := int64(1); d <= maxShift; d++ {
		for _, s := range []int64{e.Seq - d, e.Seq + d} {
			if s < 1 {
				continue
			}
			c := e
			c.Seq = s
			if Hash(c) == e.Hash {
				return s
			}
		}
	}
	return 0
}

// Diagnose refines the break Verify reported at entry e (prev is the
// verified entry before it, nil at the chain's start) into what happened:
// an edit, a deletion, an insertion or a swap. Verify alone sees only that
// a hash or a link is wrong; the stored hashes say more, because a moved
// entry still hashes correctly under its original sequence number.
func Diagnose(prev *api.AuditEntry, e api.AuditEntry, be *BreakError, at Lookup) (*BreakError, error) {
	out := *be
	switch be.Damage {
	case DamageEdited:
		s := originalSeq(e)
		switch {
		case s == 0:
			// Not moved. An inserted entry pushes its successor one
			// place on: that successor then fits the place before.
			next, err := at(e.Seq + 1)
			if err != nil {
				return nil, err
			}
			if next != nil && Hash(*next) != next.Hash && originalSeq(*next) == e.Seq {
				out.Damage, out.Detail = DamageInserted, fmt.Sprintf("entry %d was put in and later entries renumbered", e.Seq)
			}
		case s < e.Seq:
			// The entry belongs earlier: what sits before it was put in.
			out.Damage, out.Seq = DamageInserted, s
			out.Detail = fmt.Sprintf("entries %d..%d were put in before the original entry %d", s, e.Seq-1, s)
		default:
			// The entry belongs later. If the entry at its real place
			// belongs here, the two were swapped; otherwise entries were
			// deleted and the rest renumbered to hide the gap.
			other, err := at(s)
			if err != nil {
				return nil, err
			}
			if other != nil && originalSeq(*other) == e.Seq {
				out.Damage = DamageReordered
				out.Detail = fmt.Sprintf("entries %d and %d were swapped", e.Seq, s)
			} else {
				out.Damage = DamageGap
				out.Detail = fmt.Sprintf("entries %d..%d were deleted and later entries renumbered", e.Seq, s-1)
			}
		}
	case DamageBrokenLink:
		// e is intact and in place but names a different predecessor: the
		// entry before it was replaced by one with a recomputed hash.
		if prev != nil {
			out.Damage, out.Seq = DamageEdited, prev.Seq
			out.Detail = fmt.Sprintf("entry %d was rewritten with a recomputed hash; entry %d still names the original", prev.Seq, e.Seq)
		}
	case DamageGap:
		out.Detail = fmt.Sprintf("entry %d is missing", be.Seq)
	}
	return &out, nil
}
