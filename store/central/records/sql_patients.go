package records

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"strings"
)

type Patients struct{ *Base }

const patientCols = `id, label, phone_sealed, user_id_sealed, profile_name_sealed, opted_in, consent_at, created_at`

func (s Patients) scan(row interface{ Scan(...any) error }) (Patient, error) {
	var (
		p                    Patient
		phone, uid, name     []byte
		consentAt, createdAt sql.NullInt64
		optedIn              int
	)
	if err := row.Scan(&p.ID, &p.Label, &phone, &uid, &name, &optedIn, &consentAt, &createdAt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Patient{}, ErrNotFound
		}
		return Patient{}, err
	}
	var err error
	if p.Phone, err = s.Keys.OpenString("patients", "phone", p.ID, phone); err != nil {
		return Patient{}, err
	}
	if p.UserID, err = s.Keys.OpenString("patients", "user_id", p.ID, uid); err != nil {
		return Patient{}, err
	}
	if p.ProfileName, err = s.Keys.OpenString("patients", "profile_name", p.ID, name); err != nil {
		return Patient{}, err
	}
	p.OptedIn = optedIn == 1
	p.ConsentAt, p.CreatedAt = fromTS(consentAt), fromTS(createdAt)
	return p, nil
}

func (s Patients) contactIndex(phone, userID string) ([]byte, error) {
	switch {
	case phone != "":
		return s.Bidx(BidxPhone, phone), nil
	case userID != "":
		return s.Bidx(bidxUserID, userID), nil
	}
	return nil, errors.New("central: message has neither a phone number nor a user id")
}

// byIndex finds the patient whose main identifier, or one of whose
// further identifiers (patient_contacts), has the blind index idx.
func (s Patients) byIndex(ctx context.Context, q Querier, idx []byte) (Patient, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+patientCols+` FROM patients WHERE contact_bidx = ?
		UNION ALL SELECT `+patientCols+` FROM patients WHERE id = (SELECT patient_id FROM patient_contacts WHERE bidx = ?)
		LIMIT 1`, idx, idx))
}

// find looks the patient up by number, then by business-scoped user id.
func (s Patients) find(ctx context.Context, q Querier, phone, userID string) (Patient, error) {
	if phone != "" {
		p, err := s.byIndex(ctx, q, s.Bidx(BidxPhone, phone))
		if !errors.Is(err, ErrNotFound) || userID == "" {
			return p, err
		}
	}
	if userID != "" {
		return s.byIndex(ctx, q, s.Bidx(bidxUserID, userID))
	}
	return Patient{}, ErrNotFound
}

// addContact records a further identifier of patient id. An identifier
// already held (by this or, in a race the unique key settles, another
// patient) is left as it is.
func (s Patients) addContact(ctx context.Context, q Querier, id, kind string, idx []byte, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO patient_contacts (bidx, patient_id, kind, added_at)
		SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM patients WHERE contact_bidx = ?)
		ON CONFLICT (bidx) DO NOTHING`, idx, id, kind, now.UnixNano(), idx)
	return err
}

// learnIdentifiers records a number or user id that a known patient wrote
// with for the first time, so the next message carrying only that one
// still finds them. A message with identifiers already known writes nothing.
func (s Patients) learnIdentifiers(ctx context.Context, q Querier, p *Patient, phone, userID string, now time.Time) error {
	learn := func(value, known *string, column, kind, domain string) error {
		if *value == "" || *value == *known {
			return nil
		}
		if *known == "" {
			sealed, err := s.Keys.SealString("patients", column, p.ID, *value)
			if err != nil {
				return err
			}
			if _, err := q.ExecContext(ctx, `UPDATE patients SET `+column+`_sealed = ? WHERE id = ?`, sealed, p.ID); err != nil {
				return err
			}
			*known = *value
		}
		return s.addContact(ctx, q, p.ID, kind, s.Bidx(domain, *value), now)
	}
	if err := learn(&phone, &p.Phone, "phone", "phone", BidxPhone); err != nil {
		return err
	}
	return learn(&userID, &p.UserID, "user_id", "user_id", bidxUserID)
}

// ChangeNumber makes newPhone the patient's number, keeping the old one as
// a further identifier so messages still in flight from it reach the same
// thread. It refuses (ErrNumberTaken) when newPhone already names another
// patient: two records are never merged without a person deciding.
func (s Patients) ChangeNumber(ctx context.Context, q Querier, id, newPhone string, now time.Time) error {
	p, err := s.Get(ctx, q, id)
	if err != nil {
		return err
	}
	newIdx := s.Bidx(BidxPhone, newPhone)
	other, err := s.byIndex(ctx, q, newIdx)
	switch {
	case err == nil && other.ID != id:
		return ErrNumberTaken
	case err == nil:
		// Already linked: a retried or repeated notice.
	case !errors.Is(err, ErrNotFound):
		return err
	}
	if p.Phone == newPhone {
		return nil
	}
	sealed, err := s.Keys.SealString("patients", "phone", id, newPhone)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM patient_contacts WHERE bidx = ? AND patient_id = ?`, newIdx, id); err != nil {
		return err
	}
	var oldIdx []byte
	if err := q.QueryRowContext(ctx, `SELECT contact_bidx FROM patients WHERE id = ?`, id).Scan(&oldIdx); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE patients SET contact_bidx = ?, phone_sealed = ? WHERE id = ?`, newIdx, sealed, id); err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO patient_contacts (bidx, patient_id, kind, added_at) VALUES (?, ?, 'phone', ?)
		ON CONFLICT (bidx) DO NOTHING`, oldIdx, id, now.UnixNano())
	return err
}

