package central

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/report"
	"github.com/clinicwa/triage/store/seal"
)

func testKeysB(b *testing.B) *seal.Keys {
	dk, ik := make([]byte, 32), make([]byte, 32)
	for i := range dk {
		dk[i], ik[i] = byte(i), byte(i*7)
	}
	k, err := seal.NewKeys(map[uint32][]byte{1: dk}, 1, ik)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

// BenchmarkBuildReport30Days is the supervisor's metrics screen and a
// month's report: 30 clinic days over a store holding 20,000 messages
// from 1,000 patients (a quarter of them portal links) and 600
// appointments.
func BenchmarkBuildReport30Days(b *testing.B) {
	ctx := context.Background()
	db, err := OpenDB(ctx, filepath.Join(b.TempDir(), DBFileName))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	st := NewSQLiteStore(db, testKeysB(b))
	end := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, 0, -30)
	var threads []string
	var recs []AppointmentRecord
	err = st.Tx(ctx, func(q Querier) error {
		for i := range 1000 {
			phone := fmt.Sprintf("+1202556%04d", i)
			p, _, err := st.Patients.Upsert(ctx, q, phone, "", "", start)
			if err != nil {
				return err
			}
			th, err := st.Threads.ForPatient(ctx, q, p.ID, start)
			if err != nil {
				return err
			}
			threads = append(threads, th.ID)
			if _, err := st.Patients.SetConsent(ctx, q, p.ID, true, "whatsapp:start", "", start.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
			if i < 600 {
				recs = append(recs, AppointmentRecord{Where: "b", ExternalID: fmt.Sprint(i), Phone: phone,
					Start: start.Add(time.Duration(i) * 71 * time.Minute), Status: AppointmentFulfilled})
			}
		}
		for i := range 20000 {
			at := start.Add(time.Duration(i) * 129 * time.Second)
			th := threads[i%len(threads)]
			if i%4 == 3 {
				m := &records.Message{ThreadID: th, Type: "text", Body: "b", Masked: "b", Status: bsp.StatusRead, MacroID: "portal-secure", At: at}
				if err := st.Messages.InsertOutbound(ctx, q, m); err != nil {
					return err
				}
				continue
			}
			m := &records.Message{ThreadID: th, Type: "text", Body: "b", Masked: "b", ProviderID: fmt.Sprint("w", i), At: at,
				Spans: []api.Span{{Type: "DOB"}}}
			if _, err := st.Messages.InsertInbound(ctx, q, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ImportAppointments(ctx, st, recs, end); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := buildReport(ctx, st, report.Options{From: start, To: end.AddDate(0, 0, -1), Now: func() time.Time { return end }})
		if err != nil || rep.Total.InboundMessages != 15000 {
			b.Fatalf("%v %d", err, rep.Total.InboundMessages)
		}
	}
}
