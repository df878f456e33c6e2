package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/central/storage"
)

// SmallCell is the smallest count the text and CSV forms of the report
// print as a number: 1 to SmallCell-1 print as "<11", as public health
// reports suppress small cells so no one patient can be picked out.
const SmallCell = 11

// LateCancellation is how close to its start a cancellation counts as
// late: the slot can rarely be given to another patient.
const LateCancellation = 24 * time.Hour

// ReminderWindow is how long before an appointment a message to the
// patient counts as a reminder for it.
const ReminderWindow = 72 * time.Hour

// Options selects the report's days and the targets it measures against.
type Options struct {
	// From and To are the first and last clinic days (inclusive); only
	// their year, month and day are read, in Zone.
	From, To time.Time
	// Zone is the clinic's zone: a day is the clinic's midnight to
	// midnight. UTC when nil.
	Zone *time.Location
	// HandoffSLA is the hand-off answer target: the server's, so the
	// report measures what the nurse queue escalates on. Required.
	HandoffSLA time.Duration
	// HandoffDue is when a hand-off made at a time must have had its
	// first answer. The nurse queue's SLA clock runs only in the clinic's
	// business hours (policy.BusinessHours.Due), so a hand-off at closing
	// time is due the next morning; the report judges "within the SLA"
	// and "escalated" by the same clock. Nil means at + HandoffSLA,
	// around the clock. The response times themselves stay wall-clock:
	// they are how long the patient waited.
	HandoffDue func(at time.Time) time.Time
	// LinkTTL is how long a portal link stays valid: an open after it
	// does not count. Required.
	LinkTTL time.Duration
	// Now is the clock (time.Now when nil): hand-offs still waiting are
	// judged against it.
	Now func() time.Time
}

// Share is a part of a whole. Rate is nil when the whole is zero.
type Share struct {
	Count int      `json:"count"`
	Of    int      `json:"of"`
	Share *float64 `json:"share"`
}

func newShare(n, of int) Share {
	s := Share{Count: n, Of: of}
	if of > 0 {
		v := math.Round(float64(n)/float64(of)*10000) / 10000
		s.Share = &v
	}
	return s
}

// ResponseTimes summarises how long hand-offs waited for their first
// answer, in seconds (nearest-rank percentiles; nil when none answered).
type ResponseTimes struct {
	Answered   int      `json:"answered"`
	Unanswered int      `json:"unanswered"`
	WithinSLA  int      `json:"within_sla"`
	SLASeconds float64  `json:"sla_s"`
	P50        *float64 `json:"p50"`
	P90        *float64 `json:"p90"`
}

// Figures are the program's measures over one clinic day or the range.
type Figures struct {
	OptInsBySource             map[string]int
	OptOuts                    int
	ActiveOptedIn              int
	InboundMessages            int
	InboundWithPHI             Share
	PHITypes                   map[string]int
	PortalLinksSent            int
	PortalLinksOpened          int
	LinkConversion             Share
	ConversationsMovedToSecure Share
	Handoffs                   int
	HandoffFirstResponse       ResponseTimes
	Escalations                int
	UrgentMessages             int
	IncidentsOpened            int
	IncidentsOpen              int
	OutboundRefusalsByRule     map[string]int
	DeliveryFailuresByReason   map[string]int
	ShowRateMessaged           Share
	ShowRateNotMessaged        Share
	LateCancellationsMessaged  Share
	LateCancellationsNotMsged  Share
}

// Report is the program's measures, per clinic day and for the range.
// It holds counts, rates, rule names, consent sources and PHI types only:
// no patient, thread or message is named in it.
type Report struct {
	Zone        string
	From, To    string
	GeneratedAt time.Time
	Days        []string // "2006-01-02", in order
	ByDay       map[string]*Figures
	Total       *Figures
}

// Key is one key of the report: its JSON name, how it is computed
// (printed in the report so a reader can trace it to the store), and its
// value in a Figures.
type Key struct {
	Name   string
	Source string
	Value  func(*Figures) any
}

