// Package delivery keeps the outbox: the durable queue of the clinic's
// outbound messages on their way to the WhatsApp provider.
//
//   - Outbox (sql_outbox.go) queues a message's job in the caller's
//     transaction, lists each thread's oldest due job (so a thread's
//     messages reach the patient in order) and records each attempt's
//     outcome: done, retry later, failed for good.
//   - Leases (sql_outbox_leases.go) hand each due job to one node when
//     several nodes share a PostgreSQL database, so no two nodes send the
//     same message.
//   - IntentProvider (intent.go) records, before every provider call, that
//     the send is under way: a send in doubt after a crash waits for the
//     provider's status instead of reaching the patient twice.
//
// Every statement lives in the sql_*.go files. The package must not build
// messages, check outbound rules, apply message statuses, publish events
// or write the audit log: the server (package central) runs the worker
// that reads these jobs, calls the provider and records the result with
// the message. It depends only on store/central/storage and bsp, never on
// package central.
package delivery
