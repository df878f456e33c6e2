package device

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"

	"github.com/clinicwa/triage/store/api"
)

func key(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte(name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func TestIDIsDerivedFromTheKey(t *testing.T) {
	a, b := key("a"), key("b")
	ida := ID(a.Public().(ed25519.PublicKey))
	if !LooksLikeID(ida) || ida == ID(b.Public().(ed25519.PublicKey)) || ida != ID(a.Public().(ed25519.PublicKey)) {
		t.Fatalf("id %q", ida)
	}
	for _, bad := range []string{"", "console-1", "dev-", "dev-XYZ", ida + "0", "dev-" + string(bytes.Repeat([]byte("G"), 32))} {
		if LooksLikeID(bad) {
			t.Errorf("%q looks like a device id", bad)
		}
	}
}

func TestCheckSignIn(t *testing.T) {
	a, b := key("a"), key("b")
	good := SignIn(a, "desk")
	if pub, err := CheckSignIn(good, "desk"); err != nil || !pub.Equal(a.Public()) {
		t.Fatalf("a good proof: %v", err)
	}
	otherID := good
	otherID.DeviceID = ID(b.Public().(ed25519.PublicKey))
	otherKey := good
	otherKey.PublicKey = EncodePublicKey(b.Public().(ed25519.PublicKey))
	cases := map[string]struct {
		p    api.DeviceProof
		user string
	}{
		"another device's id":      {otherID, "desk"},
		"another key":              {otherKey, "desk"},
		"another username":         {good, "nurse"},
		"signature of another key": {api.DeviceProof{DeviceID: good.DeviceID, PublicKey: good.PublicKey, Signature: SignIn(b, "desk").Signature}, "desk"},
		"not a key":                {api.DeviceProof{DeviceID: good.DeviceID, PublicKey: "!!", Signature: good.Signature}, "desk"},
		"no signature":             {api.DeviceProof{DeviceID: good.DeviceID, PublicKey: good.PublicKey}, "desk"},
	}
	for name, tc := range cases {
		if _, err := CheckSignIn(tc.p, tc.user); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestBatchSignatureCoversEveryPart: changing the device, the chain,
// the first seq, the number of entries or any entry's hash breaks it.
func TestBatchSignatureCoversEveryPart(t *testing.T) {
	priv := key("a")
	pub := priv.Public().(ed25519.PublicKey)
	entries := []api.AuditEntry{{ConsoleID: ID(pub), Seq: 4, Hash: "h4"}, {ConsoleID: ID(pub), Seq: 5, Hash: "h5"}}
	b := api.AuditBatch{Entries: entries}
	SignBatch(priv, &b)
	if !Verify(pub, BatchMessage(b.DeviceID, b.Entries), b.Signature) {
		t.Fatal("a signed batch does not verify")
	}
	change := map[string]func(id string, es []api.AuditEntry) (string, []api.AuditEntry){
		"device": func(id string, es []api.AuditEntry) (string, []api.AuditEntry) { return "dev-other", es },
		"chain": func(id string, es []api.AuditEntry) (string, []api.AuditEntry) {
			es[0].ConsoleID = "dev-other"
			return id, es
		},
		"first seq": func(id string, es []api.AuditEntry) (string, []api.AuditEntry) { es[0].Seq = 3; return id, es },
		"one less":  func(id string, es []api.AuditEntry) (string, []api.AuditEntry) { return id, es[:1] },
		"a hash":    func(id string, es []api.AuditEntry) (string, []api.AuditEntry) { es[1].Hash = "hx"; return id, es },
	}
	for name, f := range change {
		es := append([]api.AuditEntry(nil), entries...)
		id, es := f(b.DeviceID, es)
		if Verify(pub, BatchMessage(id, es), b.Signature) {
			t.Errorf("changing the %s kept the signature valid", name)
		}
	}
}
