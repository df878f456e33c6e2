package seal

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zalando/go-keyring"
	"golang.org/x/crypto/argon2"
)

// Keyring service names. The account is the store id, so one keyring can
// hold the KEKs of several stores (a console per clinic user, a test store).
const (
	// ServiceConsole is the keyring service of the triage console.
	ServiceConsole = "triage-console"
	// ServiceServer is the keyring service of the central endpoint, triaged.
	ServiceServer = "triaged"
)

// Environment variables naming the passphrase file for the fallback KEK.
// The package never reads them itself; the binaries pass the value in
// Config.PassphraseFile and the name in Config.PassphraseEnv.
const (
	// EnvPassphraseFileConsole names the console's passphrase file.
	EnvPassphraseFileConsole = "TRIAGE_KEY_PASSPHRASE_FILE"
	// EnvPassphraseFileServer names the central endpoint's passphrase file.
	EnvPassphraseFileServer = "TRIAGED_KEY_PASSPHRASE_FILE"
)

// MinPassphraseLen is the shortest passphrase (in characters) accepted
// when a passphrase wrapping is created; SP 800-63B-4 asks 15 for a
// secret used on its own.
const MinPassphraseLen = 15

// DemoSecretFile is the file in Config.DemoDir holding the demo secret.
const DemoSecretFile = "demo-kek.secret"

// DefaultKeyringTimeout bounds each keyring call when Config.KeyringTimeout
// is zero. A locked keyring may show an unlock prompt, so it is generous;
// on a headless machine nobody answers, and the store falls back instead
// of hanging.
const DefaultKeyringTimeout = 60 * time.Second

var (
	// ErrKeyringUnavailable means the OS keyring could not be used at all
	// (no Secret Service, no session bus, locked, timed out).
	ErrKeyringUnavailable = errors.New("seal: OS keyring unavailable")
	// ErrKeyringEntryMissing means the store has keys wrapped by the
	// keyring but the keyring holds no entry for them. No new key is ever
	// made over existing data.
	ErrKeyringEntryMissing = errors.New("seal: keyring entry for this key store is missing")
	// ErrKeyringEntryMismatch means the keyring entry exists but does not
	// open the store's keys (it was replaced, or belongs to another copy).
	ErrKeyringEntryMismatch = errors.New("seal: keyring entry does not open this key store")
	// ErrWrongPassphrase means the passphrase file does not open the keys.
	ErrWrongPassphrase = errors.New("seal: wrong passphrase")
	// ErrNoKeySource means no KEK source was usable.
	ErrNoKeySource = errors.New("seal: no key source available")
)

// Keyring is the subset of an OS keyring the store needs. The default is
// the OS keyring through github.com/zalando/go-keyring; a Get for a
// missing entry must return an error wrapping keyring.ErrNotFound.
type Keyring interface {
	Get(service, account string) (string, error)
	Set(service, account, secret string) error
	Delete(service, account string) error
}

// OSKeyring is the operating system's keyring: Secret Service over D-Bus on
// Linux and the BSDs, Keychain on macOS, Credential Manager on Windows.
type OSKeyring struct{}

// Get implements Keyring.
func (OSKeyring) Get(service, account string) (string, error) {
	if err := sessionBusCheck(); err != nil {
		return "", err
	}
	return keyring.Get(service, account)
}

// Set implements Keyring.
func (OSKeyring) Set(service, account, secret string) error {
	if err := sessionBusCheck(); err != nil {
		return err
	}
	return keyring.Set(service, account, secret)
}

// Delete implements Keyring.
func (OSKeyring) Delete(service, account string) error {
	if err := sessionBusCheck(); err != nil {
		return err
	}
	return keyring.Delete(service, account)
}

