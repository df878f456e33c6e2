package records

import "context"

// ThreadLang keeps each thread's language ("en" or "es", never the
// text it was read from), for the inbox's language filter and the
// language of automatic replies.
type ThreadLang struct{}

// Set records the thread's language.
func (ThreadLang) Set(ctx context.Context, q Querier, threadID, lang string) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET lang = ? WHERE id = ?`, lang, threadID)
	return err
}

// Get reads the thread's language; an error when the thread has none
// recorded (NULL) or does not exist.
func (ThreadLang) Get(ctx context.Context, q Querier, threadID string) (string, error) {
	var lang string
	err := q.QueryRowContext(ctx, `SELECT lang FROM threads WHERE id = ?`, threadID).Scan(&lang)
	return lang, err
}
