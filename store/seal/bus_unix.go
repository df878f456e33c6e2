//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package seal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// sessionBusCheck reports whether a D-Bus session bus can be found without
// starting one. Left to itself, go-keyring's D-Bus library runs
// dbus-launch when no bus is known, which on a headless server leaves a
// stray dbus-daemon (and a locked gnome-keyring-daemon) behind on every
// start; a store there should fall back to its passphrase instead.
func sessionBusCheck() error {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return nil
	}
	// The same places the D-Bus library looks before it autolaunches.
	dir := fmt.Sprintf("/run/user/%d", os.Getuid())
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil
		}
	}
	return errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no user bus socket), so no Secret Service")
}
