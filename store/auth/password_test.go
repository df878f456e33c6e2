package auth

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/argon2"
)

// fastParams keep tests that are not about cost quick; the format and the
// comparison are the same as with DefaultParams.
var fastParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

var phc = regexp.MustCompile(`^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashFormatAndSalt(t *testing.T) {
	a, err := Hash("glacier violet tuba")
	if err != nil {
		t.Fatal(err)
	}
	if !phc.MatchString(a) {
		t.Fatalf("Hash = %q, want a PHC argon2id string with the default parameters", a)
	}
	if strings.Contains(a, "glacier") {
		t.Fatal("hash contains the password")
	}
	b, err := Hash("glacier violet tuba")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	ok, err := Verify(a, "glacier violet tuba")
	if err != nil || !ok {
		t.Fatalf("Verify(default hash, right password) = %v, %v", ok, err)
	}
	if NeedsRehash(a) {
		t.Fatal("a fresh default hash needs rehash")
	}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name     string
		set, try string
		want     bool
	}{
		{"right password", "glacier violet tuba", "glacier violet tuba", true},
		{"wrong password", "glacier violet tuba", "glacier violet tubA", false},
		{"trailing space matters", "glacier violet tuba", "glacier violet tuba ", false},
		{"prefix is not enough", "glacier violet tuba", "glacier violet", false},
		{"empty try", "glacier violet tuba", "", false},
		// NFKC: the same password typed on different keyboards.
		{"precomposed vs combining accent", "café au lait noir", "cafe\u0301 au lait noir", true},
		{"full-width vs ASCII", "ｍｏｏｎ ｒｉｖｅｒ ２７", "moon river 27", true},
		{"ligature vs letters", "ﬁsh and chips tonight", "fish and chips tonight", true},
		{"different accents do not match", "café au lait noir", "cafè au lait noir", false},
		{"unicode passphrase", "月が綺麗ですね夏目さん", "月が綺麗ですね夏目さん", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := HashWithParams(tt.set, fastParams)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Verify(h, tt.try)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Verify = %v, want %v", got, tt.want)
			}
		})
	}
}

// The stored parameters are the ones used: a hash made elsewhere with the
// same inputs verifies, and the same hash with its cost edited does not.
func TestVerifyUsesStoredParameters(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("river stone lantern"), salt, 2, 256, 2, 32)
	enc := "$argon2id$v=19$m=256,t=2,p=2$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
	if ok, err := Verify(enc, "river stone lantern"); err != nil || !ok {
		t.Fatalf("Verify(independent hash) = %v, %v; want true", ok, err)
	}
	edited := strings.Replace(enc, "t=2", "t=1", 1)
	if ok, err := Verify(edited, "river stone lantern"); err != nil || ok {
		t.Fatalf("Verify(hash with edited cost) = %v, %v; want false", ok, err)
	}
	if !NeedsRehash(enc) {
		t.Fatal("a hash below the default cost does not need rehash")
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, err := HashWithParams("river stone lantern", fastParams)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	tests := map[string]string{
		"empty":              "",
		"bcrypt":             "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"argon2i":            "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"old version":        "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"params reordered":   "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
		"zero threads":       "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"zero time":          "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"absurd memory":      "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key,
		"absurd time":        "$argon2id$v=19$m=64,t=1000000,p=1$" + salt + "$" + key,
		"threads overflow":   "$argon2id$v=19$m=64,t=1,p=256$" + salt + "$" + key,
		"short salt":         "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key,
		"short key":          "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$c2hvcnQ",
		"bad base64":         "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$!!!!",
		"extra field":        good + "$x",
		"missing leading $":  strings.TrimPrefix(good, "$"),
		"negative memory":    "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key,
		"padded base64 salt": "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
	}
	for name, enc := range tests {
		t.Run(name, func(t *testing.T) {
			ok, err := Verify(enc, "river stone lantern")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("Verify(%q) = %v, %v; want false, ErrMalformedHash", enc, ok, err)
			}
			if !NeedsRehash(enc) {
				t.Fatal("a malformed hash does not need rehash")
			}
		})
	}
}

func TestVerifyRefusesHugeInputCheaply(t *testing.T) {
	h, err := HashWithParams("river stone lantern", fastParams)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify(h, strings.Repeat("x", 1<<20)); ok || err != nil {
		t.Fatalf("Verify(1 MiB password) = %v, %v; want false, nil", ok, err)
	}
}

func TestHashWithParamsRejectsWeakParams(t *testing.T) {
	for _, p := range []Params{
		{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 0, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8},
	} {
		if _, err := HashWithParams("river stone lantern", p); err == nil {
			t.Errorf("HashWithParams(%+v) succeeded", p)
		}
	}
}

func TestDummyVerifyRuns(t *testing.T) {
	// It must do real work: the same parameters as a real hash.
	DummyVerify("anything at all")
	if !phc.MatchString(defaultHasher.dummy) {
		t.Fatalf("dummy hash %q does not use the default parameters", defaultHasher.dummy)
	}
}

// A server configured with other costs must keep unknown names as slow
// as known ones: the dummy follows the Hasher's parameters, and only a
// hash with other parameters asks to be redone.
func TestHasherDummyAndRehashFollowItsParameters(t *testing.T) {
	p := Params{Memory: 2048, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}
	h, err := NewHasher(p)
	if err != nil {
		t.Fatal(err)
	}
	before := HashesComputed()
	h.DummyVerify("anything at all")
	if !strings.Contains(h.dummy, "$m=2048,t=2,p=2$") {
		t.Fatalf("dummy hash %q does not use the hasher's parameters", h.dummy)
	}
	// One hash to make the dummy, one verification against it.
	if n := HashesComputed() - before; n != 2 {
		t.Errorf("first DummyVerify ran %d Argon2id computations, want 2", n)
	}
	enc, err := h.Hash("river stone lantern")
	if err != nil {
		t.Fatal(err)
	}
	if h.NeedsRehash(enc) {
		t.Error("a hash made with the hasher's own parameters asks to be redone")
	}
	if !NeedsRehash(enc) || !h.NeedsRehash(mustHash(t, "river stone lantern")) {
		t.Error("a hash made with other parameters does not ask to be redone")
	}
	if ok, err := Verify(enc, "river stone lantern"); !ok || err != nil {
		t.Errorf("Verify of the hasher's hash: %v, %v", ok, err)
	}
	if _, err := NewHasher(Params{Memory: 8, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32}); err == nil {
		t.Error("NewHasher accepted zero passes")
	}
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	enc, err := Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

// BenchmarkVerifyPassword measures one sign-in's hashing cost with
// DefaultParams; it should stay between 100 and 300 ms on the server.
func BenchmarkVerifyPassword(b *testing.B) {
	h, err := Hash("glacier violet tuba")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := Verify(h, "glacier violet tuba"); !ok {
			b.Fatal("verify failed")
		}
	}
}

// Sign-ins for unknown names arrive together: the dummy hash is made
// once, and each of them still pays one full verification, so none
// answers sooner than a real account would.
func TestHasherDummyVerifyUnderConcurrentSignIns(t *testing.T) {
	h, err := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if err != nil {
		t.Fatal(err)
	}
	const n = 16
	before := HashesComputed()
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			h.DummyVerify("guess-" + strconv.Itoa(i))
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	if got := HashesComputed() - before; got != n+1 {
		t.Errorf("%d simultaneous unknown-name checks ran %d Argon2id computations, want %d (one dummy, one each)", n, got, n+1)
	}
	if !strings.Contains(h.dummy, "$m=1024,t=1,p=1$") {
		t.Errorf("dummy hash %q does not use the hasher's parameters", h.dummy)
	}
}
