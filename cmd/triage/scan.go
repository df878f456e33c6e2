package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"unsafe"

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

// scanConfig shapes the scanning pipeline. Batches trade latency for
// throughput: a batch goes to a worker whole, so larger batches mean less
// hand-over per line; a batch is also cut whenever stdin has nothing more
// buffered, so an interactive caller never waits for a batch to fill.
type scanConfig struct {
	workers    int // goroutines running the detector
	batchLines int // most lines in one batch
	batchBytes int // a batch is cut once its input reaches this size
}

func defaultScanConfig() scanConfig {
	return scanConfig{workers: runtime.GOMAXPROCS(0), batchLines: 512, batchBytes: 128 << 10}
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
	return runScanWith(defaultScanConfig(), stdin, stdout, stderr)
}

// scanBatch is a run of consecutive input lines, scanned by one worker,
// and the output lines it produced, in input order.
type scanBatch struct {
	in     []byte     // the lines back to back, without newlines
	lines  []scanLine // where each line sits in `in`
	out    []byte     // the encoded output lines
	failed bool       // some line got an error line
	flush  bool       // stdin had nothing more buffered after the last line
	done   chan struct{}
}

type scanLine struct {
	start, end int
	tooLong    bool
}

func (b *scanBatch) reset() {
	b.in, b.lines, b.out = b.in[:0], b.lines[:0], b.out[:0]
	b.failed, b.flush = false, false
}

// runScanWith runs the pipeline: one goroutine reads lines into batches,
// cfg.workers goroutines scan batches, and the calling goroutine writes each
// batch's output in input order. A fixed set of batches circulates between
// them, so memory stays bounded however long the input and the buffers are
// reused rather than allocated per line.
func runScanWith(cfg scanConfig, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg.workers = max(cfg.workers, 1)
	cfg.batchLines = max(cfg.batchLines, 1)
	nbatch := 2*cfg.workers + 2
	free := make(chan *scanBatch, nbatch)
	for range nbatch {
		free <- &scanBatch{done: make(chan struct{}, 1)}
	}
	work := make(chan *scanBatch, nbatch)
	order := make(chan *scanBatch, nbatch)
	quit := make(chan struct{})
	var readErr error // set by the reader before it closes order

	for range cfg.workers {
		go func() {
			var w scanWorker
			for b := range work {
				w.scanBatch(b)
				b.done <- struct{}{}
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(work)
		in := bufio.NewReaderSize(stdin, 256<<10)
		var b *scanBatch
		unflushed := false // a batch went out that the writer will not flush
		// order and work hold every batch there is, so sending never
		// blocks.
		send := func() {
			unflushed = !b.flush
			order <- b
			work <- b
			b = nil
		}
		for {
			if b == nil {
				select {
				case b = <-free:
					b.reset()
				case <-quit:
					return
				}
			}
			var tooLong bool
			var err error
			start := len(b.in)
			b.in, tooLong, err = readLine(in, b.in)
			if len(b.in) > start || tooLong {
				b.lines = append(b.lines, scanLine{start: start, end: len(b.in), tooLong: tooLong})
			}
			if err != nil {
				if len(b.lines) > 0 {
					send()
				} else {
					free <- b
				}
				if err != io.EOF {
					readErr = err
				}
				return
			}
			// Cut the batch whenever the input has nothing more buffered,
			// so a script talking to the scanner line by line gets its
			// answer at once; the writer flushes after such a batch.
			// A batch with no lines carries only that flush, for output
			// still buffered when the input paused on a blank line.
			if in.Buffered() == 0 {
				if len(b.lines) > 0 || unflushed {
					b.flush = true
					send()
				}
				continue
			}
			if len(b.lines) >= cfg.batchLines || len(b.in) >= cfg.batchBytes {
				send()
			}
		}
	}()

	out := bufio.NewWriterSize(stdout, 256<<10)
	status := 0
	for b := range order {
		<-b.done
		if b.failed {
			status = 1
		}
		_, werr := out.Write(b.out)
		if werr == nil && b.flush {
			werr = out.Flush()
		}
		if werr != nil {
			close(quit)
			fmt.Fprintln(stderr, "triage scan: writing output:", werr)
			return 2
		}
		free <- b
	}
	if readErr != nil {
		out.Flush()
		fmt.Fprintln(stderr, "triage scan: reading input:", readErr)
		return 2
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "triage scan: writing output:", err)
		return 2
	}
	return status
}

// readLine appends one line to buf without its newline (and trailing
// carriage returns). A line longer than maxScanLine is drained, left out of
// buf and reported as tooLong.
func readLine(r *bufio.Reader, buf []byte) ([]byte, bool, error) {
	start := len(buf)
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)-start+len(chunk) > maxScanLine+2 {
				tooLong = true
				buf = buf[:start]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return buf[:start], true, err
		}
		end := len(buf)
		for end > start && (buf[end-1] == '\n' || buf[end-1] == '\r') {
			end--
		}
		return buf[:end], false, err
	}
}

