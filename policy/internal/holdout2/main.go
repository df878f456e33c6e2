// Command holdout2 writes a second held-out corpus for the PHI report:
// WhatsApp messages from a clinic's inbox (patients and their families,
// in English, Spanish, some Portuguese and French) with gold spans, clean
// operational messages that must stay unmasked, and staff drafts for the
// outbound guard, plus the clinic profile those drafts are judged against.
//
// It is written from its own vocabularies and templates, without reading
// the detector or the other corpora, so that its score measures how far
// detection generalises. Output is deterministic for a seed.
//
//	go run ./policy/internal/holdout2 -out policy/testdata/phi_holdout2.jsonl \
//	    -clinic policy/testdata/phi_holdout2_clinic.json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

// Seed is the corpus's fixed seed; changing it changes every message.
const Seed = 20261205

func main() {
	out := flag.String("out", "policy/testdata/phi_holdout2.jsonl", "corpus file to write")
	clinic := flag.String("clinic", "policy/testdata/phi_holdout2_clinic.json", "clinic profile to write")
	flag.Parse()
	if err := os.WriteFile(*out, Encode(Generate(Seed)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*clinic, ClinicProfileJSON(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Encode writes one JSON object a line, HTML characters unescaped so the
// file reads as the messages do.
func Encode(ms []Message) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, m := range ms {
		if err := enc.Encode(m); err != nil {
			panic(err) // a Message always encodes
		}
	}
	return b.Bytes()
}

// ClinicProfileJSON is the clinic the staff drafts speak for, in the
// outbound guard's profile format.
func ClinicProfileJSON() []byte {
	p := map[string][]string{
		"clinic_names": clinicNames,
		"addresses":    clinicAddresses,
		"phones":       clinicPhones,
		"web":          clinicWeb,
		"staff_names":  clinicStaff,
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}
