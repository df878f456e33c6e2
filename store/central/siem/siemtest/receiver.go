// Package siemtest is a syslog-over-TLS receiver for tests: a real TLS
// listener on loopback with a throwaway CA, reading RFC 5425 frames and
// parsing the RFC 5424 messages triaged sends.
package siemtest

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/siem"
)

// Message is one received syslog message.
type Message struct {
	Raw   string
	PRI   int
	MsgID string
	// SD are the triage-audit structured-data parameters.
	SD    map[string]string
	Entry siem.Entry // MSG, decoded
}

// Receiver is a running syslog-over-TLS listener.
type Receiver struct {
	Addr   string
	CAFile string // PEM of the CA that signed the listener's certificate

	ln    net.Listener
	mu    sync.Mutex
	msgs  []Message
	errs  []error
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

// NewReceiver starts a receiver on 127.0.0.1; it stops at test cleanup.
func NewReceiver(t testing.TB) *Receiver {
	t.Helper()
	caPEM, cert := testPKI(t)
	caFile := filepath.Join(t.TempDir(), "siem-ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatal(err)
	}
	r := &Receiver{Addr: ln.Addr().String(), CAFile: caFile, ln: ln, conns: map[net.Conn]bool{}}
	r.wg.Add(1)
	go r.accept()
	t.Cleanup(r.Close)
	return r
}

func (r *Receiver) accept() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		r.mu.Lock()
		r.conns[c] = true
		r.mu.Unlock()
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.read(c)
			r.mu.Lock()
			delete(r.conns, c)
			r.mu.Unlock()
			c.Close()
		}()
	}
}

// read parses octet-counted frames until the stream ends.
func (r *Receiver) read(c net.Conn) {
	br := bufio.NewReader(c)
	for {
		lenText, err := br.ReadString(' ')
		if err != nil {
			return
		}
		n, err := strconv.Atoi(strings.TrimSuffix(lenText, " "))
		if err != nil || n <= 0 || n > 1<<20 {
			r.fail(fmt.Errorf("bad frame length %q", lenText))
			return
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(br, buf); err != nil {
			r.fail(fmt.Errorf("short frame: %w", err))
			return
		}
		m, err := Parse(buf)
		if err != nil {
			r.fail(err)
			continue
		}
		r.mu.Lock()
		r.msgs = append(r.msgs, m)
		r.mu.Unlock()
	}
}

func (r *Receiver) fail(err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

// Messages returns every message received so far, duplicates included.
func (r *Receiver) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.msgs...)
}

// Errors are the malformed frames or messages seen.
func (r *Receiver) Errors() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.errs...)
}

// DropConnections closes every open connection, as a SIEM restart would.
func (r *Receiver) DropConnections() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for c := range r.conns {
		c.Close()
	}
}

// Close stops the listener and every connection.
func (r *Receiver) Close() {
	r.ln.Close()
	r.DropConnections()
	r.wg.Wait()
}

var header = regexp.MustCompile(`^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) \[` + regexp.QuoteMeta(siem.SDID) + `((?: [a-z]+="(?:[^"\\\]]|\\["\\\]])*")*)\] \x{FEFF}`)
var param = regexp.MustCompile(`([a-z]+)="((?:[^"\\\]]|\\["\\\]])*)"`)

// Parse reads one RFC 5424 message as triaged writes it, strictly: a
// header, the triage-audit structured data, a BOM and a JSON entry.
func Parse(b []byte) (Message, error) {
	m := Message{Raw: string(b), SD: map[string]string{}}
	h := header.FindSubmatch(b)
	if h == nil {
		return m, fmt.Errorf("not an RFC 5424 triage-audit message: %q", b)
	}
	m.PRI, _ = strconv.Atoi(string(h[1]))
	if _, err := time.Parse(time.RFC3339Nano, string(h[2])); err != nil {
		return m, fmt.Errorf("timestamp %q: %w", h[2], err)
	}
	m.MsgID = string(h[6])
	for _, p := range param.FindAllSubmatch(h[7], -1) {
		v := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\]`, `]`).Replace(string(p[2]))
		m.SD[string(p[1])] = v
	}
	dec := json.NewDecoder(bytes.NewReader(b[len(h[0]):]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m.Entry); err != nil {
		return m, fmt.Errorf("message body: %w", err)
	}
	return m, nil
}

// testPKI makes a CA and a certificate for 127.0.0.1 signed by it.
func testPKI(t testing.TB) (caPEM []byte, leaf tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test SIEM CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "siem.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
