package records

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// queueExpr places a thread in exactly one queue. The order of the WHEN
// arms is the precedence: closed beats escalated beats the nurses'
// queue, and an open thread is unanswered while its wait clock runs.
const queueExpr = `CASE WHEN t.state = 'closed' THEN 'closed'
	WHEN t.escalated_at IS NOT NULL THEN 'escalated'
	WHEN t.state = 'clinical' THEN 'nurse'
	WHEN t.waiting_since IS NOT NULL THEN 'unanswered'
	ELSE 'waiting' END`

// queueWhere is each queue's condition; ?me is bound to the reader.
var queueWhere = map[api.Queue]string{
	api.QueueUnanswered: `t.state = 'open' AND t.escalated_at IS NULL AND t.waiting_since IS NOT NULL`,
	api.QueueWaiting:    `t.state = 'open' AND t.escalated_at IS NULL AND t.waiting_since IS NULL`,
	api.QueueNurse:      `t.state = 'clinical' AND t.escalated_at IS NULL`,
	api.QueueEscalated:  `t.state <> 'closed' AND t.escalated_at IS NOT NULL`,
	api.QueueClosed:     `t.state = 'closed'`,
	api.QueueMine:       `t.owner_id = ?1 AND t.state <> 'closed'`,
}

// workflowCols and workflowJoins add the workflow to every inbox row:
// usernames come from users by primary key, the note and reason are the
// sealed masked copies, opened for the page's rows only.
const workflowCols = queueExpr + `, t.owner_id, ou.username, t.owner_at, t.waiting_since, t.lang,
	hu.username, t.handoff_at, CASE WHEN t.state = 'clinical' THEN t.handoff_masked_sealed END, t.handoff_due_at,
	t.escalated_at, COALESCE(eu.username, t.escalated_by), t.escalation_kind, t.escalation_masked_sealed, t.closed_outcome`

const workflowJoins = `
	LEFT JOIN users ou ON ou.id = t.owner_id
	LEFT JOIN users hu ON hu.id = t.handoff_by
	LEFT JOIN users eu ON eu.id = t.escalated_by`

type workflowRow struct {
	queue                                               string
	ownerID, owner, handoffBy, escalatedBy, escKind     sql.NullString
	outcome                                             sql.NullString
	ownedAt, waitingSince, handoffAt, handoffDue, escAt sql.NullInt64
	handoffMasked, escalationMasked                     []byte
}

func (s Threads) applyWorkflow(ts *api.ThreadSummary, wf workflowRow) error {
	ts.Queue = api.Queue(wf.queue)
	ts.OwnerID, ts.Owner, ts.OwnedAt = wf.ownerID.String, wf.owner.String, fromTS(wf.ownedAt)
	ts.WaitingSince = fromTS(wf.waitingSince)
	ts.ClosedOutcome = wf.outcome.String
	if ts.State == api.ThreadClinical && wf.handoffAt.Valid {
		h := &api.HandoffInfo{By: wf.handoffBy.String, At: fromTS(wf.handoffAt), DueAt: fromTS(wf.handoffDue)}
		if wf.handoffMasked != nil {
			note, err := s.Keys.OpenString("threads", "handoff_masked", ts.ID, wf.handoffMasked)
			if err != nil {
				return err
			}
			h.Note = note
		}
		ts.Handoff = h
	}
	if wf.escAt.Valid {
		e := &api.EscalationInfo{Kind: api.EscalationKind(wf.escKind.String), By: wf.escalatedBy.String, At: fromTS(wf.escAt)}
		if wf.escalationMasked != nil {
			reason, err := s.Keys.OpenString("threads", "escalation_masked", ts.ID, wf.escalationMasked)
			if err != nil {
				return err
			}
			e.Reason = reason
		}
		ts.Escalation = e
	}
	return nil
}

// InboxQuery is a filtered inbox page as the store runs it.
type InboxQuery struct {
	UserID          string
	IncludeClinical bool
	Filter          api.InboxFilter
	After           string
	Limit           int
	Window          time.Duration
	Now             time.Time
}

