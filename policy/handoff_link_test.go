package policy

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestHandoffLinkTokenSurvivesChatAndPunctuation(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tok, err := NewHandoffLinkToken(key, LinkSpec{ThreadID: "thr_42", MessageID: "msg_7", MaxOpens: 3}, now, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[a-z2-7]+$`).MatchString(tok) {
		t.Fatalf("token %q holds characters a chat app or a sentence can break", tok)
	}
	for _, seen := range []string{tok, tok + ".", tok + ")", tok + ").", tok + "!!", tok + "…", tok + "”", " " + tok + ", ", strings.ToUpper(tok), tok + "\u00a0"} {
		link, err := VerifyHandoffToken(key, CleanLinkToken(seen), now.Add(time.Hour))
		if err != nil || link.ThreadID != "thr_42" || link.MessageID != "msg_7" || link.MaxOpens != 3 {
			t.Errorf("%q: %+v, %v", seen, link, err)
		}
	}
	if _, err := VerifyHandoffToken(key, tok, now.Add(24*time.Hour)); !errors.Is(err, ErrLinkExpired) {
		t.Errorf("expired: %v", err)
	}
	other, _ := NewHandoffLinkToken(key, LinkSpec{ThreadID: "thr_99"}, now, time.Hour)
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	for name, bad := range map[string]string{
		"spliced":    other[:20] + tok[20:],
		"flipped":    flip(tok, 5),
		"flippedMAC": flip(tok, len(tok)-3),
		"truncated":  tok[:len(tok)-4],
		"longer":     tok + "a",
		"wrongKey":   "",
	} {
		k := key
		if name == "wrongKey" {
			k, bad = []byte("ffffffffffffffffffffffffffffffff"), tok
		}
		if _, err := VerifyHandoffToken(k, CleanLinkToken(bad), now); !errors.Is(err, ErrLinkInvalid) {
			t.Errorf("%s token accepted: %v", name, err)
		}
	}
	if _, err := NewHandoffLinkToken(key, LinkSpec{ThreadID: "t", MaxOpens: 256}, now, time.Hour); err == nil {
		t.Error("256 opens accepted")
	}
}
