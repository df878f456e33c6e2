//go:build unix

package central

import "syscall"

// withUmask runs fn with the process umask set to mask, so a test can
// show that the store's files are private even when the umask would not
// make them so.
func withUmask(mask int, fn func()) {
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	fn()
}
