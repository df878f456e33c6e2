// Command triage is the clinic's WhatsApp triage console, and its tools:
//
//	triage                 the console (sign in, inbox, threads, replies)
//	triage demo            simulator, central endpoint and console in one go
//	triage scan            mask PHI in JSON lines read from stdin
//	triage audit verify    check the console's local audit chain
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `triage: the clinic's WhatsApp triage console

Usage:
  triage [console flags]          run the console (see: triage console -h)
  triage demo [--as ROLE] [--data DIR] [--sim-addr HOST:PORT]
                                  run simulator, central endpoint and console together
  triage scan                     read {"id","text"} JSON lines on stdin, write spans and masked text
  triage audit verify [--data DIR]
                                  verify the console's local audit chain
  triage key rotate [--data DIR]  rotate the key sealing the console's local drafts
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runConsole(nil, stderr)
	}
	switch args[0] {
	case "console":
		return runConsole(args[1:], stderr)
	case "demo":
		return runDemo(args[1:], stderr)
	case "scan":
		return runScan(stdin, stdout, stderr)
	case "audit":
		return runAudit(args[1:], stdout, stderr)
	case "user":
		return runUser(args[1:], stdin, stdout, stderr)
	case "key":
		return runKey(args[1:], stdout, stderr)
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
