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
func Open(url string) (*sql.DB, error) {
	if !IsURL(url) {
		return nil, errors.New("pgsql: the database URL must start with postgres:// or postgresql://")
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, errors.New("pgsql: the database URL cannot be parsed (check its form: postgres://user@host/db?sslmode=…)")
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
func (c *Conn) Prepare(query string) (driver.Stmt, error) { return c.Conn.Prepare(Statement(query)) }

// PrepareContext implements driver.ConnPrepareContext.
func (c *Conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	r, err := c.Conn.PrepareContext(ctx, Statement(query))
	debugErr(query, err)
	return r, err
}

// ExecContext implements driver.ExecerContext.
func (c *Conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.Conn.ExecContext(ctx, Statement(query), args)
	debugErr(query, err)
	return r, err
}

// QueryContext implements driver.QueryerContext.
func (c *Conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.Conn.QueryContext(ctx, Statement(query), args)
	debugErr(query, err)
	return r, err
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

func debugErr(query string, err error) {
	if err != nil && OnError != nil {
		OnError(Statement(query), err)
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
// registered spelling, if any, with placeholders rebound.
func Statement(query string) string {
	if s, ok := rebound.Load(query); ok {
		return s.(string)
	}
	text := query
	if alt, ok := spellings.Load(query); ok {
		text = alt.(string)
	}
	s := Rebind(scalarMinMax(text))
	rebound.Store(query, s)
	return s
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

// Rebind rewrites SQLite placeholders to PostgreSQL's: `?N` becomes `$N`,
// and a bare `?` takes one more than the largest number used before it,
// as SQLite numbers it. Question marks inside string literals, quoted
// identifiers, comments and dollar-quoted bodies are left alone.
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
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
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
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

// ConstraintName is the constraint a PostgreSQL error names, or "".
func ConstraintName(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.ConstraintName
	}
	return ""
}
