package central

import "context"

// sqlThreadLang keeps each thread's language ("en" or "es", never the
// text it was read from), for the inbox's language filter and the
// language of automatic replies.
type sqlThreadLang struct{}

// set records the thread's language.
func (sqlThreadLang) set(ctx context.Context, q Querier, threadID, lang string) error {
	_, err := q.ExecContext(ctx, `UPDATE threads SET lang = ? WHERE id = ?`, lang, threadID)
	return err
}

// get reads the thread's language; an error when the thread has none
// recorded (NULL) or does not exist.
func (sqlThreadLang) get(ctx context.Context, q Querier, threadID string) (string, error) {
	var lang string
	err := q.QueryRowContext(ctx, `SELECT lang FROM threads WHERE id = ?`, threadID).Scan(&lang)
	return lang, err
}
