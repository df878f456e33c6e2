package central

import (
	"context"
	"crypto/ed25519"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/device"
)

// A console is a device: an Ed25519 key pair made at its first start,
// named by an id derived from the public key (store/device). The device
// is registered here once, by an admin (`triage user device add`) or at
// the first sign-in of an account from it (trust on first use for that
// account); from then on, its audit chain is accepted only in batches
// signed with its key, and each entry only under a user and role the
// server itself vouches for.

// Registration ways, as stored in devices.registered_via and
// device_accounts.via.
const (
	viaAdmin       = "admin"
	viaFirstSignIn = "first_sign_in"
)

// signInDevice is the device a sign-in or enrolment came from, checked;
// the zero value is a sign-in without a device.
type signInDevice struct {
	id  string
	pub ed25519.PublicKey
}

var (
	// errDeviceRevoked means an admin withdrew the device.
	errDeviceRevoked = errors.New("this console has been withdrawn by an administrator; ask them to register it again")
	// errDeviceUnregistered means the server only accepts devices an
	// admin registered, and this one is not.
	errDeviceUnregistered = errors.New("this console is not registered with the clinic server; an administrator must register it first (its device id and key are shown by `triage device`)")
)

// checkSignInDevice checks the device part of a sign-in or enrolment
// request before anything else is looked at. It answers 400 and reports
// false for a malformed or unproven device. A request with no device is
// accepted: such a session may read and act, but cannot upload an audit
// chain, and the trail names no console for it.
func (s *Server) checkSignInDevice(w http.ResponseWriter, consoleID string, p *api.DeviceProof, username string) (signInDevice, bool) {
	if p == nil {
		if consoleID != "" && !validConsoleID(consoleID) {
			writeError(w, http.StatusBadRequest, "console_id must be 1 to 64 letters, digits, '.', '-' or '_'")
			return signInDevice{}, false
		}
		// A console id with no key behind it proves nothing: it is not
		// recorded, so no one can act under another console's name.
		return signInDevice{}, true
	}
	pub, err := device.CheckSignIn(*p, username)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return signInDevice{}, false
	}
	if consoleID != "" && consoleID != p.DeviceID {
		writeError(w, http.StatusBadRequest, "console_id must be the device id")
		return signInDevice{}, false
	}
	return signInDevice{id: p.DeviceID, pub: pub}, true
}

// bindSignInDevice registers the device at an account's sign-in (trust
// on first use) and binds the account to it, in q, the session's own
// transaction; each first is audited in the server's chain. A withdrawn
// device, or an unregistered one when only admins register devices,
// fails the transaction: no session is opened.
func (s *Server) bindSignInDevice(ctx context.Context, q Querier, dev signInDevice, u records.User) error {
	if dev.id == "" {
		return nil
	}
	now := s.now()
	if !s.cfg.AdminRegistersDevices {
		added, err := records.Devices{}.Register(ctx, q, dev.id, []byte(dev.pub), viaFirstSignIn, u.ID, now)
		if err != nil {
			return err
		}
		if added {
			if err := s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "device.register",
				Object: "device:" + dev.id, Outcome: "ok", Detail: map[string]string{"via": viaFirstSignIn}}); err != nil {
				return err
			}
		}
	}
	if _, err := s.registeredDevice(ctx, q, dev.id); err != nil {
		return err
	}
	bound, err := records.Devices{}.Bind(ctx, q, dev.id, u.ID, viaFirstSignIn, now)
	if err != nil {
		return err
	}
	if bound {
		return s.auditServer(ctx, q, auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: "device.bind",
			Object: "device:" + dev.id, Outcome: "ok", Detail: map[string]string{"via": viaFirstSignIn}})
	}
	return nil
}

// registeredDevice is the public key of a registered device that has not
// been withdrawn.
func (s *Server) registeredDevice(ctx context.Context, q Querier, id string) (ed25519.PublicKey, error) {
	pub, revoked, err := records.Devices{}.Get(ctx, q, id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, errDeviceUnregistered
	case err != nil:
		return nil, err
	case revoked:
		return nil, errDeviceRevoked
	case len(pub) != ed25519.PublicKeySize || device.ID(pub) != id:
		return nil, fmt.Errorf("central: device %s has an unusable stored key", id)
	}
	return pub, nil
}

