package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sync"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// KeyedHash is how an entry records a value that must not appear in
// clear: "hmac-sha256:" and the hex HMAC of the domain and value under the
// store's audit key (as Vault's audit devices do). The domain keeps equal
// values in different roles (a user name, an address) from matching.
func KeyedHash(key []byte, domain, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return "hmac-sha256:" + hex.EncodeToString(m.Sum(nil))
}

// NextTime is the time for the entry after head: the wall clock in UTC,
// but never before head's time, so a clock stepped back (NTP, a manual
// change) cannot make a chain run backwards in time.
func NextTime(head *api.AuditEntry, now time.Time) time.Time {
	now = now.UTC()
	if head != nil && head.At.After(now) {
		return head.At.UTC()
	}
	return now
}

// maxObjectLen bounds an entry's object.
const maxObjectLen = 160

// objectPattern is the shape of every object an entry may name: a kind
// and an opaque id ("thread:thr_…", "device:dev-…"), a bare word naming a
// part of the system ("audit", "store"), or a keyed hash. A free-text
// object could carry a patient's name in clear into a log kept for six
// years.
//
// It is compiled on first use: its counted repeats make a large program,
// and every process that links the audit package (`triage scan` too)
// would otherwise pay for it at start-up.
var objectPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[a-z][a-z_.]{0,31}(?::[A-Za-z0-9._@-]{1,128})?|hmac-sha256:[0-9a-f]{64})$`)
})

// ValidObject reports whether o may be an entry's object: empty, an id
// with its kind, a bare word, or a keyed hash.
func ValidObject(o string) bool {
	return o == "" || (len(o) <= maxObjectLen && objectPattern().MatchString(o))
}
