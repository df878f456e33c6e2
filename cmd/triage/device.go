package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/seal"
)

// runDevice implements `triage device`: it shows this console's device id
// and public key, which an admin registers on the server with
// `triage user device-add NAME KEY`. On a new data folder it makes the
// device, and opens the console's keys so the private key is kept.
func runDevice(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("triage device", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("TRIAGE_DATA", defaultDataDir()), "console data folder (TRIAGE_DATA)")
	pass := fs.String("key-passphrase-file", os.Getenv(seal.EnvPassphraseFileConsole), "passphrase file ("+seal.EnvPassphraseFileConsole+")")
	prefer := fs.Bool("prefer-passphrase", false, "open the keys with the passphrase before trying the OS keyring")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	c, err := store.OpenConsole(ctx, *data, nil)
	if err != nil {
		fmt.Fprintf(stderr, "triage device: %v\n", err)
		return 1
	}
	defer c.Close()
	if _, err := store.OpenConsoleKeys(ctx, c, store.ConsoleKeyConfig{PassphraseFile: *pass, PreferPassphrase: *prefer}); err != nil {
		fmt.Fprintf(stderr, "triage device: %v\n", err)
		return 1
	}
	if err := deviceKept(ctx, c); err != nil {
		fmt.Fprintf(stderr, "triage device: %v\n", err)
		return 1
	}
	pub, err := c.DevicePublicKey(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "triage device: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "device id:  %s\npublic key: %s\n", c.DeviceID(), pub)
	fmt.Fprintf(stdout, "An admin registers it on the server with: triage user device-add USERNAME -- %s\n", pub)
	return 0
}

// deviceKept refuses a console whose device key is not kept in its store:
// its audit trail could not be uploaded after the next restart.
func deviceKept(ctx context.Context, c *store.Console) error {
	kept, err := c.DeviceKeyKept(ctx)
	if err != nil {
		return err
	}
	if !kept {
		return store.ErrNoDeviceKey
	}
	return nil
}
