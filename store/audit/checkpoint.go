package audit

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CheckpointHeader is the first line of every checkpoint body; a new
// format gets a new header, so an old verifier refuses what it cannot read.
const CheckpointHeader = "triaged audit checkpoint v1"

// ChainHead is the last entry of one chain covered by a checkpoint.
type ChainHead struct {
	ConsoleID string
	Seq       int64
	Hash      string
}

// Checkpoint is a signed statement about the whole central log: its size
// (entries of every chain, in the order the central endpoint received
// them), the RFC 6962 Merkle root over those entries' hashes, and every
// chain's head at that moment. Anyone holding the public key can check it
// offline; rewriting any covered entry, even re-hashing a whole chain
// consistently, changes the root and so breaks the signature's claim.
type Checkpoint struct {
	Store  string // the central store's id
	Number int64  // 1, 2, 3… in signing order
	Size   int64  // entries covered: global sequence 1..Size
	Root   [32]byte
	At     time.Time
	Heads  []ChainHead // sorted by console id
}

// Body is the exact text that is signed: one field per line, then one
// line per chain head.
func (c Checkpoint) Body() []byte {
	heads := append([]ChainHead(nil), c.Heads...)
	sort.Slice(heads, func(i, j int) bool { return heads[i].ConsoleID < heads[j].ConsoleID })
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nstore %s\nnumber %d\nsize %d\nroot %s\ntime %s\nchains %d\n",
		CheckpointHeader, c.Store, c.Number, c.Size, hex.EncodeToString(c.Root[:]), c.At.UTC().Format(time.RFC3339Nano), len(heads))
	for _, h := range heads {
		fmt.Fprintf(&b, "%s %d %s\n", h.ConsoleID, h.Seq, h.Hash)
	}
	return b.Bytes()
}

// ErrCheckpointSignature means a checkpoint's signature does not verify
// under the public key given.
var ErrCheckpointSignature = errors.New("checkpoint signature does not verify")

// ParseCheckpoint reads a body written by Body. It checks the form only;
// VerifyCheckpoint also checks the signature.
func ParseCheckpoint(body []byte) (Checkpoint, error) {
	var c Checkpoint
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	bad := func(what string) (Checkpoint, error) {
		return Checkpoint{}, fmt.Errorf("checkpoint: malformed %s", what)
	}
	if len(lines) < 7 || lines[0] != CheckpointHeader {
		return bad("header")
	}
	field := func(i int, name string) (string, bool) {
		v, ok := strings.CutPrefix(lines[i], name+" ")
		return v, ok
	}
	var ok bool
	var err error
	if c.Store, ok = field(1, "store"); !ok {
		return bad("store")
	}
	v, ok := field(2, "number")
	if c.Number, err = strconv.ParseInt(v, 10, 64); !ok || err != nil {
		return bad("number")
	}
	v, ok = field(3, "size")
	if c.Size, err = strconv.ParseInt(v, 10, 64); !ok || err != nil || c.Size < 0 {
		return bad("size")
	}
	v, ok = field(4, "root")
	root, err := hex.DecodeString(v)
	if !ok || err != nil || len(root) != 32 {
		return bad("root")
	}
	copy(c.Root[:], root)
	v, ok = field(5, "time")
	if c.At, err = time.Parse(time.RFC3339Nano, v); !ok || err != nil {
		return bad("time")
	}
	v, ok = field(6, "chains")
	n, err := strconv.Atoi(v)
	if !ok || err != nil || n != len(lines)-7 {
		return bad("chain count")
	}
	for _, l := range lines[7:] {
		f := strings.Split(l, " ")
		if len(f) != 3 {
			return bad("chain head")
		}
		seq, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return bad("chain head")
		}
		c.Heads = append(c.Heads, ChainHead{ConsoleID: f[0], Seq: seq, Hash: f[2]})
	}
	if !bytes.Equal(c.Body(), body) {
		return bad("encoding")
	}
	return c, nil
}

// SignCheckpoint signs c's body with the store's checkpoint key.
func SignCheckpoint(priv ed25519.PrivateKey, c Checkpoint) (body, sig []byte) {
	body = c.Body()
	return body, ed25519.Sign(priv, body)
}

// VerifyCheckpoint checks sig over body under pub and parses the body.
func VerifyCheckpoint(pub ed25519.PublicKey, body, sig []byte) (Checkpoint, error) {
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, body, sig) {
		return Checkpoint{}, ErrCheckpointSignature
	}
	return ParseCheckpoint(body)
}

// CheckpointKey derives the Ed25519 checkpoint signing key from a 32-byte
// secret (the central store's "audit-checkpoint-ed25519" subkey), so the
// key needs no storage of its own: it is as safe as the store's keys.
func CheckpointKey(seed []byte) (ed25519.PrivateKey, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("checkpoint key: seed must be %d bytes", ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// KeyID is a short fingerprint of a public key (16 hex digits of its
// SHA-256), printed beside checkpoints so an auditor sees which key signed.
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:8])
}

// publicKeyPrefix starts the exported public key text.
const publicKeyPrefix = "triaged-audit-ed25519:"

// EncodePublicKey is the text form of the checkpoint public key that
// operators publish and auditors pass to `triaged audit verify --pubkey`.
func EncodePublicKey(pub ed25519.PublicKey) string {
	return publicKeyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParsePublicKey reads EncodePublicKey's form (surrounding space ignored).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	v, ok := strings.CutPrefix(strings.TrimSpace(s), publicKeyPrefix)
	if !ok {
		return nil, fmt.Errorf("public key must start with %q", publicKeyPrefix)
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("public key is not a base64 Ed25519 key")
	}
	return ed25519.PublicKey(raw), nil
}

// signatureLinePrefix starts the signature line of a saved checkpoint.
const signatureLinePrefix = "\u2014 triaged-audit "

// FormatSignedCheckpoint is the text an auditor keeps: the body, a blank
// line, then "— triaged-audit <key id> <base64 signature>" (the shape of
// a C2SP signed note). VerifyLog's kept checkpoints are read from it.
func FormatSignedCheckpoint(body, sig []byte, keyID string) string {
	return string(body) + "\n" + signatureLinePrefix + keyID + " " + base64.StdEncoding.EncodeToString(sig) + "\n"
}

// ParseSignedCheckpoint splits FormatSignedCheckpoint's text into body
// and signature. The signature is not checked here.
func ParseSignedCheckpoint(text string) (body, sig []byte, err error) {
	b, rest, ok := strings.Cut(text, "\n\n"+signatureLinePrefix)
	if !ok {
		return nil, nil, errors.New("saved checkpoint: no signature line")
	}
	f := strings.Fields(rest)
	if len(f) != 2 {
		return nil, nil, errors.New("saved checkpoint: malformed signature line")
	}
	if sig, err = base64.StdEncoding.DecodeString(f[1]); err != nil {
		return nil, nil, errors.New("saved checkpoint: signature is not base64")
	}
	return []byte(b + "\n"), sig, nil
}
