package central

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/seal"
)

// noRing is a keyring that is never reachable, so tests fall back to the
// passphrase and never touch the real keyring of the machine running them.
type noRing struct{}

var errNoRing = errors.New("no keyring in this test")

func (noRing) Get(string, string) (string, error) { return "", errNoRing }
func (noRing) Set(string, string, string) error   { return errNoRing }
func (noRing) Delete(string, string) error        { return errNoRing }

// withPassphraseKeys makes the server open real, custody-backed keys from
// a passphrase file instead of the test's in-memory keys.
func withPassphraseKeys(file string) envOpt {
	return func(c *Config) {
		c.Keys, c.KeyPassphraseFile, c.Keyring = nil, file, noRing{}
	}
}

// populate puts a row in every sealed column through the server's own
// paths: a patient's message, an outbound macro with its provider id, a
// hand-off note, and a user enrolled in TOTP.
func populate(t *testing.T, e *env, keys *seal.Keys) (threadID string) {
	t.Helper()
	e.patientWrites(patientUK, "Hi, I'm Zebulon Quixote, DOB 03/04/1961, chest pain since Monday")
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "pop-1", MacroID: "hours"}); code != 200 {
		t.Fatalf("send: %d %+v", code, ref)
	}
	waitFor(t, "the outbound provider id", func() bool {
		var n int
		e.srv.db.QueryRow(`SELECT count(*) FROM messages WHERE direction = 'out' AND provider_id_sealed IS NOT NULL`).Scan(&n)
		return n > 0
	})
	var sum api.ThreadSummary
	if code := e.do("POST", api.Version+"/threads/"+id+"/handoff", desk, api.HandoffRequest{Note: "Zebulon Quixote reports chest pain, call +447700900123"}, &sum); code != 200 {
		t.Fatalf("handoff: %d", code)
	}
	// An escalation, whose reason is sealed as typed and masked.
	if code := e.do("POST", api.Version+"/threads/"+id+"/escalate", e.login("nurse"), api.ThreadActRequest{Reason: "Zebulon Quixote needs a callback"}, nil); code != 200 {
		t.Fatalf("escalate: %d", code)
	}
	// A reply, which carries sealed detail (the message it answers).
	if code := e.postWebhook(messageJSON(testBusinessNumber, nil, map[string]any{"from": "447700900123", "id": "wamid.POPREPLY",
		"timestamp": strconv.FormatInt(time.Now().Unix(), 10), "type": "text", "text": map[string]any{"body": "yes"}, "context": map[string]any{"id": "wamid.OUT"}}), true); code != 200 {
		t.Fatalf("reply webhook: %d", code)
	}
	// A patient known only by the provider's business-scoped user id.
	if _, _, err := e.srv.store.Patients.Upsert(context.Background(), e.srv.db, "", "US.13491208655302741918", "Ysolde Brackwater", time.Now()); err != nil {
		t.Fatal(err)
	}
	sealed, err := keys.SealString("users", "totp", "usr_totp", "JBSWY3DPEHPK3PXP")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.db.Exec(`INSERT INTO users (id, username, role, password_hash, totp_sealed, created_at) VALUES ('usr_totp', 'totp-user', 'nurse', 'x', ?, 1)`, sealed); err != nil {
		t.Fatal(err)
	}
	// An enrolment in progress, through the store's own path.
	if err := (records.Users{Base: &records.Base{Keys: keys}}).SaveAccess(context.Background(), e.srv.db, "usr_totp", records.UserAccess{PendingSecret: "KRSXG5CTMVRXEZLU"}); err != nil {
		t.Fatal(err)
	}
	// An appointment, imported through the store's own path.
	if _, err := ImportAppointments(context.Background(), e.srv.store, []AppointmentRecord{{Where: "line 2", ExternalID: "pop-apt-1",
		Phone: patientUK, Start: time.Now().Add(time.Hour), Status: AppointmentBooked}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	// A break-glass reveal, sealed as the reveal handler seals it.
	var msgID string
	if err := e.srv.db.QueryRow(`SELECT id FROM messages WHERE direction = 'in' LIMIT 1`).Scan(&msgID); err != nil {
		t.Fatal(err)
	}
	reason, err := keys.SealString("reveals", "reason", "rvl_test", "patient Zebulon Quixote called about chest pain")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.db.Exec(`INSERT INTO reveals (id, user_id, role, console_id, thread_id, message_id, reason_sealed, created_at, expires_at)
		VALUES ('rvl_test', 'usr_totp', 'nurse', 'console-nurse', ?, ?, ?, ?, ?)`, id, msgID, reason, time.Now().UnixNano(), time.Now().Add(time.Minute).UnixNano()); err != nil {
		t.Fatal(err)
	}
	// An incident with every free-text field, sealed as the incident
	// handlers seal them.
	byCol := map[string][]byte{}
	for col, v := range map[string]string{"description": "Sent Zebulon Quixote's result to the wrong number",
		"assessment": `{"nature":"name and DOB 03/04/1961"}`, "steps": `[{"id":"ask_delete","label":"Ask the recipient to delete the message"}]`,
		"reasoning": "Zebulon Quixote's PHI was viewed"} {
		if byCol[col], err = keys.SealString("incidents", col, "inc_test", v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.srv.db.Exec(`INSERT INTO incidents (id, kind, thread_id, opened_by, discovered_at, opened_at, description_sealed, assessment_sealed, steps_sealed, reasoning_sealed)
		VALUES ('inc_test', 'wrong_recipient', ?, 'usr_totp', 1, 1, ?, ?, ?, ?)`, id, byCol["description"], byCol["assessment"], byCol["steps"], byCol["reasoning"]); err != nil {
		t.Fatal(err)
	}
	// A template's variable values, sealed as the template send seals them.
	params, err := keys.SealString("outbound_templates", "params", msgID, `["the clinic","Tuesday 3:30 PM","Main clinic"]`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.db.Exec(`INSERT INTO outbound_templates (message_id, name, language, params_sealed) VALUES (?, 'appointment_reminder', 'en', ?)`, msgID, params); err != nil {
		t.Fatal(err)
	}
	// A scheduled free-text message, sealed as the schedule handler seals it.
	req, err := keys.SealString("scheduled_sends", "request", "sch_test", `{"idempotency_key":"k","text":"Zebulon, your results are in"}`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.db.Exec(`INSERT INTO scheduled_sends (id, thread_id, user_id, request_sealed, due_at, state, created_at) VALUES ('sch_test', ?, 'usr_totp', ?, 0, 'cancelled', 0)`, id, req); err != nil {
		t.Fatal(err)
	}
	return id
}

// looksSealed selects values shaped like a seal envelope: a blob that
// starts with the envelope version and is at least header + tag long.
const looksSealed = `typeof(%[1]s) = 'blob' AND substr(%[1]s, 1, 1) = x'01' AND length(%[1]s) >= 33`

type schemaColumn struct{ table, column string }

// looksSealedPG is looksSealed for a PostgreSQL BYTEA column (its other
// columns cannot hold an envelope).
const looksSealedPG = `get_byte(%[1]s, 0) = 1 AND length(%[1]s) >= 33`

// sealedCondition is the WHERE condition selecting c's sealed-looking values.
func sealedCondition(t *testing.T, db *sql.DB, c schemaColumn) string {
	t.Helper()
	if !onPostgres() {
		return fmt.Sprintf(looksSealed, `"`+c.column+`"`)
	}
	var typ string
	if err := db.QueryRow(`SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?`,
		c.table, c.column).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "bytea" {
		return "false"
	}
	return fmt.Sprintf(looksSealedPG, `"`+c.column+`"`)
}

// sealedLooking counts c's values that are shaped like a seal envelope
// and name one of the store's data keys in their header. The key id is
// what tells an envelope from a signature or a hash: one random value in
// 256 opens with the version byte, none by chance with a key's id after it.
func sealedLooking(t *testing.T, db *sql.DB, keys *seal.Keys, c schemaColumn) int {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf(`SELECT "%s" FROM "%s" WHERE `, c.column, c.table) + sealedCondition(t, db, c))
	if err != nil {
		t.Fatalf("%s.%s: %v", c.table, c.column, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			t.Fatalf("%s.%s: %v", c.table, c.column, err)
		}
		for _, id := range keys.KeyIDs() {
			if bytes.HasPrefix(v, seal.KeyIDPrefix(id)) {
				n++
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s.%s: %v", c.table, c.column, err)
	}
	return n
}

func schemaColumns(t *testing.T, db *sql.DB) []schemaColumn {
	t.Helper()
	if onPostgres() {
		rows, err := db.Query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []schemaColumn
		for rows.Next() {
			var c schemaColumn
			if err := rows.Scan(&c.table, &c.column); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var out []schemaColumn
	for _, tb := range tables {
		cr, err := db.Query(`SELECT name FROM pragma_table_info(?)`, tb)
		if err != nil {
			t.Fatal(err)
		}
		for cr.Next() {
			var c string
			cr.Scan(&c)
			out = append(out, schemaColumn{tb, c})
		}
		cr.Close()
	}
	return out
}

func listed(table, column string) (seal.Column, bool) {
	i := slices.IndexFunc(SealedColumns(), func(c seal.Column) bool { return c.Table == table && c.Column == column })
	if i < 0 {
		return seal.Column{}, false
	}
	return SealedColumns()[i], true
}

// openAllSealed opens every value of every listed column with keys and
// returns how many values each column holds.
func openAllSealed(t *testing.T, db *sql.DB, keys *seal.Keys) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, col := range SealedColumns() {
		rows, err := db.Query(fmt.Sprintf(`SELECT %s, %s FROM %s WHERE %s IS NOT NULL`, col.RowID, col.Column, col.Table, col.Column))
		if err != nil {
			t.Fatalf("%s.%s: %v", col.Table, col.Column, err)
		}
		for rows.Next() {
			var id string
			var env []byte
			if err := rows.Scan(&id, &env); err != nil {
				t.Fatal(err)
			}
			if _, err := keys.Open(col.Table, col.Bind, id, env); err != nil {
				t.Errorf("%s.%s row %s does not open: %v", col.Table, col.Column, id, err)
			}
			counts[col.Table+"."+col.Column]++
		}
		rows.Close()
	}
	return counts
}

func TestSealedColumnsCoverSchema(t *testing.T) {
	e := newEnv(t)
	populate(t, e, e.keys)
	db := e.srv.db
	cols := schemaColumns(t, db)
	have := map[schemaColumn]bool{}
	for _, c := range cols {
		have[c] = true
		if c.table == "keys" {
			continue // the wrapped keys themselves: not values sealed by the store
		}
		_, ok := listed(c.table, c.column)
		if strings.HasSuffix(c.column, "_sealed") && !ok {
			t.Errorf("%s.%s is named as sealed but is missing from SealedColumns: rotation would never reseal it", c.table, c.column)
		}
		n := sealedLooking(t, db, e.keys, c)
		if n > 0 && !ok {
			t.Errorf("%s.%s holds %d sealed-looking values but is missing from SealedColumns", c.table, c.column, n)
		}
	}
	for _, col := range SealedColumns() {
		if !have[schemaColumn{col.Table, col.Column}] {
			t.Errorf("SealedColumns lists %s.%s, which is not in the schema", col.Table, col.Column)
		}
		if !have[schemaColumn{col.Table, col.RowID}] {
			t.Errorf("SealedColumns: %s has no row id column %s", col.Table, col.RowID)
		}
	}
	// Every listed column was populated and opens under its binding, so
	// the Bind names match what the stores seal with.
	counts := openAllSealed(t, db, e.keys)
	for _, col := range SealedColumns() {
		if counts[col.Table+"."+col.Column] == 0 {
			t.Errorf("%s.%s has no value after a populated run; extend populate so its binding is checked", col.Table, col.Column)
		}
	}
}
