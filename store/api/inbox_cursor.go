package api

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ErrBadInboxCursor is a page cursor that InboxCursor did not write.
var ErrBadInboxCursor = errors.New("not an inbox cursor")

// InboxCursor is the keyset position just after a row of the inbox order
// (urgent first, newest activity, later-stored last message, id): the
// "after" of the page that starts with the row following it. The server
// writes it for ThreadPage.Next; a console that let go of the rows above
// the ones it holds writes it too, to read them again.
func InboxCursor(urgent bool, lastAt time.Time, arrival int64, id string) string {
	u := "0"
	if urgent {
		u = "1"
	}
	return u + "." + strconv.FormatInt(lastAt.UnixNano(), 10) + "." + strconv.FormatInt(arrival, 10) + "." + id
}

// ParseInboxCursor reads an InboxCursor back.
func ParseInboxCursor(c string) (urgent bool, lastAtNano, arrival int64, id string, err error) {
	parts := strings.SplitN(c, ".", 4)
	if len(parts) != 4 || parts[3] == "" || (parts[0] != "0" && parts[0] != "1") {
		return false, 0, 0, "", ErrBadInboxCursor
	}
	if lastAtNano, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return false, 0, 0, "", ErrBadInboxCursor
	}
	if arrival, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return false, 0, 0, "", ErrBadInboxCursor
	}
	return parts[0] == "1", lastAtNano, arrival, parts[3], nil
}

// ErrBadQueueCursor is a page cursor that QueueCursor did not write.
var ErrBadQueueCursor = errors.New("not a queue cursor")

// QueueCursor is the keyset position just after a row of a queue worked
// oldest first (urgent first, then the queue's own clock ascending, then
// id; see QueueSortKey): the "after" of the page that starts with the
// row following it. Like InboxCursor, the server writes it for
// ThreadPage.Next and a console that let go of the rows above the ones it
// holds writes it to read them again, so a long queue is held a few pages
// at a time, not whole.
func QueueCursor(urgent bool, key int64, id string) string {
	u := "0"
	if urgent {
		u = "1"
	}
	return "k." + u + "." + strconv.FormatInt(key, 10) + "." + id
}

// ParseQueueCursor reads a QueueCursor back.
func ParseQueueCursor(c string) (urgent bool, key int64, id string, err error) {
	parts := strings.SplitN(c, ".", 4)
	if len(parts) != 4 || parts[0] != "k" || parts[3] == "" || (parts[1] != "0" && parts[1] != "1") {
		return false, 0, "", ErrBadQueueCursor
	}
	if key, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return false, 0, "", ErrBadQueueCursor
	}
	return parts[1] == "1", key, parts[3], nil
}

// KeyedQueue says whether q is worked oldest first on its own clock
// (Unanswered, the nurses' queue, Escalated) and so pages with
// QueueCursor; every other view keeps the inbox's newest-first order
// and InboxCursor.
func KeyedQueue(q Queue) bool {
	switch q {
	case QueueUnanswered, QueueNurse, QueueEscalated:
		return true
	}
	return false
}

// QueueSortKey is a row's value of its keyed queue's clock: how long the
// patient has waited (Unanswered), the hand-off's deadline, or its time
// when it has none (the nurses' queue), when it was escalated
// (Escalated). It is 0 for a row without that clock and for any other
// queue.
func QueueSortKey(q Queue, ts ThreadSummary) int64 {
	switch q {
	case QueueUnanswered:
		if !ts.WaitingSince.IsZero() {
			return ts.WaitingSince.UnixNano()
		}
	case QueueEscalated:
		if ts.Escalation != nil && !ts.Escalation.At.IsZero() {
			return ts.Escalation.At.UnixNano()
		}
	case QueueNurse:
		if h := ts.Handoff; h != nil {
			if !h.DueAt.IsZero() {
				return h.DueAt.UnixNano()
			}
			if !h.At.IsZero() {
				return h.At.UnixNano()
			}
		}
	}
	return 0
}
