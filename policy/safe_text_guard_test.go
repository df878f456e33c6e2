package policy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSafeTextCannotBeForgedOutsidePolicy is the compile-time guard for
// the sanitising boundary: a package outside policy that makes a SafeText
// by conversion, literal or assignment from a string must fail to build,
// and the legitimate ways in (Sanitize, SanitizeLine, Trusted, the zero
// value, Concat) must build. Each case is a real `go build` of a small
// package written into a scratch folder under testdata, so it is built
// inside this module against the real policy package; `./...` patterns
// skip testdata, so the scratch package never reaches other builds.
func TestSafeTextCannotBeForgedOutsidePolicy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool; the full pass runs it")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	tests := []struct {
		name    string
		body    string
		wantErr string // "" means it must build
	}{
		{"conversion from a string", `var s = "\x1b]52;c;ZXZpbA==\a"
var _ = policy.SafeText(s)`, "cannot convert"},
		{"conversion of a literal", `var _ = policy.SafeText("hello")`, "cannot convert"},
		{"keyed literal with the hidden field", `var _ = policy.SafeText{s: "hello"}`, "cannot refer to unexported field s"},
		{"positional literal", `var _ = policy.SafeText{"hello"}`, "implicit assignment to unexported field"},
		{"assignment from an untyped string", `var _ policy.SafeText = "hello"`, "cannot use"},
		{"legitimate uses", `var s = "patient text"
var _ = policy.Concat(policy.Sanitize(s), policy.Trusted(" · "), policy.SanitizeLine(s), policy.SafeText{})`, ""},
	}
	root, err := os.MkdirTemp("testdata", "compile-guard-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(root, "case"+string(rune('a'+i)))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			src := "package guard\n\nimport \"github.com/clinicwa/triage/policy\"\n\n" + tt.body + "\n"
			if err := os.WriteFile(filepath.Join(dir, "guard.go"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(goTool, "build", "-o", os.DevNull, "./"+filepath.ToSlash(dir))
			out, err := cmd.CombinedOutput()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("a legitimate use did not build: %v\n%s", err, out)
				}
				return
			}
			if err == nil {
				t.Fatalf("forging a SafeText outside policy built; it must not:\n%s", src)
			}
			if !strings.Contains(string(out), tt.wantErr) {
				t.Fatalf("build failed for another reason; want %q in:\n%s", tt.wantErr, out)
			}
		})
	}
}
