// Package ingest receives the providers' signed webhooks and stores them
// durably before the provider hears 200.
//
//   - Routes (routes.go) serves each provider route with its adapter
//     (bsp.WebhookReceiver, and bsp.Handshaker where the provider checks
//     its URL first): it reads the body within the adapter's limit (413),
//     checks the signature before anything is parsed (401, or 400 when
//     the signature cannot even be computed), parses, sets apart the
//     events for another business number and the messages that can never
//     be stored, submits the webhook and answers with the adapter's Ack
//     only once it is committed (503 otherwise, and the provider
//     retries). A signed body that cannot be parsed is acknowledged once
//     the record of it is committed: a refusal would be retried for days.
//   - Committer (group_commit.go) is this process's one writer of
//     webhooks: it takes whatever webhooks wait (up to MaxBatch), writes
//     each in its own savepoint of one transaction, commits once and only
//     then answers each request. A failing webhook is rolled back to its
//     savepoint alone; a failing commit fails the whole batch; Stop stores
//     what was handed over and refuses the rest. On PostgreSQL it opens
//     with BEGIN instead of SQLite's BEGIN IMMEDIATE.
//   - writerConn (sql_writer_conn.go) is the committer's own connection,
//     with its statements prepared once; every statement of the package
//     lives in that file.
//
// The package must not decide what a webhook's events mean: the server
// (package central) implements Store, which masks the patient's text,
// stores messages and statuses into threads, patients and messages,
// answers first messages, consent keywords and urgent ones, records the
// malformed and misrouted parts in the audit log, and, once the webhook
// is committed, moves the operational metrics and publishes the live
// events. Duplicates are recognised there, by the store's unique
// constraints, so a webhook delivered to two nodes is stored once. It
// depends on bsp, store/pgsql and store/central/storage, never on
// package central.
package ingest
