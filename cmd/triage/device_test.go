package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeviceRegistrationCommands: the console prints its device id and
// key; an admin registers it for an account, lists it, and withdraws it;
// a malformed key is refused with the reason.
func TestDeviceRegistrationCommands(t *testing.T) {
	dataDir := t.TempDir()
	passphrase := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	startTriaged(t, dataDir, passphrase)
	t.Setenv("TRIAGED_DATA", dataDir)
	t.Setenv("TRIAGED_KEY_PASSPHRASE_FILE", passphrase)
	consolePass := filepath.Join(t.TempDir(), "console-passphrase")
	os.WriteFile(consolePass, []byte("a long test passphrase for the console keys"), 0o600)

	runCmd := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	consoleDir := filepath.Join(t.TempDir(), "console")
	code, out, errs := runCmd("device", "--data", consoleDir, "--key-passphrase-file", consolePass, "--prefer-passphrase")
	if code != 0 {
		t.Fatalf("triage device: %d %q %q", code, out, errs)
	}
	var id, key string
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, "device id:"); ok {
			id = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "public key:"); ok {
			key = strings.TrimSpace(v)
		}
	}
	if !strings.HasPrefix(id, "dev-") || key == "" {
		t.Fatalf("triage device printed %q", out)
	}
	// The same device on a second run.
	if _, again, _ := runCmd("device", "--data", consoleDir, "--key-passphrase-file", consolePass, "--prefer-passphrase"); !strings.Contains(again, id) {
		t.Fatalf("the device changed between runs: %q then %q", out, again)
	}
	// The admin runs the command the console printed: a key may start
	// with "-", which only the "--" in it lets through.
	if !strings.Contains(out, "device-add USERNAME -- "+key+"\n") {
		t.Fatalf("triage device did not print the registration command: %q", out)
	}
	if code, out, errs := runCmd("user", "device-add", "desk", "--", key); code != 0 || !strings.Contains(out, "registered console device "+id+" for desk") {
		t.Fatalf("device-add: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCmd("user", "device-list"); code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "admin") || !strings.Contains(out, "desk") {
		t.Fatalf("device-list: %d\n%s", code, out)
	}
	if code, out, errs := runCmd("user", "device-revoke", id); code != 0 || !strings.Contains(out, "withdrew console device "+id) {
		t.Fatalf("device-revoke: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCmd("user", "device-list"); code != 0 || !strings.Contains(out, "withdrawn") {
		t.Fatalf("device-list after revoke: %d\n%s", code, out)
	}
	if code, _, errs := runCmd("user", "device-add", "desk", "not-a-key"); code != 1 || !strings.Contains(errs, "not an Ed25519 key") {
		t.Fatalf("malformed key: %d %q", code, errs)
	}
	if code, _, errs := runCmd("user", "device-add", "desk", "--", "-starts-with-a-dash"); code != 1 || !strings.Contains(errs, "not an Ed25519 key") {
		t.Fatalf("a key starting with - after --: %d %q", code, errs)
	}
}
