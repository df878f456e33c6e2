package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/clinicwa/triage/cmd/internal/chatgen"
	"github.com/clinicwa/triage/policy"
)

// benchInput is the generated clinic traffic that `make bench-peers` also
// feeds to the whole processes.
func benchInput(b *testing.B, n int) []byte {
	b.Helper()
	var in bytes.Buffer
	if err := chatgen.WriteJSONL(&in, n, 20261204); err != nil {
		b.Fatal(err)
	}
	return in.Bytes()
}

// BenchmarkScan runs the whole `triage scan` pipeline in-process (reading,
// decoding, detecting, encoding, writing) over 10,000 generated messages per
// iteration. msg/s is the throughput with the workers shown by -cpu;
// allocs/line is what one message costs the allocator, the detector's own
// allocations (spans and masked text for a message with PHI) included;
// cpu-µs/line is the process's CPU per line, all goroutines together, the
// steadier figure when other work shares the machine.
//
//	go test -run '^$' -bench Scan -benchmem ./cmd/triage/
func BenchmarkScan(b *testing.B) {
	const n = 10000
	in := benchInput(b, n)
	policy.Detect("warm up the lexicon")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for range b.N {
		if code := runScan(bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
	cpu1, _ := processCPU()
	b.StopTimer()
	lines := float64(b.N) * n
	b.ReportMetric(lines/b.Elapsed().Seconds(), "msg/s")
	if cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/1e3/lines, "cpu-µs/line")
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		runScan(bytes.NewReader(in), io.Discard, io.Discard)
	}))/n, "allocs/line")
}

// BenchmarkDetectOnly is the floor the pipeline works against: the
// detector alone on the same messages, one goroutine. allocs/msg is the
// detector's own share of the pipeline's allocs/line.
func BenchmarkDetectOnly(b *testing.B) {
	const n = 10000
	g := chatgen.New(20261204)
	texts := make([]string, n)
	for i := range texts {
		texts[i] = g.Next().Text
	}
	policy.Detect("warm up the lexicon")
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for i := range b.N {
		policy.Detect(texts[i%n])
	}
	cpu1, _ := processCPU()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
	if cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/1e3/float64(b.N), "cpu-µs/msg")
	}
	b.ReportMetric(testing.AllocsPerRun(1, func() {
		for _, t := range texts {
			policy.Detect(t)
		}
	})/n, "allocs/msg")
}
