//go:build race

package policy

// raceEnabled: the race detector makes sync.Pool drop entries at random,
// so allocation counts are meaningless under -race.
const raceEnabled = true
