package policy

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Some readers still compare their opening words themselves, beside the
// trigger list that lets them skip a message (phi_triggers.go). A word
// they compare that the list lacks would make them skip a message they
// can read: every word compared at the opening token must be listed.
func TestTriggerListsHoldTheReadersWords(t *testing.T) {
	fns := policyFuncs(t)
	for _, c := range []struct {
		fn, at string // the reader and its opening token's expression
		bit    ruleTrigger
		also   []string // words compared there that another test stands in for
		isOnly bool     // only sc.is counts: a switch there reads something else
	}{
		{"decadeAges", "i", trigDecadeWord, nil, false},
		{"spelledYear", "i", trigYearStart, nil, false},
		{"lostAbility", "k", trigLostLead, nil, false},
		{"residenceNumber", "i", trigResidence, nil, false},
		{"poBox", "i", trigPOBox, nil, false},
		{"digitWord", "w", trigDigitWord, nil, false},
		{"spanishLayComplaints", "k", trigSpanishArticle, nil, false},
		{"spanishLayComplaints", "k+1", trigSpanishArticle, nil, false},
		// The switch at k passes over hedges ("about", "casi"); "en la
		// semana 30" is read only with "semana", which is listed.
		{"pregnancyStages", "k", trigPregnancyStage, []string{"en"}, true},
		{"pickUpNames", "a", trigQuestionAux, nil, true},
		{"fetchVerb", "v", trigFetchVerb, nil, false},
		{"againIntros", "a", trigAgain, nil, true},
	} {
		fn := fns[c.fn]
		if fn == nil {
			t.Fatalf("no function %s in package policy", c.fn)
		}
		words := comparedAt(fn, c.at, c.isOnly)
		if len(words) == 0 {
			t.Errorf("%s compares no word at %s: the test reads it wrong", c.fn, c.at)
		}
		for _, w := range words {
			if triggerHas(c.bit, w) || slices.Contains(c.also, w) {
				continue
			}
			t.Errorf("%s compares %q at %s, which its trigger list lacks", c.fn, w, c.at)
		}
	}
}

func triggerHas(bit ruleTrigger, w string) bool {
	for _, tw := range triggerWords {
		if tw.bit == bit && slices.Contains(tw.words, w) {
			return true
		}
	}
	return false
}

// policyFuncs parses the package's non-test files.
func policyFuncs(t *testing.T) map[string]*ast.FuncDecl {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fns := map[string]*ast.FuncDecl{}
	fset := gotoken.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				fns[fd.Name.Name] = fd
			}
		}
	}
	return fns
}

// comparedAt collects the words fn compares with the token at expression
// at: sc.is(at, "word"), and the cases of a switch on string(at),
// string(sc.word(at)) or string(sc.txt(at)).
func comparedAt(fn *ast.FuncDecl, at string, isOnly bool) []string {
	var words []string
	lit := func(e ast.Expr) {
		if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == gotoken.STRING {
			if s, err := strconv.Unquote(bl.Value); err == nil {
				words = append(words, s)
			}
		}
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "is" && len(n.Args) == 2 && exprString(n.Args[0]) == at {
				lit(n.Args[1])
			}
		case *ast.SwitchStmt:
			if !isOnly && n.Tag != nil && switchesOn(n.Tag, at) {
				for _, s := range n.Body.List {
					for _, e := range s.(*ast.CaseClause).List {
						lit(e)
					}
				}
			}
		}
		return true
	})
	return words
}

// switchesOn reports a switch tag string(at), string(sc.word(at)) or
// string(sc.txt(at)).
func switchesOn(tag ast.Expr, at string) bool {
	conv, ok := tag.(*ast.CallExpr)
	if !ok || exprString(conv.Fun) != "string" || len(conv.Args) != 1 {
		return false
	}
	arg := conv.Args[0]
	if exprString(arg) == at {
		return true
	}
	call, ok := arg.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || exprString(call.Args[0]) != at {
		return false
	}
	f := exprString(call.Fun)
	return f == "sc.word" || f == "sc.txt"
}

// exprString prints the simple expressions the readers index tokens
// with: names, selectors, and sums and differences of them and numbers.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.BasicLit:
		return e.Value
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.BinaryExpr:
		return exprString(e.X) + e.Op.String() + exprString(e.Y)
	case *ast.ParenExpr:
		return exprString(e.X)
	}
	return ""
}
