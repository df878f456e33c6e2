package store

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/clinicwa/triage/store/api"
)

// AsEnrolmentRequired reports whether err (from Login) asks for TOTP
// enrolment, and returns it.
func AsEnrolmentRequired(err error) (*EnrolmentRequiredError, bool) {
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusForbidden {
		return nil, false
	}
	var ch api.EnrolmentChallenge
	if json.Unmarshal(se.Body, &ch) != nil || ch.Error != api.EnrolmentRequired || ch.Enrolment.Token == "" {
		return nil, false
	}
	return &EnrolmentRequiredError{Enrolment: ch.Enrolment}, true
}

// SignIn is Login that turns the server's enrolment answer into an
// *EnrolmentRequiredError.
func (c *Client) SignIn(ctx context.Context, username, password, code string) (api.LoginResponse, error) {
	resp, err := c.Login(ctx, username, password, code)
	if e, ok := AsEnrolmentRequired(err); ok {
		return resp, e
	}
	return resp, err
}

// EnrolTOTP confirms an enrolment with the first code from the user's
// app. On success the session is open and the recovery codes come back,
// once: the server keeps only their hashes. The local trail records the
// enrolment, never the codes.
func (c *Client) EnrolTOTP(ctx context.Context, enrolToken, code string) (api.TOTPEnrolResponse, error) {
	var out api.TOTPEnrolResponse
	req := api.TOTPEnrolRequest{Token: enrolToken, Code: code, Device: c.console.signInProof("")}
	if req.Device != nil {
		req.ConsoleID = req.Device.DeviceID
	}
	err := c.do(ctx, http.MethodPost, "/totp/enrol", "", req, &out)
	if err != nil {
		var se *StatusError
		if errors.Is(err, ErrSessionEnded) || (errors.As(err, &se) && se.Code == http.StatusUnauthorized) {
			// The generic sign-in refusal: a wrong or stale code, or a lock.
			err = errors.New("that code did not work; check the app shows this account and try the next code, or sign in again")
		}
		if aerr := c.audit(ctx, Actor{UserID: "unauthenticated"}, "totp.enrol", "", "refused", nil); aerr != nil {
			return out, aerr
		}
		return out, err
	}
	who := Actor{UserID: out.Login.User.ID, Role: out.Login.User.Role}
	detail := map[string]string{"recovery_codes": strconv.Itoa(len(out.RecoveryCodes))}
	if err := c.audit(ctx, who, "totp.enrol", "user:"+out.Login.User.ID, "ok", detail); err != nil {
		_ = c.do(ctx, http.MethodPost, "/logout", out.Login.Token, nil, nil)
		return api.TOTPEnrolResponse{}, err
	}
	if err := c.audit(ctx, who, "login", "user:"+out.Login.User.ID, "ok", map[string]string{"method": "totp_enrolment"}); err != nil {
		_ = c.do(ctx, http.MethodPost, "/logout", out.Login.Token, nil, nil)
		return api.TOTPEnrolResponse{}, err
	}
	c.mu.Lock()
	c.token, c.user = out.Login.Token, out.Login.User
	c.mu.Unlock()
	return out, nil
}

// Resume adopts a session token kept from an earlier run (the OS
// keyring) if the server still accepts it. It returns the session as a
// LoginResponse carrying that token; ErrSessionEnded means sign in again.
func (c *Client) Resume(ctx context.Context, token string) (api.LoginResponse, error) {
	if token == "" {
		return api.LoginResponse{}, ErrSessionEnded
	}
	var info api.SessionInfo
	if err := c.do(ctx, http.MethodGet, "/session", token, nil, &info); err != nil {
		return api.LoginResponse{}, err
	}
	who := Actor{UserID: info.User.ID, Role: info.User.Role}
	if err := c.audit(ctx, who, "session.resume", "user:"+info.User.ID, "ok", nil); err != nil {
		return api.LoginResponse{}, err
	}
	c.mu.Lock()
	c.token, c.user = token, info.User
	c.mu.Unlock()
	return api.LoginResponse{Token: token, User: info.User, ExpiresAt: info.ExpiresAt, IdleTimeoutSeconds: info.IdleTimeoutSeconds}, nil
}

// Token is the current session token, "" when signed out (for keeping it
// in the OS keyring).
func (c *Client) Token() string {
	_, t := c.actor()
	return t
}

// Reveal asks for an inbound message's unmasked text, with the reason
// the user gave. The request is audited locally before it leaves, with
// the reason's length only: the reason may itself hold PHI, and the
// server keeps it sealed.
func (c *Client) Reveal(ctx context.Context, threadID, messageID, reason string) (api.RevealResponse, error) {
	who, token := c.actor()
	var out api.RevealResponse
	object := "message:" + messageID
	detail := map[string]string{"thread_id": threadID, "reason_chars": strconv.Itoa(utf8.RuneCountInString(reason))}
	if err := c.audit(ctx, who, "message.reveal.request", object, "ok", detail); err != nil {
		return out, err
	}
	err := c.do(ctx, http.MethodPost, "/threads/"+pathID(threadID)+"/messages/"+pathID(messageID)+"/reveal", token,
		api.RevealRequest{Reason: reason}, &out)
	result := map[string]string{"thread_id": threadID}
	outcome := "ok"
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		outcome, result["rule"] = "refused", refused.Refusal.Rule
	case err != nil:
		outcome = "error"
	default:
		result["reveal_id"] = out.RevealID
	}
	if aerr := c.audit(ctx, who, "message.reveal", object, outcome, result); aerr != nil {
		// Fail closed: text the trail does not show as revealed is not shown.
		return api.RevealResponse{}, aerr
	}
	return out, err
}

// Reveals lists recent reveals for review (supervisors see the reasons;
// admins see who, when and what, not why). user filters by username.
func (c *Client) Reveals(ctx context.Context, user string, limit int) ([]api.RevealRecord, error) {
	who, token := c.actor()
	q := url.Values{}
	if user != "" {
		q.Set("user", user)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	path := "/reveals"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	if err := c.audit(ctx, who, "reveals.view", "reveals", "ok", nil); err != nil {
		return nil, err
	}
	var out []api.RevealRecord
	err := c.do(ctx, http.MethodGet, path, token, nil, &out)
	return out, err
}
