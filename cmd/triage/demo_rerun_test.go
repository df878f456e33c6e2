package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
)

// TestDemoRunsTwiceOnOneFolder starts the demo stack on a folder, signs in,
// stops it, and starts it again on the same folder: the second run's fresh
// passwords sign in, the first run's no longer do, and no password is
// written anywhere in the folder.
func TestDemoRunsTwiceOnOneFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo stack twice")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(discardLog{}, nil))
	signIn := func(url, user, pass string) error {
		con, err := store.OpenConsole(ctx, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer con.Close()
		c := store.NewClient(url, &http.Client{Timeout: 15 * time.Second}, con)
		_, err = c.Login(ctx, user, pass, "")
		return err
	}
	first, err := startDemoStack(ctx, dir, "127.0.0.1:0", log)
	if err != nil {
		t.Fatal(err)
	}
	old := first.Users["nurse"]
	if err := signIn(first.CentralURL, old.Username, old.Password); err != nil {
		t.Fatalf("first run: %v", err)
	}
	first.stop()

	second, err := startDemoStack(ctx, dir, "127.0.0.1:0", log)
	if err != nil {
		t.Fatalf("second run on the same folder: %v", err)
	}
	defer second.stop()
	for _, role := range []string{"frontdesk", "nurse", "supervisor"} {
		u := second.Users[role]
		if err := signIn(second.CentralURL, u.Username, u.Password); err != nil {
			t.Errorf("second run, %s: %v", role, err)
		}
	}
	if err := signIn(second.CentralURL, old.Username, old.Password); err == nil {
		t.Error("the first run's password still signs in after the second start")
	}
	// Neither run's password is in any file of the folder.
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		raw, _ := os.ReadFile(path)
		for _, u := range []string{old.Password, second.Users["nurse"].Password} {
			if strings.Contains(string(raw), u) {
				t.Errorf("%s holds a demo password", path)
			}
		}
		return nil
	})
}

// discardLog drops the demo's log lines.
type discardLog struct{}

func (discardLog) Write(p []byte) (int, error) { return len(p), nil }
