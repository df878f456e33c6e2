//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package seal

// sessionBusCheck is a no-op where the keyring is not reached over D-Bus
// (macOS Keychain, Windows Credential Manager).
func sessionBusCheck() error { return nil }