// Config says where a store's keys are kept and which KEK sources it may
// use.
type Config struct {
	// Service is the keyring service: ServiceConsole or ServiceServer.
	Service string
	// StoreID names the store: the keyring account, and bound into every
	// wrapping. It must be stable for the life of the data (keep it in
	// the data folder); it is not secret.
	StoreID string
	// KeyStore holds the wrapped keys, normally SQLKeyStore(db, "keys").
	KeyStore KeyStore
	// PassphraseFile, when set, names a file whose content (one trailing
	// newline trimmed) is the fallback or recovery passphrase. When the
	// keyring is used for a new store, the keys are also wrapped by this
	// passphrase, so it can recover them if the keyring entry is lost.
	PassphraseFile string
	// PassphraseEnv is the variable the caller read PassphraseFile from,
	// quoted in messages that tell the operator what to set.
	PassphraseEnv string
	// PreferPassphrase skips the keyring: a new store is wrapped by the
	// passphrase only, and an existing one is opened with it first.
	PreferPassphrase bool
	// AllowDemoKey permits, when neither the keyring nor a passphrase is
	// usable, a KEK derived from a secret kept in DemoDir. The caller must
	// show Source.Warning; such a store is not protected at rest.
	AllowDemoKey bool
	// DemoDir is the data folder for the demo secret.
	DemoDir string
	// Keyring replaces the OS keyring (tests); nil means OSKeyring.
	Keyring Keyring
	// KeyringTimeout bounds each keyring call; zero means
	// DefaultKeyringTimeout.
	KeyringTimeout time.Duration
}

// Source reports which KEK opened the keys. Warning, when not empty, must
// be shown to the operator (console: before the TUI starts; server: in its
// log at startup) and recorded in the audit log.
type Source struct {
	Kind KEKKind
	// Service and Account name the keyring entry (Kind == KEKKeyring).
	Service, Account string
	// File is the passphrase file or the demo secret file.
	File string
	// Created is true when the store had no keys and new ones were made.
	Created bool
	// Recovery lists the other KEK kinds that also wrap the keys.
	Recovery []KEKKind
	// Warning says, in words an operator can act on, why custody is weaker
	// than the OS keyring; empty when it is not.
	Warning string
}

// String describes the source without any secret.
func (s Source) String() string {
	var b strings.Builder
	switch s.Kind {
	case KEKKeyring:
		fmt.Fprintf(&b, "OS keyring (service %q, account %q)", s.Service, s.Account)
	case KEKPassphrase:
		fmt.Fprintf(&b, "passphrase file %s", s.File)
	case KEKDemo:
		fmt.Fprintf(&b, "DEMO key file %s", s.File)
	default:
		b.WriteString("no key source")
	}
	for _, r := range s.Recovery {
		fmt.Fprintf(&b, "; recovery: %s", r)
	}
	return b.String()
}

// kek is an unwrapped key-encryption key and, for a passphrase, how it was
// derived.
type kek struct {
	key  []byte
	kdf  string
	salt []byte
	file string
	note string // a problem the operator should hear about, e.g. file mode
}

type custody struct {
	cfg  Config
	ring Keyring
	keks map[KEKKind]kek
}

// OpenKeys opens the store's keys, creating them on first use.
//
// Order for an existing store: the OS keyring (unless PreferPassphrase),
// then the passphrase file, then the demo secret (only with AllowDemoKey).
// A wrong passphrase stops at once with ErrWrongPassphrase. Keys wrapped by
// a keyring entry that is missing yield ErrKeyringEntryMissing unless
// another configured source opens them; a new key is never made over
// existing wrapped keys.
//
// For a new store the first usable source wraps a fresh random data key
// (id 1) and index key; if that source is the keyring and PassphraseFile is
// set, the passphrase wraps them too, as recovery.
func OpenKeys(ctx context.Context, cfg Config) (*Keys, Source, error) {
	if cfg.StoreID == "" || cfg.KeyStore == nil || cfg.Service == "" {
		return nil, Source{}, errors.New("seal: Config needs Service, StoreID and KeyStore")
	}
	c := &custody{cfg: cfg, ring: cfg.Keyring, keks: map[KEKKind]kek{}}
	if c.ring == nil {
		c.ring = OSKeyring{}
	}
	rows, err := cfg.KeyStore.LoadWrappedKeys(ctx)
	if err != nil {
		return nil, Source{}, err
	}
	for _, w := range rows {
		if w.StoreID != cfg.StoreID {
			return nil, Source{}, fmt.Errorf("seal: the key table belongs to store %q, not %q: this database was copied from another store or the store id changed", w.StoreID, cfg.StoreID)
		}
	}
	if len(rows) == 0 {
		return c.create(ctx)
	}
	return c.open(ctx, rows)
}

