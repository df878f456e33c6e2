// Package pgsql opens a PostgreSQL database for the stores through pgx's
// database/sql driver, so the store code written for SQLite runs on it
// unchanged: one set of statements, with SQLite's `?` / `?N` placeholders
// rebound to PostgreSQL's `$N` as they reach the driver, and the few
// statements that must be spelled differently looked up in a registry the
// store fills beside its SQLite text (Spelling).
package pgsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://), the form TRIAGED_DATABASE_URL takes.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open returns a pool for the database at url whose connections rebind
// placeholders and use the registered PostgreSQL spellings. It does not
// connect; the first statement does.
func Open(url string) (*sql.DB, error) { return open(url, false) }

// OpenReadOnly is Open with every transaction read-only, enforced by the
// server (default_transaction_read_only): for checks that must not change
// what they check.
func OpenReadOnly(url string) (*sql.DB, error) { return open(url, true) }

func open(url string, readOnly bool) (*sql.DB, error) {
	if !IsURL(url) {
		return nil, errors.New("pgsql: the database URL must start with postgres:// or postgresql://")
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, errors.New("pgsql: the database URL cannot be parsed (check its form: postgres://user@host/db?sslmode=…)")
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return sql.OpenDB(connector{stdlib.GetConnector(*cfg)}), nil
}

// connector hands out rebinding connections.
type connector struct{ inner driver.Connector }

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := dc.(*stdlib.Conn)
	if !ok {
		dc.Close()
		return nil, fmt.Errorf("pgsql: unexpected driver connection %T", dc)
	}
	return &Conn{Conn: sc}, nil
}

func (c connector) Driver() driver.Driver { return c.inner.Driver() }

// Conn is a pgx connection that rewrites each statement's text before pgx
// sees it. Every other method is pgx's own; (*sql.Conn).Raw callers reach
// the *pgx.Conn with Conn() (LISTEN/NOTIFY, COPY).
type Conn struct{ *stdlib.Conn }

// Prepare implements driver.Conn.
func (c *Conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *Conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st := compile(query)
	ds, err := c.Conn.PrepareContext(ctx, st.text)
	debugErr(st.text, err)
	if err != nil {
		return nil, err
	}
	return &stmt{Stmt: ds, keep: st.keep}, nil
}

// ExecContext implements driver.ExecerContext.
func (c *Conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st := compile(query)
	r, err := c.Conn.ExecContext(ctx, st.text, st.args(args))
	debugErr(st.text, err)
	return r, err
}

// QueryContext implements driver.QueryerContext.
func (c *Conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st := compile(query)
	r, err := c.Conn.QueryContext(ctx, st.text, st.args(args))
	debugErr(st.text, err)
	return r, err
}

// stmt is a prepared statement whose arguments are narrowed to the
// placeholders its PostgreSQL text kept (compiled.keep).
type stmt struct {
	driver.Stmt
	keep []int
}

// NumInput is -1: the caller passes the SQLite statement's arguments,
// which may be more than PostgreSQL's text has placeholders.
func (s *stmt) NumInput() int { return -1 }

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, compiled{keep: s.keep}.args(args))
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, compiled{keep: s.keep}.args(args))
}

