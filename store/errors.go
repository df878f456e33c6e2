package store

import "errors"

// ErrAuditUnwritable means the local audit trail could not record an
// action, so the action was not taken (fail closed). The console cannot
// go on safely until the store is writable again.
var ErrAuditUnwritable = errors.New("the audit trail could not be written, so the action was not taken")
