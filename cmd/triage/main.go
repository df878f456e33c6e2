// Command triage is the clinic's WhatsApp triage console, and its tools:
//
//	triage                 the console (sign in, inbox, threads, replies)
//	triage demo            simulator, central endpoint and console in one go
//	triage user            manage console accounts in triaged's data folder
//	triage key rotate      rotate the key sealing the console's drafts
//	triage audit verify    check the console's local audit chain
//	triage device          show this console's device id and key, for registration
//	triage scan            mask PHI in JSON lines read from stdin
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/clinicwa/triage/store/private"
)

const usage = `triage: the clinic's WhatsApp triage console

Usage:
  triage [console flags]            run the console
  triage console [console flags]    the same
  triage demo [--as ROLE] [--data DIR] [--sim-addr HOST:PORT]
                                    run simulator, central endpoint and console together,
                                    with synthetic patients and a demo key
  triage user COMMAND [NAME] [--data DIR] ...
                                    manage console accounts on the server: add, list,
                                    disable, enable, unlock, reset-password, reset-totp,
                                    role, revoke (details: triage user help)
  triage key rotate [--data DIR] [--batch N] [--prefer-passphrase] [--key-passphrase-file FILE]
                                    rotate the key sealing the console's local drafts
                                    (quit the console first)
  triage audit verify [--data DIR]  verify the console's local audit chain
  triage device [--data DIR]        show this console's device id and public key, which an
                                    admin registers with triage user device-add
  triage scan                       read {"id","text"} JSON lines on stdin, write spans
                                    and masked text
  triage completion bash|zsh|fish   shell completion script
  triage man                        the manual page (roff)
  triage --version                  version, commit, build date and Go version
  triage help                       this text

Console flags:
  --server URL                 the clinic's central endpoint
                               (TRIAGE_SERVER, default http://127.0.0.1:9400)
  --data DIR                   the console's data folder
                               (TRIAGE_DATA, default $XDG_DATA_HOME/triage or ~/.local/share/triage)
  --ca-file FILE               PEM file of the CA that signed the server's certificate
                               (TRIAGE_CA_FILE)
  --key-passphrase-file FILE   passphrase file for the keys sealing drafts and the console's
                               device key, when there is no OS keyring (TRIAGE_KEY_PASSPHRASE_FILE)
`

// commands are triage's subcommands; the usage text names each of them.
var commands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{
	"console": func(args []string, _ io.Reader, _, stderr io.Writer) int { return runConsole(args, stderr) },
	"demo":    func(args []string, _ io.Reader, _, stderr io.Writer) int { return runDemo(args, stderr) },
	"scan":    func(_ []string, stdin io.Reader, stdout, stderr io.Writer) int { return scanCmd(stdin, stdout, stderr) },
	"audit":   func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return runAudit(args, stdout, stderr) },
	"user":    runUser,
	"key":     func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return runKey(args, stdout, stderr) },
	"device":  func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return runDevice(args, stdout, stderr) },
}

func main() {
	// Everything the console writes (its store, drafts, logs) is its
	// user's alone.
	private.RestrictUmask()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runConsole(nil, stderr)
	}
	if code, ok := runPackaging(args, stdout, stderr); ok {
		return code
	}
	if cmd, ok := commands[args[0]]; ok {
		return cmd(args[1:], stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	if len(args[0]) > 0 && args[0][0] == '-' {
		return runConsole(args, stderr)
	}
	fmt.Fprintf(stderr, "triage: unknown command %q\n\n%s", args[0], usage)
	return 2
}
