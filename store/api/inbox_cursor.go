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
