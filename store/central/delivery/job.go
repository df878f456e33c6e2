package delivery

import (
	"database/sql"
	"time"
)

// Job is one outbound message waiting for, or done with, delivery.
type Job struct {
	ID             int64
	MessageID      string
	ThreadID       string
	IdempotencyKey string
	State          string // "pending", "done", "failed"
	Attempts       int
	NextAt         time.Time
	LastError      string
	CreatedAt      time.Time
}

// fromTS reads a nanosecond timestamp column; zero and NULL are the zero
// time.
func fromTS(n sql.NullInt64) time.Time {
	if !n.Valid || n.Int64 == 0 {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}
