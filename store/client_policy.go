package store

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/clinicwa/triage/store/api"
)

// PolicyAckRequired reports whether err is the server's refusal of a
// thread route because the user has not yet acknowledged the messaging
// policy in force: the console then shows the policy.
func PolicyAckRequired(err error) bool { return errors.Is(err, ErrPolicyAckRequired) }

// Policy fetches the clinic's messaging policy in force and whether the
// signed-in user has acknowledged it.
func (c *Client) Policy(ctx context.Context) (api.MessagingPolicy, error) {
	_, token := c.actor()
	var out api.MessagingPolicy
	err := c.do(ctx, http.MethodGet, "/policy", token, nil, &out)
	return out, err
}

// AcknowledgePolicy records the user's acknowledgment of version by their
// typed full name. The local trail records the attempt (never the name).
func (c *Client) AcknowledgePolicy(ctx context.Context, version, fullName string) (api.PolicyAckResponse, error) {
	who, token := c.actor()
	var out api.PolicyAckResponse
	err := c.do(ctx, http.MethodPost, "/policy/ack", token, api.PolicyAckRequest{Version: version, FullName: fullName}, &out)
	outcome := "ok"
	if err != nil {
		outcome = "refused"
	}
	var se *StatusError
	if errors.As(err, &se) && se.Code == http.StatusConflict {
		err = fmt.Errorf("%w: %w", ErrPolicyChanged, err)
	}
	if aerr := c.audit(ctx, who, "policy.ack", "policy:"+version, outcome, nil); aerr != nil && err == nil {
		return out, aerr
	}
	return out, err
}

// ReviewStatus says whether the quarterly access review is due
// (supervisors and admins).
func (c *Client) ReviewStatus(ctx context.Context) (api.ReviewStatus, error) {
	_, token := c.actor()
	var out api.ReviewStatus
	err := c.do(ctx, http.MethodGet, "/access-review/status", token, nil, &out)
	return out, err
}

// Vendors fetches the vendor register (admins).
func (c *Client) Vendors(ctx context.Context) (api.VendorRegister, error) {
	_, token := c.actor()
	var out api.VendorRegister
	err := c.do(ctx, http.MethodGet, "/vendors", token, nil, &out)
	return out, err
}
