package ui

import (
	"errors"

	"github.com/clinicwa/triage/store/api"
)

// A failed Backend call is sorted by the store's own errors
// (store/api/errors.go); the console has no twin of them. The tiers: the
// session is gone (sign in again), the console cannot go on (its audit
// trail cannot be written: fail closed), or a toast for everything else.

func isFatal(err error) bool { return errors.Is(err, api.ErrAuditUnwritable) }

func isUnauthorized(err error) bool { return errors.Is(err, api.ErrSessionEnded) }

// isPolicyAckRequired: the server refuses thread routes until the policy
// in force is acknowledged.
func isPolicyAckRequired(err error) bool { return errors.Is(err, api.ErrPolicyAckRequired) }

// isConflict: the policy changed while it was on screen.
func isConflict(err error) bool { return errors.Is(err, api.ErrPolicyChanged) }

func asRefusal(err error) (*api.RefusedError, bool) {
	var r *api.RefusedError
	if errors.As(err, &r) && r != nil {
		return r, true
	}
	return nil, false
}

func asEnrolment(err error) (*api.EnrolmentRequiredError, bool) {
	var e *api.EnrolmentRequiredError
	if errors.As(err, &e) && e != nil && e.Enrolment.Token != "" {
		return e, true
	}
	return nil, false
}