func (c *custody) order() []KEKKind {
	if c.cfg.PreferPassphrase {
		return []KEKKind{KEKPassphrase, KEKKeyring, KEKDemo}
	}
	return []KEKKind{KEKKeyring, KEKPassphrase, KEKDemo}
}

func (c *custody) passphraseEnv() string {
	if c.cfg.PassphraseEnv != "" {
		return c.cfg.PassphraseEnv
	}
	return "the passphrase file setting"
}

func (c *custody) create(ctx context.Context) (*Keys, Source, error) {
	var notes []string
	var primary KEKKind
	for _, kind := range c.order() {
		if kind == KEKKeyring && c.cfg.PreferPassphrase {
			continue // an operator who prefers the passphrase wants it alone
		}
		if kind == KEKPassphrase && c.cfg.PassphraseFile == "" {
			continue
		}
		if kind == KEKDemo && !c.cfg.AllowDemoKey {
			continue
		}
		k, err := c.obtain(ctx, kind, nil, true)
		if errors.Is(err, ErrKeyringUnavailable) {
			notes = append(notes, err.Error())
			continue
		}
		if err != nil {
			return nil, Source{}, err
		}
		c.keks[kind] = k
		primary = kind
		break
	}
	if primary == "" {
		notes = append(notes, fmt.Sprintf("no passphrase file is set (%s)", c.passphraseEnv()))
		return nil, Source{}, fmt.Errorf("%w for new key store %q: %s. Start a keyring session (Secret Service, Keychain or Credential Manager) or set %s to a file holding a passphrase of at least %d characters",
			ErrNoKeySource, c.cfg.StoreID, strings.Join(notes, "; "), c.passphraseEnv(), MinPassphraseLen)
	}
	if primary == KEKKeyring && c.cfg.PassphraseFile != "" {
		k, err := c.obtain(ctx, KEKPassphrase, nil, true)
		if err != nil {
			return nil, Source{}, err
		}
		c.keks[KEKPassphrase] = k
	}

	dataKey, indexKey := make([]byte, 32), make([]byte, 32)
	if _, err := rand.Read(dataKey); err != nil {
		return nil, Source{}, err
	}
	if _, err := rand.Read(indexKey); err != nil {
		return nil, Source{}, err
	}
	var put []WrappedKey
	for kind := range c.keks {
		for _, p := range []struct {
			purpose Purpose
			raw     []byte
		}{{PurposeData, dataKey}, {PurposeIndex, indexKey}} {
			w, err := c.wrap(kind, p.purpose, 1, p.raw)
			if err != nil {
				return nil, Source{}, err
			}
			put = append(put, w)
		}
	}
	if err := c.cfg.KeyStore.StoreWrappedKeys(ctx, put, nil); err != nil {
		return nil, Source{}, err
	}
	keys, err := NewKeys(map[uint32][]byte{1: dataKey}, 1, indexKey)
	if err != nil {
		return nil, Source{}, err
	}
	keys.custody = c
	src := c.source(primary, notes)
	src.Created = true
	return keys, src, nil
}

