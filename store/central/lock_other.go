//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package central

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held")

// lockFile refuses on platforms without a lock the process death drops:
// a maintenance command must never run beside the server unknowingly.
func lockFile(*os.File) error { return errors.ErrUnsupported }

func unlockFile(*os.File) error { return nil }