// refusedForDevice answers a sign-in whose session could not be opened
// because of its device (withdrawn, or not registered when only admins
// register devices): it records the refusal and tells the user why. It
// reports false when the device was not why. The password and code were
// right, so saying why tells nothing to a guesser.
func (s *Server) refusedForDevice(a *loginAttempt, action string, u records.User, err error) bool {
	if !errors.Is(err, errDeviceRevoked) && !errors.Is(err, errDeviceUnregistered) {
		return false
	}
	reason := "device_unregistered"
	if errors.Is(err, errDeviceRevoked) {
		reason = "device_revoked"
	}
	if aerr := s.auditOnly(a.r.Context(), auditRecord{UserID: u.ID, Role: api.Role(u.Role), Action: action,
		Object: "device:" + a.device.id, Outcome: "refused", Detail: map[string]string{"reason": reason}}); aerr != nil {
		writeError(a.w, http.StatusServiceUnavailable, "sign-in is unavailable right now; try again")
		return true
	}
	writeError(a.w, http.StatusForbidden, err.Error())
	return true
}

// deviceActor reports whether userID is one of the actors a console records for what no signed-in
// person did: a refused sign-in, the console's own key handling, an
// operating-system account running a key command. Such entries name no
// clinic user, carry no role, and vouch for no one.
func deviceActor(userID string) bool {
	return userID == "unauthenticated" || userID == "system" || strings.HasPrefix(userID, "os:")
}

// batchRefusal is why a console's audit batch is refused before anything
// of it is stored; status is the HTTP answer.
type batchRefusal struct {
	status int
	reason string // the audit detail's reason: a fixed word
	msg    string // what the console is told
}

// checkBatch decides whether sess may store batch: the session signed in
// from a registered device, the batch is signed by that device's key, it
// extends that device's own chain, every object is an id, and every
// entry names the session's user and role, a device actor, or an account
// bound to the device under its current role. Nothing is read from the
// entries that the server has not checked itself.
func (s *Server) checkBatch(ctx context.Context, sess *session, batch *api.AuditBatch) *batchRefusal {
	if sess.ConsoleID == "" || !device.LooksLikeID(sess.ConsoleID) {
		return &batchRefusal{http.StatusForbidden, "no_device",
			"this session did not sign in from a registered console device, so it cannot upload an audit chain; sign in again from the console"}
	}
	if subtle.ConstantTimeCompare([]byte(batch.DeviceID), []byte(sess.ConsoleID)) != 1 {
		return &batchRefusal{http.StatusForbidden, "wrong_device",
			fmt.Sprintf("the batch names device %q, but this session signed in from %s", clip(batch.DeviceID), sess.ConsoleID)}
	}
	pub, err := s.registeredDevice(ctx, s.db, sess.ConsoleID)
	if err != nil {
		if errors.Is(err, errDeviceRevoked) || errors.Is(err, errDeviceUnregistered) {
			return &batchRefusal{http.StatusForbidden, "device_not_registered", err.Error()}
		}
		return &batchRefusal{http.StatusServiceUnavailable, "", "the audit batch could not be checked; send it again"}
	}
	if !device.Verify(pub, device.BatchMessage(batch.DeviceID, batch.Entries), batch.Signature) {
		return &batchRefusal{http.StatusForbidden, "bad_signature",
			"the batch's signature does not verify against this console's registered device key"}
	}
	bound, err := s.deviceAccounts(ctx, sess.ConsoleID)
	if err != nil {
		return &batchRefusal{http.StatusServiceUnavailable, "", "the audit batch could not be checked; send it again"}
	}
	for _, e := range batch.Entries {
		seq := strconv.FormatInt(e.Seq, 10)
		if e.ConsoleID != sess.ConsoleID {
			return &batchRefusal{http.StatusForbidden, "foreign_chain",
				"audit entry " + seq + " belongs to another chain: a console uploads only its own device's chain"}
		}
		if !audit.ValidObject(e.Object) {
			return &batchRefusal{http.StatusUnprocessableEntity, "object_not_an_id",
				"audit entry " + seq + "'s object is not an id or a keyed hash; free text is never stored in the trail"}
		}
		switch {
		case e.UserID == sess.User.ID:
			if e.Role != api.Role(sess.User.Role) {
				return &batchRefusal{http.StatusForbidden, "wrong_role",
					fmt.Sprintf("audit entry %s names role %q, but this session's user is %s", seq, clip(string(e.Role)), sess.User.Role)}
			}
		case deviceActor(e.UserID):
			if e.Role != "" {
				return &batchRefusal{http.StatusForbidden, "wrong_role",
					"audit entry " + seq + " gives a role to an action no signed-in user took"}
			}
		default:
			role, ok := bound[e.UserID]
			if !ok {
				return &batchRefusal{http.StatusForbidden, "foreign_user",
					fmt.Sprintf("audit entry %s names user %q, who is neither this session's user nor an account that signed in on this console", seq, clip(e.UserID))}
			}
			if e.Role != api.Role(role) {
				return &batchRefusal{http.StatusForbidden, "wrong_role",
					fmt.Sprintf("audit entry %s names role %q for user %s, whose role is %s", seq, clip(string(e.Role)), e.UserID, role)}
			}
		}
	}
	return nil
}

