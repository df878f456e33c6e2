// Package delivery keeps the outbox and runs its worker: the durable
// queue of the clinic's outbound messages on their way to the WhatsApp
// provider, and the loop that sends them.
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
//   - Worker (worker.go) sends the due jobs: it claims them (leased, with
//     several nodes), sends at most a few at once and one per thread,
//     re-reads each job before its send so one just recorded is not sent
//     again, spaces retries with Backoff (a provider's Retry-After is a
//     floor), gives up after GiveUpAfter, and at Stop hands the jobs it
//     took but did not send back to the other nodes.
//
// Every statement lives in the sql_*.go files. The package must not build
// messages, check outbound rules, apply message statuses, publish events
// or write the audit log: the server (package central) implements
// Messages, which builds each send's provider request from its message,
// thread and patient and records an attempt's outcome with the message,
// in the transaction that records it in the outbox. It depends only on
// store/central/storage and bsp, never on package central.
package delivery