// Keys lists the report's keys in the order they are printed.
var Keys = []Key{
	{"opt_ins_by_source", "consent records of an opt-in on the day, by their source", func(f *Figures) any { return f.OptInsBySource }},
	{"opt_outs", "consent records of an opt-out (STOP) on the day", func(f *Figures) any { return f.OptOuts }},
	{"active_opted_in", "patients whose latest consent record at the end of the day (of the range for total) is an opt-in", func(f *Figures) any { return f.ActiveOptedIn }},
	{"inbound_messages", "messages patients sent", func(f *Figures) any { return f.InboundMessages }},
	{"inbound_with_phi", "patient messages in which the PHI detector found at least one span (share of inbound_messages)", func(f *Figures) any { return f.InboundWithPHI }},
	{"phi_types", "patient messages carrying each PHI type (a message with two types counts in both)", func(f *Figures) any { return f.PHITypes }},
	{"portal_links_sent", "messages queued with a quick reply that carries the secure-portal link, not failed", func(f *Figures) any { return f.PortalLinksSent }},
	{"portal_links_opened", "of the links sent on the day, those whose thread's link was opened (audit handoff.open ok) before the next link or expiry", func(f *Figures) any { return f.PortalLinksOpened }},
	{"link_conversion", "portal_links_opened of portal_links_sent", func(f *Figures) any { return f.LinkConversion }},
	{"conversations_moved_to_secure", "threads with a message on the day in which a portal link was sent and opened (share of those threads)", func(f *Figures) any { return f.ConversationsMovedToSecure }},
	{"handoffs", "threads handed to nurses (audit thread.handoff ok)", func(f *Figures) any { return f.Handoffs }},
	{"handoff_first_response_s", "seconds from a hand-off to the thread's next outbound message, against the hand-off SLA", func(f *Figures) any { return f.HandoffFirstResponse }},
	{"escalations", "hand-offs not answered within the SLA (answered late, or still waiting past it): the nurse queue escalates these to supervisors", func(f *Figures) any { return f.Escalations }},
	{"urgent_messages", "patient messages flagged as a possible emergency (urgent_messages: each got the safety reply unless the patient had sent STOP)", func(f *Figures) any { return f.UrgentMessages }},
	{"incidents_opened", "misdirected-message incidents opened on the day (incident register)", func(f *Figures) any { return f.IncidentsOpened }},
	{"incidents_open", "incidents opened and not yet decided at the end of the day (of the range for total)", func(f *Figures) any { return f.IncidentsOpen }},
	{"outbound_refusals_by_rule", "sends the server refused (audit message.send refused), by rule", func(f *Figures) any { return f.OutboundRefusalsByRule }},
	{"delivery_failures_by_reason", "outbound messages that failed delivery, by the fixed reason stored with them", func(f *Figures) any { return f.DeliveryFailuresByReason }},
	{"show_rate_messaged", "fulfilled of fulfilled+noshow appointments starting on the day, patient sent a message in the 72h before", func(f *Figures) any { return f.ShowRateMessaged }},
	{"show_rate_not_messaged", "the same for patients sent no message in the 72h before", func(f *Figures) any { return f.ShowRateNotMessaged }},
	{"late_cancellations_messaged", "appointments cancelled under 24h before their start, of all appointments starting on the day, patient messaged in the 72h before (up to the cancellation)", func(f *Figures) any { return f.LateCancellationsMessaged }},
	{"late_cancellations_not_messaged", "the same for patients not messaged", func(f *Figures) any { return f.LateCancellationsNotMsged }},
}

func newFigures() *Figures {
	return &Figures{OptInsBySource: map[string]int{}, PHITypes: map[string]int{},
		OutboundRefusalsByRule: map[string]int{}, DeliveryFailuresByReason: map[string]int{}}
}

