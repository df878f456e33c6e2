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
	switch {
	case buildinfo.IsVersionFlag(args[0]):
		fmt.Fprint(stdout, buildinfo.Get().String("triage"))
		return 0, true
	case args[0] == "man" || args[0] == "completion":
		return clidoc.Run(args[0], args[1:], triageDoc(), stdout, stderr), true
	}
	return 0, false
}

var envInHelp = regexp.MustCompile(`\((TRIAGE_[A-Z0-9_]+)\)`)

// triageDoc describes the console from its real flag set.
func triageDoc() clidoc.Command {
	fs, _ := consoleFlags(io.Discard)
	env := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if m := envInHelp.FindStringSubmatch(f.Usage); m != nil {
			env[f.Name] = m[1]
		}
	})
	info := buildinfo.Get()
	date, _ := time.Parse(time.RFC3339, info.Date)
	return clidoc.Command{
		Name:    "triage",
		Summary: "the clinic's WhatsApp triage console",
		Synopsis: []string{"triage [options]", "triage demo", "triage user COMMAND [NAME] [options]", "triage key rotate",
			"triage audit verify", "triage device", "triage scan", "triage completion bash|zsh|fish", "triage man"},
		Description: []string{
			"triage is the console front-desk staff, nurses and supervisors use to answer patients on WhatsApp without letting protected health information leak into it. It signs in to the clinic's central endpoint (triaged), keeps drafts sealed on this computer and delivers its signed audit trail.",
		},
		Flags: fs,
		Subcommands: []clidoc.Subcommand{
			{Name: "console", Summary: "run the console (the default)"},
			{Name: "demo", Summary: "run simulator, central endpoint and console together with synthetic patients"},
			{Name: "user", Summary: "manage console accounts in triaged's data folder"},
			{Name: "key", Summary: "rotate the key sealing the console's drafts"},
			{Name: "audit", Summary: "verify the console's local audit chain"},
			{Name: "device", Summary: "show this console's device id and key, for registration"},
			{Name: "scan", Summary: "mask PHI in JSON lines read from standard input"},
			{Name: "completion", Summary: "print the bash, zsh or fish completion script"},
			{Name: "man", Summary: "print this manual page (roff)"},
			{Name: "help", Summary: "the usage text"},
		},
		Env:     env,
		SeeAlso: []string{"triaged(8)", "bspsim(1)"},
		Date:    date,
		Version: info.Version,
	}
}
