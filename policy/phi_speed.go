package policy

// pairHash hashes two words as the phrase key "a b" would read, without
// building it (FNV-1a, finalised like hashWord).
func pairHash(a, b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range a {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= ' '
	h *= 1099511628211
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// phraseBound is the longest lexicon phrase that can start at token i,
// judged by its first two words: 0 when none does. A hash collision only
// makes the bound loose, never too short.
func (sc *scanner) phraseBound(i int) int {
	if i+1 >= len(sc.toks) {
		return 0
	}
	return int(sc.lx.phrase2[pairHash(sc.txt(i), sc.txt(i+1))])
}
