package ui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestKeysTable keeps the README's key table generated from the keymap:
// testdata/TestKeysTable.golden is the table, regenerated with -update.
func TestKeysTable(t *testing.T) {
	k := DefaultKeyMap()
	screens := []struct {
		name string
		ctx  keyContext
	}{
		{"Sign-in", ctxLogin}, {"Inbox", ctxList}, {"Thread", ctxThread}, {"Composer", ctxComposer},
		{"Quick replies", ctxPicker}, {"Hand-off prompt", ctxConfirm}, {"Triage form", ctxForm}, {"Consent prompt", ctxConsent}, {"Reveal prompt", ctxReveal},
		{"Authenticator set-up", ctxEnrol}, {"Recovery codes", ctxRecovery}, {"Program metrics", ctxMetrics}, {"Error page", ctxFatal},
	}
	var b strings.Builder
	b.WriteString("| screen | key | does |\n|---|---|---|\n")
	for _, s := range screens {
		for _, ba := range k.bindings(s.ctx) {
			h := ba.key.Help()
			b.WriteString("| " + s.name + " | `" + h.Key + "` | " + h.Desc + " |\n")
		}
	}
	// The audit review is a component with its own keymap.
	for _, col := range newAuditKeys().table() {
		b.WriteString("| Audit trail | `" + col.Help().Key + "` | " + col.Help().Desc + " |\n")
	}
	golden.RequireEqual(t, []byte(b.String()))
}

// TestImportBoundary keeps the UI away from the network, the disk and the
// store: it may import policy, assets, store/api, the charm libraries, the
// ntcharts chart packages and the standard library's pure packages.
func TestImportBoundary(t *testing.T) {
	allowed := map[string]bool{
		"context": true, "crypto/rand": true, "errors": true, "fmt": true, "math": true, "os": true, "regexp": true,
		"slices": true, "sort": true, "strconv": true, "strings": true, "time": true, "unicode/utf8": true,
		"github.com/clinicwa/triage/policy": true, "github.com/clinicwa/triage/assets": true,
		"github.com/clinicwa/triage/store/api": true,
	}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			// ntcharts draws terminal charts from numbers; it has no I/O.
			if !allowed[p] && !strings.HasPrefix(p, "github.com/charmbracelet/") && !strings.HasPrefix(p, "github.com/NimbleMarkets/ntcharts/") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
	// os is there for NO_COLOR only.
	src, err := os.ReadFile("theme.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "theme.go" {
			continue
		}
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), "\"os\"") {
			t.Errorf("%s imports os", f)
		}
	}
	if !strings.Contains(string(src), "os.Getenv(\"NO_COLOR\")") {
		t.Error("theme.go no longer reads NO_COLOR")
	}
}
