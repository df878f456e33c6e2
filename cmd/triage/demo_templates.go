package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// demoWABAID is the simulator's business account for template management.
const demoWABAID = "102938475610293"

// postYesterday stores a message the patient sent before the demo began,
// as the provider would deliver it late: a signed Cloud API webhook whose
// timestamp is p.After (negative) from now.
func postYesterday(ctx context.Context, centralURL, appSecret string, p demoPatient) error {
	at := time.Now().Add(p.After)
	digits := p.Phone[1:]
	body, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": demoWABAID, "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp",
			"metadata":          map[string]string{"display_phone_number": "15550000000", "phone_number_id": "106540352242922"},
			"contacts":          []any{map[string]any{"profile": map[string]string{"name": p.Name}, "wa_id": digits}},
			"messages": []any{map[string]any{"from": digits, "id": "wamid.demo-yesterday-" + randomHex(6),
				"timestamp": strconv.FormatInt(at.Unix(), 10), "type": "text", "text": map[string]string{"body": p.Text}}},
		}}}}},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, centralURL+"/webhooks/whatsapp", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(cloudapi.SignatureHeader, cloudapi.Sign([]byte(appSecret), body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

// reminderRun is the clinic's morning reminder run, as a supervisor would
// do it: after wait, every thread whose 24-hour window has closed gets the
// approved appointment_reminder template (free text could not reach it).
// It goes through the console API like any send: consent, review date,
// variable kinds and quiet hours are all enforced by the central endpoint.
func reminderRun(ctx context.Context, stack *demoStack, wait time.Duration, log *slog.Logger) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(wait):
	}
	lead := stack.Users["lead"]
	var lr api.LoginResponse
	if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/login", "",
		api.LoginRequest{Username: lead.Username, Password: lead.Password, ConsoleID: "demo-reminder-run"}, &lr); err != nil {
		log.Warn("reminder run: sign-in failed", "err", err)
		return
	}
	// The lead has read the clinic's messaging policy, as every account
	// must before any thread opens to it.
	var pol api.MessagingPolicy
	if err := demoCall(ctx, "GET", stack.CentralURL+api.Version+"/policy", lr.Token, nil, &pol); err != nil {
		log.Warn("reminder run: policy not read", "err", err)
		return
	}
	if !pol.Acknowledged {
		var ack api.PolicyAckResponse
		if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/policy/ack", lr.Token,
			api.PolicyAckRequest{Version: pol.Version, FullName: "Riley Morgan"}, &ack); err != nil {
			log.Warn("reminder run: policy not acknowledged", "err", err)
			return
		}
	}
	var threads []api.ThreadSummary
	if err := demoCall(ctx, "GET", stack.CentralURL+api.Version+"/threads", lr.Token, nil, &threads); err != nil {
		log.Warn("reminder run: inbox not read", "err", err)
		return
	}
	for _, th := range threads {
		if !th.OptedIn || th.WindowOpenUntil.IsZero() || th.WindowOpenUntil.After(time.Now()) {
			continue
		}
		req := api.SendRequest{IdempotencyKey: "reminder-run-" + th.ID, Template: "appointment_reminder", TemplateLanguage: "en",
			TemplateValues: []string{"", "Tuesday 3:30 PM", "Main clinic"}}
		var sr api.SendResponse
		if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/threads/"+th.ID+"/send", lr.Token, req, &sr); err != nil {
			log.Warn("reminder run: template not sent", "thread", th.ID, "err", err)
		}
	}
	// The lead also reports the morning's incident: a patient sent
	// medication details over WhatsApp, where PHI should not be. The
	// supervisor works it in the incident register.
	for _, th := range threads {
		if !th.Urgent {
			continue
		}
		var inc api.Incident
		if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/incidents", lr.Token, api.OpenIncidentRequest{ThreadID: th.ID,
			Kind: policy.IncidentPHIReceived, Description: "The patient wrote medication details in WhatsApp; answered through the portal."}, &inc); err != nil {
			log.Warn("demo incident not opened", "thread", th.ID, "err", err)
		}
		break
	}
}

func demoCall(ctx context.Context, method, url, token string, body, out any) error {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e api.Refusal
		json.NewDecoder(resp.Body).Decode(&e)
		return fmt.Errorf("%s: %s %s", resp.Status, e.Rule, e.Reason)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
