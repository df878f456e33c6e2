package api

// ProgramPeriod is the program's figures over one period. Counts only:
// no patient, thread or message is named.
type ProgramPeriod struct {
	Inbound        int            `json:"inbound"`
	InboundWithPHI int            `json:"inbound_with_phi"`
	OptInsBySource map[string]int `json:"opt_ins_by_source"`
	OptOuts        int            `json:"opt_outs"`
	LinksSent      int            `json:"portal_links_sent"`
	LinksOpened    int            `json:"portal_links_opened"`
	Handoffs       int            `json:"handoffs"`
	// Answered hand-offs, how many within the SLA, and the nearest-rank
	// first-response percentiles in seconds (nil when none answered).
	HandoffsAnswered  int      `json:"handoffs_answered"`
	HandoffsWithinSLA int      `json:"handoffs_within_sla"`
	HandoffP50S       *float64 `json:"handoff_first_response_p50_s"`
	HandoffP90S       *float64 `json:"handoff_first_response_p90_s"`
}

// ProgramMetrics is the supervisor's view of the program: today and the
// last 30 clinic days (today included), with inbound volume per day.
type ProgramMetrics struct {
	Zone         string        `json:"clinic_zone"`
	Days         []string      `json:"days"` // oldest first, the last is today
	InboundByDay []int         `json:"inbound_by_day"`
	SLASeconds   float64       `json:"handoff_sla_s"`
	Today        ProgramPeriod `json:"today"`
	Last30       ProgramPeriod `json:"last_30_days"`
}