// keyed orders: the queues worked oldest first sort on one key, ascending,
// after urgency. Every other view keeps the inbox's newest-first order.
var QueueKey = map[api.Queue]string{
	api.QueueUnanswered: `t.waiting_since`,
	api.QueueNurse:      `COALESCE(t.handoff_due_at, t.handoff_at, 0)`,
	api.QueueEscalated:  `t.escalated_at`,
}

// queueIndex is the index each keyed queue reads in order (migration
// queues). The planner, left alone, prefers threads_queue and sorts the
// whole queue; naming the index makes a page read its rows and stop.
var queueIndex = map[api.Queue]string{
	api.QueueUnanswered: "threads_unanswered",
	api.QueueNurse:      "threads_nurse",
	api.QueueEscalated:  "threads_escalated",
}

// sqlArgs numbers positional arguments after ?1 (the reader).
type sqlArgs struct{ list []any }

func (a *sqlArgs) add(v any) string {
	a.list = append(a.list, v)
	return "?" + strconv.Itoa(len(a.list))
}

// where builds the filter conditions of q (after the visibility rule).
func (q InboxQuery) where(args *sqlArgs) (string, error) {
	var b strings.Builder
	b.WriteString(visibleWhere(q.IncludeClinical))
	f := q.Filter
	if f.Queue != "" {
		cond, ok := queueWhere[f.Queue]
		if !ok {
			return "", errBadFilter("queue must be one of unanswered, mine, nurse, escalated, waiting, closed")
		}
		b.WriteString(" AND " + cond)
	}
	switch owner := strings.TrimSpace(f.Owner); owner {
	case "":
	case "me":
		b.WriteString(" AND t.owner_id = ?1")
	case "none":
		b.WriteString(" AND t.owner_id IS NULL")
	default:
		b.WriteString(" AND t.owner_id = (SELECT id FROM users WHERE username = " + args.add(owner) + ")")
	}
	switch f.Mark {
	case "":
	case "urgent":
		b.WriteString(" AND t.urgent_at IS NOT NULL")
	case "clinical":
		b.WriteString(" AND (t.clinical = 1 OR t.state = 'clinical')")
	case "escalated":
		b.WriteString(" AND t.escalated_at IS NOT NULL")
	case "overdue":
		b.WriteString(" AND t.state = 'clinical' AND t.handoff_due_at <= " + args.add(q.Now.UnixNano()))
	case "opted_out":
		b.WriteString(" AND p.opted_in = 0")
	default:
		return "", errBadFilter("mark must be one of " + strings.Join(api.Marks, ", "))
	}
	switch f.Lang {
	case "":
	case "en", "es":
		b.WriteString(" AND t.lang = " + args.add(f.Lang))
	default:
		return "", errBadFilter("lang must be en or es")
	}
	if f.WaitingOver > 0 {
		b.WriteString(" AND t.waiting_since <= " + args.add(q.Now.Add(-f.WaitingOver).UnixNano()))
	} else if f.WaitingOver < 0 {
		return "", errBadFilter("waiting_over must not be negative")
	}
	return b.String(), nil
}

// errBadFilter is a filter the server cannot apply; its text is the
// answer to the console.
type errBadFilter string

func (e errBadFilter) Error() string { return string(e) }

