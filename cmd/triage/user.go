package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/auth"
	"github.com/clinicwa/triage/store/central"
)

const userUsage = `triage user: manage console accounts in triaged's data folder

Usage:
  triage user add NAME --role ROLE    create an account (asks for the password twice)
  triage user list                    list accounts
  triage user disable NAME            stop NAME signing in and end their sessions now
  triage user enable NAME             let NAME sign in again (also lifts a lock)
  triage user unlock NAME             lift a sign-in lock after failed attempts
  triage user reset-password NAME     set a new password (asks twice) and end their sessions
  triage user reset-totp NAME         remove NAME's authenticator; they enrol again at sign-in
  triage user role NAME ROLE          change NAME's role and end their sessions
  triage user revoke NAME             end every session of NAME now
  triage user device-add NAME -- KEY  register a console device (KEY: the public key that
                                      ` + "`triage device`" + ` prints on that console) and bind NAME to it;
                                      "--" lets a key that starts with "-" through
  triage user device-list             list registered console devices and their accounts
  triage user device-revoke DEVICE    withdraw a console device and end its sessions

Roles: frontdesk, nurse, supervisor, admin.

Options (before or after NAME):
  --data DIR                  triaged's data folder (TRIAGED_DATA, default ./triaged-data)
  --database-url URL          triaged's PostgreSQL database, when its store is there
                              (TRIAGED_DATABASE_URL, postgres://…)
  --key-passphrase-file FILE  key passphrase file, as for triaged (TRIAGED_KEY_PASSPHRASE_FILE)
  --password-file FILE        read the password from FILE (first line) instead of asking
  --role ROLE                 the role for add

Runs on the server, with or without triaged running. Every change is
recorded in the server's audit chain as cli:<your login name>.
`

// userFlags are the options of every `triage user` command.
type userFlags struct {
	data, passFile, passphrase, role string
	databaseURL                      string
	demoKey                          bool
}

