package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// These are the errors the console acts on, the one set of them: the
// store's client returns them (the store package names them too, as
// aliases of these), and the console's screens match them with errors.Is
// and errors.As. They live here, beside the wire types, because the
// screens may import this package and not the store's I/O. A new way for
// a call to fail is added here, once.

// ErrAuditUnwritable means the local audit trail could not record an
// action, so the action was not taken (fail closed). The console cannot
// go on safely until the store is writable again.
var ErrAuditUnwritable = errors.New("the audit trail could not be written, so the action was not taken")

// ErrSessionEnded means the central endpoint no longer accepts this
// session (expired, revoked, or the user was disabled): sign in again.
var ErrSessionEnded = errors.New("your session has ended; please sign in again")

// ErrUnreachable means the central endpoint could not be reached. Local
// audit keeps growing; actions that need the server are refused.
var ErrUnreachable = errors.New("the clinic server cannot be reached right now")

// ErrPolicyAckRequired is the server's refusal of a thread route until
// the user has acknowledged the messaging policy in force: the console
// then shows the policy. A *StatusError carrying that refusal matches it
// with errors.Is.
var ErrPolicyAckRequired = errors.New("acknowledge the clinic's messaging policy first")

// ErrPolicyChanged is the answer to an acknowledgment of a policy version
// that is no longer in force: it changed while the user read it.
var ErrPolicyChanged = errors.New("the messaging policy changed while it was on screen")

// RefusedError is an outbound rule's refusal from the central endpoint,
// with the reason for the user.
type RefusedError struct{ Refusal Refusal }

func (e *RefusedError) Error() string { return e.Refusal.Reason }

// StatusError is any other non-2xx answer.
type StatusError struct {
	Code    int
	Message string
	Body    []byte
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// Is lets errors.Is(err, ErrPolicyAckRequired) recognise the server's
// policy refusal, which arrives as a 403 with its code in the body.
func (e *StatusError) Is(target error) bool {
	if target != ErrPolicyAckRequired || e.Code != http.StatusForbidden {
		return false
	}
	var body Error
	return json.Unmarshal(e.Body, &body) == nil && body.Code == CodePolicyAckRequired
}

// EnrolmentRequiredError is the answer to a right password for an account
// that has no authenticator yet: the console must show the enrolment (QR
// code and secret) and confirm it with EnrolTOTP. It holds the TOTP
// secret: show it, never log it. QR is the enrolment URI drawn as a
// terminal QR code, when the caller drew one (the screens do not encode
// QR codes); the secret shown as text works without it.
type EnrolmentRequiredError struct {
	Enrolment TOTPEnrolment
	QR        string
}

func (e *EnrolmentRequiredError) Error() string {
	return "set up your authenticator app to finish signing in"
}

// LockedError is a sign-in refused because the account or the address is
// locked after repeated failures; Until is when the lock ends, for the
// console to show in its own time.
type LockedError struct {
	Message string
	Until   time.Time
}

func (e *LockedError) Error() string { return e.Message }

// LockedUntil is when the lock ends.
func (e *LockedError) LockedUntil() time.Time { return e.Until }
