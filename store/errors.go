package store

import "github.com/clinicwa/triage/store/api"

// The errors the console acts on are defined once, in store/api (the
// screens may import that package, not this one); the store names them
// here as well, so its callers read store.ErrSessionEnded and the like.
var (
	ErrAuditUnwritable   = api.ErrAuditUnwritable
	ErrSessionEnded      = api.ErrSessionEnded
	ErrUnreachable       = api.ErrUnreachable
	ErrPolicyAckRequired = api.ErrPolicyAckRequired
	ErrPolicyChanged     = api.ErrPolicyChanged
)

type (
	RefusedError           = api.RefusedError
	StatusError            = api.StatusError
	EnrolmentRequiredError = api.EnrolmentRequiredError
	LockedError            = api.LockedError
)
