package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/remote"
	"github.com/clinicwa/triage/ui"
)

const draftText = "Draft for Robert Chen: DOB 03/14/1962, your metformin refill"

// draftConsole opens a console store in dir as startConsole does, with
// its keys under pass (no keyring), and a backend over a central
// endpoint at url.
func draftConsole(t *testing.T, dir, pass, url, caFile string) (remote.Backend, *store.Console, string, *bytes.Buffer) {
	t.Helper()
	ctx := context.Background()
	con, err := store.OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var logBuf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logBuf, nil))
	sealed, notice := openDraftKeys(ctx, con, consoleConfig{Data: dir, KeyPassphraseFile: pass, SealKeyring: failingKeyring{}}, log)
	if pass != "" && !sealed {
		t.Fatalf("console keys did not open: %s", logBuf.String())
	}
	hc, err := serverClient(url, caFile)
	if err != nil {
		t.Fatal(err)
	}
	c := store.NewClient(url, hc, con)
	return remote.New(c, nil, remote.NewDraftKeeper(c, sealed)), con, notice, &logBuf
}

// TestDraftWriterProcess is the console process that
// TestDraftSurvivesKillButNotLogout kills: it signs in, saves a draft and
// waits to be killed.
func TestDraftWriterProcess(t *testing.T) {
	if os.Getenv("TRIAGE_DRAFT_WRITER") != "1" {
		t.Skip("run by TestDraftSurvivesKillButNotLogout")
	}
	be, _, _, _ := draftConsole(t, os.Getenv("DW_DIR"), os.Getenv("DW_PASS"), os.Getenv("DW_URL"), os.Getenv("DW_CA"))
	ctx := context.Background()
	if _, err := be.Login(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if err := be.SaveDraft(ctx, "thr_1", draftText); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("SAVED\n")
	time.Sleep(time.Minute) // killed long before
}

func TestDraftSurvivesKillButNotLogout(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a central endpoint and a console process")
	}
	pass := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(pass, []byte("a long test passphrase for the keys"), 0o600)
	url, caFile := startTriaged(t, t.TempDir(), pass)
	dir := t.TempDir()
	consolePass := filepath.Join(t.TempDir(), "console-passphrase")
	os.WriteFile(consolePass, []byte("another long passphrase, the console's"), 0o600)

	// A console process saves a draft and is killed: no logout, no close.
	cmd := exec.Command(os.Args[0], "-test.run=^TestDraftWriterProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "TRIAGE_DRAFT_WRITER=1", "DW_DIR="+dir, "DW_PASS="+consolePass, "DW_URL="+url, "DW_CA="+caFile)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	saved := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "SAVED" {
				saved <- true
				return
			}
		}
		saved <- false
	}()
	select {
	case ok := <-saved:
		if !ok {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the console process ended without saving its draft")
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the console process did not save its draft")
	}
	cmd.Process.Kill()
	cmd.Wait()

	// Nothing readable was left behind by the killed process.
	scanDir(t, dir, []string{draftText, "Robert Chen", "metformin", "03/14/1962"})

	// The console starts again with the same keys; the same user signs
	// in and finds the half-written reply.
	ctx := context.Background()
	be, con, _, _ := draftConsole(t, dir, consolePass, url, caFile)
	defer con.Close()
	if _, err := be.LoadDraft(ctx, "thr_1"); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("a draft was readable before anyone signed in: %v", err)
	}
	if _, err := be.Login(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := be.LoadDraft(ctx, "thr_1"); err != nil || got != draftText {
		t.Fatalf("after the crash the draft is %q, %v", got, err)
	}

	// Signing out (as the console does: drafts first, then the session)
	// deletes it from the store.
	if err := be.DeleteAllMyDrafts(ctx); err != nil {
		t.Fatal(err)
	}
	if err := be.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	var rows int
	con.DB().QueryRow(`SELECT COUNT(*) FROM drafts`).Scan(&rows)
	if rows != 0 {
		t.Errorf("%d drafts left after sign-out", rows)
	}
	if _, err := be.Login(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := be.LoadDraft(ctx, "thr_1"); err != nil || got != "" {
		t.Errorf("after sign-out the draft is %q, %v", got, err)
	}
}

func TestDraftsInMemoryWithoutKeys(t *testing.T) {
	pass := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(pass, []byte("a long test passphrase for the keys"), 0o600)
	url, caFile := startTriaged(t, t.TempDir(), pass)
	dir := t.TempDir()
	// No keyring, no passphrase file, not the demo: no key source.
	t.Setenv("TRIAGE_KEY_PASSPHRASE_FILE", "")
	be, con, notice, logBuf := draftConsole(t, dir, "", url, caFile)
	defer con.Close()
	if be.DraftsSealed() {
		t.Fatal("keys opened without a key source")
	}
	if notice != "" {
		t.Errorf("no keys should show nothing on screen, got %q", notice)
	}
	if !strings.Contains(logBuf.String(), "drafts are kept in memory only") {
		t.Errorf("the log does not say drafts are in memory only:\n%s", logBuf.String())
	}
	ctx := context.Background()
	if _, err := be.Login(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if err := be.SaveDraft(ctx, "thr_1", draftText); err != nil {
		t.Fatal(err)
	}
	if got, err := be.LoadDraft(ctx, "thr_1"); err != nil || got != draftText {
		t.Fatalf("in-memory draft = %q, %v", got, err)
	}
	var rows int
	con.DB().QueryRow(`SELECT COUNT(*) FROM drafts`).Scan(&rows)
	if rows != 0 {
		t.Errorf("%d drafts written to the store without keys", rows)
	}
	scanDir(t, dir, []string{draftText, "Robert Chen"})

	// A save whose session has ended stores nothing.
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if err := be.SaveDraft(ended, "thr_2", "late"); err == nil {
		t.Error("a save with an ended context was accepted")
	}
	if got, _ := be.LoadDraft(ctx, "thr_2"); got != "" {
		t.Errorf("a save with an ended context stored %q", got)
	}
	if err := be.DeleteAllMyDrafts(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := be.LoadDraft(ctx, "thr_1"); got != "" {
		t.Errorf("sign-out left the in-memory draft %q", got)
	}
}

func TestCustodyNoticeOnScreenAndWarningInLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pass := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(pass, []byte("a long test passphrase for the keys"), 0o600)
	con, err := store.OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	var logBuf bytes.Buffer
	sealed, notice := openDraftKeys(ctx, con, consoleConfig{Data: dir, KeyPassphraseFile: pass, SealKeyring: failingKeyring{}},
		slog.New(slog.NewTextHandler(&logBuf, nil)))
	if !sealed || !strings.Contains(notice, "Key custody degraded") || strings.Contains(notice, "\n") {
		t.Errorf("sealed %v, notice %q", sealed, notice)
	}
	if !strings.Contains(logBuf.String(), "KEY CUSTODY DEGRADED") {
		t.Errorf("the full warning is not in the log:\n%s", logBuf.String())
	}

	demoDir := t.TempDir()
	con2, err := store.OpenConsole(ctx, demoDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con2.Close()
	t.Setenv("TRIAGE_KEY_PASSPHRASE_FILE", "")
	sealed, notice = openDraftKeys(ctx, con2, consoleConfig{Data: demoDir, Demo: &ui.DemoLogin{Username: "demo.frontdesk", Role: "frontdesk"}, SealKeyring: failingKeyring{}},
		slog.New(slog.NewTextHandler(&logBuf, nil)))
	if !sealed || !strings.Contains(notice, "DEMO key") {
		t.Errorf("demo: sealed %v, notice %q", sealed, notice)
	}
	// Only the demo may use the demo key: the same folder without it has
	// no key source.
	con2.Close()
	con3, err := store.OpenConsole(ctx, demoDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con3.Close()
	if sealed, _ := openDraftKeys(ctx, con3, consoleConfig{Data: demoDir, SealKeyring: failingKeyring{}},
		slog.New(slog.NewTextHandler(&logBuf, nil))); sealed {
		t.Error("the console opened the demo key outside the demo")
	}
}