func (c *custody) open(ctx context.Context, rows []WrappedKey) (*Keys, Source, error) {
	present := map[KEKKind]bool{}
	for _, w := range rows {
		if w.Purpose == PurposeIndex {
			present[w.KEK] = true
		}
	}
	if len(present) == 0 {
		return nil, Source{}, fmt.Errorf("seal: key store %q holds data keys but no index key: the key table is damaged; restore the database from backup", c.cfg.StoreID)
	}
	var notes []string
	var missingEntry bool
	for _, kind := range c.order() {
		if !present[kind] {
			continue
		}
		switch {
		case kind == KEKDemo && !c.cfg.AllowDemoKey:
			notes = append(notes, "the keys are wrapped by a demo key, which this program was not asked to allow")
			continue
		case kind == KEKPassphrase && c.cfg.PassphraseFile == "":
			notes = append(notes, fmt.Sprintf("the keys are also wrapped by a passphrase, but no passphrase file is set (%s)", c.passphraseEnv()))
			continue
		}
		k, err := c.obtain(ctx, kind, rows, false)
		if errors.Is(err, ErrKeyringEntryMissing) {
			missingEntry = true
		}
		if errors.Is(err, ErrKeyringUnavailable) || errors.Is(err, ErrKeyringEntryMissing) {
			notes = append(notes, err.Error())
			continue
		}
		if err != nil {
			return nil, Source{}, err
		}
		keys, err := c.unwrapAll(kind, k, rows)
		if errors.Is(err, ErrKeyringEntryMismatch) {
			notes = append(notes, err.Error())
			continue
		}
		if err != nil {
			return nil, Source{}, err
		}
		c.keks[kind] = k
		keys.custody = c
		return keys, c.source(kind, notes), nil
	}
	if missingEntry {
		return nil, Source{}, fmt.Errorf("%w: key store %q is wrapped by keyring entry service %q account %q, which is not there. Nothing was changed and no new key was made. Restore that keyring entry from backup, or, if a recovery passphrase was set up, set %s to its file and open again, then rewrap to the keyring (details: %s)",
			ErrKeyringEntryMissing, c.cfg.StoreID, c.cfg.Service, c.cfg.StoreID, c.passphraseEnv(), strings.Join(notes, "; "))
	}
	return nil, Source{}, fmt.Errorf("%w for key store %q: %s", ErrNoKeySource, c.cfg.StoreID, strings.Join(notes, "; "))
}

// source describes kind as the source that opened the keys; notes say why
// earlier sources were passed over.
func (c *custody) source(kind KEKKind, notes []string) Source {
	s := Source{Kind: kind}
	for k := range c.keks {
		if k != kind {
			s.Recovery = append(s.Recovery, k)
		}
	}
	slices.Sort(s.Recovery)
	k := c.keks[kind]
	if k.note != "" {
		notes = append(notes, k.note)
	}
	switch kind {
	case KEKKeyring:
		s.Service, s.Account = c.cfg.Service, c.cfg.StoreID
		if len(notes) > 0 {
			s.Warning = "key custody note: " + strings.Join(notes, "; ")
		}
	case KEKPassphrase:
		s.File = k.file
		s.Warning = fmt.Sprintf("KEY CUSTODY DEGRADED: the keys of store %q are protected by the passphrase in %s, not by the OS keyring. "+
			"Anyone who can read that file and the database can read patient data: keep the file on separate, access-controlled storage (mode 0600), "+
			"or move the keys into the keyring when one is available", c.cfg.StoreID, k.file)
		if len(notes) > 0 {
			s.Warning += " (" + strings.Join(notes, "; ") + ")"
		}
	case KEKDemo:
		s.File = k.file
		s.Warning = fmt.Sprintf("DEMO KEY – not for patient data: the keys of store %q are protected by a secret kept beside the data in %s, so anyone with the data folder can read it. Use synthetic data only", c.cfg.StoreID, k.file)
		if len(notes) > 0 {
			s.Warning += " (" + strings.Join(notes, "; ") + ")"
		}
	}
	return s
}

