// Package seal encrypts PHI-bearing fields at rest and computes keyed blind
// indexes for equality lookups. modernc.org/sqlite has no page encryption,
// so every sensitive column is sealed on its own with AES-256-GCM, a fresh
// nonce per value, and associated data that binds the ciphertext to its
// table, column and row: a value copied into another row fails to open.
//
// The keys themselves are kept by OpenKeys (custody.go): a random data key
// and index key per store, wrapped by a key-encryption key from the OS
// keyring, or from a passphrase when no keyring is reachable. Rotation is in
// rotate.go.
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
	"slices"
	"sync"
	"sync/atomic"
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
// safe for concurrent use once built; Rotate and RetireKey swap the key set
// atomically, so Seal and Open never block on them.
type Keys struct {
	set   atomic.Pointer[keySet]
	index []byte

	// mu serialises the custody operations (Rotate, RetireKey, RewrapKEK)
	// that write to the key store.
	mu      sync.Mutex
	custody *custody // nil when the keys were built with NewKeys
}

// keySet is an immutable snapshot of the data keys.
type keySet struct {
	current uint32
	aeads   map[uint32]cipher.AEAD
	raw     map[uint32][]byte
}

// NewKeys builds Keys from raw 32-byte data keys by id, the id to seal new
// values with, and a 32-byte index key. Keys built this way have no key
// store behind them, so Rotate, RetireKey and RewrapKEK refuse; production
// code gets its Keys from OpenKeys.
func NewKeys(dataKeys map[uint32][]byte, current uint32, indexKey []byte) (*Keys, error) {
	if len(indexKey) != 32 {
		return nil, errors.New("seal: index key must be 32 bytes")
	}
	set, err := newKeySet(dataKeys, current)
	if err != nil {
		return nil, err
	}
	k := &Keys{index: append([]byte(nil), indexKey...)}
	k.set.Store(set)
	return k, nil
}

func newKeySet(dataKeys map[uint32][]byte, current uint32) (*keySet, error) {
	if _, ok := dataKeys[current]; !ok {
		return nil, fmt.Errorf("seal: current key %d missing", current)
	}
	s := &keySet{current: current, aeads: map[uint32]cipher.AEAD{}, raw: map[uint32][]byte{}}
	for id, raw := range dataKeys {
		if len(raw) != 32 {
			return nil, fmt.Errorf("seal: data key %d must be 32 bytes", id)
		}
		a, err := newAEAD(raw)
		if err != nil {
			return nil, err
		}
		s.aeads[id] = a
		s.raw[id] = append([]byte(nil), raw...)
	}
	return s, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// CurrentKeyID is the id new values are sealed with.
func (k *Keys) CurrentKeyID() uint32 { return k.set.Load().current }

// KeyIDs lists every data key id this store can open, oldest first.
func (k *Keys) KeyIDs() []uint32 {
	s := k.set.Load()
	ids := make([]uint32, 0, len(s.aeads))
	for id := range s.aeads {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// PendingKeyIDs lists the data key ids other than the current one. While
// it is not empty a rotation is unfinished: values sealed under these ids
// should be resealed, after which RetireKey removes each id.
func (k *Keys) PendingKeyIDs() []uint32 {
	cur := k.CurrentKeyID()
	return slices.DeleteFunc(k.KeyIDs(), func(id uint32) bool { return id == cur })
}

// lengthPrefixed joins parts so that no two different lists of parts give
// the same bytes.
func lengthPrefixed(parts ...string) []byte {
	n := 0
	for _, s := range parts {
		n += 4 + len(s)
	}
	b := make([]byte, 0, n)
	for _, s := range parts {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return b
}

func binding(table, column, rowID string) []byte {
	return lengthPrefixed("triage-seal-v1", table, column, rowID)
}

// Seal encrypts plaintext for (table, column, rowID).
func (k *Keys) Seal(table, column, rowID string, plaintext []byte) ([]byte, error) {
	s := k.set.Load()
	a := s.aeads[s.current]
	out := make([]byte, headerLen, headerLen+len(plaintext)+a.Overhead())
	out[0] = envelopeVersion
	binary.BigEndian.PutUint32(out[1:5], s.current)
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
	a, ok := k.set.Load().aeads[id]
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

// KeyIDPrefix is the first five bytes of every value sealed under id, so
// SQL can find them without decrypting: WHERE substr(col, 1, 5) = ?.
func KeyIDPrefix(id uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{envelopeVersion}, id)
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
