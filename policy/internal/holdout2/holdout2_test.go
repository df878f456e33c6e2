package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

var identifierTypes = map[string]bool{
	"NAME": true, "ADDRESS": true, "ZIP": true, "AGE": true, "DOB": true, "DATE": true, "PHONE": true, "FAX": true,
	"EMAIL": true, "URL": true, "IP": true, "SSN": true, "MRN": true, "MEMBER_ID": true, "ACCOUNT": true, "CARD": true,
	"LICENSE": true, "VEHICLE": true, "DEVICE": true, "ID": true,
}

// TestSpansSliceToTheirValues checks every gold span against the string
// it was made from: offsets on rune boundaries, inside the text, in
// order, not overlapping, with a type the report knows.
func TestSpansSliceToTheirValues(t *testing.T) {
	for _, m := range Generate(Seed) {
		if len(m.values) != len(m.Spans) {
			t.Fatalf("%s: %d spans but %d labelled values", m.ID, len(m.Spans), len(m.values))
		}
		prevEnd := 0
		for i, s := range m.Spans {
			if s.Start < prevEnd || s.Start >= s.End || s.End > len(m.Text) {
				t.Fatalf("%s: span %d [%d,%d) out of order or outside the text", m.ID, i, s.Start, s.End)
			}
			prevEnd = s.End
			if !utf8.RuneStart(m.Text[s.Start]) || (s.End < len(m.Text) && !utf8.RuneStart(m.Text[s.End])) {
				t.Fatalf("%s: span %d splits a character", m.ID, i)
			}
			if got := m.Text[s.Start:s.End]; got != m.values[i] {
				t.Fatalf("%s: span %d slices to %q, labelled %q", m.ID, i, got, m.values[i])
			}
			if !identifierTypes[s.Type] && !clinicalTypes[s.Type] {
				t.Fatalf("%s: unknown type %s", m.ID, s.Type)
			}
		}
		if !utf8.ValidString(m.Text) {
			t.Fatalf("%s: text is not UTF-8", m.ID)
		}
	}
}

// TestGenerateIsDeterministic regenerates the corpus and compares it with
// the committed file, so the file is always what the generator writes.
func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Encode(Generate(Seed)), Encode(Generate(Seed))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	committed, err := os.ReadFile("../../testdata/phi_holdout2.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, committed) {
		t.Error("policy/testdata/phi_holdout2.jsonl is stale: run go run ./policy/internal/holdout2")
	}
	profile, err := os.ReadFile("../../testdata/phi_holdout2_clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ClinicProfileJSON(), profile) {
		t.Error("policy/testdata/phi_holdout2_clinic.json is stale: run go run ./policy/internal/holdout2")
	}
}

// TestCorpusShape holds the corpus to its brief: size, breadth, a clean
// share, no repeated message, every part present.
func TestCorpusShape(t *testing.T) {
	ms := Generate(Seed)
	seen := map[string]string{}
	cats := map[string]int{}
	langs := map[string]int{}
	inbound, cleanN, refuse, allow := 0, 0, 0, 0
	for _, m := range ms {
		if prev, ok := seen[m.Text]; ok {
			t.Errorf("%s repeats %s", m.ID, prev)
		}
		seen[m.Text] = m.ID
		cats[m.Category]++
		langs[m.Lang]++
		clinical := false
		for _, s := range m.Spans {
			clinical = clinical || clinicalTypes[s.Type]
		}
		if clinical != m.Clinical {
			t.Errorf("%s: clinical flag %v, spans say %v", m.ID, m.Clinical, clinical)
		}
		switch {
		case strings.HasPrefix(m.Category, "outbound-refuse"):
			refuse++
			if !m.Clinical {
				t.Errorf("%s: a draft to refuse carries no clinical span", m.ID)
			}
		case strings.HasPrefix(m.Category, "outbound-allow"):
			allow++
			if len(m.Spans) > 0 {
				t.Errorf("%s: a draft to allow carries spans", m.ID)
			}
		default:
			inbound++
			if len(m.Spans) == 0 {
				cleanN++
				if !strings.HasPrefix(m.Category, "clean-") {
					t.Errorf("%s: no span in non-clean category %s", m.ID, m.Category)
				}
			} else if strings.HasPrefix(m.Category, "clean-") {
				t.Errorf("%s: span in clean category %s", m.ID, m.Category)
			}
		}
	}
	if inbound < 3000 {
		t.Errorf("%d inbound messages, want at least 3000", inbound)
	}
	if len(cats) < 60 {
		t.Errorf("%d categories, want at least 60", len(cats))
	}
	if share := float64(cleanN) / float64(inbound); share < 0.15 {
		t.Errorf("clean share %.3f, want at least 0.15", share)
	}
	if refuse < 100 || allow < 80 {
		t.Errorf("outbound drafts: %d to refuse, %d to allow", refuse, allow)
	}
	for _, l := range []string{"en", "es", "pt", "fr"} {
		if langs[l] == 0 {
			t.Errorf("no %s messages", l)
		}
	}
}

// TestIdentifiersAreWellFormed checks the checksummed identifiers: a
// detector that validates them must be able to accept them.
func TestIdentifiersAreWellFormed(t *testing.T) {
	n := 0
	for _, m := range Generate(Seed) {
		for _, s := range m.Spans {
			v := m.Text[s.Start:s.End]
			d := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, v)
			switch {
			case s.Type == "CARD":
				n++
				if !luhnValid(d) {
					t.Errorf("%s: card %q fails Luhn", m.ID, v)
				}
			case s.Type == "DEVICE" && len(v) == 15 && d == v:
				n++
				if !luhnValid(d) {
					t.Errorf("%s: IMEI %q fails Luhn", m.ID, v)
				}
			case s.Type == "VEHICLE" && len(v) == 17:
				n++
				if u := strings.ToUpper(v); vinCheckDigit(u) != u[8] {
					t.Errorf("%s: VIN %q has a wrong check digit", m.ID, v)
				}
			case s.Type == "SSN" && len(d) == 9:
				if d[:3] == "000" || d[:3] == "666" || d[0] == '9' || d[3:5] == "00" || d[5:] == "0000" {
					t.Errorf("%s: SSN %q breaks the structure rules", m.ID, v)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no checksummed identifiers found")
	}
}
