package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"testing"
	"time"
)

// mixedScanInput is what a script may really send: good records, records
// with every kind of escape, extra members, duplicate keys, odd spacing,
// invalid UTF-8, and every way a line can be wrong, including one over the
// size limit. Each must give the same line, in the same place, whatever
// the number of workers.
func mixedScanInput() string {
	lines := []string{
		`{"id":"1","text":"my name is Maria Lopez, DOB 03/14/1962"}`,
		`{"id":"e\"1","text":"line\nbreak \t tab \u00e9t\u00e9 \ud83d\ude00 call 312-555-0199 \\ back \/ slash"}`,
		`{"id":"s","text":"bad \ud800 pair \udc00\u0041 and \ud83d\u0041"}`,
		`{"id":"<h>","text":"a < b & c > d \u2028 e` + "\u2029 f" + `"}`,
		"{\"id\":\"u\",\"text\":\"caf\xe9 \xff SSN 219-09-1234\"}",
		`{"id":"c","text":"\u0001\u001f\b\f\r"}`,
		`{"id":"x","from":"+15551234567","text":"hi, this is José Muñoz","n":3}`,
		`{"from":"web","text":"Where do I park?","id":"late-id"}`,
		`{"id":"a","text":"first","text":"second 312-555-0199","id":"b"}`,
		"  { \"id\" : \"w\" ,\t\"text\" : \"zip 90210\" }  ",
		`{"\u0069d":"k","text":"my email is ana@example.com"}`,
		``,
		`not json at all {`,
		`{"id":"t","text":"x"} trailing`,
		`{"id":"u2","text":"unterminated`,
		`{"id":"q","text":"bad \q escape"}`,
		`{"id":"h","text":"short \u12 hex"}`,
		"{\"id\":\"raw\",\"text\":\"tab\tinside\"}",
		`[1,2]`,
		`null`,
		`"just a string"`,
		`{}`,
		`{"id":null,"text":"null id, call 312-555-0199"}`,
		`{"id":7,"text":"x"}`,
		`{"id":"3","text":12}`,
		`{"id":"2"}`,
		"\t ",
		`{"id":"big","text":"` + strings.Repeat("a", maxScanLine+10) + `"}`,
		"{\"id\":\"crlf\",\"text\":\"call 312-555-0199\"}\r",
		`{"id":"es","text":"Hola, soy José Muñoz, cel +52 55 1234 5678"}`,
		``,
		``,
		`{"id":"last","text":"no newline at the end, SSN 219-09-1234"}`,
	}
	return strings.Join(lines, "\n")
}

// scanConfigs are the pipeline shapes every equivalence test runs: one
// worker, many, and batches cut after every line or every few bytes so
// small inputs still cross many batch boundaries.
var scanConfigs = []scanConfig{
	{workers: 1, batchLines: 512, batchBytes: 128 << 10},
	{workers: 1, batchLines: 1, batchBytes: 1},
	{workers: 2, batchLines: 3, batchBytes: 64},
	{workers: 4, batchLines: 1, batchBytes: 128 << 10},
	{workers: 8, batchLines: 2, batchBytes: 200},
	defaultScanConfig(),
}

func runScanConfig(cfg scanConfig, input string) (string, string, int) {
	var out, errb bytes.Buffer
	code := runScanWith(cfg, strings.NewReader(input), &out, &errb)
	return out.String(), errb.String(), code
}

func TestScanOutputSameForAnyWorkerCount(t *testing.T) {
	input := mixedScanInput()
	var refOut, refErr bytes.Buffer
	refCode := runScanReference(strings.NewReader(input), &refOut, &refErr)
	if refCode != 1 {
		t.Fatalf("reference exit status %d, want 1", refCode)
	}
	// The input has 33 lines of which 3 are blank.
	if n := strings.Count(refOut.String(), "\n"); n != 30 {
		t.Fatalf("reference wrote %d lines, want 30", n)
	}
	for _, cfg := range scanConfigs {
		t.Run(fmt.Sprintf("workers=%d,batch=%d/%dB", cfg.workers, cfg.batchLines, cfg.batchBytes), func(t *testing.T) {
			out, stderr, code := runScanConfig(cfg, input)
			if code != refCode || stderr != "" {
				t.Errorf("exit status %d stderr %q, want %d and none", code, stderr, refCode)
			}
			diffScanOutput(t, out, refOut.String())
		})
	}
}

