package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ExactCountsNote is printed with the JSON report, whose counts are not
// suppressed.
const ExactCountsNote = "exact counts for the clinic's own use: counts from 1 to 10 are NOT suppressed here; the text and CSV forms print them as <11 and withhold rates built on them"

// WriteJSON writes the report as one object: for each key, its value
// over the whole range ("total") and per clinic day ("by_day").
func (r *Report) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	meta := func(k string, v any) {
		raw, _ := json.Marshal(v)
		fmt.Fprintf(&b, "  %q: %s,\n", k, raw)
	}
	b.WriteString("{\n")
	meta("clinic_zone", r.Zone)
	meta("from", r.From)
	meta("to", r.To)
	meta("generated_at", r.GeneratedAt)
	meta("counts", "exact")
	meta("counts_note", ExactCountsNote)
	sources := map[string]string{}
	for _, k := range Keys {
		sources[k.Name] = k.Source
	}
	meta("sources", sources)
	for i, k := range Keys {
		byDay := make(map[string]any, len(r.Days))
		for _, d := range r.Days {
			byDay[d] = k.Value(r.ByDay[d])
		}
		raw, err := json.Marshal(struct {
			Total any            `json:"total"`
			ByDay map[string]any `json:"by_day"`
		}{k.Value(r.Total), byDay})
		if err != nil {
			return err
		}
		sep := ","
		if i == len(Keys)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "  %q: %s%s\n", k.Name, raw, sep)
	}
	b.WriteString("}\n")
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	_, err := out.WriteTo(w)
	return err
}

// suppress prints a count, or "<11" for 1 to 10.
func suppress(n int) string {
	if n > 0 && n < SmallCell {
		return "<" + strconv.Itoa(SmallCell)
	}
	return strconv.Itoa(n)
}

// cell is one printable value of a key: a label ("" when the key has
// none, else a source, type, rule, reason or part name) and its text.
type cell struct{ label, value string }

// cells flattens a key's value with small cells suppressed. A rate is
// withheld when its part or its whole is a small cell.
func cells(v any) []cell {
	switch x := v.(type) {
	case int:
		return []cell{{"", suppress(x)}}
	case map[string]int:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]cell, 0, len(keys))
		for _, k := range keys {
			out = append(out, cell{k, suppress(x[k])})
		}
		return out
	case Share:
		rate := "n/a"
		switch {
		case x.Share == nil:
		case (x.Count > 0 && x.Count < SmallCell) || x.Of < SmallCell:
			rate = "suppressed"
		default:
			rate = strconv.FormatFloat(*x.Share*100, 'f', 1, 64) + "%"
		}
		return []cell{{"count", suppress(x.Count)}, {"of", suppress(x.Of)}, {"rate", rate}}
	case ResponseTimes:
		secs := func(p *float64) string {
			if p == nil {
				return "n/a"
			}
			return strconv.FormatFloat(*p, 'f', 0, 64)
		}
		return []cell{{"answered", suppress(x.Answered)}, {"unanswered", suppress(x.Unanswered)},
			{"within_sla", suppress(x.WithinSLA)}, {"sla_s", strconv.FormatFloat(x.SLASeconds, 'f', 0, 64)},
			{"p50", secs(x.P50)}, {"p90", secs(x.P90)}}
	}
	return []cell{{"", fmt.Sprint(v)}}
}

// WriteCSV writes one row per key, label and day ("total" for the range),
// with small cells suppressed.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"key", "label", "day", "value"})
	for _, k := range Keys {
		for _, d := range append([]string{"total"}, r.Days...) {
			f := r.Total
			if d != "total" {
				f = r.ByDay[d]
			}
			for _, c := range cells(k.Value(f)) {
				cw.Write([]string{k.Name, c.label, d, c.value})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes the report for a person: each key with the range's
// value, then each day's, small cells suppressed.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Program report %s to %s (clinic days in %s)\n", r.From, r.To, r.Zone)
	fmt.Fprintf(&b, "Counts from 1 to 10 are shown as <11; rates built on them are withheld.\n\n")
	line := func(cs []cell) string {
		parts := make([]string, 0, len(cs))
		for _, c := range cs {
			if c.label == "" {
				parts = append(parts, c.value)
			} else {
				parts = append(parts, c.label+" "+c.value)
			}
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, ", ")
	}
	for _, k := range Keys {
		fmt.Fprintf(&b, "%s: %s\n", k.Name, line(cells(k.Value(r.Total))))
		fmt.Fprintf(&b, "    (%s)\n", k.Source)
		if len(r.Days) > 1 {
			for _, d := range r.Days {
				fmt.Fprintf(&b, "    %s  %s\n", d, line(cells(k.Value(r.ByDay[d]))))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
