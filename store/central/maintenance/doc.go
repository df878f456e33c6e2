// Package maintenance is the central store's upkeep, run by an operator
// beside or instead of the serving triaged:
//
//   - retention: the floors a clinic may not go below, and the purge of
//     records past their retention (PurgeDB), recorded with counts only
//     in the server's audit chain in the same transaction;
//   - backup and restore of the SQLite store (one consistent copy, checked
//     for integrity and every audit chain before it is trusted), and the
//     read-only opening that verification and export share.
//
// Its statements live in the sql_*.go files. It must not open a store the
// way the server does (keys, migrations, PostgreSQL selection): package
// central opens the store and hands the database in (central.Purge). It
// must not import package central. Key rotation and the seed reset still
// live in package central, beside the sealed columns and users they touch.
package maintenance
