package ingest

import (
	"context"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
)

// Webhook is one signed delivery from a provider, verified and parsed,
// on its way to the database.
type Webhook struct {
	// Route is the path the provider posted to.
	Route string
	// Body is the body as the adapter has it recorded (bsp.RecordBody),
	// for the keyed digests of the records kept about it; never stored.
	Body []byte
	// ParseErr is set when the body was signed but could not be parsed:
	// only the record of that is stored, and the provider still hears
	// 200, since Meta retries any other answer for a week.
	ParseErr error
	// Events are the events the clinic stores.
	Events []bsp.Event
	// Misrouted are the events addressed to another business number than
	// the clinic's own: recorded, never stored (no patient, no thread).
	Misrouted []bsp.Event
	// Unusable are the inbound messages that can never be stored: no
	// provider id to key them, or no sender to attribute them. Retrying
	// them would block the webhook for days, so they are recorded in the
	// same savepoint as the rest and the webhook is acknowledged.
	Unusable []bsp.Event
}

// Store is the clinic's side of ingest, implemented by package central:
// what a webhook's events mean for threads, patients and messages, and
// what is recorded about the parts that cannot be stored.
type Store interface {
	// Prepare readies w for storing. It runs in the webhook's own request,
	// before the webhook joins a group commit, so work that needs no
	// database (masking the patient's text, the digests of a record) is
	// done by many requests at once rather than by the one writer.
	Prepare(w *Webhook) Pending
}

// Pending is a webhook readied by the Store, waiting for the committer.
type Pending interface {
	// Apply writes the webhook on q, inside its own savepoint of the
	// batch's transaction. An error (or a panic) rolls this webhook
	// alone back and its provider is answered 503. Nothing may leave the
	// transaction from here (no event published, no counter moved): the
	// batch may still fail to commit. The Stored it returns is handed to
	// the webhook's request once the transaction has committed.
	Apply(ctx context.Context, q storage.Querier) (Stored, error)
}

// Stored is a committed webhook's outcome, which only its Store reads.
type Stored interface {
	// Committed runs once the transaction holding the webhook has
	// committed, before the provider is answered: logs and counters an
	// operator (or a test) may read as soon as the answer arrives.
	Committed()
	// Acknowledged runs after the provider has been answered 200: what
	// the consoles and the outbox learn from the webhook.
	Acknowledged()
}

// splitMisrouted removes the events addressed to another business number
// than own. The comparison is exact: a documentation placeholder or
// another clinic's id never matches. An empty own keeps every event.
func splitMisrouted(events []bsp.Event, own string) (ours, misrouted []bsp.Event) {
	if own == "" {
		return events, nil
	}
	out := events[:0:0]
	for _, ev := range events {
		if ev.BusinessNumber != own {
			misrouted = append(misrouted, ev)
			continue
		}
		out = append(out, ev)
	}
	return out, misrouted
}

// splitUnusable removes inbound messages that lack a provider id or any
// sender and returns them apart.
func splitUnusable(events []bsp.Event) (usable, unusable []bsp.Event) {
	out := events[:0:0]
	for _, ev := range events {
		if ev.Kind == bsp.EventMessage && ev.Message != nil &&
			(ev.Message.ProviderID == "" || (ev.Message.From == "" && ev.Message.FromUserID == "")) {
			unusable = append(unusable, ev)
			continue
		}
		out = append(out, ev)
	}
	return out, unusable
}
