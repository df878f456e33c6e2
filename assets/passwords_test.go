package assets

import (
	"strings"
	"testing"
)

func TestPasswordBlocklist(t *testing.T) {
	bl := PasswordBlocklist()
	if len(bl) < 5000 {
		t.Fatalf("blocklist has %d entries, want several thousand", len(bl))
	}
	for _, w := range []string{"123456", "password", "qwertyuiop", "iloveyou", "welcome123", "summer2024", "1q2w3e4r5t6y", "letmein", "triage", "hipaa"} {
		if _, ok := bl[w]; !ok {
			t.Errorf("blocklist lacks %q", w)
		}
	}
	for w := range bl {
		if w != strings.ToLower(w) || strings.TrimSpace(w) != w || strings.HasPrefix(w, "#") {
			t.Errorf("entry %q is not a clean lower-case line", w)
		}
	}
}