// CheckNamedValue implements driver.NamedValueChecker. The schema keeps
// flags as 0/1 integers on both databases (so the statements read alike);
// SQLite's driver stores a Go bool as 0/1, and here it is turned into the
// integer PostgreSQL's BIGINT columns accept.
func (c *Conn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		if b {
			nv.Value = int64(1)
		} else {
			nv.Value = int64(0)
		}
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

// OnError, when set, hears every statement PostgreSQL refused, with the
// text it ran. For debugging a test run only: an error may quote values.
var OnError func(statement string, err error)

func debugErr(text string, err error) {
	if err != nil && OnError != nil {
		OnError(text, err)
	}
}

// spellings maps a statement's SQLite text to its PostgreSQL text, for the
// statements whose SQL differs between the two (Spelling).
var spellings sync.Map

// rebound caches each statement text's PostgreSQL form: the store issues a
// fixed set of statements, each rewritten once.
var rebound sync.Map

// Spelling records that the statement sqlite is spelled postgres on
// PostgreSQL, and returns sqlite: the store keeps issuing its SQLite text,
// and a PostgreSQL connection runs postgres instead. Both may use `?`
// placeholders. Call it beside the statement (a package-level var, or per
// call for statements built at run time).
func Spelling(sqlite, postgres string) string {
	spellings.Store(sqlite, postgres)
	return sqlite
}

// Statement is the text a PostgreSQL connection runs for query: its
// registered spelling, if any, rewritten by Rebind.
func Statement(query string) string { return compile(query).text }

// compiled is a statement's PostgreSQL form.
type compiled struct {
	text string
	// keep lists, in $1… order, the SQLite argument numbers (1-based) the
	// text uses, when that is not simply all of them: SQLite accepts a
	// statement that leaves a numbered argument unused, PostgreSQL
	// cannot type a placeholder that appears nowhere, so such arguments
	// are dropped and the rest renumbered.
	keep []int
}

// args narrows and renumbers args to the placeholders kept.
func (c compiled) args(args []driver.NamedValue) []driver.NamedValue {
	if c.keep == nil {
		return args
	}
	out := make([]driver.NamedValue, 0, len(c.keep))
	for i, k := range c.keep {
		if k-1 < len(args) {
			nv := args[k-1]
			nv.Ordinal = i + 1
			out = append(out, nv)
		}
	}
	return out
}

func compile(query string) compiled {
	if c, ok := rebound.Load(query); ok {
		return c.(compiled)
	}
	text := query
	if alt, ok := spellings.Load(query); ok {
		text = alt.(string)
	}
	c := rebind(scalarMinMax(text))
	rebound.Store(query, c)
	return c
}

// Rebind rewrites SQLite placeholders to PostgreSQL's: `?N` becomes `$N`,
// and a bare `?` takes one more than the largest number used before it,
// as SQLite numbers it. SQLite's `IS ?` (its null-safe equality) becomes
// `IS NOT DISTINCT FROM $N`. Question marks inside string literals,
// quoted identifiers, comments and dollar-quoted bodies are left alone.
// Arguments the text never uses are dropped (see compiled.keep).
func Rebind(q string) string { return rebind(q).text }

func rebind(q string) compiled {
	if !strings.Contains(q, "?") {
		return compiled{text: q}
	}
	// First pass: the text between placeholders, and each one's number.
	type part struct {
		text string
		n    int // 0: no placeholder after text
	}
	var parts []part
	var b strings.Builder
	max := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := skipQuoted(q, i, c)
			b.WriteString(q[i:j])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end
		case c == '$':
			j := skipDollar(q, i)
			b.WriteString(q[i:j])
			i = j
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := max + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			if n > max {
				max = n
			}
			parts = append(parts, part{text: nullSafeIs(b.String()), n: n})
			b.Reset()
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	parts = append(parts, part{text: b.String()})
	// Second pass: number the placeholders PostgreSQL sees densely.
	used := make([]bool, max+1)
	for _, p := range parts {
		used[p.n] = true
	}
	renum := make([]int, max+1)
	var keep []int
	for n := 1; n <= max; n++ {
		if used[n] {
			keep = append(keep, n)
			renum[n] = len(keep)
		}
	}
	if len(keep) == max {
		keep = nil // every argument used: passed as they are
	}
	b.Reset()
	for _, p := range parts {
		b.WriteString(p.text)
		if p.n > 0 {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(renum[p.n]))
		}
	}
	return compiled{text: b.String(), keep: keep}
}

