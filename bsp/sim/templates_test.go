package sim

import (
	"context"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
)

// The management API's review cycle: submitted → pending → approved (or
// rejected with a reason, or paused), and a send honours the decision.
func TestTemplateReviewThroughManagementAPI(t *testing.T) {
	g := newRig(t, func(c *Config) { c.TemplateReviewDelay = time.Hour })
	tc := cloudapi.TemplateClient{BaseURL: g.url, WABAID: "1029384756", Token: testToken}
	ctx := context.Background()
	info, err := tc.Submit(ctx, cloudapi.TemplateSubmission{Name: "visit_reminder", Language: "en", Category: "utility",
		Body: "A reminder of your visit on {{1}}.", Examples: []string{"Tuesday 3:30 PM"}})
	if err != nil || info.Status != TemplatePending || info.ID == "" {
		t.Fatalf("submit: %+v %v", info, err)
	}
	if _, err := tc.Submit(ctx, cloudapi.TemplateSubmission{Name: "visit_reminder", Language: "en", Category: "utility", Body: "x"}); err == nil {
		t.Error("a second submission of the same name and language was accepted")
	}
	if _, err := (cloudapi.TemplateClient{BaseURL: g.url, WABAID: "1", Token: "wrong"}).List(ctx); err == nil {
		t.Error("listing with a wrong token succeeded")
	}

	g.inbound(t, InboundRequest{From: "+447700900123", Text: "hi"})
	g.flush(t)
	send := func(key string) error {
		_, err := g.cli.Send(ctx, bsp.SendRequest{IdempotencyKey: key, To: "+447700900123", Kind: bsp.SendTemplate,
			TemplateName: "visit_reminder", TemplateLanguage: "en", TemplateParams: []bsp.TemplateParam{{Value: "Tuesday 3:30 PM"}}})
		return err
	}
	if err := send("k1"); err == nil {
		t.Fatal("a pending template was sent")
	}

	decide := func(status, reason string) {
		resp, body := g.postJSON(t, "POST", "/sim/templates", map[string]string{"name": "visit_reminder", "language": "en", "status": status, "reason": reason})
		if resp.StatusCode != 200 {
			t.Fatalf("decide %s: %d %s", status, resp.StatusCode, body)
		}
	}
	status := func() cloudapi.TemplateInfo {
		list, err := tc.List(ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("list: %+v %v", list, err)
		}
		return list[0]
	}
	decide(TemplateRejected, "INVALID_FORMAT")
	if s := status(); s.Status != TemplateRejected || s.RejectedReason != "INVALID_FORMAT" {
		t.Errorf("after rejection: %+v", s)
	}
	decide(TemplateApproved, "")
	if err := send("k2"); err != nil {
		t.Fatalf("approved template refused: %v", err)
	}
	g.flush(t)
	out := g.sim.Outbox()
	if last := out[len(out)-1]; last.Text != "A reminder of your visit on Tuesday 3:30 PM." {
		t.Errorf("the patient saw %q", last.Text)
	}
	decide(TemplatePaused, "")
	err = send("k3")
	if pe, ok := bsp.AsProviderError(err); !ok || pe.Code != 132015 {
		t.Errorf("paused template: %v, want 132015", err)
	}
}