func (s Patients) ByPhone(ctx context.Context, q Querier, phone string) (Patient, error) {
	return s.byIndex(ctx, q, s.Bidx(BidxPhone, phone))
}

func (s Patients) Get(ctx context.Context, q Querier, id string) (Patient, error) {
	return s.scan(q.QueryRowContext(ctx, `SELECT `+patientCols+` FROM patients WHERE id = ?`, id))
}

func (s Patients) Upsert(ctx context.Context, q Querier, phone, userID, profileName string, now time.Time) (Patient, bool, error) {
	idx, err := s.contactIndex(phone, userID)
	if err != nil {
		return Patient{}, false, err
	}
	p, err := s.find(ctx, q, phone, userID)
	switch {
	case err == nil:
		if err := s.learnIdentifiers(ctx, q, &p, phone, userID, now); err != nil {
			return Patient{}, false, err
		}
		if profileName != "" && profileName != p.ProfileName {
			sealed, err := s.Keys.SealString("patients", "profile_name", p.ID, profileName)
			if err != nil {
				return Patient{}, false, err
			}
			if _, err := q.ExecContext(ctx, `UPDATE patients SET profile_name_sealed = ? WHERE id = ?`, sealed, p.ID); err != nil {
				return Patient{}, false, err
			}
			p.ProfileName = profileName
		}
		return p, false, nil
	case !errors.Is(err, ErrNotFound):
		return Patient{}, false, err
	}
	p = Patient{ID: NewID("pat"), Phone: phone, UserID: userID, ProfileName: profileName, CreatedAt: now}
	sp, err := s.Keys.SealString("patients", "phone", p.ID, phone)
	if err != nil {
		return Patient{}, false, err
	}
	su, err := s.Keys.SealString("patients", "user_id", p.ID, userID)
	if err != nil {
		return Patient{}, false, err
	}
	sn, err := s.Keys.SealString("patients", "profile_name", p.ID, profileName)
	if err != nil {
		return Patient{}, false, err
	}
	// A random four-character label collides now and then; lengthen it
	// after a few tries so a large clinic never loops.
	for try := 0; ; try++ {
		if try == 12 {
			return Patient{}, false, errors.New("central: could not allocate a patient label")
		}
		p.Label = newLabel(4 + try/4)
		_, err = q.ExecContext(ctx, `INSERT INTO patients (id, label, contact_bidx, phone_sealed, user_id_sealed, profile_name_sealed, opted_in, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 0, ?)`, p.ID, p.Label, idx, sp, su, sn, now.UnixNano())
		if err == nil {
			if phone != "" && userID != "" {
				// Known by both from the start: the user id alone finds them too.
				err = s.addContact(ctx, q, p.ID, "user_id", s.Bidx(bidxUserID, userID), now)
			}
			return p, err == nil, err
		}
		if !IsUniqueViolation(err) || !containsLabel(err) {
			return Patient{}, false, fmt.Errorf("central: insert patient: %w", err)
		}
	}
}

func containsLabel(err error) bool {
	return err != nil && strings.Contains(err.Error(), "patients.label")
}

func (s Patients) SetConsent(ctx context.Context, q Querier, id string, optedIn bool, source, messageID string, at time.Time) (bool, error) {
	v := 0
	if optedIn {
		v = 1
	}
	res, err := q.ExecContext(ctx, `UPDATE patients SET opted_in = ?, consent_at = ? WHERE id = ? AND opted_in <> ?`, v, at.UnixNano(), id, v)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	var mid any
	if messageID != "" {
		mid = messageID
	}
	_, err = q.ExecContext(ctx, `INSERT INTO consent_events (patient_id, opted_in, source, message_id, at) VALUES (?, ?, ?, ?, ?)`,
		id, v, source, mid, at.UnixNano())
	return err == nil, err
}

// ConsentEvent is one recorded opt-in or opt-out.
type ConsentEvent struct {
	PatientID string
	OptedIn   bool
	Source    string
	MessageID string
	At        time.Time
}

// ConsentHistory lists a patient's consent changes, oldest first.
func ConsentHistory(ctx context.Context, q Querier, patientID string) ([]ConsentEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT patient_id, opted_in, source, COALESCE(message_id, ''), at FROM consent_events WHERE patient_id = ? ORDER BY id`, patientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ConsentEvent
	for rows.Next() {
		var (
			e  ConsentEvent
			in int
			at sql.NullInt64
		)
		if err := rows.Scan(&e.PatientID, &in, &e.Source, &e.MessageID, &at); err != nil {
			return nil, err
		}
		e.OptedIn, e.At = in == 1, fromTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