// batch reads up to limit rows of q after the cursor after, and the
// cursor after the last row read ("" when the rows ran out).
func (s Threads) batch(ctx context.Context, db Querier, q InboxQuery, after string, limit int) ([]api.ThreadSummary, string, error) {
	args := &sqlArgs{list: []any{q.UserID}}
	where, err := q.where(args)
	if err != nil {
		return nil, "", err
	}
	key, keyed := QueueKey[q.Filter.Queue]
	order := inboxOrder
	if keyed {
		order = ` ORDER BY (t.urgent_at IS NOT NULL) DESC, ` + key + `, t.id`
	}
	if after != "" {
		if keyed {
			u, k, id, err := api.ParseQueueCursor(after)
			if err != nil {
				return nil, "", ErrBadCursor
			}
			urgent := 0
			if u {
				urgent = 1
			}
			pu, pk, pid := args.add(urgent), args.add(k), args.add(id)
			// (pu = 1): the cursor's 0/1 flag as a boolean, which PostgreSQL
			// compares with (urgent_at IS NOT NULL); SQLite reads it alike.
			where += ` AND ((t.urgent_at IS NOT NULL) < (` + pu + ` = 1) OR ((t.urgent_at IS NOT NULL) = (` + pu + ` = 1)` +
				` AND (` + key + ` > ` + pk + ` OR (` + key + ` = ` + pk + ` AND t.id > ` + pid + `))))`
		} else {
			urgent, at, arrival, id, err := parseCursor(after)
			if err != nil {
				return nil, "", err
			}
			pu, pa, pr, pid := args.add(urgent), args.add(at), args.add(arrival), args.add(id)
			where += ` AND ((t.urgent_at IS NOT NULL) < (` + pu + ` = 1) OR ((t.urgent_at IS NOT NULL) = (` + pu + ` = 1) AND t.last_at <= ` + pa +
				` AND (t.last_at < ` + pa + ` OR t.last_msg_seq < ` + pr + ` OR (t.last_msg_seq = ` + pr + ` AND t.id > ` + pid + `))))`
		}
	}
	from := summarySQL
	// INDEXED BY is SQLite's; PostgreSQL's planner picks the index itself.
	if keyed && !s.PG {
		from = strings.Replace(from, "FROM threads t ", "FROM threads t INDEXED BY "+queueIndex[q.Filter.Queue]+" ", 1)
	}
	list, err := s.list(ctx, db, q.Window, from+where+order+` LIMIT `+strconv.Itoa(limit+1), args.list...)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		last := list[limit-1]
		next = cursorFor(q.Filter.Queue, last)
	}
	return list, next, nil
}

// MaxSearchScan bounds how many threads one searched page looks at:
// masked text is sealed at rest, so searching it means opening it, and a
// request must not open the whole database. The page's Next continues.
const MaxSearchScan = 2000

// searchMessages is how many of a thread's newest messages a search reads.
const searchMessages = 50

// QueuePage is one filtered inbox page. Without a search it is a plain
// keyset page; with one it scans rows in order, opening each one's masked
// text, until the page is full or MaxSearchScan rows were read.
func (s Threads) QueuePage(ctx context.Context, db Querier, q InboxQuery) (api.ThreadPage, error) {
	q.Limit = min(max(q.Limit, 1), api.MaxThreadPage)
	var page api.ThreadPage
	if err := db.QueryRowContext(ctx, `SELECT seq FROM thread_changes WHERE id = 1`).Scan(&page.Seq); err != nil {
		return api.ThreadPage{}, err
	}
	needle := strings.ToLower(strings.TrimSpace(q.Filter.Search))
	if needle == "" {
		list, next, err := s.batch(ctx, db, q, q.After, q.Limit)
		if err != nil {
			return api.ThreadPage{}, err
		}
		page.Threads, page.Next = list, next
	} else {
		page.Threads = []api.ThreadSummary{}
		info := &api.SearchInfo{}
		after := q.After
		for {
			list, next, err := s.batch(ctx, db, q, after, min(200, MaxSearchScan-info.Scanned))
			if err != nil {
				return api.ThreadPage{}, err
			}
			stop := false
			for i, ts := range list {
				info.Scanned++
				hit, err := s.matches(ctx, db, ts, needle)
				if err != nil {
					return api.ThreadPage{}, err
				}
				if hit {
					page.Threads = append(page.Threads, ts)
				}
				if len(page.Threads) == q.Limit || info.Scanned >= MaxSearchScan {
					// Continue after this row next time, if any remain.
					if i < len(list)-1 || next != "" {
						page.Next = cursorFor(q.Filter.Queue, ts)
						info.Truncated = len(page.Threads) < q.Limit
					}
					stop = true
					break
				}
			}
			if stop || next == "" {
				break
			}
			after = next
		}
		page.Search = info
	}
	var err error
	if page.Counts, err = s.Counts(ctx, db, q.IncludeClinical); err != nil {
		return api.ThreadPage{}, err
	}
	// The counts per queue pass over every open thread, so they come
	// once, with the first page: a console walking a long queue page by
	// page keeps them, and events and GET /queues keep them current.
	// The counts per state above are the summary table's few rows.
	if q.After == "" {
		if page.Queues, err = s.QueueCounts(ctx, db, q.UserID, q.IncludeClinical); err != nil {
			return api.ThreadPage{}, err
		}
	}
	return page, nil
}

