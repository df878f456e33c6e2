//go:build !unix

package central

import "time"

// processCPU is not measured here; the benchmark then omits cpu-µs/webhook.
func processCPU() time.Duration { return 0 }
