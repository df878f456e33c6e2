// Command indepgen writes the independent PHI evaluation corpus: inbound
// patient messages with labelled spans, and outbound staff drafts with the
// decision the outbound guard should take. Its vocabularies and templates
// are its own; the output is a pure function of the seed.
//
//	go run ./policy/internal/indepgen
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Seed fixes the corpus. Changing it changes every file in testdata.
const Seed uint64 = 20261204

const (
	inboundFile  = "phi_independent.jsonl"
	outboundFile = "outbound_independent.jsonl"
	clinicFile   = "outbound_independent_clinic.json"
)

// Files returns every output file, by name, as it should be on disk.
func Files() map[string][]byte {
	cfg, err := json.MarshalIndent(clinic, "", "  ")
	if err != nil {
		panic(err)
	}
	return map[string][]byte{
		inboundFile:  encodeLines(Inbound(Seed)),
		outboundFile: encodeLines(Outbound(Seed)),
		clinicFile:   append(cfg, '\n'),
	}
}

func main() {
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "indepgen:", err)
		os.Exit(1)
	}
	dir := filepath.Join(root, "policy", "testdata")
	for name, data := range Files() {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "indepgen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s (%d bytes)\n", path, len(data))
	}
}

// moduleRoot walks up from the working directory to the go.mod, so the
// command writes to the same place wherever in the module it is run.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
