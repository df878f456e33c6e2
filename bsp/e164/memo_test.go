package e164

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/nyaruka/phonenumbers"
)

// referenceNormalize is Normalize as it was before the memo: every call
// parses. The memo must never change an answer, so this is the oracle.
func referenceNormalize(number string) (string, error) {
	if _, ok := clean(number); !ok {
		return "", ErrInvalid
	}
	num, err := phonenumbers.Parse(number2plus(number), "")
	if err != nil {
		return "", ErrInvalid
	}
	if !phonenumbers.IsPossibleNumber(num) {
		return "", ErrInvalid
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// referenceFromWaID is FromWaID over referenceNormalize.
func referenceFromWaID(id string) string {
	if id == "" {
		return ""
	}
	if n, err := referenceNormalize(id); err == nil {
		return n
	}
	digits, ok := clean(id)
	if !ok {
		return ""
	}
	return "+" + digits
}

// memoTable covers what providers and people send: bare wa_ids, E.164,
// Twilio's channel prefix, formatting, trunk prefixes, numbers the metadata
// rejects, and junk.
var memoTable = []string{
	"15551230001", "+15551230001", "+1 (555) 123-0001", "whatsapp:+15551230001",
	" whatsapp: +1 555 123 0001 ", "1.555.123.0001", "16505551234", "+16505551234",
	"12125550123", "18005550199", "10005551234", "11115551234",
	"5511987654321", "+55 11 98765-4321", "447700900123", "+44 7700 900123",
	"+44 (0)20 7946 0958", "442079460958", "+49 30 901820", "4930901820",
	"+33 1 23 45 67 89", "33123456789", "+91 98765 43210", "919876543210",
	"+61 2 9374 4000", "+81 3-1234-5678", "+86 10 1234 5678", "+234 803 123 4567",
	"+39 06 1234 5678", "390612345678", "+7 495 123-45-67", "+972 50-123-4567",
	"9991234567", "+9991234567", "0000000", "1234567", "123456789012345", "1234567890123456",
	"", " ", "+", "+1", "+15", "hello", "whatsapp:", "whatsapp:hello",
	"+1555123000100000000", "+15551230001; DROP", "+1\u00a0555 123 0001", "+1 555 123 0001 ext 7",
	"US.13491208655302741918", "++15551230001", "15551230001+", "+1-555-123-0001x",
	strings.Repeat("1", 64), strings.Repeat("1", 65), strings.Repeat("1", 10000),
}

// checkAgainstReference calls Normalize and FromWaID twice, so both the
// miss and the hit are compared with the uncached answers.
func checkAgainstReference(t *testing.T, in string) {
	t.Helper()
	wantN, wantErr := referenceNormalize(in)
	wantW := referenceFromWaID(in)
	for pass := range 2 {
		gotN, gotErr := Normalize(in)
		if gotN != wantN || gotErr != wantErr {
			t.Errorf("pass %d: Normalize(%q) = %q, %v; uncached %q, %v", pass, in, gotN, gotErr, wantN, wantErr)
		}
		if got := FromWaID(in); got != wantW {
			t.Errorf("pass %d: FromWaID(%q) = %q; uncached %q", pass, in, got, wantW)
		}
	}
}

func TestMemoMatchesUncached(t *testing.T) {
	for _, in := range memoTable {
		checkAgainstReference(t, in)
	}
}

// randomNumber builds inputs across country codes and lengths, in the
// forms providers send them.
func randomNumber(r *rand.Rand) string {
	n := 7 + r.IntN(9) // 7..15 digits
	var b strings.Builder
	for i := range n {
		d := byte('0' + r.IntN(10))
		if i == 0 && r.IntN(4) > 0 {
			d = byte('1' + r.IntN(9))
		}
		b.WriteByte(d)
	}
	digits := b.String()
	switch r.IntN(5) {
	case 0:
		return "+" + digits
	case 1:
		return "whatsapp:+" + digits
	case 2:
		return "+" + digits[:2] + " " + digits[2:5] + "-" + digits[5:]
	default:
		return digits
	}
}

func TestMemoMatchesUncachedBroadSample(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		checkAgainstReference(t, randomNumber(r))
	}
}

func TestMemoBound(t *testing.T) {
	const bound = memoShards * 2 * memoGeneration
	m := newMemo()
	for i := range 10 * bound {
		m.put(fmt.Sprintf("+1555%07d", i), memoResult{e164: "x", ok: true})
		if i%997 == 0 && m.len() > bound {
			t.Fatalf("after %d inserts the memo holds %d entries; bound %d", i+1, m.len(), bound)
		}
	}
	if got := m.len(); got > bound || got < bound/2 {
		t.Fatalf("memo holds %d entries after churn; want between %d and %d", got, bound/2, bound)
	}
	// The most recent insert is always still there.
	if _, ok := m.get(fmt.Sprintf("+1555%07d", 10*bound-1)); !ok {
		t.Error("the most recent number was evicted")
	}
}

func TestMemoKeepsNumbersInUse(t *testing.T) {
	const bound = memoShards * 2 * memoGeneration
	m := newMemo()
	hot := "+15551230001"
	m.put(hot, memoResult{e164: hot, ok: true})
	// A patient keeps writing while a flood of one-off numbers passes by.
	for i := range 20 * bound {
		m.put(fmt.Sprintf("+44770%07d", i), memoResult{ok: false})
		if i%64 == 0 {
			if r, ok := m.get(hot); !ok || r.e164 != hot || !r.ok {
				t.Fatalf("after %d one-off numbers the patient's number was %+v, %v", i, r, ok)
			}
		}
	}
}

func TestMemoDoesNotPinCallerMemory(t *testing.T) {
	m := newMemo()
	body := "From=whatsapp%3A%2B15551230001&Body=" + strings.Repeat("x", 1<<16)
	key := body[5:29]
	m.put(key, memoResult{e164: "+15551230001", ok: true})
	s := m.shard(key)
	for stored := range s.cur {
		start := uintptr(unsafe.Pointer(unsafe.StringData(body)))
		p := uintptr(unsafe.Pointer(unsafe.StringData(stored)))
		if p >= start && p < start+uintptr(len(body)) {
			t.Fatal("memo key points into the caller's buffer, keeping it alive")
		}
	}
}

func TestMemoConcurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	// More distinct inputs than the memo holds, so goroutines race on
	// eviction and promotion as well as on lookups.
	inputs := append([]string(nil), memoTable...)
	for range memoShards * 2 * memoGeneration * 2 {
		inputs = append(inputs, randomNumber(r))
	}
	if testing.Short() {
		inputs = inputs[:3000]
	}
	wantN := make([]string, len(inputs))
	wantW := make([]string, len(inputs))
	for i, in := range inputs {
		wantN[i], _ = referenceNormalize(in)
		wantW[i] = referenceFromWaID(in)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 2 * len(inputs) {
				i := (k*7 + g*131) % len(inputs)
				if got, _ := Normalize(inputs[i]); got != wantN[i] {
					t.Errorf("Normalize(%q) = %q; uncached %q", inputs[i], got, wantN[i])
					return
				}
				if got := FromWaID(inputs[i]); got != wantW[i] {
					t.Errorf("FromWaID(%q) = %q; uncached %q", inputs[i], got, wantW[i])
					return
				}
			}
		})
	}
	wg.Wait()
	if n, bound := numbers.len(), memoShards*2*memoGeneration; n > bound {
		t.Errorf("memo holds %d entries; bound %d", n, bound)
	}
}

// benchNumbers are 200 patients' wa_ids, the steady state of a clinic.
func benchNumbers() []string {
	out := make([]string, 200)
	for i := range out {
		out[i] = fmt.Sprintf("4477009%05d", i)
	}
	return out
}

func BenchmarkNormalizeRepeated(b *testing.B) {
	nums := benchNumbers()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Normalize(nums[i%len(nums)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkNormalizeUncached(b *testing.B) {
	nums := benchNumbers()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := referenceNormalize(nums[i%len(nums)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkFromWaIDRepeatedParallel(b *testing.B) {
	nums := benchNumbers()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := rand.IntN(len(nums))
		for pb.Next() {
			if FromWaID(nums[i%len(nums)]) == "" {
				b.Fatal("lost a number")
			}
			i++
		}
	})
}
