package policy

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
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

// VerifyHandoffToken checks a token's signature and expiry.
func VerifyHandoffToken(key []byte, token string, now time.Time) (HandoffLink, error) {
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
