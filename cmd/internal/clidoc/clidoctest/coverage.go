// Package clidoctest checks that a binary's man page and completions cover
// its flags.
package clidoctest

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/clinicwa/triage/cmd/internal/clidoc"
)

func roff(s string) string { return strings.ReplaceAll(s, "-", `\-`) }

// CheckCoverage fails t unless every flag of c appears in its man page
// and in the bash, zsh and fish completions. Each binary's tests call it
// on the binary's real flag set.
func CheckCoverage(t testing.TB, c clidoc.Command) {
	t.Helper()
	outputs := map[string]func(*bytes.Buffer, clidoc.Command) error{
		"man":  func(b *bytes.Buffer, c clidoc.Command) error { return clidoc.Man(b, c) },
		"bash": func(b *bytes.Buffer, c clidoc.Command) error { return clidoc.Bash(b, c) },
		"zsh":  func(b *bytes.Buffer, c clidoc.Command) error { return clidoc.Zsh(b, c) },
		"fish": func(b *bytes.Buffer, c clidoc.Command) error { return clidoc.Fish(b, c) },
	}
	n := 0
	c.Flags.VisitAll(func(f *flag.Flag) {
		n++
		for name, gen := range outputs {
			var b bytes.Buffer
			if err := gen(&b, c); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want := map[string]string{
				"man":  `.BR \-\-` + roff(f.Name),
				"bash": " --" + f.Name,
				"zsh":  "'--" + f.Name,
				"fish": " -l " + f.Name,
			}[name]
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s %s: flag --%s is missing (looked for %q)", c.Name, name, f.Name, want)
			}
			if env := c.Env[f.Name]; name == "man" && env != "" && !strings.Contains(b.String(), roff(env)) {
				t.Errorf("%s man: --%s does not name its environment variable %s", c.Name, f.Name, env)
			}
		}
	})
	if n == 0 {
		t.Fatalf("%s: the flag set is empty", c.Name)
	}
}