// portalMacroIDs are the quick replies whose body carries the portal link.
func portalMacroIDs() []string {
	ms, _ := assets.Macros()
	var ids []string
	for _, m := range ms {
		if strings.Contains(m.Body, assets.PortalLinkPlaceholder) {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// counters is one bucket's raw tallies before shares and percentiles.
type counters struct {
	f                        *Figures
	phiMsgs                  int
	threadsActive            map[string]bool
	threadsMoved             map[string]bool
	responses                []float64
	showM, resM, showN, resN int
	lateM, allM, lateN, allN int
}

// Outcome is where an appointment the report measures ended.
type Outcome int

// The outcomes the report tells apart. Pending is any other status (an
// appointment still booked): it counts among the appointments of its day
// but neither as kept, missed nor cancelled.
const (
	Pending Outcome = iota
	Fulfilled
	NoShow
	Cancelled
)

// Appointment is one appointment as the report sees it: opened, with no
// patient detail beyond the opaque id.
type Appointment struct {
	PatientID   string
	Start       time.Time
	Outcome     Outcome
	CancelledAt time.Time // zero unless Cancelled
}

// Appointments opens the appointments that start in [from, to). Their
// status is sealed, so the report does not read it itself: the store that
// holds the keys opens it (package central's Store).
type Appointments interface {
	AppointmentsStarting(ctx context.Context, from, to time.Time) ([]Appointment, error)
}

// Build computes the report: counts from db's unsealed columns, the
// appointments' outcomes from appts.
func Build(ctx context.Context, db storage.Querier, appts Appointments, opt Options) (*Report, error) {
	zone := opt.Zone
	if zone == nil {
		zone = time.UTC
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	sla, ttl := opt.HandoffSLA, opt.LinkTTL
	if sla <= 0 {
		return nil, errors.New("report: no hand-off SLA to measure against")
	}
	if ttl <= 0 {
		return nil, errors.New("report: no portal link lifetime to judge opens by")
	}
	fy, fm, fd := opt.From.Date()
	ty, tm, td := opt.To.Date()
	start := time.Date(fy, fm, fd, 0, 0, 0, 0, zone)
	lastDay := time.Date(ty, tm, td, 0, 0, 0, 0, zone)
	if lastDay.Before(start) {
		return nil, errors.New("report: --to is before --from")
	}
	end := lastDay.AddDate(0, 0, 1)
	if end.Sub(start) > 3700*24*time.Hour {
		return nil, errors.New("report: the range is longer than ten years")
	}
	rep := &Report{Zone: zone.String(), From: start.Format(time.DateOnly), To: lastDay.Format(time.DateOnly),
		GeneratedAt: now().UTC(), ByDay: map[string]*Figures{}, Total: newFigures()}
	var dayEnds []time.Time
	buckets := map[string]*counters{}
	newCounters := func(f *Figures) *counters {
		return &counters{f: f, threadsActive: map[string]bool{}, threadsMoved: map[string]bool{}}
	}
	total := newCounters(rep.Total)
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		k := d.Format(time.DateOnly)
		rep.Days = append(rep.Days, k)
		rep.ByDay[k] = newFigures()
		buckets[k] = newCounters(rep.ByDay[k])
		dayEnds = append(dayEnds, d.AddDate(0, 0, 1))
	}
	// each calls fn for the day's bucket and the total, when t is in range.
	each := func(t time.Time, fn func(c *counters)) {
		if t.Before(start) || !t.Before(end) {
			return
		}
		fn(buckets[t.In(zone).Format(time.DateOnly)])
		fn(total)
	}
	q := db

	// Consent: the day's changes, and who is opted in at each day's end.
	rows, err := sqlReport{}.consentHistory(ctx, q, end)
	if err != nil {
		return nil, fmt.Errorf("report: consent: %w", err)
	}
	state, active, di := map[string]bool{}, 0, 0
	closeDay := func(upTo int64) {
		for di < len(dayEnds) && dayEnds[di].UnixNano() <= upTo {
			rep.ByDay[rep.Days[di]].ActiveOptedIn = active
			di++
		}
	}
	for rows.Next() {
		var (
			pid, source string
			in          int
			at          int64
		)
		if err := rows.Scan(&pid, &in, &source, &at); err != nil {
			rows.Close()
			return nil, err
		}
		closeDay(at)
		if state[pid] != (in == 1) {
			if in == 1 {
				active++
			} else {
				active--
			}
		}
		state[pid] = in == 1
		each(time.Unix(0, at), func(c *counters) {
			if in == 1 {
				c.f.OptInsBySource[source]++
			} else {
				c.f.OptOuts++
			}
		})
	}
	rows.Close()
	closeDay(math.MaxInt64)
	rep.Total.ActiveOptedIn = active

	// Messages of the range: inbound volume and PHI, delivery failures,
	// active threads.
	rows, err = sqlReport{}.messages(ctx, q, start, end)
	if err != nil {
		return nil, fmt.Errorf("report: messages: %w", err)
	}
	for rows.Next() {
		var (
			thread, dir, spans, status, reason string
			at                                 int64
		)
		if err := rows.Scan(&thread, &dir, &spans, &status, &reason, &at); err != nil {
			rows.Close()
			return nil, err
		}
		var types []string
		if dir == "in" && spans != "" && spans != "[]" {
			var sp []struct {
				Type string `json:"type"`
			}
			if err := json.Unmarshal([]byte(spans), &sp); err == nil {
				seen := map[string]bool{}
				for _, s := range sp {
					if s.Type != "" && !seen[s.Type] {
						seen[s.Type] = true
						types = append(types, s.Type)
					}
				}
			}
		}
		each(time.Unix(0, at), func(c *counters) {
			c.threadsActive[thread] = true
			switch {
			case dir == "in":
				c.f.InboundMessages++
				if len(types) > 0 {
					c.phiMsgs++
				}
				for _, t := range types {
					c.f.PHITypes[t]++
				}
			case status == string(bsp.StatusFailed):
				if reason == "" {
					reason = "unknown"
				}
				c.f.DeliveryFailuresByReason[reason]++
			}
		})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Portal links: each send is opened when its thread's link is opened
	// after it, before the next link to that thread and before it expires.
	sends := map[string][]int64{}
	if ids := portalMacroIDs(); len(ids) > 0 {
		rows, err = sqlReport{}.macroSends(ctx, q, ids, start)
		if err != nil {
			return nil, fmt.Errorf("report: links: %w", err)
		}
		for rows.Next() {
			var (
				th string
				at int64
			)
			if err := rows.Scan(&th, &at); err != nil {
				rows.Close()
				return nil, err
			}
			sends[th] = append(sends[th], at)
		}
		rows.Close()
	}
	opens := map[string][]int64{}
	rows, err = sqlReport{}.linkOpens(ctx, q, start)
	if err != nil {
		return nil, fmt.Errorf("report: link opens: %w", err)
	}
	for rows.Next() {
		var (
			obj string
			at  int64
		)
		if err := rows.Scan(&obj, &at); err != nil {
			rows.Close()
			return nil, err
		}
		th := strings.TrimPrefix(obj, "thread:")
		opens[th] = append(opens[th], at)
	}
	rows.Close()
	for th, ts := range sends {
		for i, at := range ts {
			limit := at + int64(ttl)
			if i+1 < len(ts) && ts[i+1] < limit {
				limit = ts[i+1]
			}
			opened := false
			for _, o := range opens[th] {
				if o >= at && o < limit {
					opened = true
					break
				}
			}
			each(time.Unix(0, at), func(c *counters) {
				c.f.PortalLinksSent++
				c.threadsActive[th] = true
				if opened {
					c.f.PortalLinksOpened++
					c.threadsMoved[th] = true
				}
			})
		}
	}

	// Audit of the server's own chain: hand-offs and refused sends.
	rows, err = sqlReport{}.handoffsAndRefusals(ctx, q, start, end)
	if err != nil {
		return nil, fmt.Errorf("report: audit: %w", err)
	}
	type handoff struct {
		thread string
		at     int64
	}
	var handoffs []handoff
	for rows.Next() {
		var (
			action, obj, rule string
			at                int64
		)
		if err := rows.Scan(&action, &obj, &rule, &at); err != nil {
			rows.Close()
			return nil, err
		}
		if action == "thread.handoff" {
			handoffs = append(handoffs, handoff{strings.TrimPrefix(obj, "thread:"), at})
			continue
		}
		if rule == "" {
			rule = "unknown"
		}
		each(time.Unix(0, at), func(c *counters) { c.f.OutboundRefusalsByRule[rule]++ })
	}
	rows.Close()
	nowNS := now().UnixNano()
	due := func(at int64) int64 {
		if opt.HandoffDue != nil {
			return opt.HandoffDue(time.Unix(0, at)).UnixNano()
		}
		return at + int64(sla)
	}
	for _, h := range handoffs {
		first, err := sqlReport{}.firstAnswerAfter(ctx, q, h.thread, h.at)
		if err != nil {
			return nil, fmt.Errorf("report: hand-off answer: %w", err)
		}
		each(time.Unix(0, h.at), func(c *counters) {
			c.f.Handoffs++
			switch {
			case first == 0:
				c.f.HandoffFirstResponse.Unanswered++
				if nowNS > due(h.at) {
					c.f.Escalations++
				}
			default:
				wait := time.Duration(first - h.at)
				c.responses = append(c.responses, wait.Seconds())
				if first <= due(h.at) {
					c.f.HandoffFirstResponse.WithinSLA++
				} else {
					c.f.Escalations++
				}
			}
		})
	}

	// Appointments starting in the range, split by whether the patient
	// was sent a message in the 72 hours before.
	booked, err := appts.AppointmentsStarting(ctx, start, end)
	if err != nil {
		return nil, fmt.Errorf("report: appointments: %w", err)
	}
	for _, a := range booked {
		until := a.Start
		if a.Outcome == Cancelled && a.CancelledAt.Before(until) {
			until = a.CancelledAt
		}
		messaged, err := sqlReport{}.messaged(ctx, q, a.PatientID, a.Start.Add(-ReminderWindow), until)
		if err != nil {
			return nil, fmt.Errorf("report: reminders: %w", err)
		}
		late := a.Outcome == Cancelled && a.Start.Sub(a.CancelledAt) < LateCancellation
		each(a.Start, func(c *counters) {
			resolved := a.Outcome == Fulfilled || a.Outcome == NoShow
			show := a.Outcome == Fulfilled
			if messaged {
				c.allM++
				c.lateM += b2i(late)
				c.resM += b2i(resolved)
				c.showM += b2i(show)
			} else {
				c.allN++
				c.lateN += b2i(late)
				c.resN += b2i(resolved)
				c.showN += b2i(show)
			}
		})
	}

	if err := reportIncidentsAndUrgent(ctx, q, rep, dayEnds, end, each); err != nil {
		return nil, err
	}

	finish := func(c *counters) {
		f := c.f
		f.InboundWithPHI = newShare(c.phiMsgs, f.InboundMessages)
		f.LinkConversion = newShare(f.PortalLinksOpened, f.PortalLinksSent)
		f.ConversationsMovedToSecure = newShare(len(c.threadsMoved), len(c.threadsActive))
		f.HandoffFirstResponse.Answered = len(c.responses)
		f.HandoffFirstResponse.SLASeconds = sla.Seconds()
		f.HandoffFirstResponse.P50 = percentile(c.responses, 50)
		f.HandoffFirstResponse.P90 = percentile(c.responses, 90)
		f.ShowRateMessaged = newShare(c.showM, c.resM)
		f.ShowRateNotMessaged = newShare(c.showN, c.resN)
		f.LateCancellationsMessaged = newShare(c.lateM, c.allM)
		f.LateCancellationsNotMsged = newShare(c.lateN, c.allN)
	}
	for _, c := range buckets {
		finish(c)
	}
	finish(total)
	return rep, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// percentile is the nearest-rank percentile p of xs, nil when empty.
func percentile(xs []float64, p float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	if rank < 1 {
		rank = 1
	}
	v := math.Round(s[rank-1]*10) / 10
	return &v
}
