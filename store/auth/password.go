// Package auth holds the pure parts of signing in to the clinic's console:
// Argon2id password hashing and the password rules, TOTP second factors and
// recovery codes, lockout after repeated failures, and session tokens. It
// keeps no state of its own beyond what callers hand it, so the central
// endpoint decides where users, lockout state and sessions are stored.
//
// It serves HIPAA §164.312(a)(2)(i) (unique user identification),
// §164.312(d) (person or entity authentication) and §164.308(a)(5)(ii)(C)–(D)
// (log-in monitoring, password management).
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are Argon2id cost parameters.
type Params struct {
	// Memory is in KiB.
	Memory uint32
	// Time is the number of passes over the memory.
	Time uint32
	// Threads is the number of lanes (Argon2's p).
	Threads uint8
	// SaltLen and KeyLen are in bytes.
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams are RFC 9106 §4's second recommended option (t=3, p=4,
// m=64 MiB, 128-bit salt, 256-bit tag), the one for machines that cannot
// spare the first option's 2 GiB per login. Measured on the clinic
// reference machine (2 cores), one verification takes about 150 ms,
// inside the 100–300 ms a person at a login prompt does not notice, while
// an attacker with a stolen user table pays the same 64 MiB and 150 ms
// per guess. It is well above OWASP's floor (m=19 MiB, t=2, p=1).
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read back from a stored hash. A hash edited in the
// database to ask for terabytes of memory must not take the server down.
const (
	maxMemoryKiB = 2 * 1024 * 1024 // RFC 9106's first option
	maxTime      = 16
	minSaltLen   = 8
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
)

// ErrMalformedHash is returned when a stored hash is not a PHC-format
// Argon2id string this package can verify.
var ErrMalformedHash = errors.New("auth: stored password hash is malformed or uses unsupported parameters")

// maxPasswordInputBytes bounds what Verify will hash. MaxPasswordLength
// code points are at most 1 KiB of UTF-8, but the same password typed in
// decomposed form (Hangul as separate jamo, accents as combining marks)
// can be a few times longer before NFKC folds it back.
const maxPasswordInputBytes = 16 * MaxPasswordLength

var b64 = base64.RawStdEncoding // PHC strings use unpadded standard base64

// argonSlots bounds how many Argon2id computations run at once. Each one
// holds Params.Memory (64 MiB by default); a burst of logins queues here
// instead of exhausting the server's memory.
var argonSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// hashesComputed counts Argon2id computations since the process started,
// so operators and tests can see what sign-in attempts cost.
var hashesComputed atomic.Int64

// HashesComputed is how many Argon2id computations (hashes and
// verifications, dummy ones included) this process has run.
func HashesComputed() int64 { return hashesComputed.Load() }

func argonKey(pw, salt []byte, p Params) []byte {
	argonSlots <- struct{}{}
	defer func() { <-argonSlots }()
	hashesComputed.Add(1)
	return argon2.IDKey(pw, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// normalizePassword applies NFKC so that the same password typed on two
// keyboards (a precomposed "é" or "e" plus a combining accent, full-width
// digits from an East Asian input method) hashes the same, as NIST SP
// 800-63B asks for Unicode passwords.
func normalizePassword(pw string) string {
	return norm.NFKC.String(pw)
}

// Hash returns the PHC-format Argon2id hash of the password with
// DefaultParams and a fresh random salt:
// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>. It does not apply the
// password rules; call CheckPassword first when a password is being set.
func Hash(password string) (string, error) { return defaultHasher.Hash(password) }

// HashWithParams is Hash with explicit cost parameters, for a clinic that
// has measured its own hardware, and for tests.
func HashWithParams(password string, p Params) (string, error) {
	if err := p.validate(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: reading random salt: %w", err)
	}
	key := argonKey([]byte(normalizePassword(password)), salt, p)
	return encodeHash(p, salt, key), nil
}

func encodeHash(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether password matches the stored hash. A mismatch is
// (false, nil); an error means the stored hash itself is unusable. The
// comparison is constant-time.
func Verify(encoded, password string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	// A password longer than any that could have been set cannot match;
	// refusing it early keeps a megabyte "password" from costing anything.
	if len(password) > maxPasswordInputBytes {
		return false, nil
	}
	got := argonKey([]byte(normalizePassword(password)), salt, p)
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// A Hasher hashes new passwords with one set of cost parameters and
// keeps an unusable hash of the same cost, so that a sign-in for a name
// that does not exist takes as long as one for a real account. A server
// keeps one Hasher for its lifetime; the package functions use one with
// DefaultParams.
type Hasher struct {
	params    Params
	dummyOnce sync.Once
	dummy     string
}

var defaultHasher = &Hasher{params: DefaultParams}

// NewHasher returns a Hasher for p, or an error when p is not a valid
// Argon2id cost.
func NewHasher(p Params) (*Hasher, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	return &Hasher{params: p}, nil
}

// Hash is HashWithParams with the Hasher's parameters.
func (h *Hasher) Hash(password string) (string, error) {
	return HashWithParams(password, h.params)
}

// DummyVerify spends the same time as Verify of a hash made by h on a
// password that cannot match. Call it when the username is unknown, so a
// login's timing does not reveal which usernames exist.
func (h *Hasher) DummyVerify(password string) {
	h.dummyOnce.Do(func() {
		d, err := h.Hash("unknown user: no password matches this hash")
		if err != nil {
			// Without a hash, fall back to raw work of the same cost.
			d = encodeHash(h.params, make([]byte, h.params.SaltLen), make([]byte, h.params.KeyLen))
		}
		h.dummy = d
	})
	_, _ = Verify(h.dummy, password)
}

// NeedsRehash reports whether a stored hash should be replaced, after a
// successful Verify, by h.Hash of the same password: its parameters
// differ from h's (the clinic raised the cost) or it cannot be parsed.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, _, err := decodeHash(encoded)
	if err != nil {
		return true
	}
	return p != h.params
}

// DummyVerify is Hasher.DummyVerify with DefaultParams.
func DummyVerify(password string) { defaultHasher.DummyVerify(password) }

// NeedsRehash is Hasher.NeedsRehash with DefaultParams.
func NeedsRehash(encoded string) bool { return defaultHasher.NeedsRehash(encoded) }

func decodeHash(encoded string) (Params, []byte, []byte, error) {
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, ErrMalformedHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return Params{}, nil, nil, ErrMalformedHash
	}
	var p Params
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return Params{}, nil, nil, ErrMalformedHash
	}
	for i, name := range []string{"m", "t", "p"} {
		k, v, ok := strings.Cut(fields[i], "=")
		if !ok || k != name {
			return Params{}, nil, nil, ErrMalformedHash
		}
		bits := 32
		if name == "p" {
			bits = 8
		}
		n, err := strconv.ParseUint(v, 10, bits)
		if err != nil {
			return Params{}, nil, nil, ErrMalformedHash
		}
		switch name {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			p.Threads = uint8(n)
		}
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return Params{}, nil, nil, ErrMalformedHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil {
		return Params{}, nil, nil, ErrMalformedHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	if p.validate() != nil {
		return Params{}, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}

func (p Params) validate() error {
	switch {
	case p.Threads < 1:
		return errors.New("auth: argon2id needs at least one thread")
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("auth: argon2id time %d outside 1..%d", p.Time, maxTime)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemoryKiB:
		return fmt.Errorf("auth: argon2id memory %d KiB outside %d..%d", p.Memory, 8*uint32(p.Threads), maxMemoryKiB)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("auth: salt length %d outside %d..%d", p.SaltLen, minSaltLen, maxSaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("auth: key length %d outside %d..%d", p.KeyLen, minKeyLen, maxKeyLen)
	}
	return nil
}

// runeLen counts code points, which is how NIST SP 800-63B counts a
// password's length.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
