package central

import (
	"context"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// patientClock is the patient's local time and the cap's count for the
// thread header and the composer.
func (s *Server) patientClock(ctx context.Context, q Querier, th records.Thread) (*api.PatientClock, error) {
	p, err := s.store.Patients.Get(ctx, q, th.PatientID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r := s.cfg.Rules
	d := policy.DefaultOutboundRules()
	c := &api.PatientClock{QuietStart: r.QuietStart, QuietEnd: r.QuietEnd, Cap: r.MaxPerDay}
	if c.QuietStart == 0 && c.QuietEnd == 0 {
		c.QuietStart, c.QuietEnd = d.QuietStart, d.QuietEnd
	}
	if c.Cap == 0 {
		c.Cap = d.MaxPerDay
	}
	zones := patientZones(p.Phone)
	zone := s.cfg.ClinicZone
	if len(zones) > 0 {
		zone, c.Zone, c.SeveralZones = zones[0], zones[0].String(), len(zones) > 1
	}
	_, off := now.In(zone).Zone()
	c.ZoneOffsetSeconds, c.MaxZoneOffsetSeconds = off, off
	for _, z := range zones {
		_, o := now.In(z).Zone()
		c.ZoneOffsetSeconds = min(c.ZoneOffsetSeconds, o)
		c.MaxZoneOffsetSeconds = max(c.MaxZoneOffsetSeconds, o)
	}
	if c.SentInWindow, err = s.store.Messages.CountOutboundSince(ctx, q, th.ID, now.Add(-24*time.Hour)); err != nil {
		return nil, err
	}
	return c, nil
}
