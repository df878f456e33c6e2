package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/clinicwa/triage/cmd/internal/buildinfo"
	"github.com/clinicwa/triage/cmd/internal/clidoc"
)

// runPackaging answers --version, man and completion; ok is false for
// anything else.
func runPackaging(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch {
	case buildinfo.IsVersionFlag(args[0]):
		fmt.Fprint(stdout, buildinfo.Get().String("bspsim"))
		return 0, true
	case args[0] == "man" || args[0] == "completion":
		return clidoc.Run(args[0], args[1:], bspsimDoc(), stdout, stderr), true
	}
	return 0, false
}

// bspsimDoc describes bspsim from its real flag set.
func bspsimDoc() clidoc.Command {
	fs, _, _, _ := simFlags()
	// Each flag's help names its environment variable: "(env BSPSIM_…)".
	env := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if m := envInHelp.FindStringSubmatch(f.Usage); m != nil {
			env[f.Name] = m[1]
		}
	})
	info := buildinfo.Get()
	date, _ := time.Parse(time.RFC3339, info.Date)
	return clidoc.Command{
		Name:     "bspsim",
		Summary:  "WhatsApp provider simulator for tests and demos",
		Synopsis: []string{"bspsim [options]", "bspsim completion bash|zsh|fish", "bspsim man"},
		Description: []string{
			"bspsim plays the WhatsApp provider (Meta Cloud API, 360dialog, Twilio): it accepts sends, signs webhooks to the clinic's central endpoint and offers a /sim/ control API that plays the patient. Its control API is unauthenticated: keep it on loopback.",
		},
		Flags:   fs,
		Env:     env,
		SeeAlso: []string{"triaged(8)", "triage(1)"},
		Date:    date,
		Version: info.Version,
	}
}

var envInHelp = regexp.MustCompile(`\(env (BSPSIM_[A-Z0-9_]+)\)`)
