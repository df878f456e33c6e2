package main

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestUsageNamesEveryCommandAndConsoleFlag(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"help"}, nil, &out, io.Discard); code != 0 {
		t.Fatalf("help exit %d", code)
	}
	text := out.String()
	for name := range commands {
		if !strings.Contains(text, "  triage "+name+" ") {
			t.Errorf("usage does not list %q", name)
		}
	}
	for _, sub := range []string{"triage audit verify", "triage key rotate", "add", "list", "disable", "enable", "unlock", "reset-password", "reset-totp", "role", "revoke"} {
		if !strings.Contains(text, sub) {
			t.Errorf("usage does not mention %q", sub)
		}
	}
	fs, _ := consoleFlags(io.Discard)
	fs.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(text, "--"+f.Name+" ") {
			t.Errorf("usage does not list the console flag --%s", f.Name)
		}
	})
	var errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, nil, io.Discard, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errOut.String())
	}
}
