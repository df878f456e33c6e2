package auditlog

import (
	"context"
	"fmt"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/storage"
)

// ServerChain is the console id of the server's own audit chain.
const ServerChain = "triaged"

// AppendServer appends e to the server's own chain inside q, for work
// run without a running server (a purge, a key rotation, the vendor
// register): e's chain fields (console, sequence, hashes, time) are set
// here. It links to the chain's head exactly as the running server does,
// under the log's append lock, so two writers cannot fork the chain.
func AppendServer(ctx context.Context, q storage.Querier, now time.Time, e api.AuditEntry) error {
	head, err := Store{}.Head(ctx, q, ServerChain)
	if err != nil {
		return fmt.Errorf("central: audit head: %w", err)
	}
	e.ConsoleID, e.At = ServerChain, now
	e = audit.Link(head, e)
	if err := (Store{}).Insert(ctx, q, e, now); err != nil {
		return fmt.Errorf("central: audit write: %w", err)
	}
	return nil
}
