package central

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/store/api"
)

// ConsentImportHeader is the header an import file must start with.
//
//	phone          the patient's number in international form (+15555550101)
//	status         opt_in or opt_out
//	source         where it was collected: front_desk_verbal, front_desk_paper, portal
//	text_version   the consent wording the patient saw (assets/data/consent_texts.json)
//	consented_at   when: 2026-03-01 or 2026-03-01T09:30:00-05:00
var ConsentImportHeader = []string{"phone", "status", "source", "text_version", "consented_at"}

// importSources are the collection points an imported row may name.
var importSources = map[string]bool{api.ConsentByFrontDeskVerbal: true, api.ConsentByFrontDeskPaper: true, api.ConsentByPortal: true}

// ConsentImportProblem is one row that was not imported, by its line in the file.
type ConsentImportProblem struct {
	Line   int
	Reason string // never quotes the row: it may hold a phone number
}

// ConsentImportReport says what an import did, row by row.
type ConsentImportReport struct {
	Rows       int // data rows read
	Imported   int // consent changes recorded
	Unchanged  int // the patient was already in that state
	Duplicates int // the same row was imported before (this file or an earlier run)
	Superseded int // a later choice of the patient's is on record, and stands
	Problems   []ConsentImportProblem
}

type importRow struct {
	line                                int
	phone, status, source, version, raw string
	at                                  time.Time
}

// ImportConsent loads opt-ins and opt-outs collected outside WhatsApp.
// Every row is checked first; the rows that pass are recorded in one
// transaction (all or none, so a crash mid-way leaves nothing half
// done), each with channel "import", its source and text version, and an
// audit entry under actor. A bad row is reported by its line number and
// skips only itself. Running the same file again changes nothing.
func (a *Admin) ImportConsent(ctx context.Context, actor string, r io.Reader) (ConsentImportReport, error) {
	var rep ConsentImportReport
	rows, problems, err := parseConsentCSV(r, a.s.now())
	rep.Problems = problems
	if err != nil {
		return rep, err
	}
	rep.Rows = len(rows) + len(problems)
	s := a.s
	err = s.store.Tx(ctx, func(q Querier) error {
		imported, unchanged, dup, sup := 0, 0, 0, 0
		for _, row := range rows {
			key := s.auditHMAC("consent.import", strings.Join([]string{row.phone, row.status, row.source, row.version, row.at.UTC().Format(time.RFC3339Nano)}, "|"))
			if used, err := (records.Consent{}).ImportKeyUsed(ctx, q, key); err != nil {
				return err
			} else if used {
				dup++
				continue
			}
			p, _, err := s.store.Patients.Upsert(ctx, q, row.phone, "", "", s.now())
			if err != nil {
				return err
			}
			last, held, err := records.Consent{}.LastEventAt(ctx, q, p.ID)
			if err != nil {
				return err
			}
			if held && last >= row.at.UnixNano() {
				sup++
				continue
			}
			changed, err := s.recordConsent(ctx, q, p.ID, consentChange{OptIn: row.status == "opt_in", Channel: api.ConsentByImport,
				Source: "import:" + row.source, TextVersion: row.version, RecordedBy: actor, ImportKey: key, At: row.at})
			if err != nil {
				return err
			}
			if changed {
				imported++
			} else {
				unchanged++
			}
		}
		rep.Imported, rep.Unchanged, rep.Duplicates, rep.Superseded = imported, unchanged, dup, sup
		return s.auditServer(ctx, q, auditRecord{UserID: actor, Action: "consent.import", Object: "consent", Outcome: "ok",
			Detail: map[string]string{"rows": fmt.Sprint(rep.Rows), "imported": fmt.Sprint(imported), "unchanged": fmt.Sprint(unchanged),
				"duplicates": fmt.Sprint(dup), "superseded": fmt.Sprint(sup), "problems": fmt.Sprint(len(problems))}})
	})
	return rep, err
}

// parseConsentCSV reads and checks every row. A malformed file (no
// header, wrong header) is an error; a bad row is a problem.
func parseConsentCSV(r io.Reader, now time.Time) ([]importRow, []ConsentImportProblem, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("line 1: the file must start with the header %s", strings.Join(ConsentImportHeader, ","))
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")))
	}
	if strings.Join(header, ",") != strings.Join(ConsentImportHeader, ",") {
		return nil, nil, fmt.Errorf("line 1: the header must be %s", strings.Join(ConsentImportHeader, ","))
	}
	var (
		rows     []importRow
		problems []ConsentImportProblem
		seen     = map[string]int{}
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems = append(problems, ConsentImportProblem{Line: pe.StartLine, Reason: "not valid CSV: " + pe.Err.Error()})
				continue
			}
			return nil, problems, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		row, why := checkImportRow(rec, now)
		if why != "" {
			problems = append(problems, ConsentImportProblem{Line: line, Reason: why})
			continue
		}
		row.line = line
		k := row.phone + "|" + row.status + "|" + row.source + "|" + row.version + "|" + row.at.String()
		if first, dup := seen[k]; dup {
			problems = append(problems, ConsentImportProblem{Line: line, Reason: fmt.Sprintf("the same as line %d; imported once", first)})
			continue
		}
		seen[k] = line
		rows = append(rows, row)
	}
	return rows, problems, nil
}

func checkImportRow(rec []string, now time.Time) (importRow, string) {
	if len(rec) != len(ConsentImportHeader) {
		return importRow{}, fmt.Sprintf("has %d fields, want %d (%s)", len(rec), len(ConsentImportHeader), strings.Join(ConsentImportHeader, ","))
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	var row importRow
	phone, err := e164.Normalize(rec[0])
	if err != nil {
		return row, "phone must be in international form: + and the country code first"
	}
	row.phone = phone
	row.status = strings.ToLower(rec[1])
	if row.status != "opt_in" && row.status != "opt_out" {
		return row, "status must be opt_in or opt_out"
	}
	row.source = strings.ToLower(rec[2])
	if row.source == "" {
		return row, "source is required (front_desk_verbal, front_desk_paper or portal)"
	}
	if !importSources[row.source] {
		return row, "source must be front_desk_verbal, front_desk_paper or portal"
	}
	row.version = rec[3]
	if row.version == "" {
		return row, "text_version is required: the consent wording the patient saw"
	}
	t, ok := assets.ConsentTextByVersion(row.version)
	if !ok {
		return row, "text_version " + quoteSafe(row.version) + " is not a consent text the clinic has shipped"
	}
	if row.status == "opt_in" && t.Kind != assets.ConsentExplanation {
		return row, "an opt-in must name the explanation the patient agreed to, not a confirmation text"
	}
	at, err := parseConsentTime(rec[4])
	if err != nil {
		return row, "consented_at must be a date (2026-03-01) or a time (2026-03-01T09:30:00-05:00)"
	}
	if at.After(now) {
		return row, "consented_at is in the future"
	}
	row.at = at
	return row, ""
}

func parseConsentTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse("2006-01-02", s)
	return t.UTC(), err
}

// quoteSafe quotes a short field that is not a phone number, cut short,
// so a problem report can say what it saw.
func quoteSafe(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}
