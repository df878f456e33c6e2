package central

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDataFolderOthersCanReadIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder modes are ACLs on Windows")
	}
	dir := filepath.Join(t.TempDir(), "triaged-data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	_, err := New(context.Background(), Config{DataDir: dir, Keys: testKeys(t), Provider: &fakeProvider{}})
	if err == nil || !strings.Contains(err.Error(), "chmod 700 "+dir) {
		t.Fatalf("a 0755 data folder: %v, want a refusal naming `chmod 700 %s`", err, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFileName)); err == nil {
		t.Error("the store was created in the open folder anyway")
	}
}

func TestStoreFilesAreOwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are ACLs on Windows")
	}
	// Under the common umask 022 a new file would be 0644: the store must
	// not rely on the umask.
	dir := t.TempDir() // 0700: made under the tests' umask 077
	skipOnPostgres(t, "the modes of triaged.db and its -wal and -shm files")
	// The umask is the process's: no other test may run while it is 022.
	runAlone(t)
	var e *env
	withUmask(0o022, func() {
		e = newEnv(t, func(c *Config) { c.DataDir = dir })
		// Writes make sure the -wal and -shm exist while the server runs.
		e.login("desk")
		e.patientWrites(patientUK, "Is parking free on Saturday?")
	})
	for _, name := range []string{DBFileName, DBFileName + "-wal", DBFileName + "-shm"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", name, fi.Mode().Perm())
		}
	}
}
