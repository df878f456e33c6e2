// Package audit is the hash-chained audit trail: how an entry is hashed,
// how a chain is linked and verified. Both the console and the central
// endpoint use it, so both compute the same hashes.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// GenesisHash is the PrevHash of the first entry of every chain.
var GenesisHash = strings.Repeat("0", 64)

// Hash computes an entry's hash over every field but Hash, in a fixed
// canonical encoding (length-prefixed fields, sorted detail keys), so that
// no two different entries share an encoding.
func Hash(e api.AuditEntry) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field("triage-audit-v1")
	field(e.ConsoleID)
	field(strconv.FormatInt(e.Seq, 10))
	field(e.PrevHash)
	field(e.At.UTC().Format(time.RFC3339Nano))
	field(e.UserID)
	field(string(e.Role))
	field(e.Action)
	field(e.Object)
	field(e.Outcome)
	keys := make([]string, 0, len(e.Detail))
	for k := range e.Detail {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	field(strconv.Itoa(len(keys)))
	for _, k := range keys {
		field(k)
		field(e.Detail[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Link makes e the entry after prev (nil for the first entry): it sets
// Seq, PrevHash and Hash.
func Link(prev *api.AuditEntry, e api.AuditEntry) api.AuditEntry {
	if prev == nil {
		e.Seq, e.PrevHash = 1, GenesisHash
	} else {
		e.Seq, e.PrevHash = prev.Seq+1, prev.Hash
	}
	e.Hash = Hash(e)
	return e
}

// Damage names the kind of break verification found.
type Damage string

const (
	DamageEdited     Damage = "edited"      // an entry's content does not match its hash
	DamageGap        Damage = "gap"         // a sequence number is missing (deletion)
	DamageReordered  Damage = "reordered"   // sequence numbers out of order or repeated (insertion, swap)
	DamageBrokenLink Damage = "broken-link" // prev_hash does not name the entry before
	DamageForeign    Damage = "foreign"     // an entry from another console's chain
)

// BreakError names the first bad entry of a chain and the kind of damage.
type BreakError struct {
	ConsoleID string
	Seq       int64
	Damage    Damage
	// Detail says more when the verifier knows more (which entry was
	// swapped with which, which checkpoint disagrees); may be empty.
	Detail string
}

func (e *BreakError) Error() string {
	s := fmt.Sprintf("audit chain %s broken at entry %d: %s", e.ConsoleID, e.Seq, e.Damage)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Verify checks a run of consecutive entries of one chain. prev is the
// entry before the run (nil when the run starts the chain).
func Verify(prev *api.AuditEntry, entries []api.AuditEntry) error {
	for i := range entries {
		e := entries[i]
		wantSeq, wantPrev := int64(1), GenesisHash
		if prev != nil {
			wantSeq, wantPrev = prev.Seq+1, prev.Hash
			if e.ConsoleID != prev.ConsoleID {
				return &BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: DamageForeign}
			}
		}
		switch {
		case Hash(e) != e.Hash:
			return &BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: DamageEdited}
		case e.Seq > wantSeq:
			return &BreakError{ConsoleID: e.ConsoleID, Seq: wantSeq, Damage: DamageGap}
		case e.Seq < wantSeq:
			return &BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: DamageReordered}
		case e.PrevHash != wantPrev:
			return &BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: DamageBrokenLink}
		}
		prev = &entries[i]
	}
	return nil
}

// Canonical returns the JSON form of an entry for storage and export.
func Canonical(e api.AuditEntry) ([]byte, error) { return json.Marshal(e) }
