// Package private keeps the product's files readable by their owner only:
// the process's umask, the data folder's mode, and the SQLite files'
// modes. triaged.db and the console's store hold sealed PHI and the
// audit trail; another local user must not be able to copy them, even
// sealed.
package private

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
)

// ErrDirOpen means a data folder can be read or entered by users other
// than its owner.
var ErrDirOpen = errors.New("data folder is open to other users")

// CheckDir refuses a data folder that its group or others may read,
// write or enter, with the command that fixes it. Windows folders are
// guarded by ACLs that these mode bits do not describe, so they are not
// checked there.
func CheckDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("data folder %s is not a folder", dir)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%w: %s has mode %04o, so other users of this machine can reach the files in it; fix it with: chmod 700 %s",
			ErrDirOpen, dir, perm, dir)
	}
	return nil
}

// PrepareFile makes sure path exists with mode 0600 before SQLite opens
// it: SQLite gives its -wal and -shm files the main file's mode, so all
// three end up 0600 whatever the umask. Files left more open by an older
// version are tightened.
func PrepareFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
