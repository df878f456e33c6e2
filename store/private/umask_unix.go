//go:build unix

package private

import "syscall"

// RestrictUmask makes every file and folder the process creates from now
// on private to its owner (umask 077). Both binaries call it first thing,
// so no file they or their libraries create (logs, lock files, exports)
// is readable by other local users, whatever the shell's umask.
func RestrictUmask() { syscall.Umask(0o077) }
