// Package device is a console's identity as the central endpoint sees it:
// an Ed25519 key pair made at the console's first start, the device id
// derived from its public key, and the signatures a console puts on its
// sign-ins and on every audit batch it uploads. Both the console and the
// central endpoint use it, so both encode and verify the same bytes.
//
// The id is not chosen by the console: it is the hash of the public key,
// so no console can claim another's id (and with it another's audit
// chain) without that console's private key.
package device

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

	"github.com/clinicwa/triage/store/api"
)

// IDPrefix starts every device id, so an id says what it is.
const IDPrefix = "dev-"

// idBytes is how much of the public key's SHA-256 the id keeps: 128 bits,
// far beyond any chance of two devices sharing one.
const idBytes = 16

// ID is the device id of pub: "dev-" and the hex of the first 16 bytes of
// SHA-256 over the public key.
func ID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return IDPrefix + hex.EncodeToString(sum[:idBytes])
}

// LooksLikeID reports whether s has the shape of a device id.
func LooksLikeID(s string) bool {
	rest, ok := strings.CutPrefix(s, IDPrefix)
	if !ok || len(rest) != 2*idBytes {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil && strings.ToLower(rest) == rest
}

// EncodePublicKey is the text form of a public key in the console API
// and on an admin's command line: unpadded base64url.
func EncodePublicKey(pub ed25519.PublicKey) string {
	return base64.RawURLEncoding.EncodeToString(pub)
}

// ErrBadPublicKey means a public key is not a base64url Ed25519 key.
var ErrBadPublicKey = errors.New("the device public key is not an Ed25519 key in base64url")

// ParsePublicKey reads EncodePublicKey's form.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, ErrBadPublicKey
	}
	return ed25519.PublicKey(b), nil
}

// canonical is a length-prefixed encoding: no two different field lists
// share one, whatever the fields hold.
type canonical struct{ b []byte }

func (c *canonical) field(s string) {
	c.b = strconv.AppendInt(c.b, int64(len(s)), 10)
	c.b = append(c.b, ':')
	c.b = append(c.b, s...)
}

// SignInMessage is what a console signs when it signs in: the purpose,
// its device id and the username typed. It proves the console holds the
// key of the id it names, so no one can sign in "as" another console.
func SignInMessage(deviceID, username string) []byte {
	var c canonical
	c.field("triage-device-sign-in-v1")
	c.field(deviceID)
	c.field(username)
	return c.b
}

// BatchMessage is what a console signs for an audit batch: the device id,
// the chain id, the first sequence number, the count, and every entry's
// hash in order. The entry hashes cover each entry's every field (see
// store/audit), so the signature covers the whole batch.
func BatchMessage(deviceID string, entries []api.AuditEntry) []byte {
	var c canonical
	c.field("triage-audit-batch-v1")
	c.field(deviceID)
	chain, first := "", int64(0)
	if len(entries) > 0 {
		chain, first = entries[0].ConsoleID, entries[0].Seq
	}
	c.field(chain)
	c.field(strconv.FormatInt(first, 10))
	c.field(strconv.Itoa(len(entries)))
	for _, e := range entries {
		c.field(e.Hash)
	}
	return c.b
}

// Sign signs msg with priv, in the text form the API carries.
func Sign(priv ed25519.PrivateKey, msg []byte) string {
	return base64.RawURLEncoding.EncodeToString(ed25519.Sign(priv, msg))
}

// Verify checks a signature in Sign's form.
func Verify(pub ed25519.PublicKey, msg []byte, sig string) bool {
	b, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || len(b) != ed25519.SignatureSize || len(pub) != ed25519.PublicKeySize {
		return false
	}
	return ed25519.Verify(pub, msg, b)
}

// SignBatch fills in a batch's device id and signature.
func SignBatch(priv ed25519.PrivateKey, b *api.AuditBatch) {
	id := ID(priv.Public().(ed25519.PublicKey))
	b.DeviceID = id
	b.Signature = Sign(priv, BatchMessage(id, b.Entries))
}

// SignIn is the device part of a sign-in or enrolment request.
func SignIn(priv ed25519.PrivateKey, username string) api.DeviceProof {
	pub := priv.Public().(ed25519.PublicKey)
	id := ID(pub)
	return api.DeviceProof{DeviceID: id, PublicKey: EncodePublicKey(pub), Signature: Sign(priv, SignInMessage(id, username))}
}

// ErrBadProof means a sign-in's device part does not hold together.
var ErrBadProof = errors.New("the console's device key does not match its device id, or its signature is wrong")

// CheckSignIn verifies the device part of a sign-in for username and
// returns the device's public key.
func CheckSignIn(p api.DeviceProof, username string) (ed25519.PublicKey, error) {
	pub, err := ParsePublicKey(p.PublicKey)
	if err != nil {
		return nil, err
	}
	if ID(pub) != p.DeviceID || !Verify(pub, SignInMessage(p.DeviceID, username), p.Signature) {
		return nil, ErrBadProof
	}
	return pub, nil
}
