package main

import (
	"fmt"
	"io"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/cmd/internal/buildinfo"
	"github.com/clinicwa/triage/cmd/internal/clidoc"
)

// runPackaging answers the commands an operator's packaging uses:
// --version, the systemd unit and its example configuration, the man page
// and the shell completions. ok is false for any other command.
func runPackaging(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch {
	case buildinfo.IsVersionFlag(args[0]):
		fmt.Fprint(stdout, buildinfo.Get().String("triaged"))
		return 0, true
	case args[0] == "systemd-unit":
		switch {
		case len(args) == 1:
			fmt.Fprint(stdout, assets.SystemdUnit())
		case len(args) == 2 && args[1] == "env":
			fmt.Fprint(stdout, assets.SystemdEnvExample())
		default:
			fmt.Fprintln(stderr, "usage: triaged systemd-unit [env]")
			return 2, true
		}
		return 0, true
	case args[0] == "man" || args[0] == "completion":
		return clidoc.Run(args[0], args[1:], triagedDoc(), stdout, stderr), true
	}
	return 0, false
}

// triagedDoc describes triaged from its real settings.
func triagedDoc() clidoc.Command {
	s := defineSettings()
	env := map[string]string{}
	for _, st := range s.list {
		env[st.flag] = st.env
	}
	info := buildinfo.Get()
	date, _ := time.Parse(time.RFC3339, info.Date)
	return clidoc.Command{
		Name:    "triaged",
		Summary: "the clinic's central WhatsApp triage endpoint",
		Synopsis: []string{"triaged [options]", "triaged audit verify|export|checkpoint [options]",
			"triaged systemd-unit [env]", "triaged completion bash|zsh|fish", "triaged man"},
		Description: []string{
			"triaged receives the WhatsApp provider's webhooks, keeps the shared thread store encrypted at rest, serves the console API, enforces the outbound messaging rules and keeps every console's hash-chained audit trail, which it can stream to the clinic's SIEM.",
			"It is meant to run as a system service under its own user; triaged systemd-unit prints a hardened unit.",
		},
		Flags: settingsFlagSet(s, io.Discard),
		Subcommands: []clidoc.Subcommand{
			{Name: "audit", Summary: "verify, export or checkpoint the central audit log"},
			{Name: "key", Summary: "rotate or rewrap the keys sealing the store"},
			{Name: "purge", Summary: "delete threads past their retention"},
			{Name: "access-review", Summary: "the quarterly review of every account"},
			{Name: "evidence", Summary: "the signed evidence pack for an auditor"},
			{Name: "vendor", Summary: "the BAA register of the providers"},
			{Name: "backup", Summary: "a consistent copy of the store"},
			{Name: "restore", Summary: "put a backup back"},
			{Name: "report", Summary: "program metrics over a period"},
			{Name: "appointments", Summary: "import an appointment book"},
			{Name: "systemd-unit", Summary: "print the hardened systemd unit, or with env its example configuration"},
			{Name: "completion", Summary: "print the bash, zsh or fish completion script"},
			{Name: "man", Summary: "print this manual page (roff)"},
			{Name: "version", Summary: "print the version, commit, build date and Go version"},
		},
		Env:     env,
		Files:   []string{"/var/lib/triaged: the data folder (triaged.db, the checkpoint public key)", "/etc/triaged/triaged.env: the settings the systemd unit reads"},
		SeeAlso: []string{"triage(1)", "bspsim(1)", "systemd.exec(5)"},
		Section: 8,
		Date:    date,
		Version: info.Version,
	}
}
