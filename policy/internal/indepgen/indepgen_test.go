package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var knownTypes = set("NAME", "DATE", "DOB", "AGE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "MEMBER_ID", "ACCOUNT", "LICENSE",
	"VEHICLE", "DEVICE", "URL", "IP", "ADDRESS", "ZIP", "CARD", "CONDITION", "MEDICATION", "LAB", "SYMPTOM")

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := Files(), Files()
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if bytes.Equal(encodeLines(Inbound(Seed)), encodeLines(Inbound(Seed+1))) {
		t.Error("a different seed gave the same inbound corpus: the seed is not used")
	}
}

// TestCheckedInFilesMatchGeneration fails when testdata was edited by hand
// or the generator changed without regenerating.
func TestCheckedInFilesMatchGeneration(t *testing.T) {
	for name, want := range Files() {
		got, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			t.Fatalf("%s: %v (regenerate with go run ./policy/internal/indepgen)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: regenerate with go run ./policy/internal/indepgen", name)
		}
		if len(got) > 2<<20 {
			t.Errorf("%s is %d bytes, over 2 MB", name, len(got))
		}
	}
}

func TestSpansLandOnLabelledText(t *testing.T) {
	msgs := Inbound(Seed)
	if len(msgs) < 2900 {
		t.Fatalf("only %d messages", len(msgs))
	}
	ids := map[string]bool{}
	for _, m := range msgs {
		if ids[m.ID] {
			t.Errorf("duplicate id %s", m.ID)
		}
		ids[m.ID] = true
		if m.Lang != "en" && m.Lang != "es" {
			t.Errorf("%s: lang %q", m.ID, m.Lang)
		}
		if !utf8.ValidString(m.Text) {
			t.Errorf("%s: text is not valid UTF-8", m.ID)
		}
		clinical := false
		prevEnd := 0
		for _, s := range m.Spans {
			if !knownTypes[s.Type] {
				t.Errorf("%s: unknown type %q", m.ID, s.Type)
			}
			if s.Start < prevEnd || s.Start >= s.End || s.End > len(m.Text) {
				t.Fatalf("%s: span %+v out of order or out of range in %q", m.ID, s, m.Text)
			}
			prevEnd = s.End
			if !utf8.RuneStart(m.Text[s.Start]) || (s.End < len(m.Text) && !utf8.RuneStart(m.Text[s.End])) {
				t.Errorf("%s: span %+v cuts a UTF-8 sequence", m.ID, s)
			}
			v := m.Text[s.Start:s.End]
			if strings.TrimSpace(v) != v {
				t.Errorf("%s: span %q has surrounding space", m.ID, v)
			}
			// No off-by-one: the characters just outside a span must not
			// continue the labelled word (a letter or digit glued to it).
			if s.Start > 0 {
				before, _ := utf8.DecodeLastRuneInString(m.Text[:s.Start])
				first, _ := utf8.DecodeRuneInString(v)
				if isAlnum(before) && isAlnum(first) {
					t.Errorf("%s: span %q starts inside a word of %q", m.ID, v, m.Text)
				}
			}
			if s.End < len(m.Text) {
				after, _ := utf8.DecodeRuneInString(m.Text[s.End:])
				last, _ := utf8.DecodeLastRuneInString(v)
				if isAlnum(after) && isAlnum(last) {
					t.Errorf("%s: span %q ends inside a word of %q", m.ID, v, m.Text)
				}
			}
			if clinicalTypes[s.Type] {
				clinical = true
			}
		}
		if clinical != m.Clinical {
			t.Errorf("%s: clinical=%v but spans say %v", m.ID, m.Clinical, clinical)
		}
		if strings.HasPrefix(m.Category, "clean_") && len(m.Spans) > 0 {
			t.Errorf("%s: clean message has spans", m.ID)
		}
	}
}

func isAlnum(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// TestCorpusShape checks the proportions the corpus promises: a quarter
// clean, a tenth evasions, both languages, every identifier type present,
// and ages labelled only when over 89.
func TestCorpusShape(t *testing.T) {
	msgs := Inbound(Seed)
	var clean, evasion, es int
	types := map[string]int{}
	for _, m := range msgs {
		switch {
		case strings.HasPrefix(m.Category, "clean_"):
			clean++
		case strings.HasPrefix(m.Category, "evasion_"):
			evasion++
		}
		if m.Lang == "es" {
			es++
		}
		for _, s := range m.Spans {
			types[s.Type]++
			if s.Type == "AGE" {
				if n := leadingNumber(m.Text[s.Start:s.End]); n > 0 && n < 90 {
					t.Errorf("%s: age %d labelled; only ages over 89 are identifiers", m.ID, n)
				}
			}
		}
	}
	n := float64(len(msgs))
	if f := float64(clean) / n; f < 0.22 || f > 0.28 {
		t.Errorf("clean share %.2f, want about 0.25", f)
	}
	if f := float64(evasion) / n; f < 0.08 || f > 0.12 {
		t.Errorf("evasion share %.2f, want about 0.10", f)
	}
	if f := float64(es) / n; f < 0.3 || f > 0.5 {
		t.Errorf("Spanish share %.2f", f)
	}
	for typ := range knownTypes {
		if types[typ] < 20 {
			t.Errorf("type %s has only %d spans", typ, types[typ])
		}
	}
}

func leadingNumber(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func TestOutboundDrafts(t *testing.T) {
	drafts := Outbound(Seed)
	if len(drafts) != outboundTotal {
		t.Fatalf("%d drafts, want %d", len(drafts), outboundTotal)
	}
	var refuse, allow int
	for _, d := range drafts {
		switch d.Expect {
		case "refuse":
			refuse++
		case "allow":
			allow++
		default:
			t.Errorf("%s: expect %q", d.ID, d.Expect)
		}
		if d.Why == "" || d.Text == "" || !utf8.ValidString(d.Text) {
			t.Errorf("%s: incomplete draft %+v", d.ID, d)
		}
		if strings.Contains(d.Text, "{") {
			t.Errorf("%s: unexpanded slot in %q", d.ID, d.Text)
		}
	}
	if refuse < 200 || allow < 200 {
		t.Errorf("refuse=%d allow=%d: both decisions need a large share", refuse, allow)
	}
}

// TestMisspellingsStayClose keeps misspelled drug names within edit
// distance 1-2 of the real name, as the outbound guard is asked to catch.
func TestMisspellingsStayClose(t *testing.T) {
	r := newTestRand()
	for range 500 {
		d := longDrug(r)
		m := misspell(r, d)
		if dist := editDistance(d, m); dist < 1 || dist > 2 {
			t.Errorf("misspell(%q) = %q, distance %d", d, m, dist)
		}
	}
}

// TestCheckedInLinesParse reads the inbound file the way a scorer would.
func TestCheckedInLinesParse(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", inboundFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m Message
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if m.Spans == nil {
			t.Fatalf("%s: spans must be [] not null", m.ID)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
