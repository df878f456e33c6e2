// Package storage is the ground every part of the central store stands
// on: the Querier a statement runs on (a pool or a transaction), the
// write gate that makes one process's writers take turns, the
// transaction helper, and the errors every storage method shares.
//
// It holds no SQL of its own and knows no table: packages above it (the
// audit log, the server's entity stores) own their statements. Nothing
// here may import another store/central package, so every other package
// can import this one without a cycle.
package storage