// deviceAccounts maps each enabled account bound to the device to its
// current role.
func (s *Server) deviceAccounts(ctx context.Context, deviceID string) (map[string]policy.Role, error) {
	return records.Devices{}.Accounts(ctx, s.db, deviceID)
}

// clip keeps a value quoted back in an error short.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// RegisterDevice registers a console's device (its public key, as
// `triage device` prints it) and binds username's account to it, as an
// admin does before the console's first sign-in. Registering again binds
// another account. Both steps are audited under actor.
func (a *Admin) RegisterDevice(ctx context.Context, actor, username, publicKey string) (string, error) {
	pub, err := device.ParsePublicKey(publicKey)
	if err != nil {
		return "", err
	}
	id := device.ID(pub)
	now := a.s.now()
	err = a.s.store.Tx(ctx, func(q Querier) error {
		u, err := a.lookup(ctx, q, username)
		if err != nil {
			return err
		}
		changed, err := records.Devices{}.RegisterOrRestore(ctx, q, id, []byte(pub), viaAdmin, actor, now)
		if err != nil {
			return err
		}
		if changed {
			if err := a.s.auditServer(ctx, q, auditRecord{UserID: actor, Action: "device.register", Object: "device:" + id,
				Outcome: "ok", Detail: map[string]string{"via": viaAdmin}}); err != nil {
				return err
			}
		}
		bound, err := records.Devices{}.Bind(ctx, q, id, u.ID, viaAdmin, now)
		if err != nil {
			return err
		}
		if bound {
			return a.s.auditServer(ctx, q, auditRecord{UserID: actor, Action: "device.bind", Object: "device:" + id,
				Outcome: "ok", Detail: map[string]string{"via": viaAdmin, "user": u.ID}})
		}
		return nil
	})
	return id, err
}

// RevokeDevice withdraws a device: its sign-ins and uploads are refused
// from then on, and its live sessions end. The chain it uploaded stays.
func (a *Admin) RevokeDevice(ctx context.Context, actor, deviceID string) (revoked int, err error) {
	now := a.s.now()
	err = a.s.store.Tx(ctx, func(q Querier) error {
		if ok, err := (records.Devices{}).Revoke(ctx, q, deviceID, now); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("no registered device %q", clip(deviceID))
		}
		n, err := records.Devices{}.EndSessions(ctx, q, deviceID)
		if err != nil {
			return err
		}
		revoked = n
		return a.s.auditServer(ctx, q, auditRecord{UserID: actor, Action: "device.revoke", Object: "device:" + deviceID,
			Outcome: "ok", Detail: map[string]string{"sessions_revoked": strconv.Itoa(revoked)}})
	})
	return revoked, err
}

// Devices lists the registered devices.
func (a *Admin) Devices(ctx context.Context) ([]records.DeviceInfo, error) {
	return records.Devices{}.List(ctx, a.s.db)
}
