// Package auditlog keeps the central audit log: every console's
// hash-chained entries and the server's own chain, in one table.
//
//   - Appending (Store.Head, Store.Insert) runs on the caller's
//     transaction, so an entry commits with the action it records or not
//     at all; Head takes the log's append lock (sql_audit.go).
//   - Checkpoints (Checkpointer) sign the log's Merkle root and every
//     chain's head with a key derived from the store's keys; with several
//     nodes only the elected signer signs.
//   - Verification (VerifyLog) checks signatures, links, truncation and
//     the Merkle root at every checkpoint in one read snapshot, hashing on
//     every core; VerifyChains is the sequential check that names damage.
//   - Reading back: the audit view's filtered pages (Store.Query) and
//     `triaged audit export`'s JSON lines (Export). The privacy officer's
//     review, which joins users, patients and reveals, stays with the
//     server.
//   - SIEMSource is what the SIEM stream (store/central/siem) reads, with
//     each sink's durable cursor.
//
// Every statement lives in the sql_*.go files. The package must not
// decide what is audited or serve HTTP: the server (package central)
// builds the entries and wires the checkpointer and the stream in. It
// depends only on store/central/storage, store/central/nodes and the
// chain format in store/audit, never on package central.
package auditlog
