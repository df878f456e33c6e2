package central

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sqlStatement matches a string literal that is, or begins, a SQL
// statement or clause. SQL in this package is written in upper case, so
// the match is case-sensitive: prose such as "update the label" is not SQL.
var sqlStatement = regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE FROM|CREATE|ALTER|DROP|PRAGMA|WITH|REPLACE|BEGIN|VACUUM)\s|\s(FROM|WHERE|SET|VALUES|ON CONFLICT)\s`)

// storagePackages are the folders split off from this package whose
// statements must live in their sql_*.go files. A folder split off later
// joins the list. (nodes holds PostgreSQL's election and listener
// statements, which are its whole job.) This package itself, the server,
// holds no statement at all: its storage is store/central/records, and
// the root folder is checked with no sql_*.go allowance (sqlFreeFolders).
var storagePackages = []string{"records", "auditlog", "delivery", "events", "ingest", "maintenance", "report", "signin", "storage"}

// sqlFreeFolders hold no SQL, not even in a file named sql_*.go.
var sqlFreeFolders = []string{"."}

// TestSQLLivesInStorageFiles scans the packages' non-test sources for SQL
// string literals outside the sql_*.go files. There is no allowance: a
// PostgreSQL backend needs one place where every statement lives, so a
// new statement goes into a sql_<job>.go file as a method the handler
// calls, taking the handler's Querier (a transaction or the pool).
func TestSQLLivesInStorageFiles(t *testing.T) {
	var files []string
	sqlFree := map[string]bool{}
	for _, dir := range sqlFreeFolders {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range m {
			sqlFree[name] = true
		}
		files = append(files, m...)
	}
	for _, dir := range storagePackages {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		if len(m) == 0 {
			t.Fatalf("%s holds no Go files: update storagePackages", dir)
		}
		files = append(files, m...)
	}
	found := map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || (strings.HasPrefix(filepath.Base(name), "sql_") && !sqlFree[name]) {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if sqlStatement.MatchString(s) {
				found[name] = append(found[name], fset.Position(lit.Pos()).String())
			}
			return true
		})
	}
	var names []string
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Errorf("%s holds SQL outside the storage files; move it into a sql_<job>.go method:\n\t%s",
			name, strings.Join(found[name], "\n\t"))
	}
}

// TestSQLStatementPattern keeps the scan honest: SQL in the shapes this
// package writes it is caught, and prose, log messages and HTTP routes
// are not.
func TestSQLStatementPattern(t *testing.T) {
	for _, tc := range []struct {
		text string
		sql  bool
	}{
		{"SELECT id FROM threads WHERE state = ?", true},
		{"\n\t\tSELECT COUNT(*) FROM audit", true},
		{"INSERT INTO reveals (id) VALUES (?)", true},
		{"UPDATE users SET role = ? WHERE id = ?", true},
		{"DELETE FROM sessions WHERE console_id = ?", true},
		{"PRAGMA integrity_check", true},
		{"BEGIN IMMEDIATE", true},
		{"VACUUM INTO ?", true},
		{" WHERE u.username = ?", true},
		{" ORDER BY at ON CONFLICT DO NOTHING", true},
		{"DELETE ", false}, // an HTTP route's method, "DELETE "+path
		{"update the label", false},
		{"the message could not be loaded; try again", false},
		{"Select a thread first", false},
	} {
		if got := sqlStatement.MatchString(tc.text); got != tc.sql {
			t.Errorf("%q: matched %v, want %v", tc.text, got, tc.sql)
		}
	}
}
