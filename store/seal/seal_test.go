package seal

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"
)

func testKeys(t testing.TB) *Keys {
	t.Helper()
	raw, idx := make([]byte, 32), make([]byte, 32)
	rand.Read(raw)
	rand.Read(idx)
	k, err := NewKeys(map[uint32][]byte{1: raw}, 1, idx)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenRoundTrip(t *testing.T) {
	k := testKeys(t)
	env, err := k.SealString("messages", "body", "42", "chest pain since Tuesday")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(env, []byte("chest pain")) {
		t.Fatal("plaintext visible in envelope")
	}
	got, err := k.OpenString("messages", "body", "42", env)
	if err != nil || got != "chest pain since Tuesday" {
		t.Fatalf("OpenString = %q, %v", got, err)
	}
	if !bytes.Equal(env[:5], KeyIDPrefix(1)) {
		t.Fatalf("envelope prefix %x, want %x", env[:5], KeyIDPrefix(1))
	}
	again, _ := k.SealString("messages", "body", "42", "chest pain since Tuesday")
	if bytes.Equal(env, again) {
		t.Fatal("two seals of the same value are identical: nonce reuse")
	}
	if env, _ := k.SealString("messages", "body", "42", ""); env != nil {
		t.Fatal("empty string should seal to nil")
	}
	if s, err := k.OpenString("messages", "body", "42", nil); s != "" || err != nil {
		t.Fatalf("OpenString(nil) = %q, %v", s, err)
	}
}

func TestMovedOrAlteredValuesFail(t *testing.T) {
	k := testKeys(t)
	env, _ := k.Seal("patients", "phone", "7", []byte("+15551234567"))
	flipped := bytes.Clone(env)
	flipped[len(flipped)-1] ^= 1
	cases := []struct {
		name               string
		table, column, row string
		env                []byte
		want               error
	}{
		{"other row", "patients", "phone", "8", env, ErrTampered},
		{"other column", "patients", "name", "7", env, ErrTampered},
		{"other table", "contacts", "phone", "7", env, ErrTampered},
		{"row id shifted into column", "patients", "phone7", "", env, ErrTampered},
		{"bit flipped", "patients", "phone", "7", flipped, ErrTampered},
		{"truncated", "patients", "phone", "7", env[:10], ErrMalformed},
		{"plain text", "patients", "phone", "7", []byte("+15551234567 not sealed"), ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := k.Open(c.table, c.column, c.row, c.env)
			if !errors.Is(err, c.want) {
				t.Fatalf("Open = %v, want %v", err, c.want)
			}
			if bytes.Contains([]byte(err.Error()), []byte("5551234567")) {
				t.Fatal("error message leaks the value")
			}
		})
	}
	if _, err := k.Open("patients", "phone", "7", env); err != nil {
		t.Fatalf("original no longer opens: %v", err)
	}
}

func TestUnknownKey(t *testing.T) {
	a, b := testKeys(t), testKeys(t)
	env, _ := a.Seal("t", "c", "1", []byte("x"))
	if _, err := b.Open("t", "c", "1", env); !errors.Is(err, ErrTampered) {
		t.Fatalf("other store's key with the same id: %v, want ErrTampered", err)
	}
	env[4] = 9 // key id 9
	if _, err := a.Open("t", "c", "1", env); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("Open = %v, want ErrUnknownKey", err)
	}
	if id, err := KeyID(env); err != nil || id != 9 {
		t.Fatalf("KeyID = %d, %v", id, err)
	}
}

func TestBlindIndex(t *testing.T) {
	k := testKeys(t)
	a := k.BlindIndex("patients.phone", []byte("+15551234567"))
	if !bytes.Equal(a, k.BlindIndex("patients.phone", []byte("+15551234567"))) {
		t.Fatal("blind index not deterministic")
	}
	if bytes.Equal(a, k.BlindIndex("contacts.phone", []byte("+15551234567"))) {
		t.Fatal("same value in two domains gives the same index")
	}
	if bytes.Equal(a, testKeys(t).BlindIndex("patients.phone", []byte("+15551234567"))) {
		t.Fatal("blind index does not depend on the key")
	}
	if bytes.Equal(k.Subkey("handoff-link"), k.Subkey("audit-hmac")) {
		t.Fatal("subkeys for two purposes are equal")
	}
}
