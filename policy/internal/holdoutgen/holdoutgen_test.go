package main

import (
	"bytes"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clinicwa/triage/policy"
)

// knownTypes are the span type names the detector's report uses.
var knownTypes = map[string]bool{
	"NAME": true, "DOB": true, "DATE": true, "AGE": true, "PHONE": true, "FAX": true, "EMAIL": true, "SSN": true,
	"MRN": true, "MEMBER_ID": true, "ACCOUNT": true, "CARD": true, "LICENSE": true, "VEHICLE": true, "DEVICE": true,
	"URL": true, "IP": true, "ADDRESS": true, "ZIP": true, "ID": true,
	"MEDICATION": true, "CONDITION": true, "LAB": true, "SYMPTOM": true,
}

func TestKnownTypesAreTheDetectorsTypes(t *testing.T) {
	for typ := range knownTypes {
		if policy.SpanType(typ).IsClinical() != clinicalType(typ) {
			t.Errorf("%s: clinical %v here, %v in policy", typ, clinicalType(typ), policy.SpanType(typ).IsClinical())
		}
	}
}

// TestSpansLandOnTheirValues checks every span of every message: inside
// the text, on rune boundaries, in order, not overlapping, and covering
// exactly the value the generator labelled.
func TestSpansLandOnTheirValues(t *testing.T) {
	items := Generate(DefaultSeed)
	ids := map[string]bool{}
	for _, it := range items {
		if ids[it.ID] {
			t.Errorf("%s: duplicate id", it.ID)
		}
		ids[it.ID] = true
		if it.Lang != "en" && it.Lang != "es" {
			t.Errorf("%s: language %q", it.ID, it.Lang)
		}
		if !utf8.ValidString(it.Text) {
			t.Errorf("%s: text is not valid UTF-8", it.ID)
		}
		if len(it.Spans) != len(it.values) {
			t.Fatalf("%s: %d spans, %d values", it.ID, len(it.Spans), len(it.values))
		}
		clinical := false
		prevEnd := 0
		for k, s := range it.Spans {
			if s.Start < prevEnd || s.Start >= s.End || s.End > len(it.Text) {
				t.Errorf("%s: span %d [%d,%d) out of order or bounds (text %d bytes)", it.ID, k, s.Start, s.End, len(it.Text))
				continue
			}
			prevEnd = s.End
			if !utf8.RuneStart(it.Text[s.Start]) || (s.End < len(it.Text) && !utf8.RuneStart(it.Text[s.End])) {
				t.Errorf("%s: span %d [%d,%d) splits a character", it.ID, k, s.Start, s.End)
			}
			got := it.Text[s.Start:s.End]
			if got != it.values[k] {
				t.Errorf("%s: span %d covers %q, labelled value %q", it.ID, k, got, it.values[k])
			}
			if strings.TrimSpace(got) != got {
				t.Errorf("%s: span %d %q has surrounding space", it.ID, k, got)
			}
			if !knownTypes[s.Type] {
				t.Errorf("%s: unknown type %q", it.ID, s.Type)
			}
			clinical = clinical || clinicalType(s.Type)
		}
		if clinical != it.Clinical {
			t.Errorf("%s: clinical flag %v, clinical spans %v", it.ID, it.Clinical, clinical)
		}
		clean := strings.HasPrefix(it.Category, "clean-") || it.Category == "outbound-clinic"
		if clean != (len(it.Spans) == 0) {
			t.Errorf("%s: category %s with %d spans", it.ID, it.Category, len(it.Spans))
		}
	}
}

var mbiShape = regexp.MustCompile(`^[1-9][A-Z][A-Z0-9][0-9][A-Z][A-Z0-9][0-9][A-Z]{2}[0-9]{2}$`)

// digitsOf keeps the decimal digits of s, of any script, as ASCII.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			if v, err := strconv.Atoi(string(r)); err == nil {
				b.WriteString(strconv.Itoa(v))
				continue
			}
			// Non-ASCII digits: take the value from the block's zero.
			for _, zero := range []rune{0xFF10, 0x0660, 0x0966, 0x1D7CE} {
				if r >= zero && r <= zero+9 {
					b.WriteRune('0' + r - zero)
				}
			}
		}
	}
	return b.String()
}

