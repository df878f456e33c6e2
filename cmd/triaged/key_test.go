package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/pgtest"
)

// TestKeyRotateAndRewrapCommands runs `triaged key rotate` and `triaged
// key rewrap` as an operator types them, on a store in the data folder's
// SQLite file and on one in PostgreSQL (--database-url): refused while a
// triaged serves from the store (on PostgreSQL from another host's
// folder, which only the database can tell), then a rotation, a change
// of passphrase, and a rotation that opens the keys only with the new
// passphrase.
func TestKeyRotateAndRewrapCommands(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			pass := filepath.Join(t.TempDir(), "pass")
			os.WriteFile(pass, []byte("rotate-me-passphrase-long-enough\n"), 0o600)
			url := ""
			if backend == "postgres" {
				url = pgtest.NewDatabase(t).URL
			}
			srv, err := central.New(ctx, central.Config{DataDir: dir, Addr: "127.0.0.1:0", KeyPassphraseFile: pass, Keyring: noKeyring{},
				Provider: nullProvider{}, WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v", DatabaseURL: url})
			if err != nil {
				t.Fatal(err)
			}
			// The operator's folder: the server's own on SQLite, another
			// host's on PostgreSQL.
			opDir := dir
			if url != "" {
				opDir = t.TempDir()
			}
			var out, errb bytes.Buffer
			key := func(args ...string) error {
				out.Reset()
				errb.Reset()
				args = append(args, "--data", opDir, "--database-url", url, "--prefer-passphrase")
				return runKey(args, &out, &errb)
			}
			lock, err := central.LockDataDir(dir) // what cmd/triaged holds while serving
			if err != nil {
				t.Fatal(err)
			}
			err = key("rotate", "--key-passphrase-file", pass)
			if err == nil {
				t.Fatal("a rotation ran beside a serving triaged")
			}
			if !strings.Contains(err.Error(), "stop") {
				t.Errorf("the refusal does not say to stop triaged: %v", err)
			}
			lock.Release()
			if err := srv.Shutdown(ctx); err != nil {
				t.Fatal(err)
			}

			if err := key("rotate", "--key-passphrase-file", pass, "--batch", "7"); err != nil || !strings.Contains(out.String(), "rotated to data key 2") || !strings.Contains(out.String(), "retired key 1") {
				t.Fatalf("rotate: %v\n%s%s", err, out.String(), errb.String())
			}
			newPass := filepath.Join(t.TempDir(), "new")
			os.WriteFile(newPass, []byte("a-new-passphrase-for-the-clinic\n"), 0o600)
			if err := key("rewrap", "--to", "passphrase", "--key-passphrase-file", pass, "--new-passphrase-file", newPass); err != nil || !strings.Contains(out.String(), "keys now wrapped by") {
				t.Fatalf("rewrap: %v\n%s%s", err, out.String(), errb.String())
			}
			if err := key("rotate", "--key-passphrase-file", pass); err == nil {
				t.Fatal("the old passphrase still opens the keys after the rewrap")
			}
			if err := key("rotate", "--key-passphrase-file", newPass); err != nil || !strings.Contains(out.String(), "rotated to data key 3") {
				t.Fatalf("rotate with the new passphrase: %v\n%s%s", err, out.String(), errb.String())
			}
		})
	}
}