// TestScanOutputSpotChecks pins a few lines of the mixed input to what a
// script reads, so the equivalence above cannot pass on two equally wrong
// outputs.
func TestScanOutputSpotChecks(t *testing.T) {
	out, _, code := runScanConfig(scanConfigs[3], mixedScanInput())
	if code != 1 {
		t.Fatalf("exit status %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := map[int]string{
		3:  `{"id":"\u003ch\u003e","spans":[],"masked":"a \u003c b \u0026 c \u003e d \u2028 e\u2029 f"}`,
		5:  `{"id":"c","spans":[],"masked":"\u0001\u001f\b\f\r"}`,
		7:  `{"id":"late-id","spans":[],"masked":"Where do I park?"}`,
		11: `{"id":"","error":"malformed JSON: expected an object with id and text"}`,
		18: `{"id":"","error":"missing text"}`, // null
		20: `{"id":"","error":"missing text"}`, // {}
		21: `{"id":"","spans":[{"start":14,"end":26,"type":"PHONE"}],"masked":"null id, call [PHONE]"}`,
		22: `{"id":"","error":"id must be a string"}`,
		23: `{"id":"3","error":"text must be a string"}`,
		24: `{"id":"2","error":"missing text"}`,
		25: `{"id":"","error":"empty record"}`,
		26: fmt.Sprintf(`{"id":"","error":"line longer than %d bytes"}`, maxScanLine),
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
	for i, l := range lines {
		var o scanOut
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Errorf("line %d is not JSON: %s", i, l)
		}
	}
	if !strings.Contains(lines[8], `"id":"b"`) || !strings.Contains(lines[8], `second [PHONE]`) {
		t.Errorf("duplicate keys: the last value must win, got %s", lines[8])
	}
	if !strings.Contains(lines[4], "\"masked\":\"caf\uFFFD \uFFFD SSN [SSN]\"") {
		t.Errorf("invalid UTF-8 must become U+FFFD, got %s", lines[4])
	}
}

func diffScanOutput(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("output differs from the sequential scanner at line %d:\n got %.300s\nwant %.300s", i, gl, wl)
		}
	}
}

// FuzzScanParallelMatchesSequential feeds arbitrary input to the parallel
// pipeline and to the sequential encoding/json scanner it replaced: output
// and exit status must be identical.
func FuzzScanParallelMatchesSequential(f *testing.F) {
	mixed := strings.ReplaceAll(mixedScanInput(), strings.Repeat("a", maxScanLine+10), "aaa")
	f.Add(mixed)
	for l := range strings.SplitSeq(mixed, "\n") {
		f.Add(l)
	}
	f.Add("{\"id\":\"1\",\"text\":\"a\"}\n\n\r\n{\"id\":\"2\",\"text\":\"b\"}")
	f.Fuzz(func(t *testing.T, input string) {
		var refOut, refErr bytes.Buffer
		refCode := runScanReference(strings.NewReader(input), &refOut, &refErr)
		for _, cfg := range []scanConfig{
			{workers: 1, batchLines: 512, batchBytes: 128 << 10},
			{workers: 3, batchLines: 2, batchBytes: 16},
		} {
			out, _, code := runScanConfig(cfg, input)
			if code != refCode || out != refOut.String() {
				t.Fatalf("workers=%d: status %d output\n%q\nsequential: status %d output\n%q",
					cfg.workers, code, out, refCode, refOut.String())
			}
		}
	})
}

// FuzzScanRecordAgreesWithEncodingJSON checks the fast reader never accepts
// a line encoding/json would refuse, nor reads a different id or text.
func FuzzScanRecordAgreesWithEncodingJSON(f *testing.F) {
	for l := range strings.SplitSeq(strings.ReplaceAll(mixedScanInput(), strings.Repeat("a", maxScanLine+10), "a"), "\n") {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var rec scanRecord
		if !rec.decode(line) {
			return
		}
		std := decodeScanRecord(line)
		if std.err != "" || std.id != string(rec.id) || std.text != string(rec.text) {
			t.Fatalf("fast reader: id %q text %q; encoding/json: %+v", rec.id, rec.text, std)
		}
	})
}

