package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestConsoleRefusesADataFolderOthersCanRead(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder modes are ACLs on Windows")
	}
	dir := filepath.Join(t.TempDir(), "console")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	if _, err := OpenConsole(context.Background(), dir, nil); err == nil || !strings.Contains(err.Error(), "chmod 700 "+dir) {
		t.Fatalf("a 0755 console folder: %v, want a refusal naming `chmod 700 %s`", err, dir)
	}
	os.Chmod(dir, 0o700)
	c, err := OpenConsole(context.Background(), dir, nil)
	if err != nil {
		t.Fatalf("after chmod 700: %v", err)
	}
	defer c.Close()
	fi, err := os.Stat(filepath.Join(dir, ConsoleDBName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %04o, want 0600", ConsoleDBName, fi.Mode().Perm())
	}
}
