package private

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckDirRefusesAFolderOthersCanReach(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder modes are ACLs on Windows")
	}
	for _, tc := range []struct {
		mode os.FileMode
		ok   bool
	}{
		{0o700, true}, {0o755, false}, {0o750, false}, {0o711, false}, {0o701, false},
	} {
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.Mkdir(dir, tc.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, tc.mode) // the umask may have narrowed Mkdir's mode
		err := CheckDir(dir)
		if tc.ok != (err == nil) {
			t.Errorf("%04o: %v", tc.mode, err)
			continue
		}
		if !tc.ok && (!errors.Is(err, ErrDirOpen) || !strings.Contains(err.Error(), "chmod 700 "+dir)) {
			t.Errorf("%04o: the refusal does not give the fix: %v", tc.mode, err)
		}
	}
}

func TestPrepareFileIsOwnerOnlyAndTightensOldFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are ACLs on Windows")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	// A -wal left 0644 by an older version.
	if err := os.WriteFile(db+"-wal", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(db+"-wal", 0o644)
	if err := PrepareFile(db); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, db + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %04o, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}
