// Package maintenance is the central store's upkeep, run by an operator
// beside or instead of the serving triaged:
//
//   - retention: the floors a clinic may not go below, and the purge of
//     records past their retention (PurgeDB), recorded with counts only
//     in the server's audit chain in the same transaction;
//   - backup and restore of the SQLite store (one consistent copy, checked
//     for integrity and every audit chain before it is trusted), and the
//     read-only opening that verification and export share;
//   - key maintenance (keys.go): the rotation of the data key, resealing
//     every sealed column under the new key and retiring the old one, and
//     the rewrap of the keys under another key-encryption key, each
//     recorded with key ids and counts only in the server's audit chain.
//
// Its statements live in the sql_*.go files. It must not open a store the
// way the server does (keys, migrations, PostgreSQL selection): package
// central opens the store and hands the database in (central.Purge,
// central.RotateKeys). For key maintenance central also takes the locks
// that keep every serving triaged out (the data folder's, and on
// PostgreSQL the one every serving node shares), opens the keys and
// names the sealed columns (central.SealedColumns, which the evidence
// pack lists too), and hands them in as a KeyedStore. Rotation lives here rather
// than in a package of its own because it is the same kind of work as
// the purge, on the same footing: an operator's command on a store that
// central opened, audited in the server's chain as the operator
// (OperatorID); what it adds to this package's imports is store/seal,
// which it acts on. It must not import package central. The seed reset
// stays in package central: it runs at a server's start, on the Server's
// store, sessions and audit, and is no operator's command.
package maintenance