// TestScanRecordFastPath makes sure the common shapes really take the fast
// reader (else the equivalence tests would only test encoding/json against
// itself) and read what encoding/json reads.
func TestScanRecordFastPath(t *testing.T) {
	for _, tc := range []struct {
		line string
		fast bool
	}{
		{`{"id":"1","text":"plain"}`, true},
		{`{"text":"no id"}`, true},
		{` {"id" : "w" , "text":"spaced"} `, true},
		{`{"id":"e","text":"\"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800 \udc00x \ud83dx"}`, true},
		{`{"id":"d","text":"a","text":"b"}`, true},
		{`{"id":"x","from":"web","text":"extra member"}`, true},
		{"{\"id\":\"ñ\",\"text\":\"José 😀\"}", true},
		{`{"id":1,"text":"number id"}`, false},
		// Lines that open as the common shape and then leave it.
		{`{"id":"1","text":"x"} `, true},
		{`{"id":"1","text":"x","id":"2"}`, true},
		{`{"id":"1","text":"x","text":"y"}`, true},
		{`{"id":"1","text":"x"}}`, false},
		{`{"id":"1","text":"x"]`, false},
		{`{"id":"1","text":"x`, false},
		{`{"id":"1","text":`, false},
		{`{"id":"1","text"`, false},
		{`{"id":"1"`, false},
		{`{"id":`, false},
		{`{"id":"1","text":"\u00e9 \ud83d\ude00 <&>"}`, true},
		{`{"id":"n","text":"x","n":3}`, false},
		{`{"\u0069d":"k","text":"escaped key"}`, false},
		{"{\"id\":\"u\",\"text\":\"caf\xe9\"}", false},
		// Invalid UTF-8 anywhere declines the fast reader: in the id, a
		// key, a member it skips, past the eighth byte of a long text, or
		// outside the strings.
		{"{\"id\":\"\xff\",\"text\":\"x\"}", false},
		{"{\"i\xc3d\":\"k\",\"text\":\"x\"}", false},
		{"{\"id\":\"k\",\"from\":\"w\xed\xa0\x80b\",\"text\":\"x\"}", false},
		{"{\"id\":\"k\",\"text\":\"a long plain run of words \xe2\x82 then more words\"}", false},
		{"{\"id\":\"k\",\"text\":\"a long plain run of words then more words\"}\xff", false},
		{"{\"id\":\"k\"\xa0,\"text\":\"x\"}", false},
		{"{\"id\":\"k\",\"text\":\"a long plain run of words \xe2\x82\xac then José\"}", true},
		{`{"id":"1"}`, false},
		{`{"id":"1","text":"x"}x`, false},
		{`{"id":"1","text":"x",}`, false},
		{`{"id":"1" "text":"x"}`, false},
		{`{"id":"q","text":"\q"}`, false},
		{`{"id":"h","text":"\u12"}`, false},
		{"{\"id\":\"r\",\"text\":\"raw\ttab\"}", false},
		{`{"id":"1","text":"x"`, false},
		{`null`, false},
		{``, false},
	} {
		var rec scanRecord
		fast := rec.decode([]byte(tc.line))
		if fast != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.line, fast, tc.fast)
			continue
		}
		if !fast {
			continue
		}
		std := decodeScanRecord([]byte(tc.line))
		if std.err != "" || std.id != string(rec.id) || std.text != string(rec.text) {
			t.Errorf("%s: fast reader id %q text %q; encoding/json %+v", tc.line, rec.id, rec.text, std)
		}
	}
}

// FuzzAppendJSONString holds the hand-written string encoder to
// encoding/json's bytes for any string, valid UTF-8 or not.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `"\<>&`, "\x00\x01\b\f\n\r\t\x1f\x7f", "é😀\u2028\u2029", "\xff\xe9a\xed\xa0\x80", "\u00e9\xc3",
		"a plain run of words, then <b> & \"quotes\" past eight bytes", "eight ok then\x1f and then José 😀 and \u2028 at the end"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("string %q: got %s want %s", s, got, want)
		}
		if got := appendJSONString(nil, []byte(s)); !bytes.Equal(got, want) {
			t.Fatalf("bytes %q: got %s want %s", s, got, want)
		}
	})
}

