// Package nodes holds what lets several triaged nodes share one
// PostgreSQL database: the election of the one node that does a job only
// one may do at a time (Election: a session advisory lock on a dedicated
// connection), the locks nodes hold while they do something the others
// must wait for or stay out of (Lock, Share, Exclude), and the channel
// that carries change notices between nodes (Listener and Notify:
// LISTEN/NOTIFY). It knows nothing of messages or
// audit entries; store/central decides what to elect for and what a
// notice means. Everything here is PostgreSQL only: an embedded SQLite
// store is one node.
package nodes

import (
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"hash/fnv"
	"strings"

	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgres reports whether db was opened with pgx's database/sql
// driver, which is how triaged opens PostgreSQL.
func IsPostgres(db *sql.DB) bool {
	_, ok := db.Driver().(*stdlib.Driver)
	return ok
}

// NewID makes a node id for one run of triaged: random, so a restarted
// node is a new holder and never mistakes a lease of its previous life
// for its own.
func NewID() string {
	var b [10]byte
	rand.Read(b[:])
	return "node_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// LockKey turns a job's name into the 64-bit key of its advisory lock.
// Names keep keys apart from each other and from the migration lock
// (store/migrate), which is a fixed constant.
func LockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("triage.nodes." + name))
	return int64(h.Sum64())
}