// scanWorker holds one goroutine's scratch buffers.
type scanWorker struct {
	rec      scanRecord
	detector policy.Detector
	spans    []policy.Span // the current line's spans (appendResult)
	masked   []byte        // the current line's masked text, when it has spans
}

func (w *scanWorker) scanBatch(b *scanBatch) {
	// An output line is about as long as its input plus the spans; sizing
	// once spares the batch's first use a run of doublings.
	b.out = slices.Grow(b.out[:0], len(b.in)+len(b.in)/2+64*len(b.lines))
	for _, l := range b.lines {
		var failed bool
		b.out, failed = w.scanLine(b.out, b.in[l.start:l.end], l.tooLong)
		b.failed = b.failed || failed
	}
}

// scanLine appends the output line for one input line to dst and reports
// whether it is an error line.
func (w *scanWorker) scanLine(dst, line []byte, tooLong bool) ([]byte, bool) {
	if tooLong {
		return appendScanError(dst, "", fmt.Sprintf("line longer than %d bytes", maxScanLine)), true
	}
	var id []byte
	var text string
	if w.rec.decode(line) {
		// The common shape, read without building a map.
		// The text is read in place, not copied into a string of its
		// own for every line: nothing keeps it past this line's output
		// (the detector's scratch state is overwritten by the next
		// message before it is read again), and the batch's buffer it
		// lies in is not reused until the writer has taken the output.
		id, text = w.rec.id, bytesAsString(w.rec.text)
	} else {
		// Anything else, including every malformed line, takes the
		// standard library's path, which also words the error.
		res := decodeScanRecord(line)
		if res.err != "" {
			return appendScanError(dst, res.id, res.err), true
		}
		return appendResult(w, dst, res.id, res.text), false
	}
	return appendResult(w, dst, id, text), false
}

// appendResult scans text and appends its output line. The worker's own
// Detector scans it, and the spans and masked text go through the
// worker's buffers rather than a Detection allocated for every message.
func appendResult[S []byte | string](w *scanWorker, dst []byte, id S, text string) []byte {
	w.spans, w.masked = w.detector.AppendDetect(text, w.spans[:0], w.masked[:0])
	if len(w.spans) == 0 {
		return appendScanResult(dst, id, nil, text) // nothing masked: the text itself
	}
	return appendScanResult(dst, id, w.spans, w.masked)
}

// bytesAsString views b as a string without copying it. The caller must
// not change b while the string is in use.
func bytesAsString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// decodedRecord is an input record read by the standard library, or the
// error line's message when it cannot be scanned.
type decodedRecord struct {
	id, text, err string
}

// decodeScanRecord reads one input line with encoding/json. It handles
// every input the fast reader declines and decides the error messages.
func decodeScanRecord(line []byte) decodedRecord {
	if len(bytes.TrimSpace(line)) == 0 {
		return decodedRecord{err: "empty record"}
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return decodedRecord{err: "malformed JSON: expected an object with id and text"}
	}
	var res decodedRecord
	if idRaw, ok := raw["id"]; ok {
		if err := json.Unmarshal(idRaw, &res.id); err != nil {
			return decodedRecord{err: "id must be a string"}
		}
	}
	textRaw, ok := raw["text"]
	if !ok {
		res.err = "missing text"
		return res
	}
	if err := json.Unmarshal(textRaw, &res.text); err != nil {
		res.err = "text must be a string"
	}
	return res
}
