package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

type scanOut struct {
	ID     string     `json:"id"`
	Spans  []scanSpan `json:"spans"`
	Masked *string    `json:"masked"`
	Error  string     `json:"error"`
}

func runScanString(t *testing.T, input string) ([]scanOut, []string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runScan(strings.NewReader(input), &out, &errb)
	var res []scanOut
	var raw []string
	for _, l := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		if l == "" {
			continue
		}
		raw = append(raw, l)
		var o scanOut
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("output line is not JSON: %q", l)
		}
		res = append(res, o)
	}
	return res, raw, code
}

func TestScanSpansAndMasking(t *testing.T) {
	text := "Hola, soy José Muñoz, cel +52 55 1234 5678"
	in, _ := json.Marshal(map[string]string{"id": "m1", "text": text})
	res, raw, code := runScanString(t, string(in)+"\n")
	if code != 0 || len(res) != 1 {
		t.Fatalf("code %d, %d lines", code, len(res))
	}
	r := res[0]
	if r.ID != "m1" || r.Masked == nil || *r.Masked != "Hola, soy [NAME], cel [PHONE]" {
		t.Fatalf("unexpected result %s", raw[0])
	}
	// Offsets are UTF-8 bytes of the original text, end exclusive.
	if got := text[r.Spans[0].Start:r.Spans[0].End]; got != "José Muñoz" || r.Spans[0].Type != "NAME" {
		t.Errorf("span 0 covers %q (%s)", got, r.Spans[0].Type)
	}
	if got := text[r.Spans[1].Start:r.Spans[1].End]; got != "+52 55 1234 5678" || r.Spans[1].Type != "PHONE" {
		t.Errorf("span 1 covers %q (%s)", got, r.Spans[1].Type)
	}
	if strings.Contains(raw[0], "confidence") {
		t.Errorf("output carries fields beyond the documented ones: %s", raw[0])
	}
}

func TestScanCleanMessageHasEmptySpans(t *testing.T) {
	_, raw, code := runScanString(t, `{"id":"c","text":"Where do I park?"}`)
	if code != 0 || len(raw) != 1 || raw[0] != `{"id":"c","spans":[],"masked":"Where do I park?"}` {
		t.Fatalf("code %d output %q", code, raw)
	}
}

func TestScanMalformedLinesDoNotStopTheRest(t *testing.T) {
	input := strings.Join([]string{
		`{"id":"1","text":"SSN 219-09-1234"}`,
		`not json at all {`,
		``,
		`{"id":"2"}`,
		`{"id":7,"text":"x"}`,
		`{"id":"3","text":12}`,
		"{\"id\":\"4\",\"text\":\"call 312-555-0199\"}\r",
		`{"id":"5","text":"email ana@example.com"}`,
	}, "\n")
	res, raw, code := runScanString(t, input)
	if code != 1 {
		t.Errorf("exit code %d, want 1 when some lines failed", code)
	}
	want := []struct{ id, err, masked string }{
		{"1", "", "SSN [SSN]"},
		{"", "malformed JSON", ""},
		{"2", "missing text", ""},
		{"", "id must be a string", ""},
		{"3", "text must be a string", ""},
		{"4", "", "call [PHONE]"},
		{"5", "", "email [EMAIL]"},
	}
	if len(res) != len(want) {
		t.Fatalf("got %d lines, want %d: %q", len(res), len(want), raw)
	}
	for i, w := range want {
		r := res[i]
		if r.ID != w.id || !strings.Contains(r.Error, w.err) || (w.err != "") != (r.Error != "") {
			t.Errorf("line %d: %s, want id %q error %q", i, raw[i], w.id, w.err)
		}
		if w.err == "" && (r.Masked == nil || *r.Masked != w.masked) {
			t.Errorf("line %d: %s, want masked %q", i, raw[i], w.masked)
		}
		if w.err != "" && strings.Contains(raw[i], "x\"") {
			t.Errorf("line %d: error line quotes input text: %s", i, raw[i])
		}
	}
}

func TestScanTooLongLine(t *testing.T) {
	long := `{"id":"big","text":"` + strings.Repeat("a", maxScanLine+10) + `"}`
	res, _, code := runScanString(t, long+"\n"+`{"id":"after","text":"zip 90210"}`+"\n")
	if code != 1 || len(res) != 2 {
		t.Fatalf("code %d, %d lines", code, len(res))
	}
	if res[0].Error == "" || res[1].ID != "after" || res[1].Masked == nil || *res[1].Masked != "zip [ZIP]" {
		t.Errorf("got %+v / %+v", res[0], res[1])
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestScanWriteFailure(t *testing.T) {
	var errb bytes.Buffer
	code := runScan(strings.NewReader(`{"id":"1","text":"hi"}`+"\n"), failWriter{}, &errb)
	if code != 2 || !strings.Contains(errb.String(), "writing output") {
		t.Errorf("code %d stderr %q", code, errb.String())
	}
}