// cursorFor is the cursor just after ts in queue's order: the one a
// console writes too (store/api), so it can let go of rows it passed and
// read them again.
func cursorFor(queue api.Queue, ts api.ThreadSummary) string {
	if _, keyed := QueueKey[queue]; keyed {
		return api.QueueCursor(ts.Urgent, api.QueueSortKey(queue, ts), ts.ID)
	}
	return pageCursor(ts)
}

// matches reports whether needle (lower case) is in the thread's masked
// text: its recent messages, the hand-off note, the escalation reason.
func (s Threads) matches(ctx context.Context, db Querier, ts api.ThreadSummary, needle string) (bool, error) {
	if strings.Contains(strings.ToLower(ts.Preview), needle) ||
		(ts.Handoff != nil && strings.Contains(strings.ToLower(ts.Handoff.Note), needle)) ||
		(ts.Escalation != nil && strings.Contains(strings.ToLower(ts.Escalation.Reason), needle)) {
		return true, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT id, masked_sealed FROM messages WHERE thread_id = ? AND masked_sealed IS NOT NULL
		ORDER BY seq DESC LIMIT `+strconv.Itoa(searchMessages), ts.ID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id     string
			sealed []byte
		)
		if err := rows.Scan(&id, &sealed); err != nil {
			return false, err
		}
		text, err := s.Keys.OpenString("messages", "masked", id, sealed)
		if err != nil {
			return false, err
		}
		if strings.Contains(strings.ToLower(text), needle) {
			return true, nil
		}
	}
	return false, rows.Err()
}

// QueueCounts is how many threads the reader may see in each queue, and
// how many open ones they own. The queues come from one pass over the
// small covering index threads_queue (closed threads are skipped by its
// range and counted from thread_counts), Mine from the owner index.
func (s Threads) QueueCounts(ctx context.Context, db Querier, userID string, includeClinical bool) (map[api.Queue]int, error) {
	out := map[api.Queue]int{}
	for _, q := range api.Queues() {
		out[q] = 0
	}
	states := `'open', 'clinical'`
	if !includeClinical {
		states = `'open'`
	}
	rows, err := db.QueryContext(ctx, `SELECT state, escalated_at IS NOT NULL, waiting_since IS NOT NULL, COUNT(*)
		FROM threads WHERE state IN (`+states+`) GROUP BY state, escalated_at IS NOT NULL, waiting_since IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			state              string
			escalated, waiting bool
			n                  int
		)
		if err := rows.Scan(&state, &escalated, &waiting, &n); err != nil {
			return nil, err
		}
		switch {
		case escalated:
			out[api.QueueEscalated] += n
		case state == "clinical":
			out[api.QueueNurse] += n
		case waiting:
			out[api.QueueUnanswered] += n
		default:
			out[api.QueueWaiting] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var closed, mine sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT n FROM thread_counts WHERE state = 'closed'`).Scan(&closed); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	out[api.QueueClosed] = int(closed.Int64)
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM threads WHERE owner_id = ? AND state IN (`+states+`)`, userID).Scan(&mine); err != nil {
		return nil, err
	}
	out[api.QueueMine] = int(mine.Int64)
	return out, nil
}

// IsBadFilter reports a filter or cursor the console got wrong.
func IsBadFilter(err error) (string, bool) {
	var bf errBadFilter
	if errors.As(err, &bf) {
		return string(bf), true
	}
	if errors.Is(err, ErrBadCursor) {
		return "after is not a cursor this server gave out for this queue; start from the first page", true
	}
	return "", false
}
