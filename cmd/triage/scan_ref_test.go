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

// runScanReference is the sequential, encoding/json implementation of
// `triage scan` that the pipeline replaced. It stays here as the oracle:
// the pipeline must write exactly what it writes, byte for byte, and exit
// with the same status.
func runScanReference(stdin io.Reader, stdout, stderr io.Writer) int {
	in := bufio.NewReaderSize(stdin, 64<<10)
	out := bufio.NewWriterSize(stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status := 0
	var line []byte
	for {
		var tooLong bool
		var err error
		line, tooLong, err = readLineReference(in, line[:0])
		if len(line) > 0 || tooLong {
			res := scanLineReference(line, tooLong)
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

type scanResultReference struct {
	ID     string
	Spans  []scanSpan
	Masked string
	Error  string
}

func (r scanResultReference) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		}{r.ID, r.Error})
	}
	spans := r.Spans
	if spans == nil {
		spans = []scanSpan{}
	}
	return json.Marshal(struct {
		ID     string     `json:"id"`
		Spans  []scanSpan `json:"spans"`
		Masked string     `json:"masked"`
	}{r.ID, spans, r.Masked})
}

func readLineReference(r *bufio.Reader, buf []byte) ([]byte, bool, error) {
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

func scanLineReference(line []byte, tooLong bool) scanResultReference {
	if tooLong {
		return scanResultReference{Error: fmt.Sprintf("line longer than %d bytes", maxScanLine)}
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return scanResultReference{Error: "empty record"}
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return scanResultReference{Error: "malformed JSON: expected an object with id and text"}
	}
	var res scanResultReference
	if idRaw, ok := raw["id"]; ok {
		if err := json.Unmarshal(idRaw, &res.ID); err != nil {
			return scanResultReference{Error: "id must be a string"}
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
