package api

// AuditExport is what an audit-review export wrote: the file, how many
// entries it holds, and whether more matched than an export may hold.
type AuditExport struct {
	Path      string
	Entries   int
	Truncated bool
}
