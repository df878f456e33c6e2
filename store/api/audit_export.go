package api

import (
	"sort"
	"strings"
)

// AuditExport is what an audit-review export wrote: the file, how many
// entries it holds, and whether more matched than an export may hold.
type AuditExport struct {
	Path      string
	Entries   int
	Truncated bool
}

// AuditDetailLine writes an entry's details as "k=v k=v", keys sorted:
// the one form the review screen and its exports share.
func AuditDetailLine(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+d[k])
	}
	return strings.Join(parts, " ")
}
