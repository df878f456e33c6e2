// Command holdoutgen writes the held-out PHI evaluation corpus: WhatsApp
// messages from US patients and their families, in English and Spanish,
// with every identifier and clinical statement labelled by byte offsets.
// Its vocabularies and templates are its own, written without reference to
// the detector or its other corpora, so the figures it yields say how the
// detector does on text it was never shaped by.
//
//	go run ./policy/internal/holdoutgen -out policy/testdata/phi_holdout.jsonl
//
// The output is a pure function of the seed: regenerating gives the same
// bytes, so a diff of the corpus is a diff of the generator.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DefaultSeed is the seed the committed corpus was generated with.
const DefaultSeed = 20261205

func main() {
	out := flag.String("out", "policy/testdata/phi_holdout.jsonl", "corpus file to write")
	clinic := flag.String("clinic", "", "clinic profile for the outbound items (default: next to -out, phi_holdout_clinic.json)")
	seed := flag.Uint64("seed", DefaultSeed, "generator seed")
	flag.Parse()
	if *clinic == "" {
		*clinic = filepath.Join(filepath.Dir(*out), "phi_holdout_clinic.json")
	}
	items := Generate(*seed)
	data, err := Encode(items)
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err == nil {
		var prof []byte
		prof, err = EncodeClinic()
		if err == nil {
			err = os.WriteFile(*clinic, prof, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "holdoutgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "holdoutgen: %d messages to %s\n", len(items), *out)
}

// Encode renders items as JSON lines, one message a line.
func Encode(items []Item) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return nil, fmt.Errorf("%s: %w", it.ID, err)
		}
	}
	return b.Bytes(), nil
}

// EncodeClinic renders the fictional clinic's outbound allow-list, in the
// shape policy.ParseClinicProfile reads.
func EncodeClinic() ([]byte, error) {
	prof := map[string][]string{
		"clinic_names": clinicNames,
		"addresses":    clinicAddresses,
		"phones":       clinicPhones,
		"web":          clinicWeb,
		"staff_names":  clinicStaff,
	}
	b, err := json.MarshalIndent(prof, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Span is one labelled stretch of a message: UTF-8 byte offsets, end
// exclusive, and the type name the detector's report uses.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Item is one message of the corpus.
type Item struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Spans    []Span `json:"spans"`
	// Clinical says the message carries clinical content.
	Clinical bool `json:"clinical"`

	// values holds the text each span was built from, in span order, so
	// the self-test can check that the offsets land on it.
	values []string
}

// rng is splitmix64: tiny, and its sequence never changes with the Go
// release, which math/rand/v2's helpers do not promise.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance is true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// digits returns n random decimal digits.
func (r *rng) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.intn(10)))
	}
	return b.String()
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }
