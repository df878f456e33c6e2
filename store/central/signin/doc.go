// Package signin protects sign-in against guessing: it counts attempts
// and locks accounts and addresses, bounds the password checks that run
// at once, keys every count on the address the request really came from,
// and keeps a flood of refusals from flooding the audit log.
//
//   - Counter (sql_throttle.go) is one failed-sign-in count: an
//     account's, in its users row, or a source address's or unknown
//     username's, in signin_throttle. Every attempt is charged BEFORE its
//     password is hashed, by one conditional statement decided by the
//     rows it changed, so however many attempts arrive at once, on one
//     node or several sharing a PostgreSQL database, at most the policy's
//     limit are ever checked before the lock. A lock starts by
//     compare-and-swap (LockIfDue), a success settles the charge
//     (Succeed), an attempt never checked is given back (Refund), and
//     PruneThrottle forgets idle counters. Every statement of the package
//     lives in that file.
//   - HashGate (gate.go) admits password checks: at most 2 per account
//     and 4 per address at once, one per core with a bounded queue, and
//     refuses beyond that without hashing (ErrTooManyAtOnce,
//     ErrSourceBusy, ErrServerBusy).
//   - ClientAddr (client_addr.go) is the address a count is keyed on: the
//     TCP peer's, read from X-Forwarded-For only behind the configured
//     trusted proxies (ParseTrustedProxies), an IPv6 client by its /64.
//   - LockCache (lock_cache.go) remembers locked addresses in memory, so
//     a flood from one is refused without a database read.
//   - RefusalLog (refusals.go) writes a few unauthenticated refusals per
//     address on their own and counts the rest into one aggregated audit
//     entry per address and minute; an entry that changed a count or
//     started a lock is always written, and counts whose write failed are
//     kept for the next flush.
//
// The package must not decide what a sign-in proves or how it is
// answered: the server (package central) runs the sign-in (password,
// authenticator or recovery code, enrolment, session), charges and
// settles the counters in its transactions, and tells the user the
// lock's end. It hands in its clock, the keyed hash of an address and the
// writing of an audit entry (Audit). The package depends on store/auth,
// store/api and store/central/storage, never on package central.
package signin
