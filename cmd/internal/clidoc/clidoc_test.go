package clidoc_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/cmd/internal/clidoc"
	"github.com/clinicwa/triage/cmd/internal/clidoc/clidoctest"
)

func sample() clidoc.Command {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.String("data", "./data", "data folder; holds the store")
	fs.String("mode", "fast", "how to run: fast or [careful] (it's: quoted)")
	fs.Bool("v", false, "verbose")
	return clidoc.Command{Name: "demo", Summary: "a sample", Synopsis: []string{"demo [options]"}, Flags: fs,
		Env:         map[string]string{"data": "DEMO_DATA"},
		Subcommands: []clidoc.Subcommand{{Name: "run", Summary: "run it"}}}
}

// Every flag appears in the man page and each completion.
func TestEveryFlagInManAndCompletions(t *testing.T) {
	clidoctest.CheckCoverage(t, sample())
}

// The generated scripts and page parse in the tools that read them.
func TestOutputsParse(t *testing.T) {
	c := sample()
	dir := t.TempDir()
	var b bytes.Buffer
	clidoc.Bash(&b, c)
	script := filepath.Join(dir, "demo.bash")
	os.WriteFile(script, b.Bytes(), 0o600)
	if out, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
	// The completion offers the flags for "demo --d".
	cmd := exec.Command("bash", "-c", `source "$1"; COMP_WORDS=(demo --d); COMP_CWORD=1; _demo; printf '%s\n' "${COMPREPLY[@]}"`, "x", script)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "--data" {
		t.Fatalf("bash completion of --d: %q %v", out, err)
	}
	b.Reset()
	clidoc.Man(&b, c)
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff is not installed: the man page's roff was not checked")
	}
	g := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	g.Stdin = bytes.NewReader(b.Bytes())
	if out, err := g.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("groff warns about the man page: %v\n%s", err, out)
	}
}

func TestRunRefusesAnUnknownShell(t *testing.T) {
	var out, errb bytes.Buffer
	if code := clidoc.Run("completion", []string{"tcsh"}, sample(), &out, &errb); code != 2 || !strings.Contains(errb.String(), "bash|zsh|fish") {
		t.Fatalf("code %d, stderr %q", code, errb.String())
	}
}