// nullSafeIs rewrites a trailing `IS ` or `IS NOT ` (the text before a
// placeholder) to PostgreSQL's null-safe comparison: SQLite's `x IS ?`
// is true when both are NULL or both are equal, which PostgreSQL spells
// IS NOT DISTINCT FROM (its IS takes only NULL, TRUE, FALSE, UNKNOWN).
func nullSafeIs(before string) string {
	t := strings.TrimRight(before, " \t\n")
	if len(t) == len(before) {
		return before
	}
	upper := strings.ToUpper(t)
	if strings.HasSuffix(upper, " IS NOT") {
		return t[:len(t)-len("NOT")] + "DISTINCT FROM "
	}
	if strings.HasSuffix(upper, " IS") {
		return t + " NOT DISTINCT FROM "
	}
	return before
}

// scalarMinMax spells SQLite's scalar MAX(a, b, …) and MIN(a, b, …) (the
// forms with more than one argument; one argument is the aggregate) as
// PostgreSQL's GREATEST and LEAST. The store's uses never pass NULL
// (columns are NOT NULL or COALESCEd), where the two would differ:
// SQLite's answer is then NULL, PostgreSQL's ignores the NULL.
func scalarMinMax(q string) string {
	upper := strings.ToUpper(q)
	if !strings.Contains(upper, "MAX(") && !strings.Contains(upper, "MIN(") {
		return q
	}
	var b strings.Builder
	last := 0
	for i := 0; i+4 <= len(q); i++ {
		if c := q[i]; c == '\'' || c == '"' {
			i = skipQuoted(q, i, c) - 1
			continue
		}
		word := upper[i : i+4]
		if word != "MAX(" && word != "MIN(" {
			continue
		}
		if i > 0 && isIdent(q[i-1]) {
			continue
		}
		if !hasTopLevelComma(q, i+4) {
			continue
		}
		b.WriteString(q[last:i])
		if word == "MAX(" {
			b.WriteString("GREATEST(")
		} else {
			b.WriteString("LEAST(")
		}
		last = i + 4
	}
	b.WriteString(q[last:])
	return b.String()
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
}

// hasTopLevelComma reports whether the parenthesis group whose contents
// start at i holds a comma outside nested parentheses and literals.
func hasTopLevelComma(q string, i int) bool {
	depth := 0
	for ; i < len(q); i++ {
		switch c := q[i]; c {
		case '\'', '"':
			i = skipQuoted(q, i, c) - 1
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return false
			}
			depth--
		case ',':
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// skipQuoted returns the index just past the literal or identifier opened
// by quote at i (a doubled quote inside it is part of it).
func skipQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

// skipDollar returns the index past a dollar-quoted body starting at i
// ($$…$$ or $tag$…$tag$), or i+1 when the $ opens none (a $N parameter).
func skipDollar(q string, i int) int {
	j := i + 1
	for j < len(q) && (q[j] == '_' || q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z' || j > i+1 && q[j] >= '0' && q[j] <= '9') {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	end := strings.Index(q[j+1:], tag)
	if end < 0 {
		return len(q)
	}
	return j + 1 + end + len(tag)
}

// IsPostgres reports whether db is a PostgreSQL pool (opened by Open).
func IsPostgres(db *sql.DB) bool {
	_, ok := db.Driver().(*stdlib.Driver)
	return ok
}

// IsUniqueViolation reports whether err is PostgreSQL's unique_violation
// (SQLSTATE 23505).
func IsUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// IsSerializationFailure reports whether err is a serialization failure
// or a deadlock (SQLSTATE 40001, 40P01): the transaction may be retried.
func IsSerializationFailure(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// IsLockTimeout reports whether err is PostgreSQL's lock_not_available
// (SQLSTATE 55P03): a statement waited longer than lock_timeout for a lock
// another transaction holds.
func IsLockTimeout(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "55P03"
}

// ConstraintName is the constraint a PostgreSQL error names, or "".
func ConstraintName(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.ConstraintName
	}
	return ""
}
