package policy

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
	"unicode"
)

// A hand-off link takes a patient from WhatsApp to the secure portal for
// one thread. Its token is HMAC-signed, expires, and is bound to the
// thread, so it can be neither forged, altered nor reused for another
// patient's conversation. It carries only the thread's opaque id.

var (
	// ErrLinkInvalid means the token was altered, truncated or forged.
	ErrLinkInvalid = errors.New("this link is not valid")
	// ErrLinkExpired means the token was genuine but is past its expiry.
	ErrLinkExpired = errors.New("this link has expired")
)

const handoffVersion = 1

var b64 = base64.RawURLEncoding

// HandoffLink is a verified token's content.
type HandoffLink struct {
	ThreadID  string
	ExpiresAt time.Time
	// MessageID and MaxOpens come with version 2 tokens; a version 1
	// token has no message and MaxOpens 0 (the server's default applies).
	MessageID string
	MaxOpens  int
}

// NewHandoffToken signs a token for threadID valid for ttl from now.
func NewHandoffToken(key []byte, threadID string, now time.Time, ttl time.Duration) (string, error) {
	if len(key) < 32 {
		return "", errors.New("handoff: key too short")
	}
	payload := make([]byte, 0, 1+8+8+len(threadID))
	payload = append(payload, handoffVersion)
	payload = binary.BigEndian.AppendUint64(payload, uint64(now.Add(ttl).Unix()))
	nonce := make([]byte, 8)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	payload = append(payload, nonce...)
	payload = append(payload, threadID...)
	return b64.EncodeToString(payload) + "." + b64.EncodeToString(handoffMAC(key, payload)), nil
}

// VerifyHandoffToken checks a token's signature and expiry, version 2 or
// version 1 (links sent before version 2 keep working until they
// expire). Callers pass the token through CleanLinkToken first.
func VerifyHandoffToken(key []byte, token string, now time.Time) (HandoffLink, error) {
	if len(token) > 512 {
		return HandoffLink{}, ErrLinkInvalid
	}
	if !strings.Contains(token, ".") {
		return verifyHandoffV2(key, token, now)
	}
	p, s, ok := strings.Cut(token, ".")
	if !ok || len(token) > 512 {
		return HandoffLink{}, ErrLinkInvalid
	}
	payload, err1 := b64.DecodeString(p)
	sig, err2 := b64.DecodeString(s)
	if err1 != nil || err2 != nil || len(payload) < 1+8+8+1 || payload[0] != handoffVersion {
		return HandoffLink{}, ErrLinkInvalid
	}
	if !hmac.Equal(sig, handoffMAC(key, payload)) {
		return HandoffLink{}, ErrLinkInvalid
	}
	link := HandoffLink{
		ExpiresAt: time.Unix(int64(binary.BigEndian.Uint64(payload[1:9])), 0).UTC(),
		ThreadID:  string(payload[17:]),
	}
	if !now.Before(link.ExpiresAt) {
		return link, ErrLinkExpired
	}
	return link, nil
}

func handoffMAC(key, payload []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("triage-handoff-v1"))
	m.Write(payload)
	return m.Sum(nil)
}

// Version 2 tokens are written in lower-case base32 (a–z, 2–7) and
// nothing else: no ".", "-" or "_" that a chat app or the end of a
// sentence could cut a link at or glue to it. They also carry how many
// times the link may be opened and the message that carried it, both
// under the signature.
const handoffVersion2 = 2

var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// handoffMACLen is the signature's length in a version 2 token: 128
// bits, enough against forgery and half the length in a chat bubble.
const handoffMACLen = 16

// LinkSpec is what a version 2 hand-off link is issued for.
type LinkSpec struct {
	ThreadID  string
	MessageID string // the outbound message that carries the link; may be empty
	MaxOpens  int    // 1 to 255; 0 means 1
}

// NewHandoffLinkToken signs a version 2 token for spec, valid for ttl
// from now.
func NewHandoffLinkToken(key []byte, spec LinkSpec, now time.Time, ttl time.Duration) (string, error) {
	if len(key) < 32 {
		return "", errors.New("handoff: key too short")
	}
	if spec.ThreadID == "" || len(spec.ThreadID) > 64 || len(spec.MessageID) > 64 {
		return "", errors.New("handoff: thread id (1 to 64 bytes) and message id (up to 64 bytes) required")
	}
	opens := spec.MaxOpens
	if opens <= 0 {
		opens = 1
	}
	if opens > 255 {
		return "", errors.New("handoff: at most 255 opens")
	}
	payload := make([]byte, 0, 1+8+1+8+1+len(spec.ThreadID)+len(spec.MessageID))
	payload = append(payload, handoffVersion2)
	payload = binary.BigEndian.AppendUint64(payload, uint64(now.Add(ttl).Unix()))
	payload = append(payload, byte(opens))
	nonce := make([]byte, 8)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	payload = append(payload, nonce...)
	payload = append(payload, byte(len(spec.ThreadID)))
	payload = append(payload, spec.ThreadID...)
	payload = append(payload, spec.MessageID...)
	return b32.EncodeToString(append(payload, handoffMAC(key, payload)[:handoffMACLen]...)), nil
}

// CleanLinkToken undoes what chat apps and sentences do to the end of a
// link: trailing punctuation, closing brackets and quotes, and spaces
// are dropped; a version 2 token is case-folded (some apps capitalise).
func CleanLinkToken(token string) string {
	token = strings.TrimSpace(token)
	token = strings.TrimRightFunc(token, func(r rune) bool {
		return strings.ContainsRune(".,;:!?)]}>'\"*_~…»”’", r) || unicode.IsSpace(r)
	})
	if !strings.Contains(token, ".") {
		token = strings.ToLower(token)
	}
	return token
}

// verifyHandoffV2 checks a version 2 token (already cleaned).
func verifyHandoffV2(key []byte, token string, now time.Time) (HandoffLink, error) {
	raw, err := b32.DecodeString(token)
	if err != nil || len(raw) < 1+8+1+8+1+1+handoffMACLen || raw[0] != handoffVersion2 {
		return HandoffLink{}, ErrLinkInvalid
	}
	payload, sig := raw[:len(raw)-handoffMACLen], raw[len(raw)-handoffMACLen:]
	if !hmac.Equal(sig, handoffMAC(key, payload)[:handoffMACLen]) {
		return HandoffLink{}, ErrLinkInvalid
	}
	tlen := int(payload[18])
	if tlen == 0 || 19+tlen > len(payload) {
		return HandoffLink{}, ErrLinkInvalid
	}
	link := HandoffLink{
		ExpiresAt: time.Unix(int64(binary.BigEndian.Uint64(payload[1:9])), 0).UTC(),
		MaxOpens:  int(payload[9]),
		ThreadID:  string(payload[19 : 19+tlen]),
		MessageID: string(payload[19+tlen:]),
	}
	if !now.Before(link.ExpiresAt) {
		return link, ErrLinkExpired
	}
	return link, nil
}
