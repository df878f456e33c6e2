package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/store/central"
)

// templateSettings reads the template library's settings and the test
// clock offset into cfg.
func templateSettings(s *settings, cfg *central.Config) error {
	every, err := positiveDuration(s, "template-sync")
	if err != nil {
		return err
	}
	cfg.Templates = central.TemplateConfig{SyncEvery: every, ClinicName: strings.TrimSpace(s.get("clinic-name"))}
	for _, l := range strings.Split(s.get("clinic-locations"), ",") {
		if l = strings.TrimSpace(l); l != "" {
			cfg.Templates.Locations = append(cfg.Templates.Locations, l)
		}
	}
	if waba := strings.TrimSpace(s.get("whatsapp-waba-id")); waba != "" {
		if s.get("provider") != cloudapi.DialectCloudAPI {
			return fmt.Errorf("TRIAGED_WHATSAPP_WABA_ID is for the cloudapi provider; %s templates are managed in its own console", s.get("provider"))
		}
		cfg.Templates.Client = &cloudapi.TemplateClient{BaseURL: s.get("whatsapp-api-base"), WABAID: waba, Token: s.get("whatsapp-token")}
	}
	if off := strings.TrimSpace(s.get("clock-offset")); off != "" {
		d, err := time.ParseDuration(off)
		if err != nil || d < 0 {
			return fmt.Errorf("TRIAGED_CLOCK_OFFSET must be a non-negative duration such as 25h (got %q)", off)
		}
		cfg.Logger.Warn("the server clock runs ahead of real time (TRIAGED_CLOCK_OFFSET): for tests and demonstrations only", "offset", d.String())
		cfg.Now = func() time.Time { return time.Now().Add(d) }
	}
	return nil
}
