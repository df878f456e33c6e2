package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/internal/pgcluster"
	"github.com/clinicwa/triage/store/migrate"
)

// dialectDB runs one SQL text on either database: "?" placeholders become
// $1, $2, … for PostgreSQL.
type dialectDB struct {
	db *sql.DB
	pg bool
}

func (d dialectDB) rebind(q string) string {
	if !d.pg {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (d dialectDB) exec(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	res, err := d.db.Exec(d.rebind(q), args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", d.name(), err, q)
	}
	n, _ := res.RowsAffected()
	return n
}

func (d dialectDB) name() string {
	if d.pg {
		return "PostgreSQL"
	}
	return "SQLite"
}

// rows renders a query's result one line per row, NULL as "-", so the two
// databases' answers compare as text.
func (d dialectDB) rows(t *testing.T, q string, args ...any) string {
	t.Helper()
	rows, err := d.db.Query(d.rebind(q), args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", d.name(), err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		f := make([]string, len(cols))
		for i, v := range vals {
			f[i] = "-"
			if v.Valid {
				f[i] = v.String
			}
		}
		out = append(out, strings.Join(f, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

// The inbox summary as a console sees it: every thread's summary columns,
// the per-state counts, the change counter and the read markers.
const (
	summaryQuery = `SELECT id, state, last_msg_id, last_msg_at, last_msg_seq, last_out_id, last_out_at, last_out_seq,
		inbound, read_base, change_seq FROM threads ORDER BY id`
	countsQuery  = `SELECT state, n FROM thread_counts ORDER BY state`
	changesQuery = `SELECT seq FROM thread_changes`
	readsQuery   = `SELECT user_id, thread_id, read FROM thread_reads ORDER BY user_id, thread_id`
)

func (d dialectDB) summary(t *testing.T) string {
	t.Helper()
	return strings.Join([]string{
		"threads:\n" + d.rows(t, summaryQuery),
		"counts: " + strings.ReplaceAll(d.rows(t, countsQuery), "\n", ", "),
		"changes: " + d.rows(t, changesQuery),
		"reads:\n" + d.rows(t, readsQuery),
	}, "\n")
}

func (d dialectDB) patient(t *testing.T, id string) {
	t.Helper()
	d.exec(t, `INSERT INTO patients (id, label, contact_bidx, created_at) VALUES (?, ?, ?, ?)`,
		id, "Patient "+id, []byte("bidx-"+id), 1)
}

func (d dialectDB) thread(t *testing.T, id, patient string, at int64) {
	t.Helper()
	d.exec(t, `INSERT INTO threads (id, patient_id, last_at, created_at) VALUES (?, ?, ?, ?)`, id, patient, at, at)
}

func (d dialectDB) message(t *testing.T, id, thread, direction string, at, seq int64) {
	t.Helper()
	d.exec(t, `INSERT INTO messages (id, seq, thread_id, direction, type, at) VALUES (?, ?, ?, ?, 'text', ?)`,
		id, seq, thread, direction, at)
}

// before is how many migrations come before the one on topic.
func before(t *testing.T, ms []migrate.Migration, topic string) int {
	t.Helper()
	for i, m := range ms {
		if strings.HasSuffix(m.Name, "_"+topic+".sql") {
			return i
		}
	}
	t.Fatalf("no migration %q", topic)
	return 0
}

// sent is an outbound message with its sender and idempotency key: the
// clinic's automatic texts are sent_by 'system', a hand-off's
// acknowledgment carries a "handoff-ack:" key.
func (d dialectDB) sent(t *testing.T, id, thread, by, key string, at, seq int64) {
	t.Helper()
	d.exec(t, `INSERT INTO messages (id, seq, thread_id, direction, type, sent_by, idempotency_key, at) VALUES (?, ?, ?, 'out', 'text', ?, ?, ?)`,
		id, seq, thread, by, key, at)
}

// step is one write the store makes, and what the inbox must show after it.
type step struct {
	name  string
	write func(t *testing.T, d dialectDB)
	// want: lines that must be in the summary afterwards (besides the two
	// databases agreeing), so both cannot be wrong the same way.
	want []string
}

// The inbox-summary triggers keep the same summary on PostgreSQL as on
// SQLite, write for write: new threads and messages, an older message
// arriving late, a status change and a no-op status write, a hand-off, a
// consent change, retention deleting the newest message and a whole thread.
func TestInboxSummaryTriggersAgree(t *testing.T) {
	steps := []step{
		{"two new threads", func(t *testing.T, d dialectDB) {
			d.patient(t, "p1")
			d.patient(t, "p2")
			d.thread(t, "t1", "p1", 100)
			d.thread(t, "t2", "p2", 200)
		}, []string{"counts: clinical 0, closed 0, open 2", "changes: 2"}},
		// Each message bumps the change number once for the summary, and
		// once more when it starts or stops the wait clock (0015_queues).
		{"patient message, reply, and an older message stored late", func(t *testing.T, d dialectDB) {
			d.message(t, "m1", "t1", "in", 100, 1)
			d.message(t, "m2", "t1", "out", 100, 2)
			d.message(t, "m3", "t1", "in", 90, 3) // provider time earlier: not the last
			d.message(t, "m4", "t2", "in", 200, 4)
		}, []string{"t1 open m2 100 2 m2 100 2 2 0 8", "t2 open m4 200 4 - 0 0 1 0 10", "changes: 10"}},
		{"delivery status, then the same status again", func(t *testing.T, d dialectDB) {
			d.exec(t, `UPDATE messages SET status = 'delivered', status_rank = 2 WHERE id = 'm2'`)
			d.exec(t, `UPDATE messages SET status = 'delivered' WHERE id = 'm2'`) // no change: no bump
		}, []string{"t1 open m2 100 2 m2 100 2 2 0 11", "changes: 11"}},
		{"hand-off to nurses", func(t *testing.T, d dialectDB) {
			d.exec(t, `UPDATE threads SET state = 'clinical', clinical = 1 WHERE id = 't1'`)
			d.exec(t, `INSERT INTO thread_reads (user_id, thread_id, read) VALUES ('u1', 't1', 2), ('u1', 't2', 1)`)
		}, []string{"counts: clinical 1, closed 0, open 1", "changes: 12"}},
		{"patient opts out", func(t *testing.T, d dialectDB) {
			d.exec(t, `UPDATE patients SET opted_in = 1 WHERE id = 'p2'`)
			d.exec(t, `UPDATE patients SET opted_in = 1 WHERE id = 'p2'`)
		}, []string{"t2 open m4 200 4 - 0 0 1 0 13", "changes: 13"}},
		{"retention deletes the newest message", func(t *testing.T, d dialectDB) {
			d.exec(t, `DELETE FROM messages WHERE id = 'm2'`)
		}, []string{"t1 clinical m1 100 1 - 0 0 2 0 12"}},
		{"retention deletes a whole thread", func(t *testing.T, d dialectDB) {
			d.exec(t, `DELETE FROM messages WHERE thread_id = 't2'`)
			d.exec(t, `DELETE FROM threads WHERE id = 't2'`)
		}, []string{"counts: clinical 1, closed 0, open 0", "reads:\nu1 t1 2"}},
		// The row previews what a person last said (0017_inbox_preview):
		// the clinic's automatic texts and a hand-off's acknowledgment do
		// not take the preview; the delivery status (last_out) still
		// follows the clinic's latest message of any kind.
		{"automatic texts after the patient's message", func(t *testing.T, d dialectDB) {
			d.sent(t, "m5", "t1", "system", "m5", 110, 5)
			d.sent(t, "m6", "t1", "u1", "handoff-ack:t1:100", 111, 6)
		}, []string{"t1 clinical m1 100 1 m6 111 6 2 0"}},
		{"a staff reply, then another automatic text", func(t *testing.T, d dialectDB) {
			d.sent(t, "m7", "t1", "u1", "k7", 120, 7)
			d.sent(t, "m8", "t1", "system", "m8", 130, 8)
		}, []string{"t1 clinical m7 120 7 m8 130 8 2 0"}},
		{"retention deletes the staff reply and the last automatic text", func(t *testing.T, d dialectDB) {
			d.exec(t, `DELETE FROM messages WHERE id = 'm7'`)
			d.exec(t, `DELETE FROM messages WHERE id = 'm8'`)
		}, []string{"t1 clinical m1 100 1 m6 111 6 2 0"}},
	}
	lite := dialectDB{db: openSQLite(t, -1)}
	pg := dialectDB{db: migratedPostgres(t), pg: true}
	for _, s := range steps {
		s.write(t, lite)
		s.write(t, pg)
		ls, ps := lite.summary(t), pg.summary(t)
		if ls != ps {
			t.Fatalf("after %s the summaries differ\nSQLite:\n%s\n\nPostgreSQL:\n%s", s.name, ls, ps)
		}
		for _, w := range s.want {
			if !strings.Contains(ls, w) {
				t.Fatalf("after %s the summary lacks %q:\n%s", s.name, w, ls)
			}
		}
	}
}

// Migrations that rewrite existing rows (0002's audit order and times,
// 0013's thread summaries) give the same rows on both databases. Rows are
// written at the schema version before each such migration.
func TestBackfillsAgree(t *testing.T) {
	lite, pg := load(t)
	sqliteDB := dialectDB{db: openSQLite(t, 1)}
	pgDB := dialectDB{db: pgcluster.NewDatabase(t).DB, pg: true}
	upTo := func(d dialectDB, n int) {
		t.Helper()
		ms, dia := lite[:n], migrate.SQLite
		if d.pg {
			ms, dia = pg[:n], migrate.Postgres
		}
		if err := migrate.Apply(context.Background(), d.db, dia, ms, "test"); err != nil {
			t.Fatalf("%s: %v", d.name(), err)
		}
	}
	upTo(pgDB, 1)
	audit := []struct {
		console string
		seq     int
		at      string
		recv    int64
	}{
		{"dev-a", 1, "2026-03-01T09:00:05.12Z", 30},
		{"dev-a", 2, "2026-03-01T09:00:06Z", 10},
		{"dev-b", 1, "2026-12-31T23:59:59.123456789Z", 20},
		{"triaged", 1, "1999-01-01T00:00:00.000000001Z", 20},
	}
	for _, d := range []dialectDB{sqliteDB, pgDB} {
		for _, a := range audit {
			d.exec(t, `INSERT INTO audit (console_id, seq, prev_hash, hash, at, user_id, role, action, object, outcome, detail, received_at)
				VALUES (?, ?, '', ?, ?, 'u1', 'nurse', 'view', 'thread', 'ok', '{}', ?)`,
				a.console, a.seq, fmt.Sprintf("h%d", a.seq), a.at, a.recv)
		}
		upTo(d, 12)
		d.patient(t, "p1")
		d.patient(t, "p2")
		d.thread(t, "t1", "p1", 100)
		d.thread(t, "t2", "p2", 50)
		d.exec(t, `UPDATE threads SET state = 'closed' WHERE id = 't2'`)
		d.message(t, "m1", "t1", "in", 100, 1)
		d.message(t, "m2", "t1", "out", 100, 2)
		d.message(t, "m3", "t1", "in", 90, 3)
		d.exec(t, `UPDATE messages SET read = 1 WHERE id = 'm1'`)
		upTo(d, before(t, lite, "inbox_preview"))
		// Written before 0017_inbox_preview: a new patient's message and
		// the explanation, which took the row then.
		d.patient(t, "p3")
		d.thread(t, "t3", "p3", 300)
		d.message(t, "m4", "t3", "in", 300, 4)
		d.sent(t, "m5", "t3", "system", "m5", 300, 5)
		upTo(d, len(lite))
	}
	const auditQuery = `SELECT console_id, seq, gseq, at_ns FROM audit ORDER BY gseq`
	for _, q := range []string{auditQuery, summaryQuery, countsQuery} {
		l, p := sqliteDB.rows(t, q), pgDB.rows(t, q)
		if l != p {
			t.Errorf("after migrating rows, SQLite and PostgreSQL differ\n%s\nSQLite:\n%s\nPostgreSQL:\n%s", q, l, p)
		}
	}
	// Received order, then console and sequence; times to the nanosecond.
	want := strings.Join([]string{
		"dev-a 2 1 1772355606000000000",
		"dev-b 1 2 1798761599123456789",
		"triaged 1 3 915148800000000001",
		"dev-a 1 4 1772355605120000000",
	}, "\n")
	if got := pgDB.rows(t, auditQuery); got != want {
		t.Errorf("audit after 0002 on PostgreSQL:\n%s\nwant:\n%s", got, want)
	}
	if got := pgDB.rows(t, summaryQuery); !strings.Contains(got, "t1 open m2 100 2 m2 100 2 2 1") {
		t.Errorf("thread summary after 0013 on PostgreSQL:\n%s", got)
	}
	if got := pgDB.rows(t, summaryQuery); !strings.Contains(got, "t3 open m4 300 4 m5 300 5 1 0") {
		t.Errorf("a new patient's row after 0017 on PostgreSQL previews the automatic text:\n%s", got)
	}
	if got := pgDB.rows(t, countsQuery); got != "clinical 0\nclosed 1\nopen 2" {
		t.Errorf("thread counts after 0013 on PostgreSQL:\n%s", got)
	}
}
