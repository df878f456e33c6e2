package api

import "time"

// EnrolmentRequired is the Error text of a sign-in whose password was
// right but whose account has no authenticator yet. It is answered with
// 403 and an EnrolmentChallenge, never before the password was checked.
const EnrolmentRequired = "totp enrolment required"

// EnrolmentChallenge is the body of that 403: the error text and what the
// console needs to enrol the user's authenticator app.
type EnrolmentChallenge struct {
	Error     string        `json:"error"`
	Enrolment TOTPEnrolment `json:"enrolment"`
}

// TOTPEnrolment is an enrolment in progress. URI is the otpauth:// URI
// the console draws as a QR code; Secret is the same secret as text for
// typing into an app by hand. Both are shown once and never logged. Token
// proves the password step passed; it works once, until ExpiresAt.
type TOTPEnrolment struct {
	Token     string    `json:"token"`
	URI       string    `json:"uri"`
	Secret    string    `json:"secret"`
	ExpiresAt time.Time `json:"expires_at"`
}

// TOTPEnrolRequest confirms an enrolment with the first code the app
// shows (POST /api/v1/totp/enrol, no session needed).
type TOTPEnrolRequest struct {
	Token     string       `json:"token"`
	Code      string       `json:"code"`
	ConsoleID string       `json:"console_id,omitempty"`
	Device    *DeviceProof `json:"device,omitempty"`
}

// TOTPEnrolResponse is a confirmed enrolment: the session it opens and
// the recovery codes, which the server keeps only as hashes and the
// console shows exactly once.
type TOTPEnrolResponse struct {
	Login         LoginResponse `json:"login"`
	RecoveryCodes []string      `json:"recovery_codes"`
}

// SessionInfo describes the caller's session (GET /api/v1/session), so a
// console can resume a session whose token it kept in the OS keyring.
type SessionInfo struct {
	User               User      `json:"user"`
	ExpiresAt          time.Time `json:"expires_at"`
	IdleTimeoutSeconds int       `json:"idle_timeout_seconds"`
}

// MinRevealReason is the fewest characters a reveal's reason may have:
// enough for "callback re: meds", too many for "x".
const MinRevealReason = 10

// MaxRevealReason bounds a reveal's reason.
const MaxRevealReason = 500

// RevealRequest asks for a message's unmasked text (break-glass). Reason
// says why; it is kept sealed and reviewed by supervisors.
type RevealRequest struct {
	Reason string `json:"reason"`
}

// RevealResponse carries a message's original, unmasked text. The
// console shows it marked REVEALED and drops it at ExpiresAt, when the
// user leaves the thread, or at sign-out, whichever is first.
type RevealResponse struct {
	RevealID  string    `json:"reveal_id"`
	ThreadID  string    `json:"thread_id"`
	MessageID string    `json:"message_id"`
	Text      string    `json:"text"` // PHI: never log or store it
	ExpiresAt time.Time `json:"expires_at"`
}

// RevealRecord is one reveal as supervisors review it (GET
// /api/v1/reveals). Reason is empty with ReasonWithheld set for roles
// that may not read patient text (admins).
type RevealRecord struct {
	ID             string    `json:"id"`
	UserID         string    `json:"user_id"`
	Username       string    `json:"username"`
	Role           Role      `json:"role"`
	ConsoleID      string    `json:"console_id"`
	ThreadID       string    `json:"thread_id"`
	MessageID      string    `json:"message_id"`
	Reason         string    `json:"reason,omitempty"`
	ReasonWithheld bool      `json:"reason_withheld,omitempty"`
	At             time.Time `json:"at"`
	ExpiresAt      time.Time `json:"expires_at"`
}
