package policy

import "testing"

// BenchmarkDetectCorpus runs Detect over every corpus message; msg/s is the
// throughput of one goroutine (run with -cpu 1 for one core).
func BenchmarkDetectCorpus(b *testing.B) {
	corpus := loadCorpus(b)
	texts := make([]string, len(corpus))
	bytes := 0
	for i, e := range corpus {
		texts[i] = e.Text
		bytes += len(e.Text)
	}
	Detect("warm up the lexicon")
	b.SetBytes(int64(bytes / len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Detect(texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}

// BenchmarkDetectClean measures the common case: an operational message
// with nothing to mask, which must not allocate.
func BenchmarkDetectClean(b *testing.B) {
	msgs := []string{"Where do I park?", "Can I reschedule to Tuesday at 3:30?", "running 10 minutes late, sorry",
		"¿A qué hora abren el sábado?", "Is suite 200 on the 3rd floor?"}
	Detect(msgs[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Detect(msgs[i%len(msgs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}

// BenchmarkPopulationNamesLoad is the cost of building the population
// name table from the list, which the embedded ready-made table saves
// every process.
func BenchmarkPopulationNamesLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadNameSlots()
	}
}

// BenchmarkLexiconBuild is what every process pays once, before its first
// message: the word lists and cue tables compiled into the look-up index.
func BenchmarkLexiconBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildLexicon(); err != nil {
			b.Fatal(err)
		}
	}
}
