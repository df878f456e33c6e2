//go:build !unix

package private

// RestrictUmask does nothing where there is no umask (Windows: files
// inherit the folder's ACL).
func RestrictUmask() {}
