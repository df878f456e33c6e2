package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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