// TestEightByteChecksAgreeWithBytewise: the word-at-a-time tests that
// let the JSON reader and writer step over eight bytes answer as testing
// each byte would, for every byte value in every position among plain
// bytes and among other bytes that need attention.
func TestEightByteChecksAgreeWithBytewise(t *testing.T) {
	quiet := func(c byte) bool { return c != '"' && c != '\\' && c >= 0x20 }
	plain := func(c byte) bool { return c < 0x80 && jsonPlain[c] }
	for _, fill := range []byte{'a', ' ', 0x7f, 0x20, '"', 0x80, 0x1f, 0xff, '&'} {
		for c := range 256 {
			for p := range 8 {
				var w [8]byte
				for k := range w {
					w[k] = fill
				}
				w[p] = byte(c)
				wantQuiet, wantPlain := true, true
				for _, b := range w {
					wantQuiet = wantQuiet && quiet(b)
					wantPlain = wantPlain && plain(b)
				}
				x := load8(w[:], 0)
				if x != load8(string(w[:]), 0) {
					t.Fatalf("%x: load8 differs for bytes and string", w)
				}
				if got := stringBodyQuiet(x); got != wantQuiet {
					t.Errorf("%x: stringBodyQuiet %v, want %v", w, got, wantQuiet)
				}
				if got := jsonPlain8(x); got != wantPlain {
					t.Errorf("%x: jsonPlain8 %v, want %v", w, got, wantPlain)
				}
				// The lowest byte the masks mark is the first byte
				// the reader or writer must look at.
				firstQuiet, firstPlain := 8, 8
				for k := 7; k >= 0; k-- {
					if !quiet(w[k]) {
						firstQuiet = k
					}
					if !plain(w[k]) {
						firstPlain = k
					}
				}
				if got := bits.TrailingZeros64(stringBodyStops(x)) >> 3; got != firstQuiet {
					t.Errorf("%x: stringBodyStops marks byte %d first, want %d", w, got, firstQuiet)
				}
				if got := bits.TrailingZeros64(jsonStops(x)) >> 3; got != firstPlain {
					t.Errorf("%x: jsonStops marks byte %d first, want %d", w, got, firstPlain)
				}
			}
		}
	}
}

// TestScanAnswersLineByLine plays a script that writes one record and
// waits for its answer before writing the next: the pipeline must not hold
// a line back waiting for a batch to fill.
func TestScanAnswersLineByLine(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- runScan(inR, outW, io.Discard)
		outW.Close()
	}()
	answers := bufio.NewReader(outR)
	for i, text := range []string{"call 312-555-0199", "Where do I park?", "SSN 219-09-1234"} {
		fmt.Fprintf(inW, `{"id":"%d","text":%q}`+"\n", i, text)
		got := make(chan string, 1)
		go func() {
			l, _ := answers.ReadString('\n')
			got <- l
		}()
		select {
		case l := <-got:
			if !strings.HasPrefix(l, fmt.Sprintf(`{"id":"%d",`, i)) {
				t.Fatalf("answer %d: %q", i, l)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer to line %d while the input stays open", i)
		}
	}
	inW.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// TestScanFlushesWhenInputPausesOnABlankLine: a batch cut because it was
// full is flushed when the input then pauses, even if the line read last
// was blank and so started no batch of its own.
func TestScanFlushesWhenInputPausesOnABlankLine(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- runScanWith(scanConfig{workers: 2, batchLines: 2, batchBytes: 1 << 20}, inR, outW, io.Discard)
		outW.Close()
	}()
	go io.WriteString(inW, `{"id":"1","text":"a"}`+"\n"+`{"id":"2","text":"b"}`+"\n\n")
	got := make(chan string, 1)
	go func() {
		r := bufio.NewReader(outR)
		a, _ := r.ReadString('\n')
		b, _ := r.ReadString('\n')
		got <- a + b
	}()
	select {
	case s := <-got:
		if !strings.Contains(s, `"id":"1"`) || !strings.Contains(s, `"id":"2"`) {
			t.Fatalf("answers %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("answers held back while the input stays open")
	}
	inW.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit status %d", code)
	}
}

type failAfterReader struct {
	r   io.Reader
	err error
}

func (f *failAfterReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

// TestScanReadFailureKeepsEarlierLines: when stdin fails, every line read
// before is still answered, then the scanner exits with status 2.
func TestScanReadFailureKeepsEarlierLines(t *testing.T) {
	input := `{"id":"1","text":"SSN 219-09-1234"}` + "\n" + `{"id":"2","text":"Where do I park?"}` + "\n" + `{"id":"3","te`
	var refOut, refErr bytes.Buffer
	refCode := runScanReference(&failAfterReader{strings.NewReader(input), errors.New("connection reset")}, &refOut, &refErr)
	for _, cfg := range scanConfigs {
		var out, errb bytes.Buffer
		code := runScanWith(cfg, &failAfterReader{strings.NewReader(input), errors.New("connection reset")}, &out, &errb)
		if code != 2 || refCode != 2 || !strings.Contains(errb.String(), "reading input: connection reset") {
			t.Errorf("workers=%d: status %d (sequential %d), stderr %q", cfg.workers, code, refCode, errb.String())
		}
		diffScanOutput(t, out.String(), refOut.String())
		if n := strings.Count(out.String(), "\n"); n != 3 {
			t.Errorf("workers=%d: %d lines, want 3 (two records and the cut one's error)", cfg.workers, n)
		}
	}
}
