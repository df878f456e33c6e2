package records

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// Consent keeps patients' consent: the change history
// (consent_events), the clinic's one first-message explanation per patient
// (first_contacts) and plain-language opt-outs waiting for staff
// (consent_flags).
type Consent struct{}

// SetPatient moves the patient's consent state to optedIn when it differs
// or nothing was recorded before, decided in one conditional UPDATE so two
// racing STOPs record one change; changed says whether it moved.
func (Consent) SetPatient(ctx context.Context, q Querier, patientID string, optedIn bool, at time.Time) (changed bool, err error) {
	v := b2i(optedIn)
	res, err := q.ExecContext(ctx, `UPDATE patients SET opted_in = ?, consent_at = ? WHERE id = ?
		AND (opted_in <> ? OR NOT EXISTS (SELECT 1 FROM consent_events WHERE patient_id = ?))`, v, at.UnixNano(), patientID, v, patientID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ConsentRow is one row of a patient's consent history.
type ConsentRow struct {
	PatientID   string
	OptedIn     bool
	Source      string
	MessageID   string // "" for none
	Channel     string
	TextVersion string
	RecordedBy  string
	ImportKey   string // "" for none
	At          time.Time
}

func (Consent) AddEvent(ctx context.Context, q Querier, e ConsentRow) error {
	var mid, ikey any
	if e.MessageID != "" {
		mid = e.MessageID
	}
	if e.ImportKey != "" {
		ikey = e.ImportKey
	}
	_, err := q.ExecContext(ctx, `INSERT INTO consent_events (patient_id, opted_in, source, message_id, at, channel, text_version, recorded_by, import_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.PatientID, b2i(e.OptedIn), e.Source, mid, e.At.UnixNano(), e.Channel, e.TextVersion, e.RecordedBy, ikey)
	return err
}

// HasChosen reports whether the patient ever opted in or out.
func (Consent) HasChosen(ctx context.Context, q Querier, patientID string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM consent_events WHERE patient_id = ? LIMIT 1`, patientID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// ImportKeyUsed reports whether an imported row with this key was
// recorded before.
func (Consent) ImportKeyUsed(ctx context.Context, q Querier, key string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM consent_events WHERE import_key = ?`, key).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// LastEventAt is when the patient's newest consent change happened; ok
// is false when there is none.
func (Consent) LastEventAt(ctx context.Context, q Querier, patientID string) (at int64, ok bool, err error) {
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(at) FROM consent_events WHERE patient_id = ?`, patientID).Scan(&last); err != nil {
		return 0, false, err
	}
	return last.Int64, last.Valid, nil
}

// LatestEvent is the patient's newest consent change: its channel (the
// legacy source when the channel is empty), text version, who recorded it
// and when; found is false when there is none.
func (Consent) LatestEvent(ctx context.Context, q Querier, patientID string) (channel, version, recordedBy string, at time.Time, found bool, err error) {
	var ns int64
	err = q.QueryRowContext(ctx, `SELECT COALESCE(NULLIF(channel, ''), source), text_version, recorded_by, at FROM consent_events WHERE patient_id = ? ORDER BY id DESC LIMIT 1`, patientID).
		Scan(&channel, &version, &recordedBy, &ns)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", time.Time{}, false, nil
	} else if err != nil {
		return "", "", "", time.Time{}, false, err
	}
	return channel, version, recordedBy, time.Unix(0, ns).UTC(), true, nil
}

// AddFirstContact records the clinic's explanation to the patient; the
// primary key lets only the first one in the patient's life through
// (added is false for any later one).
func (Consent) AddFirstContact(ctx context.Context, q Querier, patientID, messageID, inboundID, textVersion, lang string, at time.Time) (added bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO first_contacts (patient_id, message_id, inbound_id, text_version, lang, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, patientID, messageID, inboundID, textVersion, lang, at.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// FirstContactVersion is the version of the explanation the patient was
// sent (sql.ErrNoRows when none was).
func (Consent) FirstContactVersion(ctx context.Context, q Querier, patientID string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT text_version FROM first_contacts WHERE patient_id = ?`, patientID).Scan(&v)
	return v, err
}

// FirstContactLang is the language the patient was first answered in
// (sql.ErrNoRows when never).
func (Consent) FirstContactLang(ctx context.Context, q Querier, patientID string) (string, error) {
	var lang string
	err := q.QueryRowContext(ctx, `SELECT lang FROM first_contacts WHERE patient_id = ?`, patientID).Scan(&lang)
	return lang, err
}

// FirstContactAt is when the explanation was sent (zero when never).
func (Consent) FirstContactAt(ctx context.Context, q Querier, patientID string) (time.Time, error) {
	var at sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT at FROM first_contacts WHERE patient_id = ?`, patientID).Scan(&at); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, err
	}
	return fromTS(at), nil
}

// Flag holds a plain-language opt-out for staff to decide; flagged is
// false when the message was flagged before.
func (Consent) Flag(ctx context.Context, q Querier, patientID, threadID, messageID string, at time.Time) (flagged bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO consent_flags (patient_id, thread_id, message_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		patientID, threadID, messageID, at.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// OpenFlag is the thread's newest undecided flag, nil when none.
func (Consent) OpenFlag(ctx context.Context, q Querier, threadID string) (*api.ConsentFlag, error) {
	var (
		id  int64
		msg string
		at  int64
	)
	err := q.QueryRowContext(ctx, `SELECT id, message_id, at FROM consent_flags WHERE thread_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1`, threadID).
		Scan(&id, &msg, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &api.ConsentFlag{ID: id, MessageID: msg, At: time.Unix(0, at).UTC()}, nil
}

// DecideFlag closes the thread's open flag flagID as state ("confirmed"
// or "dismissed"), once: a second click, or a colleague's, finds it
// closed (sql.ErrNoRows). messageID is the flagged message.
func (Consent) DecideFlag(ctx context.Context, q Querier, threadID string, flagID int64, state, by string, at time.Time) (messageID string, err error) {
	err = q.QueryRowContext(ctx, `UPDATE consent_flags SET state = ?, decided_by = ?, decided_at = ?
		WHERE id = ? AND thread_id = ? AND state = 'open' RETURNING message_id`, state, by, at.UnixNano(), flagID, threadID).Scan(&messageID)
	return messageID, err
}

// LatestChoice is the patient's newest consent choice; ok is false when
// they never made one.
func (Consent) LatestChoice(ctx context.Context, q Querier, patientID string) (optedIn, ok bool, err error) {
	var last int
	err = q.QueryRowContext(ctx, `SELECT opted_in FROM consent_events WHERE patient_id = ? ORDER BY id DESC LIMIT 1`, patientID).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	} else if err != nil {
		return false, false, err
	}
	return last != 0, true, nil
}

// b2i is a boolean as the 0 or 1 SQLite stores.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
