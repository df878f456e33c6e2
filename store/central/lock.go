package central

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockFileName is the file in the data folder that a serving triaged
// holds locked, and that maintenance which must not run beside it (key
// rotation, rewrapping) takes too.
const LockFileName = "triaged.lock"

// ErrDataLocked means another process (normally the running triaged)
// holds the data folder's lock.
var ErrDataLocked = errors.New("central: the data folder is in use by another triaged process")

// DataLock is a held lock on a data folder. The operating system drops it
// when the process ends, however it ends, so a killed rotation never
// leaves a stale lock behind.
type DataLock struct {
	f *os.File
}

// LockDataDir takes the data folder's lock without waiting. It fails with
// ErrDataLocked while another process holds it.
func LockDataDir(dir string) (*DataLock, error) {
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFileName)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("central: lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("%w (%s): stop it first", ErrDataLocked, dir)
		}
		return nil, fmt.Errorf("central: lock %s: %w", path, err)
	}
	return &DataLock{f: f}, nil
}

// Release drops the lock.
func (l *DataLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