// obtain returns the KEK of kind. rows, when not nil, are the existing
// wrappings (a passphrase KEK reuses their salt). With create, a missing
// keyring entry or demo secret is made; without it, a missing keyring entry
// is ErrKeyringEntryMissing.
func (c *custody) obtain(ctx context.Context, kind KEKKind, rows []WrappedKey, create bool) (kek, error) {
	switch kind {
	case KEKKeyring:
		return c.keyringKEK(ctx, create)
	case KEKPassphrase:
		return c.passphraseKEK(c.cfg.PassphraseFile, rows, create)
	case KEKDemo:
		return c.demoKEK(create)
	}
	return kek{}, fmt.Errorf("seal: unknown key source %q", kind)
}

// ringCall runs f against the keyring with a time limit: a locked keyring
// can wait for an unlock prompt nobody will answer.
func (c *custody) ringCall(ctx context.Context, f func() (string, error)) (string, error) {
	timeout := c.cfg.KeyringTimeout
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		v   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("no answer from the keyring within %s (locked, waiting for an unlock prompt?)", timeout)
	}
}

func (c *custody) keyringKEK(ctx context.Context, create bool) (kek, error) {
	service, account := c.cfg.Service, c.cfg.StoreID
	v, err := c.ringCall(ctx, func() (string, error) { return c.ring.Get(service, account) })
	switch {
	case err == nil:
		raw, derr := base64.StdEncoding.DecodeString(v)
		if derr != nil || len(raw) != 32 {
			return kek{}, fmt.Errorf("%w: keyring entry service %q account %q is not a 32-byte base64 key (edited by hand?)", ErrKeyringEntryMismatch, service, account)
		}
		return kek{key: raw}, nil
	case errors.Is(err, keyring.ErrNotFound):
		if !create {
			return kek{}, fmt.Errorf("%w (service %q, account %q)", ErrKeyringEntryMissing, service, account)
		}
	default:
		// Every error other than ErrNotFound means the keyring cannot be
		// used here: go-keyring reports D-Bus, locking and platform
		// problems as plain errors.
		return kek{}, fmt.Errorf("%w: %v", ErrKeyringUnavailable, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return kek{}, err
	}
	if _, err := c.ringCall(ctx, func() (string, error) {
		return "", c.ring.Set(service, account, base64.StdEncoding.EncodeToString(raw))
	}); err != nil {
		return kek{}, fmt.Errorf("%w: storing the new key: %v", ErrKeyringUnavailable, err)
	}
	// Read it back: some keyrings accept a write into a collection that
	// will not survive the session.
	v, err = c.ringCall(ctx, func() (string, error) { return c.ring.Get(service, account) })
	if err != nil || v != base64.StdEncoding.EncodeToString(raw) {
		return kek{}, fmt.Errorf("%w: the keyring did not return the key just stored", ErrKeyringUnavailable)
	}
	return kek{key: raw}, nil
}

// Argon2id parameters for new passphrase wrappings: RFC 9106 §4, second
// recommended option (t=3, 64 MiB, p=4), 16-byte salt, 32-byte key. It is
// above the OWASP minimum (t=2, 19 MiB, p=1). Existing wrappings keep the
// parameters recorded with them. A variable so tests can use cheap values.
var argonParams = argon2Params{time: 3, memoryKiB: 64 * 1024, threads: 4}

type argon2Params struct {
	time, memoryKiB uint32
	threads         uint8
}

func (p argon2Params) String() string {
	return fmt.Sprintf("argon2id$v=%d$m=%d,t=%d,p=%d", argon2.Version, p.memoryKiB, p.time, p.threads)
}

func parseArgon2(s string) (argon2Params, error) {
	var v int
	var p argon2Params
	if n, err := fmt.Sscanf(s, "argon2id$v=%d$m=%d,t=%d,p=%d", &v, &p.memoryKiB, &p.time, &p.threads); err != nil || n != 4 || v != argon2.Version {
		return p, fmt.Errorf("seal: unsupported passphrase KDF %q", s)
	}
	// Bounds keep an edited row from asking for terabytes or a day of work.
	if p.time < 1 || p.time > 64 || p.threads < 1 || p.memoryKiB < 8*uint32(p.threads) || p.memoryKiB > 4<<20 {
		return p, fmt.Errorf("seal: passphrase KDF parameters out of range: %q", s)
	}
	return p, nil
}

func readPassphrase(path string, creating bool) ([]byte, string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, "", fmt.Errorf("seal: passphrase file: %w", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("seal: passphrase file: %w", err)
	}
	b = []byte(strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"))
	if len(b) == 0 {
		return nil, "", fmt.Errorf("seal: passphrase file %s is empty", path)
	}
	if creating && (!utf8.Valid(b) || utf8.RuneCount(b) < MinPassphraseLen) {
		return nil, "", fmt.Errorf("seal: the passphrase in %s is shorter than %d characters (or not UTF-8); choose a longer one", path, MinPassphraseLen)
	}
	var note string
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		note = fmt.Sprintf("passphrase file %s is readable by other users (mode %#o): chmod 600 it", path, info.Mode().Perm())
	}
	return b, note, nil
}

func (c *custody) passphraseKEK(path string, rows []WrappedKey, create bool) (kek, error) {
	if path == "" {
		return kek{}, fmt.Errorf("seal: no passphrase file is set (%s)", c.passphraseEnv())
	}
	var kdf string
	var salt []byte
	for _, w := range rows {
		if w.KEK == KEKPassphrase && w.Purpose == PurposeIndex {
			kdf, salt = w.KDF, w.Salt
		}
	}
	creating := kdf == ""
	if creating && !create {
		return kek{}, fmt.Errorf("seal: key store %q has no passphrase wrapping", c.cfg.StoreID)
	}
	pass, note, err := readPassphrase(path, creating)
	if err != nil {
		return kek{}, err
	}
	p := argonParams
	if creating {
		kdf = p.String()
		salt = make([]byte, 16)
		if _, err := rand.Read(salt); err != nil {
			return kek{}, err
		}
	} else if p, err = parseArgon2(kdf); err != nil {
		return kek{}, err
	}
	key := argon2.IDKey(pass, salt, p.time, p.memoryKiB, p.threads, 32)
	return kek{key: key, kdf: kdf, salt: salt, file: path, note: note}, nil
}

func (c *custody) demoKEK(create bool) (kek, error) {
	if !c.cfg.AllowDemoKey || c.cfg.DemoDir == "" {
		return kek{}, errors.New("seal: demo keys need AllowDemoKey and DemoDir")
	}
	path := filepath.Join(c.cfg.DemoDir, DemoSecretFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && create {
		if werr := writeDemoSecret(c.cfg.DemoDir, path); werr != nil {
			return kek{}, werr
		}
		b, err = os.ReadFile(path) // another process may have won the race
	}
	if err != nil {
		return kek{}, fmt.Errorf("seal: demo secret: %w", err)
	}
	secret, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(secret) != 32 {
		return kek{}, fmt.Errorf("seal: demo secret %s is damaged", path)
	}
	m := hmac.New(sha256.New, secret)
	m.Write(lengthPrefixed("triage-demo-kek-v1", c.cfg.StoreID))
	return kek{key: m.Sum(nil), file: path}, nil
}

// writeDemoSecret creates the demo secret file unless it already exists.
func writeDemoSecret(dir, path string) error {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("seal: demo secret: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("seal: demo secret: %w", err)
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(secret) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("seal: demo secret: %w", err)
	}
	return nil
}

// wrapVersion is the first byte of a wrapped key.
const wrapVersion = 1

func (c *custody) wrapAD(purpose Purpose, id uint32) []byte {
	return lengthPrefixed("triage-keywrap-v1", c.cfg.StoreID, string(purpose), strconv.FormatUint(uint64(id), 10))
}

func (c *custody) wrap(kind KEKKind, purpose Purpose, id uint32, raw []byte) (WrappedKey, error) {
	k := c.keks[kind]
	a, err := newAEAD(k.key)
	if err != nil {
		return WrappedKey{}, err
	}
	out := make([]byte, 1+12, 1+12+len(raw)+a.Overhead())
	out[0] = wrapVersion
	if _, err := rand.Read(out[1:13]); err != nil {
		return WrappedKey{}, err
	}
	out = a.Seal(out, out[1:13], raw, c.wrapAD(purpose, id))
	return WrappedKey{
		WrappedKeyID: WrappedKeyID{Purpose: purpose, ID: id, KEK: kind},
		StoreID:      c.cfg.StoreID,
		Wrapped:      out,
		KDF:          k.kdf,
		Salt:         k.salt,
		Created:      time.Now(),
	}, nil
}

// errUnwrap is returned by unwrap when GCM authentication fails.
var errUnwrap = errors.New("unwrap failed")

func (c *custody) unwrap(k kek, w WrappedKey) ([]byte, error) {
	if len(w.Wrapped) != 1+12+32+16 || w.Wrapped[0] != wrapVersion {
		return nil, fmt.Errorf("seal: wrapped %s key %d (%s) is malformed", w.Purpose, w.ID, w.KEK)
	}
	a, err := newAEAD(k.key)
	if err != nil {
		return nil, err
	}
	raw, err := a.Open(nil, w.Wrapped[1:13], w.Wrapped[13:], c.wrapAD(w.Purpose, w.ID))
	if err != nil {
		return nil, errUnwrap
	}
	return raw, nil
}

// unwrapAll opens every key under kind. Every key must be wrapped by every
// KEK kind in use; Rotate and RewrapKEK keep it so.
func (c *custody) unwrapAll(kind KEKKind, k kek, rows []WrappedKey) (*Keys, error) {
	all := map[WrappedKeyID]bool{}
	mine := map[WrappedKeyID]WrappedKey{}
	var index WrappedKey
	for _, w := range rows {
		all[WrappedKeyID{Purpose: w.Purpose, ID: w.ID}] = true
		if w.KEK == kind {
			mine[WrappedKeyID{Purpose: w.Purpose, ID: w.ID}] = w
			if w.Purpose == PurposeIndex {
				index = w
			}
		}
	}
	// The index key is opened first: failing there means the KEK is wrong.
	indexKey, err := c.unwrap(k, index)
	if errors.Is(err, errUnwrap) {
		switch kind {
		case KEKPassphrase:
			return nil, fmt.Errorf("%w for key store %q (file %s)", ErrWrongPassphrase, c.cfg.StoreID, k.file)
		case KEKKeyring:
			return nil, fmt.Errorf("%w: keyring entry service %q account %q does not open key store %q (replaced, or from another machine's copy)", ErrKeyringEntryMismatch, c.cfg.Service, c.cfg.StoreID, c.cfg.StoreID)
		default:
			return nil, fmt.Errorf("seal: the demo secret %s does not open key store %q", k.file, c.cfg.StoreID)
		}
	}
	if err != nil {
		return nil, err
	}
	data := map[uint32][]byte{}
	var current uint32
	for id := range all {
		if id.Purpose != PurposeData {
			continue
		}
		w, ok := mine[id]
		if !ok {
			return nil, fmt.Errorf("seal: data key %d of store %q has no %s wrapping; open with another key source and rewrap", id.ID, c.cfg.StoreID, kind)
		}
		raw, err := c.unwrap(k, w)
		if err != nil {
			return nil, fmt.Errorf("seal: data key %d of store %q does not open under the %s key: the key table was altered", id.ID, c.cfg.StoreID, kind)
		}
		data[id.ID] = raw
		current = max(current, id.ID)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("seal: key store %q has no data key: the key table is damaged; restore the database from backup", c.cfg.StoreID)
	}
	return NewKeys(data, current, indexKey)
}
