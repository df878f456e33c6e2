package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store"
	"github.com/clinicwa/triage/store/central"
	"github.com/clinicwa/triage/store/remote"
)

// nopProvider is a provider that is never asked to send in these tests.
type nopProvider struct{}

func (nopProvider) Name() string { return "cloudapi" }
func (nopProvider) Send(context.Context, bsp.SendRequest) (bsp.SendResult, error) {
	return bsp.SendResult{}, errors.New("not in this test")
}
func (nopProvider) MarkRead(context.Context, string) error { return nil }

const deskPassword = "plum-otter-lantern-97"

// selfSignedCert writes a certificate for 127.0.0.1 and its key, and
// returns their paths; the certificate is its own CA.
func selfSignedCert(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "triaged test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// startTriaged runs a central endpoint over TLS on 127.0.0.1 with a
// passphrase-file key and one front-desk user.
func startTriaged(t *testing.T, dataDir, passphrase string) (url, caFile string) {
	t.Helper()
	cert, key := selfSignedCert(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	addr, errc, err := central.Run(ctx, central.Config{
		DataDir: dataDir, Addr: "127.0.0.1:0", TLSCertFile: cert, TLSKeyFile: key,
		KeyPassphraseFile: passphrase, Keyring: failingKeyring{}, Provider: nopProvider{},
		WhatsAppAppSecret: "s", WhatsAppVerifyToken: "v",
		SeedUsers: []central.SeedUser{{Username: "desk", Password: deskPassword, Role: "frontdesk"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		<-errc
	})
	return "https://" + addr, cert
}

func TestConsoleTrustsCustomCAAndRefusesPlainHTTP(t *testing.T) {
	passphrase := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	url, caFile := startTriaged(t, t.TempDir(), passphrase)
	ctx := context.Background()

	con, err := store.OpenConsole(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()

	// Without the clinic's CA the certificate is not trusted.
	plain, err := serverClient(url, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewClient(url, plain, con).SignIn(ctx, "desk", deskPassword, ""); err == nil {
		t.Fatal("signed in over TLS to a server whose certificate no trusted CA signed")
	}
	trusted, err := serverClient(url, caFile)
	if err != nil {
		t.Fatal(err)
	}
	c := store.NewClient(url, trusted, con)
	if _, err := c.SignIn(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatalf("sign-in over TLS with --ca-file: %v", err)
	}
	acknowledgePolicy(t, c)
	if _, err := c.Threads(ctx); err != nil {
		t.Fatalf("inbox over TLS: %v", err)
	}

	for _, bad := range []string{"http://192.0.2.10:9400", "http://triage.clinic.example", "ftp://127.0.0.1"} {
		if _, err := serverClient(bad, ""); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if _, err := serverClient("http://127.0.0.1:9400", ""); err != nil {
		t.Errorf("loopback http refused: %v", err)
	}
	if _, err := serverClient(url, passphrase); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("a CA file without a certificate: %v", err)
	}
}

// failingKeyring stands in for a machine without a keyring service.
type failingKeyring struct{}

func (failingKeyring) Get(string, string) (string, error) {
	return "", errors.New("no keyring service")
}
func (failingKeyring) Set(string, string, string) error { return errors.New("no keyring service") }
func (failingKeyring) Delete(string, string) error      { return errors.New("no keyring service") }

// memKeyring is an OS keyring in memory.
type memKeyring map[string]string

func (m memKeyring) Get(s, u string) (string, error) {
	v, ok := m[s+"/"+u]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}
func (m memKeyring) Set(s, u, p string) error { m[s+"/"+u] = p; return nil }
func (m memKeyring) Delete(s, u string) error {
	if _, ok := m[s+"/"+u]; !ok {
		return keyring.ErrNotFound
	}
	delete(m, s+"/"+u)
	return nil
}

func TestSessionTokenKeptInKeyringOnly(t *testing.T) {
	passphrase := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	url, caFile := startTriaged(t, t.TempDir(), passphrase)
	hc, err := serverClient(url, caFile)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	con, err := store.OpenConsole(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	var logBuf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logBuf, nil))
	kr := memKeyring{}
	be := remote.New(store.NewClient(url, hc, con), remote.NewSessionKeeper(kr, con.ID(), log), nil)
	resp, err := be.Login(ctx, "desk", deskPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	acknowledgePolicy(t, be.Client())
	if kr[remote.SessionKeyringService+"/"+con.ID()] != resp.Token {
		t.Fatalf("token not in the keyring under the console id: %v", kr)
	}
	// Nothing in the console's folder holds the token.
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(resp.Token)) {
				t.Errorf("%s holds the session token", p)
			}
		}
		return nil
	})
	// A restarted console resumes the kept session.
	be2 := remote.New(store.NewClient(url, hc, con), remote.NewSessionKeeper(kr, con.ID(), log), nil)
	r, ok := be2.Resume(ctx)
	if !ok || r.User.Username != "desk" {
		t.Fatalf("resume: %v %+v", ok, r)
	}
	if _, err := be2.InboxPage(ctx, "", 10); err != nil {
		t.Fatalf("resumed session: %v", err)
	}
	// Logout deletes it.
	if err := be2.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	if len(kr) != 0 {
		t.Fatalf("token left in the keyring after logout: %v", kr)
	}
	if _, ok := be.Resume(ctx); ok {
		t.Fatal("resumed after logout")
	}

	// Without a keyring the session works from memory and the log says so.
	be3 := remote.New(store.NewClient(url, hc, con), remote.NewSessionKeeper(failingKeyring{}, con.ID(), log), nil)
	if _, err := be3.Login(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := be3.InboxPage(ctx, "", 10); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logBuf.String(), "kept in memory only") || strings.Contains(logBuf.String(), deskPassword) {
		t.Errorf("log: %s", logBuf.String())
	}
}

func TestUserCommand(t *testing.T) {
	dataDir := t.TempDir()
	passphrase := filepath.Join(t.TempDir(), "passphrase")
	os.WriteFile(passphrase, []byte("a long test passphrase for the central keys"), 0o600)
	url, caFile := startTriaged(t, dataDir, passphrase)
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("amber-willow-quarry-55\n"), 0o600)
	weak := filepath.Join(t.TempDir(), "weak")
	os.WriteFile(weak, []byte("Password123!\n"), 0o600)
	t.Setenv("TRIAGED_DATA", dataDir)
	t.Setenv("TRIAGED_KEY_PASSPHRASE_FILE", passphrase)

	user := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"user"}, args...), strings.NewReader(stdin), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, out, errs := user("", "add", "Wren", "--role", "nurse", "--password-file", pwFile); code != 0 || !strings.Contains(out, "created wren (nurse)") || !strings.Contains(out, "QR code") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if code, _, errs := user("", "add", "kit", "--role", "nurse", "--password-file", weak); code != 1 || !strings.Contains(errs, "triage user add:") {
		t.Errorf("weak password: %d %q", code, errs)
	}
	// A script pipes the password on stdin.
	if code, _, errs := user("cobalt-fennel-orchard-31\n", "add", "--role", "supervisor", "ada"); code != 0 {
		t.Errorf("add from stdin: %d %q", code, errs)
	}
	if code, _, _ := user("", "add", "wren", "--role", "nurse", "--password-file", pwFile); code != 1 {
		t.Error("a taken username was added again")
	}
	if code, _, _ := user("", "add", "zed", "--role", "janitor", "--password-file", pwFile); code != 1 {
		t.Error("an unknown role was accepted")
	}

	// The new account must enrol at its first sign-in.
	ctx := context.Background()
	hc, _ := serverClient(url, caFile)
	con, _ := store.OpenConsole(ctx, t.TempDir(), nil)
	defer con.Close()
	c := store.NewClient(url, hc, con)
	be := remote.New(c, nil, nil)
	_, err := be.Login(ctx, "wren", "amber-willow-quarry-55", "")
	var enr *store.EnrolmentRequiredError
	if !errors.As(err, &enr) || !strings.Contains(enr.QR, "█") || enr.Enrolment.Secret == "" {
		t.Fatalf("first sign-in of a CLI-made user: %v", err)
	}

	if _, err := c.SignIn(ctx, "desk", deskPassword, ""); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := user("", "revoke", "desk"); code != 0 || !strings.Contains(out, "1 session ended") {
		t.Errorf("revoke: %d %q", code, out)
	}
	if _, err := c.Threads(ctx); !errors.Is(err, store.ErrSessionEnded) {
		t.Errorf("revoked session still works: %v", err)
	}
	for _, args := range [][]string{{"role", "wren", "supervisor"}, {"disable", "wren"}, {"enable", "wren"}, {"unlock", "wren"}, {"reset-totp", "wren"}} {
		if code, out, errs := user("", args...); code != 0 {
			t.Errorf("%v: %d %q %q", args, code, out, errs)
		}
	}
	code, out, _ := user("", "list")
	if code != 0 || !strings.Contains(out, "wren") || !strings.Contains(out, "supervisor") || !strings.Contains(out, "at next sign-in") || !strings.Contains(out, "none (demo)") {
		t.Errorf("list: %d\n%s", code, out)
	}
	if code, _, _ := user("", "frobnicate", "wren"); code != 2 {
		t.Error("unknown command accepted")
	}
	if code, _, _ := user("", "revoke"); code != 2 {
		t.Error("missing name accepted")
	}
	if code, _, errs := user("", "revoke", "nobody"); code != 1 || !strings.Contains(errs, "no such user") {
		t.Errorf("unknown user: %d %q", code, errs)
	}

	// Every change is in the server's chain under the OS account.
	db, err := central.OpenDB(ctx, filepath.Join(dataDir, central.DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT action, user_id FROM audit WHERE console_id = ? AND action LIKE 'user.%' AND user_id LIKE 'cli:%'`, central.ServerConsoleID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var action, actor string
		rows.Scan(&action, &actor)
		if actor != central.AuditActor(osUserName()) {
			t.Errorf("%s by %q", action, actor)
		}
		seen[action] = true
	}
	rows.Close()
	for _, a := range []string{"user.create", "user.revoke", "user.role", "user.disable", "user.enable", "user.unlock", "user.reset_totp"} {
		if !seen[a] {
			t.Errorf("%s not audited", a)
		}
	}
}

// acknowledgePolicy signs the messaging policy in force for c's user, as
// the console's acknowledgment screen does, so the thread routes open.
func acknowledgePolicy(t *testing.T, c *store.Client) {
	t.Helper()
	ctx := context.Background()
	pol, err := c.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !pol.Acknowledged {
		if _, err := c.AcknowledgePolicy(ctx, pol.Version, "Test Staff Member"); err != nil {
			t.Fatal(err)
		}
	}
}
