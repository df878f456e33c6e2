package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/clinicwa/triage/policy"
)

// maxScanLine bounds one input line; longer lines get an error line and
// are skipped, so one runaway record cannot exhaust memory.
const maxScanLine = 1 << 20

// scanSpan is one span in `triage scan` output: UTF-8 byte offsets of the
// input text, end exclusive.
type scanSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// scanResult is one output line. The field set is a stable interface for
// scripts: {"id","spans","masked"} on success (spans always present, empty
// when nothing was found), {"id","error"} on failure.
type scanResult struct {
	ID     string
	Spans  []scanSpan
	Masked string
	Error  string
}

type scanOK struct {
	ID     string     `json:"id"`
	Spans  []scanSpan `json:"spans"`
	Masked string     `json:"masked"`
}

type scanErr struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// MarshalJSON writes the success or the error shape.
func (r scanResult) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(scanErr{ID: r.ID, Error: r.Error})
	}
	spans := r.Spans
	if spans == nil {
		spans = []scanSpan{}
	}
	return json.Marshal(scanOK{ID: r.ID, Spans: spans, Masked: r.Masked})
}

// runScan implements `triage scan`: it reads JSON lines {"id": "...",
// "text": "..."} from stdin and writes one JSON line per input line with the
// PHI spans and masked text. A malformed line yields {"id": ..., "error":
// ...} (id empty when it cannot be read) and scanning goes on. Blank lines
// are skipped. Error messages never quote the text.
//
// Exit status: 0 when every line was scanned, 1 when some lines got an
// error line, 2 when reading stdin or writing stdout failed.
func runScan(stdin io.Reader, stdout, stderr io.Writer) int {
	in := bufio.NewReaderSize(stdin, 64<<10)
	out := bufio.NewWriterSize(stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status := 0
	var line []byte
	for {
		var tooLong bool
		var err error
		line, tooLong, err = readLine(in, line[:0])
		if len(line) > 0 || tooLong {
			res := scanLine(line, tooLong)
			if res.Error != "" {
				status = 1
			}
			if werr := enc.Encode(res); werr != nil {
				fmt.Fprintln(stderr, "triage scan: writing output:", werr)
				return 2
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			out.Flush()
			fmt.Fprintln(stderr, "triage scan: reading input:", err)
			return 2
		}
		// Flush whenever the input has nothing more buffered, so a script
		// talking to the scanner line by line gets its answer at once.
		if in.Buffered() == 0 {
			if werr := out.Flush(); werr != nil {
				fmt.Fprintln(stderr, "triage scan: writing output:", werr)
				return 2
			}
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "triage scan: writing output:", err)
		return 2
	}
	return status
}

// readLine reads one line without its newline (and carriage return). A
// line longer than maxScanLine is drained and reported as tooLong.
func readLine(r *bufio.Reader, buf []byte) ([]byte, bool, error) {
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxScanLine+2 {
				tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if tooLong {
			buf = buf[:0]
		}
		return buf, tooLong, err
	}
}

// scanLine parses one input record and scans its text.
func scanLine(line []byte, tooLong bool) scanResult {
	if tooLong {
		return scanResult{Error: fmt.Sprintf("line longer than %d bytes", maxScanLine)}
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return scanResult{Error: "empty record"}
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return scanResult{Error: "malformed JSON: expected an object with id and text"}
	}
	var res scanResult
	if idRaw, ok := raw["id"]; ok {
		if err := json.Unmarshal(idRaw, &res.ID); err != nil {
			return scanResult{Error: "id must be a string"}
		}
	}
	textRaw, ok := raw["text"]
	if !ok {
		res.Error = "missing text"
		return res
	}
	var text string
	if err := json.Unmarshal(textRaw, &text); err != nil {
		res.Error = "text must be a string"
		return res
	}
	d := policy.Detect(text)
	res.Spans = make([]scanSpan, len(d.Spans))
	for i, s := range d.Spans {
		res.Spans[i] = scanSpan{Start: s.Start, End: s.End, Type: string(s.Type)}
	}
	res.Masked = d.Masked
	return res
}
