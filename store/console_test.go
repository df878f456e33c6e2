package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
)

func openTestConsole(t *testing.T, dir string) *Console {
	t.Helper()
	c, err := OpenConsole(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func appendN(t *testing.T, c *Console, n int) {
	t.Helper()
	who := Actor{UserID: "u1", Role: api.RoleFrontDesk}
	for i := 0; i < n; i++ {
		if _, err := c.Append(context.Background(), who, "thread.view", "thread:t1", "ok", map[string]string{"i": string(rune('a' + i))}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConsoleChainSurvivesReopenAndVerifies(t *testing.T) {
	dir := t.TempDir()
	c := openTestConsole(t, dir)
	id := c.ID()
	appendN(t, c, 3)
	c.Close()

	c2 := openTestConsole(t, dir)
	if c2.ID() != id {
		t.Fatalf("console id changed across restarts: %s then %s", id, c2.ID())
	}
	appendN(t, c2, 2)
	n, err := c2.VerifyChain(context.Background())
	if err != nil || n != 5 {
		t.Fatalf("verify = %d, %v; want 5 entries intact", n, err)
	}
	pending, _ := c2.Pending(context.Background())
	if pending != 5 {
		t.Fatalf("pending = %d, want 5 (nothing synced yet)", pending)
	}
}

func TestConsoleTamperIsNamed(t *testing.T) {
	cases := []struct {
		name   string
		damage string
		want   audit.Damage
		seq    int64
	}{
		{"edited field", `UPDATE audit SET object = 'thread:other' WHERE seq = 2`, audit.DamageEdited, 2},
		{"deleted entry", `DELETE FROM audit WHERE seq = 2`, audit.DamageGap, 2},
		{"hash replaced", `UPDATE audit SET hash = 'f00d' WHERE seq = 2`, audit.DamageEdited, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := openTestConsole(t, t.TempDir())
			appendN(t, c, 4)
			if _, err := c.DB().Exec(tc.damage); err != nil {
				t.Fatal(err)
			}
			_, err := c.VerifyChain(context.Background())
			var be *audit.BreakError
			if !errors.As(err, &be) || be.Damage != tc.want || be.Seq != tc.seq {
				t.Fatalf("verify = %v; want %s at entry %d", err, tc.want, tc.seq)
			}
		})
	}
}

func TestConsoleAppendFailsClosedOnReadOnlyStore(t *testing.T) {
	dir := t.TempDir()
	c := openTestConsole(t, dir)
	appendN(t, c, 1)
	// A store that refuses writes (here: query_only, as a full or
	// read-only disk would) must refuse the entry, and so the action.
	if _, err := c.DB().Exec(`PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	c.DB().SetMaxOpenConns(1)
	if _, err := c.DB().Exec(`PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	_, err := c.Append(context.Background(), Actor{UserID: "u1"}, "send.request", "thread:t1", "ok", nil)
	if err == nil {
		t.Fatal("append succeeded on a read-only store")
	}
	if n, _ := c.Pending(context.Background()); n != 1 {
		t.Fatalf("pending = %d after a refused append, want 1", n)
	}
}

func TestConsoleReadOnlyFileRefusesOpen(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	dir := t.TempDir()
	c := openTestConsole(t, dir)
	c.Close()
	os.Chmod(filepath.Join(dir, ConsoleDBName), 0o400)
	if _, err := OpenConsole(context.Background(), dir, func() time.Time { return time.Now() }); err == nil {
		t.Fatal("opened a read-only store for writing")
	}
}

func TestAppendTimeNeverRunsBackwards(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := []time.Time{t0, t0.Add(-time.Hour), t0.Add(time.Second)}
	i := 0
	c, err := OpenConsole(context.Background(), t.TempDir(), func() time.Time { i++; return clock[i-1] })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var got []time.Time
	for range clock {
		e, err := c.Append(context.Background(), Actor{UserID: "u1"}, "thread.view", "thread:t1", "ok", nil)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.At)
	}
	// The clock stepped back an hour: the entry keeps the previous time.
	if !got[1].Equal(t0) || !got[2].Equal(t0.Add(time.Second)) {
		t.Fatalf("entry times %v; want %v, %v, %v", got, t0, t0, t0.Add(time.Second))
	}
	if _, err := c.VerifyChain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestOutboxBlocksRatherThanDrops(t *testing.T) {
	ctx := context.Background()
	c := openTestConsole(t, t.TempDir())
	c.SetMaxPending(3)
	appendN(t, c, 3)
	_, err := c.Append(ctx, Actor{UserID: "u1"}, "thread.view", "thread:t1", "ok", nil)
	if !errors.Is(err, ErrOutboxFull) || !errors.Is(err, ErrAuditUnwritable) {
		t.Fatalf("append to a full outbox: %v; want ErrOutboxFull (and so no action)", err)
	}
	// Signing in stays possible: the backlog drains only through a session.
	if _, err := c.AppendSession(ctx, Actor{UserID: "u1"}, "login", "user:u1", "ok", nil); err != nil {
		t.Fatalf("sign-in refused by a full outbox: %v", err)
	}
	head, _ := c.loadHead(ctx)
	if err := c.MarkSynced(ctx, head.Seq, head.Hash); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Append(ctx, Actor{UserID: "u1"}, "thread.view", "thread:t1", "ok", nil); err != nil {
		t.Fatalf("append after the backlog was delivered: %v", err)
	}
	n, err := c.VerifyChain(ctx)
	if err != nil || n != 5 {
		t.Fatalf("chain = %d entries, %v; want all 5 kept", n, err)
	}
	if p, _ := c.Pending(ctx); p != 1 || c.pending != 1 {
		t.Fatalf("pending = %d (counter %d), want 1", p, c.pending)
	}
}
