// Package seal encrypts PHI-bearing fields at rest and computes keyed blind
// indexes for equality lookups. modernc.org/sqlite has no page encryption,
// so every sensitive column is sealed on its own with AES-256-GCM, a fresh
// nonce per value, and associated data that binds the ciphertext to its
// table, column and row: a value copied into another row fails to open.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// envelopeVersion is the first byte of every sealed value.
const envelopeVersion = 1

// Envelope layout: version (1) | key id (4, big endian) | nonce (12) | ciphertext+tag.
const headerLen = 1 + 4 + 12

var (
	// ErrUnknownKey means the value was sealed under a key id this store
	// does not hold.
	ErrUnknownKey = errors.New("seal: value was sealed with a key this store does not hold")
	// ErrTampered means the value does not open under its key and binding:
	// it was altered, or copied from another row or column.
	ErrTampered = errors.New("seal: value fails authentication (altered, or moved from another row or column)")
	// ErrMalformed means the bytes are not a sealed envelope.
	ErrMalformed = errors.New("seal: not a sealed value")
)

// Keys holds a store's unwrapped data keys and its blind-index key. It is
// safe for concurrent use once built.
type Keys struct {
	current uint32
	aeads   map[uint32]cipher.AEAD
	index   []byte
	derive  []byte
}

// NewKeys builds Keys from raw 32-byte data keys by id, the id to seal new
// values with, and a 32-byte index key.
func NewKeys(dataKeys map[uint32][]byte, current uint32, indexKey []byte) (*Keys, error) {
	if _, ok := dataKeys[current]; !ok {
		return nil, fmt.Errorf("seal: current key %d missing", current)
	}
	if len(indexKey) != 32 {
		return nil, errors.New("seal: index key must be 32 bytes")
	}
	k := &Keys{current: current, aeads: map[uint32]cipher.AEAD{}, index: append([]byte(nil), indexKey...)}
	for id, raw := range dataKeys {
		if len(raw) != 32 {
			return nil, fmt.Errorf("seal: data key %d must be 32 bytes", id)
		}
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, err
		}
		a, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		k.aeads[id] = a
	}
	k.derive = k.Subkey("seal-derive")
	return k, nil
}

// CurrentKeyID is the id new values are sealed with.
func (k *Keys) CurrentKeyID() uint32 { return k.current }

func binding(table, column, rowID string) []byte {
	b := make([]byte, 0, len(table)+len(column)+len(rowID)+16)
	for _, s := range []string{"triage-seal-v1", table, column, rowID} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return b
}

// Seal encrypts plaintext for (table, column, rowID).
func (k *Keys) Seal(table, column, rowID string, plaintext []byte) ([]byte, error) {
	a := k.aeads[k.current]
	out := make([]byte, headerLen, headerLen+len(plaintext)+a.Overhead())
	out[0] = envelopeVersion
	binary.BigEndian.PutUint32(out[1:5], k.current)
	if _, err := io.ReadFull(rand.Reader, out[5:headerLen]); err != nil {
		return nil, fmt.Errorf("seal: nonce: %w", err)
	}
	return a.Seal(out, out[5:headerLen], plaintext, binding(table, column, rowID)), nil
}

// SealString is Seal for text; the empty string seals to nil so optional
// columns stay NULL.
func (k *Keys) SealString(table, column, rowID, s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	return k.Seal(table, column, rowID, []byte(s))
}

// Open decrypts a value sealed for (table, column, rowID).
func (k *Keys) Open(table, column, rowID string, env []byte) ([]byte, error) {
	if len(env) < headerLen || env[0] != envelopeVersion {
		return nil, ErrMalformed
	}
	id := binary.BigEndian.Uint32(env[1:5])
	a, ok := k.aeads[id]
	if !ok {
		return nil, fmt.Errorf("%w (key id %d)", ErrUnknownKey, id)
	}
	pt, err := a.Open(nil, env[5:headerLen], env[headerLen:], binding(table, column, rowID))
	if err != nil {
		return nil, fmt.Errorf("%w: %s.%s row %s", ErrTampered, table, column, rowID)
	}
	return pt, nil
}

// OpenString is Open for text; nil opens to "".
func (k *Keys) OpenString(table, column, rowID string, env []byte) (string, error) {
	if env == nil {
		return "", nil
	}
	pt, err := k.Open(table, column, rowID, env)
	return string(pt), err
}

// KeyID reports which key sealed env, for rotation.
func KeyID(env []byte) (uint32, error) {
	if len(env) < headerLen || env[0] != envelopeVersion {
		return 0, ErrMalformed
	}
	return binary.BigEndian.Uint32(env[1:5]), nil
}

// BlindIndex is a keyed hash of value for equality lookups in domain (for
// example "patients.phone"). Without the index key it reveals nothing, not
// even which rows share a value across domains.
func (k *Keys) BlindIndex(domain string, value []byte) []byte {
	m := hmac.New(sha256.New, k.index)
	m.Write(binding(domain, "", ""))
	m.Write(value)
	return m.Sum(nil)
}

// Subkey derives a purpose-bound key (such as "handoff-link") from the
// index key, so one wrapped secret yields every keyed hash the store needs.
func (k *Keys) Subkey(purpose string) []byte {
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte("triage-subkey-v1:" + purpose))
	return m.Sum(nil)
}
