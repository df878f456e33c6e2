package store

import (
	"context"
	"errors"
	"fmt"
	"os/user"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/clinicwa/triage/store/seal"
)

// ConsoleKeyConfig says where the console's sealing keys come from. The
// order is the OS keyring (service seal.ServiceConsole, account = the
// console's id), then the passphrase file, then, for `triage demo` only,
// the demo key in the data folder.
type ConsoleKeyConfig struct {
	// PassphraseFile is TRIAGE_KEY_PASSPHRASE_FILE: the fallback when
	// there is no OS keyring, and the recovery wrapping when there is.
	PassphraseFile string
	// PreferPassphrase opens with the passphrase before the keyring.
	PreferPassphrase bool
	// AllowDemoKey permits the demo key (the demo only).
	AllowDemoKey bool
	// DemoDir is the data folder holding the demo key.
	DemoDir string
	// Keyring replaces the OS keyring (tests); nil means the OS keyring.
	Keyring seal.Keyring
	// KeyringTimeout bounds each keyring call (seal.DefaultKeyringTimeout).
	KeyringTimeout time.Duration
}

// consoleKeys holds the console's sealing keys once OpenConsoleKeys has
// opened them; nil before.
type consoleKeys struct{ p atomic.Pointer[seal.Keys] }

// ErrConsoleKeysClosed means drafts were used before OpenConsoleKeys.
var ErrConsoleKeysClosed = errors.New("the console's keys are not open: drafts cannot be kept")

// OpenConsoleKeys opens (creating on first use) the console's sealing
// keys, wrapped in the console store's own keys table. The returned
// Source's Warning, when set, must be shown before the console starts and
// is recorded in the console's audit chain ("keys.open", degraded=true).
func OpenConsoleKeys(ctx context.Context, c *Console, cfg ConsoleKeyConfig) (seal.Source, error) {
	keys, src, err := seal.OpenKeys(ctx, seal.Config{
		Service:          seal.ServiceConsole,
		StoreID:          c.id,
		KeyStore:         seal.SQLKeyStore(c.db, "keys"),
		PassphraseFile:   cfg.PassphraseFile,
		PassphraseEnv:    seal.EnvPassphraseFileConsole,
		PreferPassphrase: cfg.PreferPassphrase,
		AllowDemoKey:     cfg.AllowDemoKey,
		DemoDir:          cfg.DemoDir,
		Keyring:          cfg.Keyring,
		KeyringTimeout:   cfg.KeyringTimeout,
	})
	if err != nil {
		return src, fmt.Errorf("console keys: %w", err)
	}
	// The device key is kept (or opened) before anything is recorded, so
	// it is never lost once the console's keys exist.
	if err := c.sealDevice(ctx, keys); err != nil {
		return src, err
	}
	detail := map[string]string{"kek": string(src.Kind), "created": strconv.FormatBool(src.Created)}
	if src.Warning != "" {
		detail["degraded"] = "true"
	}
	if _, err := c.Append(ctx, Actor{UserID: "system"}, "keys.open", "store", "ok", detail); err != nil {
		return src, err
	}
	c.keys.p.Store(keys)
	return src, nil
}

func (c *Console) sealKeys() (*seal.Keys, error) {
	k := c.keys.p.Load()
	if k == nil {
		return nil, ErrConsoleKeysClosed
	}
	return k, nil
}

// ConsoleSealedColumns lists every sealed column of the console store,
// for rotation.
func ConsoleSealedColumns() []seal.Column {
	return []seal.Column{
		{Table: "drafts", Column: "text_sealed", Bind: "text", RowID: "id"},
		{Table: "device", Column: "private_sealed", Bind: deviceSealBind, RowID: "id"},
	}
}

// ConsoleRotateReport says what a rotation of the console's keys did: key
// ids and counts only.
type ConsoleRotateReport struct {
	Resumed  bool
	KeyID    uint32
	Resealed int
	Retired  []uint32
}

// RotateKeys makes a new data key current for the console store, reseals
// every draft under it and retires the old keys. If an earlier rotation
// was interrupted, it finishes that one instead of starting another. Each
// step is recorded in the console's audit chain (key ids and counts).
// The console must not be running on the same data folder.
func (c *Console) RotateKeys(ctx context.Context, batch int) (ConsoleRotateReport, error) {
	var rep ConsoleRotateReport
	keys, err := c.sealKeys()
	if err != nil {
		return rep, err
	}
	who := Actor{UserID: operatorID()}
	if pending := keys.PendingKeyIDs(); len(pending) > 0 {
		rep.Resumed = true
		if _, err := c.Append(ctx, who, "keys.rotate", "store", "resumed", map[string]string{"key_id": u32(keys.CurrentKeyID()), "pending": joinIDs(pending)}); err != nil {
			return rep, err
		}
	} else {
		old := keys.CurrentKeyID()
		id, err := keys.Rotate(ctx)
		if err != nil {
			return rep, fmt.Errorf("console keys: rotate: %w", err)
		}
		if _, err := c.Append(ctx, who, "keys.rotate", "store", "started", map[string]string{"key_id": u32(id), "previous_key_id": u32(old)}); err != nil {
			return rep, err
		}
	}
	rep.KeyID = keys.CurrentKeyID()
	pending := keys.PendingKeyIDs()
	n, err := keys.CompleteRotation(ctx, c.db, ConsoleSealedColumns(), batch)
	rep.Resealed = n
	if err != nil {
		return rep, fmt.Errorf("console keys: rotation stopped; run it again to resume: %w", err)
	}
	rep.Retired = pending
	_, err = c.Append(ctx, who, "keys.rotate", "store", "ok", map[string]string{"key_id": u32(rep.KeyID), "resealed": strconv.Itoa(n), "retired": joinIDs(pending)})
	return rep, err
}

// operatorID names the operating-system account running a key command.
func operatorID() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "os:" + u.Username
	}
	return "os:unknown"
}

func u32(id uint32) string { return strconv.FormatUint(uint64(id), 10) }

func joinIDs(ids []uint32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = u32(id)
	}
	return strings.Join(s, ",")
}
