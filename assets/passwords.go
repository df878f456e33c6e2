package assets

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
)

var (
	blocklistOnce sync.Once
	blocklist     map[string]struct{}
)

// PasswordBlocklist returns the embedded list of common and breached-style
// passwords (data/password-blocklist.txt), lower-cased, as a set. It is
// parsed once; the map is shared, so callers must only read it. An empty
// map means the list is missing from the build, and a password check
// should then refuse rather than wave every password through.
func PasswordBlocklist() map[string]struct{} {
	blocklistOnce.Do(func() {
		blocklist = map[string]struct{}{}
		raw, err := files.ReadFile("data/password-blocklist.txt")
		if err != nil {
			return
		}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			blocklist[strings.ToLower(line)] = struct{}{}
		}
	})
	return blocklist
}