// TestValuesHaveTheirShape checks that what a span labels is what its type
// says: checksums where the identifier has one, a parseable IP, an email
// with its at sign, a phone number with its digits.
func TestValuesHaveTheirShape(t *testing.T) {
	for _, it := range Generate(DefaultSeed) {
		for _, s := range it.Spans {
			v := it.Text[s.Start:s.End]
			d := digitsOf(v)
			bad := ""
			switch s.Type {
			case "SSN":
				if len(d) != 9 || !policy.ValidSSN(d) {
					bad = "not a well-formed SSN"
				}
			case "CARD":
				if !policy.ValidLuhn(d) {
					bad = "fails Luhn"
				}
			case "PHONE", "FAX":
				words := 0
				for _, w := range strings.Fields(v) {
					for _, dw := range append(append([]string{"oh"}, digitWordsEN...), digitWordsES...) {
						if w == dw {
							words++
						}
					}
				}
				if len(d) < 7 && words < 7 && !strings.ContainsAny(v, "Ol") {
					bad = "too few digits for a phone number"
				}
			case "EMAIL":
				low := strings.ToLower(v)
				if !strings.Contains(low, "@") && !strings.Contains(low, " at ") && !strings.Contains(low, "[at]") && !strings.Contains(low, "arroba") {
					bad = "no at sign"
				}
			case "IP":
				if net.ParseIP(v) == nil {
					bad = "not an IP address"
				}
			case "VEHICLE":
				if len(v) == 17 && !policy.ValidVIN(v) {
					bad = "VIN check digit"
				}
			case "MEMBER_ID":
				if c := strings.ReplaceAll(v, "-", ""); mbiShape.MatchString(c) && !policy.ValidMBI(c) {
					bad = "not a valid MBI"
				}
			case "DEVICE":
				if len(v) == 15 && d == v && !policy.ValidLuhn(v) {
					bad = "IMEI fails Luhn"
				}
			case "AGE":
				n, err := strconv.Atoi(v)
				v := strings.ToLower(v)
				words := strings.Contains(v, "ninety") || strings.Contains(v, "hundred") || strings.Contains(v, "noventa") || strings.Contains(v, "cien")
				if (err != nil || n < 90) && !words {
					bad = "not an age over 89"
				}
			case "DOB", "DATE":
				if d == "" && !strings.ContainsFunc(v, unicode.IsLetter) {
					bad = "no date in it"
				}
			case "URL":
				if !strings.Contains(v, ".") || strings.Contains(v, " ") {
					bad = "not a web address"
				}
			}
			if bad != "" {
				t.Errorf("%s: %s %q: %s", it.ID, s.Type, v, bad)
			}
		}
	}
}

// TestRegeneratingGivesTheCommittedBytes: the committed corpus and clinic
// profile are what the generator makes from the default seed, byte for
// byte, and a second run makes the same bytes again.
func TestRegeneratingGivesTheCommittedBytes(t *testing.T) {
	a, err := Encode(Generate(DefaultSeed))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encode(Generate(DefaultSeed))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with one seed differ")
	}
	other, err := Encode(Generate(DefaultSeed + 1))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, other) {
		t.Error("another seed gives the same corpus: the seed is not used")
	}
	committed, err := os.ReadFile("../../testdata/phi_holdout.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, committed) {
		t.Error("policy/testdata/phi_holdout.jsonl is not what the generator makes; run go run ./policy/internal/holdoutgen -out policy/testdata/phi_holdout.jsonl")
	}
	prof, err := EncodeClinic()
	if err != nil {
		t.Fatal(err)
	}
	committedProf, err := os.ReadFile("../../testdata/phi_holdout_clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(prof, committedProf) {
		t.Error("policy/testdata/phi_holdout_clinic.json is not what the generator makes")
	}
	if _, err := policy.ParseClinicProfile(bytes.NewReader(prof)); err != nil {
		t.Errorf("the clinic profile does not parse: %v", err)
	}
}

// TestEveryTemplateAppears: each category makes its count, and every one
// of its templates is used at least once.
func TestEveryTemplateAppears(t *testing.T) {
	items := Generate(DefaultSeed)
	byCat := map[string]int{}
	for _, it := range items {
		byCat[it.Category]++
	}
	for _, c := range categories() {
		if byCat[c.name] != c.count {
			t.Errorf("%s: %d messages, want %d", c.name, byCat[c.name], c.count)
		}
		if c.count < len(c.templates) {
			t.Errorf("%s: %d messages cannot use all %d templates", c.name, c.count, len(c.templates))
		}
	}
	if len(items) < 3000 {
		t.Errorf("%d messages, want at least 3000", len(items))
	}
}

func TestSpelledNumbers(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{yearEN(1962), "nineteen sixty-two"},
		{yearEN(1905), "nineteen oh five"},
		{yearEN(2003), "two thousand three"},
		{yearEN(2000), "two thousand"},
		{yearES(1962), "mil novecientos sesenta y dos"},
		{yearES(1975), "mil novecientos setenta y cinco"},
		{yearES(2008), "dos mil ocho"},
		{ageWordsEN(93), "ninety-three"},
		{ageWordsEN(101), "one hundred and one"},
		{ageWordsES(96), "noventa y seis"},
		{ordSuffix(11) + ordSuffix(22) + ordSuffix(3), "thndrd"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
