package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// sampleReport is a two-day report with counts on both sides of the
// small-cell line: 12 and 17 print, 1 to 10 do not.
func sampleReport() *Report {
	day := func() *Figures {
		f := newFigures()
		f.OptInsBySource["whatsapp:start"] = 12
		f.OptInsBySource["web-form"] = 2
		f.OptOuts = 1
		f.ActiveOptedIn = 15
		f.InboundMessages = 17
		f.InboundWithPHI = newShare(4, 17)
		f.LinkConversion = newShare(12, 15)
		return f
	}
	r := &Report{Zone: "America/New_York", From: "2026-01-14", To: "2026-01-15",
		GeneratedAt: time.Date(2026, 1, 16, 4, 0, 0, 0, time.UTC), Days: []string{"2026-01-14", "2026-01-15"},
		ByDay: map[string]*Figures{"2026-01-14": newFigures(), "2026-01-15": day()}, Total: day()}
	return r
}

func TestJSONKeepsExactCountsAndEveryKey(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	for _, k := range Keys {
		var v struct {
			Total json.RawMessage            `json:"total"`
			ByDay map[string]json.RawMessage `json:"by_day"`
		}
		if err := json.Unmarshal(out[k.Name], &v); err != nil || v.Total == nil || v.ByDay["2026-01-14"] == nil || v.ByDay["2026-01-15"] == nil {
			t.Errorf("key %s missing total or a day: %s", k.Name, out[k.Name])
		}
	}
	if string(out["counts"]) != `"exact"` {
		t.Errorf("counts = %s", out["counts"])
	}
	var optOuts struct{ Total int }
	if json.Unmarshal(out["opt_outs"], &optOuts); optOuts.Total != 1 {
		t.Errorf("JSON suppressed a small count: %s", out["opt_outs"])
	}
}

func TestCSVAndTextSuppressSmallCells(t *testing.T) {
	r := sampleReport()
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	find := func(key, label, day string) string {
		for _, r := range rows {
			if r[0] == key && r[1] == label && r[2] == day {
				return r[3]
			}
		}
		t.Fatalf("no CSV row %s/%s/%s", key, label, day)
		return ""
	}
	for _, c := range []struct{ key, label, day, want string }{
		{"opt_ins_by_source", "whatsapp:start", "total", "12"},
		{"opt_ins_by_source", "web-form", "total", "<11"},
		{"opt_outs", "", "total", "<11"},
		{"opt_outs", "", "2026-01-14", "0"},
		{"inbound_messages", "", "total", "17"},
		{"inbound_with_phi", "count", "total", "<11"},
		{"inbound_with_phi", "rate", "total", "suppressed"},
		{"inbound_with_phi", "rate", "2026-01-14", "n/a"},
		{"link_conversion", "rate", "total", "80.0%"},
		{"active_opted_in", "", "total", "15"},
		{"incidents_opened", "", "total", "0"},
	} {
		if got := find(c.key, c.label, c.day); got != c.want {
			t.Errorf("CSV %s/%s/%s = %q, want %q", c.key, c.label, c.day, got, c.want)
		}
	}
	buf.Reset()
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []string{
		"Program report 2026-01-14 to 2026-01-15 (clinic days in America/New_York)\n",
		"opt_outs: <11\n", "inbound_messages: 17\n", "web-form <11", "whatsapp:start 12",
		"\n    2026-01-14  none\n", // a day without opt-ins
		"link_conversion: count 12, of 15, rate 80.0%\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