func runUser(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, userUsage)
		return 0
	}
	cmd := args[0]
	fs := flag.NewFlagSet("triage user "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, userUsage) }
	var f userFlags
	fs.StringVar(&f.data, "data", envOr("TRIAGED_DATA", "./triaged-data"), "triaged's data folder")
	fs.StringVar(&f.databaseURL, "database-url", envOr(central.EnvDatabaseURL, ""), "PostgreSQL database holding triaged's store, as for triaged ("+central.EnvDatabaseURL+"); empty: triaged.db in the data folder")
	fs.StringVar(&f.passphrase, "key-passphrase-file", envOr("TRIAGED_KEY_PASSPHRASE_FILE", ""), "key passphrase file")
	fs.StringVar(&f.passFile, "password-file", "", "read the password from this file")
	fs.StringVar(&f.role, "role", "", "role for add")
	fs.BoolVar(&f.demoKey, "demo-key", false, "open a demo data folder's key (triage demo only)")
	// Flags may come before or after the positional arguments.
	var pos []string
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		// After "--" every argument is positional, even one that starts
		// with "-" (a device's public key may).
		if n := len(rest) - fs.NArg(); n > 0 && rest[n-1] == "--" {
			pos = append(pos, fs.Args()...)
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	want := map[string]int{"add": 1, "list": 0, "disable": 1, "enable": 1, "unlock": 1, "reset-password": 1, "reset-totp": 1, "role": 2, "revoke": 1,
		"device-add": 2, "device-list": 0, "device-revoke": 1}
	n, known := want[cmd]
	if !known {
		fmt.Fprintf(stderr, "triage user: unknown command %q\n\n%s", cmd, userUsage)
		return 2
	}
	if len(pos) != n {
		fmt.Fprintf(stderr, "triage user %s: expected %d argument(s), got %d\n\n%s", cmd, n, len(pos), userUsage)
		return 2
	}
	if err := userCommand(context.Background(), cmd, pos, f, stdin, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "triage user %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func userCommand(ctx context.Context, cmd string, pos []string, f userFlags, stdin io.Reader, stdout, stderr io.Writer) error {
	// Read the password before opening anything, so a typo in the second
	// prompt costs nothing.
	var password string
	if cmd == "add" || cmd == "reset-password" {
		if _, err := policy.ParseRole(f.role); cmd == "add" && err != nil {
			return fmt.Errorf("--role must be frontdesk, nurse, supervisor or admin")
		}
		name, err := auth.NormalizeUsername(pos[0])
		if err != nil {
			return err
		}
		if password, err = readNewPassword(f.passFile, name, stdin, stderr); err != nil {
			return err
		}
	}
	adm, err := central.OpenAdmin(ctx, central.Config{DataDir: f.data, DatabaseURL: f.databaseURL, KeyPassphraseFile: f.passphrase, AllowDemoKey: f.demoKey})
	if err != nil {
		return err
	}
	defer adm.Close()
	if w := adm.KeyWarning(); w != "" {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	actor := central.AuditActor(osUserName())
	switch cmd {
	case "add":
		role, _ := policy.ParseRole(f.role)
		info, err := adm.AddUser(ctx, actor, pos[0], password, role)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s (%s).\n", info.Username, info.Role)
		fmt.Fprintf(stdout, "At their first sign-in, after the password, the console shows a QR code to scan with an\n"+
			"authenticator app and then ten recovery codes to keep. Tell them to have their phone ready.\n")
	case "list":
		list, err := adm.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tROLE\tSTATUS\tTOTP\tRECOVERY\tSESSIONS\tCREATED")
		for _, u := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", u.Username, u.Role, status(u), totpState(u),
				u.RecoveryCodesLeft, u.Sessions, u.CreatedAt.Local().Format("2006-01-02"))
		}
		return tw.Flush()
	case "disable":
		n, err := adm.Disable(ctx, actor, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "disabled %s; %s ended.\n", pos[0], sessions(n))
	case "enable":
		if err := adm.Enable(ctx, actor, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "enabled %s.\n", pos[0])
	case "unlock":
		if err := adm.Unlock(ctx, actor, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "unlocked %s.\n", pos[0])
	case "reset-password":
		n, err := adm.ResetPassword(ctx, actor, pos[0], password)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "password of %s changed; %s ended.\n", pos[0], sessions(n))
	case "reset-totp":
		n, err := adm.ResetTOTP(ctx, actor, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "authenticator of %s removed; %s ended. They set up a new one at their next sign-in.\n", pos[0], sessions(n))
	case "role":
		role, err := policy.ParseRole(pos[1])
		if err != nil {
			return fmt.Errorf("the role must be frontdesk, nurse, supervisor or admin")
		}
		n, err := adm.SetRole(ctx, actor, pos[0], role)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is now %s; %s ended.\n", pos[0], role, sessions(n))
	case "revoke":
		n, err := adm.Revoke(ctx, actor, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s ended for %s; their consoles return to sign-in within seconds.\n", sessions(n), pos[0])
	case "device-add":
		id, err := adm.RegisterDevice(ctx, actor, pos[0], pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "registered console device %s for %s.\n", id, pos[0])
	case "device-list":
		list, err := adm.Devices(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "DEVICE\tSTATUS\tREGISTERED\tBY\tACCOUNTS")
		for _, d := range list {
			st := "active"
			if d.Revoked {
				st = "withdrawn"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, st, d.Via, d.RegisteredBy, strings.Join(d.Accounts, ","))
		}
		return tw.Flush()
	case "device-revoke":
		n, err := adm.RevokeDevice(ctx, actor, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "withdrew console device %s; %s ended.\n", pos[0], sessions(n))
	}
	return nil
}

func status(u central.UserInfo) string {
	switch {
	case u.Disabled:
		return "disabled"
	case !u.LockedUntil.IsZero():
		return "locked until " + u.LockedUntil.Local().Format(time.DateTime)
	}
	return "active"
}

func totpState(u central.UserInfo) string {
	switch {
	case u.TOTPEnrolled:
		return "enrolled"
	case u.TOTPRequired:
		return "at next sign-in"
	}
	return "none (demo)"
}

func sessions(n int) string {
	if n == 1 {
		return "1 session"
	}
	return fmt.Sprintf("%d sessions", n)
}

// osUserName is the operating-system account running the tool, the
// actor the audit chain names.
func osUserName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "unknown"
}

// readNewPassword reads a new password: from passFile (its first line),
// else twice from the terminal without echo, else (stdin is not a
// terminal, as in a script) one line from stdin. It must pass
// auth.CheckPassword for the username.
func readNewPassword(passFile, username string, stdin io.Reader, stderr io.Writer) (string, error) {
	var pw string
	switch {
	case passFile != "":
		b, err := os.ReadFile(passFile)
		if err != nil {
			return "", fmt.Errorf("password file: %w", err)
		}
		pw, _, _ = strings.Cut(string(b), "\n")
		pw = strings.TrimSuffix(pw, "\r")
	case isTerminal(stdin):
		fd := stdin.(*os.File).Fd()
		fmt.Fprint(stderr, "New password: ")
		a, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ; nothing was changed")
		}
		pw = string(a)
	default:
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && line == "" {
			return "", errors.New("no password given on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := auth.CheckPassword(username, pw); err != nil {
		return "", err
	}
	return pw, nil
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
