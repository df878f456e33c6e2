package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/seal"
)

// deadRing is a keyring that is never reachable, so these tests use the
// passphrase and never touch the keyring of the machine running them.
type deadRing struct{}

var errDeadRing = errors.New("no keyring in this test")

func (deadRing) Get(string, string) (string, error) { return "", errDeadRing }
func (deadRing) Set(string, string, string) error   { return errDeadRing }
func (deadRing) Delete(string, string) error        { return errDeadRing }

func openDraftConsole(t *testing.T, dir string) *Console {
	t.Helper()
	pass := filepath.Join(dir, "..", filepath.Base(dir)+".pass")
	if _, err := os.Stat(pass); err != nil {
		os.WriteFile(pass, []byte("a-long-console-passphrase-for-tests\n"), 0o600)
	}
	c, err := OpenConsole(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenConsoleKeys(context.Background(), c, ConsoleKeyConfig{PassphraseFile: pass, Keyring: deadRing{}}); err != nil {
		c.Close()
		t.Fatal(err)
	}
	return c
}

const draftPHI = "Robert Chen, DOB 03/14/1962, chest pain; call +15555550104"

func TestDraftsAreSealedAndScoped(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "console")
	c := openDraftConsole(t, dir)
	if err := c.SaveDraft(ctx, "usr_a", "thr_1", draftPHI); err != nil {
		t.Fatal(err)
	}
	if err := c.SaveDraft(ctx, "usr_a", "thr_2", "see you at 3"); err != nil {
		t.Fatal(err)
	}
	if err := c.SaveDraft(ctx, "usr_b", "thr_1", "other user's words"); err != nil {
		t.Fatal(err)
	}
	if got, err := c.LoadDraft(ctx, "usr_a", "thr_1"); err != nil || got != draftPHI {
		t.Fatalf("LoadDraft = %q, %v", got, err)
	}
	if _, err := c.LoadDraft(ctx, "usr_a", "thr_3"); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("missing draft: %v, want ErrNoDraft", err)
	}
	// A sealed draft copied onto another user's row does not open.
	if _, err := c.db.Exec(`UPDATE drafts SET text_sealed = (SELECT text_sealed FROM drafts WHERE user_id = 'usr_a' AND thread_id = 'thr_1') WHERE user_id = 'usr_b'`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.LoadDraft(ctx, "usr_b", "thr_1"); !errors.Is(err, seal.ErrTampered) {
		t.Fatalf("draft moved to another row: %v, want ErrTampered", err)
	}
	// Saving empty text discards; signing out removes the user's drafts.
	if err := c.SaveDraft(ctx, "usr_a", "thr_2", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.LoadDraft(ctx, "usr_a", "thr_2"); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("emptied draft: %v", err)
	}
	if n, err := c.DeleteUserDrafts(ctx, "usr_a"); err != nil || n != 1 {
		t.Fatalf("DeleteUserDrafts = %d, %v; want 1", n, err)
	}
	if _, err := c.LoadDraft(ctx, "usr_a", "thr_1"); !errors.Is(err, ErrNoDraft) {
		t.Fatalf("draft after sign-out: %v", err)
	}
	// A draft saved before the cutoff goes; none saved after it does.
	if n, _ := c.DeleteDraftsOlderThan(ctx, time.Now().Add(-time.Hour)); n != 0 {
		t.Fatalf("DeleteDraftsOlderThan removed %d fresh drafts, want 0", n)
	}
	if n, _ := c.DeleteDraftsOlderThan(ctx, time.Now().Add(time.Hour)); n != 1 {
		t.Fatalf("DeleteDraftsOlderThan removed %d, want usr_b's 1", n)
	}
	c.Close()

	// Nothing of the draft is readable in any file of the store.
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, needle := range []string{"Robert Chen", "03/14/1962", "5555550104", "chest pain", "see you at 3"} {
			if bytes.Contains(b, []byte(needle)) {
				t.Errorf("%s contains %q", filepath.Base(f), needle)
			}
		}
	}
}

func TestDraftsNeedTheKeys(t *testing.T) {
	c, err := OpenConsole(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SaveDraft(context.Background(), "u", "t", "x"); !errors.Is(err, ErrConsoleKeysClosed) {
		t.Fatalf("SaveDraft without keys: %v", err)
	}
}

func TestConsoleRotateKeysResealsDraftsAndRetiresTheOldKey(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "console")
	c := openDraftConsole(t, dir)
	for _, th := range []string{"thr_1", "thr_2", "thr_3"} {
		if err := c.SaveDraft(ctx, "usr_a", th, draftPHI+" "+th); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := c.RotateKeys(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Three drafts and the console's device key.
	if rep.KeyID != 2 || rep.Resealed != 4 || !slices.Equal(rep.Retired, []uint32{1}) {
		t.Fatalf("rotation = %+v", rep)
	}
	c.Close()
	c = openDraftConsole(t, dir)
	defer c.Close()
	if ids := c.keys.p.Load().KeyIDs(); !slices.Equal(ids, []uint32{2}) {
		t.Fatalf("key ids after rotation = %v, want [2]", ids)
	}
	if got, err := c.LoadDraft(ctx, "usr_a", "thr_2"); err != nil || got != draftPHI+" thr_2" {
		t.Fatalf("draft after rotation = %q, %v", got, err)
	}
	var actions []string
	rows, _ := c.db.Query(`SELECT action || ':' || outcome FROM audit WHERE action LIKE 'keys.%' ORDER BY seq`)
	for rows.Next() {
		var a string
		rows.Scan(&a)
		actions = append(actions, a)
	}
	rows.Close()
	if !slices.Contains(actions, "keys.rotate:started") || !slices.Contains(actions, "keys.rotate:ok") {
		t.Errorf("console audit key entries = %s", strings.Join(actions, " "))
	}
}
