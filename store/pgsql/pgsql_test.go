package pgsql

import (
	"database/sql/driver"
	"reflect"
	"testing"
)

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`UPDATE t SET a = ?1, b = ?2 WHERE c = ?1`, `UPDATE t SET a = $1, b = $2 WHERE c = $1`},
		// SQLite numbers a bare ? one past the largest number used so far.
		// ?3 and ?4 unused: the rest renumbered (compiled.keep drops their arguments).
		{`SET a = ?, b = ?, c = MAX(c, ?5) WHERE id = ?`, `SET a = $1, b = $2, c = MAX(c, $3) WHERE id = $4`},
		{`SELECT '?', "we?ird", ? FROM t WHERE x LIKE 'it''s ?' AND y = ?`, `SELECT '?', "we?ird", $1 FROM t WHERE x LIKE 'it''s ?' AND y = $2`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{`SELECT /* a ? here */ ?`, `SELECT /* a ? here */ $1`},
		{`DO $body$ SELECT '?' $body$; SELECT ?`, `DO $body$ SELECT '?' $body$; SELECT $1`},
		{`SELECT a FROM t WHERE b IS ? AND c IS NOT ?2`, `SELECT a FROM t WHERE b IS NOT DISTINCT FROM $1 AND c IS DISTINCT FROM $2`},
		{`SELECT a FROM t WHERE b IS NULL AND this = ?`, `SELECT a FROM t WHERE b IS NULL AND this = $1`},
		{`SELECT '?`, `SELECT '?`},
	} {
		if got := Rebind(tc.in); got != tc.want {
			t.Errorf("Rebind(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestStatementUsesTheRegisteredSpellingAndCaches(t *testing.T) {
	sqlite := `SELECT json_extract(detail, '$.rule') FROM audit WHERE id = ?`
	if got := Spelling(sqlite, `SELECT detail::jsonb ->> 'rule' FROM audit WHERE id = ?`); got != sqlite {
		t.Fatalf("Spelling returned %q, want the SQLite text", got)
	}
	want := `SELECT detail::jsonb ->> 'rule' FROM audit WHERE id = $1`
	for range 2 {
		if got := Statement(sqlite); got != want {
			t.Fatalf("Statement = %q, want %q", got, want)
		}
	}
	if got := Statement(`SELECT ? WHERE 'a?' <> ?`); got != `SELECT $1 WHERE 'a?' <> $2` {
		t.Fatalf("unregistered statement: %q", got)
	}
}

func TestOpenRefusesOtherURLs(t *testing.T) {
	for _, u := range []string{"", "/var/lib/triaged/triaged.db", "mysql://x", "postgres://u:p@[bad"} {
		if _, err := Open(u); err == nil {
			t.Errorf("Open(%q) succeeded", u)
		}
	}
}

func TestScalarMinMaxBecomeGreatestAndLeast(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT MAX(at) FROM m`, `SELECT MAX(at) FROM m`},
		{`UPDATE t SET a = MAX(a, ?1), b = max(COALESCE(b, 0), ?1), c = MIN(f(x, y), 3)`,
			`UPDATE t SET a = GREATEST(a, $1), b = GREATEST(COALESCE(b, 0), $1), c = LEAST(f(x, y), 3)`},
		{`SELECT MAX(f(a, b)), COUNT(*) FROM t WHERE s = 'MAX(1, 2)'`, `SELECT MAX(f(a, b)), COUNT(*) FROM t WHERE s = 'MAX(1, 2)'`},
		{`SELECT t.max(x, y), ZMAX(1, 2)`, `SELECT t.max(x, y), ZMAX(1, 2)`},
	} {
		if got := Statement(tc.in); got != tc.want {
			t.Errorf("Statement(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestArgumentsTheTextDoesNotUseAreDropped(t *testing.T) {
	// ?3 and ?4 are not used by this step; PostgreSQL could not type them.
	c := compile(`UPDATE t SET owner = ?1, at = ?2 WHERE id = ?5 AND state = ?`)
	if c.text != `UPDATE t SET owner = $1, at = $2 WHERE id = $3 AND state = $4` {
		t.Fatalf("text %q", c.text)
	}
	in := []driver.NamedValue{{Ordinal: 1, Value: "u"}, {Ordinal: 2, Value: int64(7)}, {Ordinal: 3, Value: nil},
		{Ordinal: 4, Value: nil}, {Ordinal: 5, Value: "th"}, {Ordinal: 6, Value: "open"}}
	got := c.args(in)
	want := []driver.NamedValue{{Ordinal: 1, Value: "u"}, {Ordinal: 2, Value: int64(7)}, {Ordinal: 3, Value: "th"}, {Ordinal: 4, Value: "open"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("args %v, want %v", got, want)
	}
	if c := compile(`SELECT ?2, ?1`); c.keep != nil {
		t.Fatalf("all used, yet keep = %v", c.keep)
	}
}
