package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central"
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

// demoHandoffSLA is the demo's hand-off SLA: minutes, so a hand-off left
// alone escalates to the supervisor while someone tries the demo.
var demoHandoffSLA = 3 * time.Minute

// demoTriageScript is the clinical part of the demo's morning: patients
// whose questions the scripted front desk hands to the nurses.
var demoTriageScript = []demoPatient{
	{0, "+15555550108", "Grace Kim", "My son's rash is spreading since he started the new antibiotic. Is that normal?", false},
	{3 * time.Second, "+15555550109", "Omar Haddad", "My blood pressure readings have been high since the dose change, what should I do?", false},
	{6 * time.Second, "+15555550110", "Elena Ruiz", "Me duele mucho la rodilla después de la cirugía, ¿es normal?", false},
}

// demoTriage configures the demo's triage workflow: the scripted front
// desk (demo.desk), the clinical patients' opt-ins, the short SLA, and a
// clock that runs at every hour so the escalation happens whenever the
// demo is tried.
func demoTriage(cfg *central.Config, users map[string]central.SeedUser) {
	desk := central.SeedUser{Username: "demo.desk", Password: "demo-" + randomHex(12), Role: "frontdesk", ResetPassword: true}
	users["desk"] = desk
	cfg.SeedUsers = append(cfg.SeedUsers, desk)
	for _, p := range demoTriageScript {
		cfg.SeedOptIns = append(cfg.SeedOptIns, p.Phone)
	}
	hours := policy.AlwaysOpen()
	cfg.HandoffSLA, cfg.BusinessHours, cfg.SLASweepInterval = demoHandoffSLA, &hours, 5*time.Second
}

// triageRun is the scripted front desk's morning, through the console
// API like any user: the clinical patients write in, and after wait the
// front desk hands every clinical question to the nurses with a note
// (the patients get the acknowledgment and a portal link) and escalates
// the request to email forms to the supervisor. Nobody answers the
// hand-offs, so they escalate by themselves once the demo's SLA passes:
// the nurse and the supervisor both have work waiting.
func triageRun(ctx context.Context, stack *demoStack, wait time.Duration, log *slog.Logger) {
	start := time.Now()
	for _, p := range demoTriageScript {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(start.Add(wait/2 + p.After))):
		}
		body, _ := json.Marshal(map[string]string{"from": p.Phone, "name": p.Name, "text": p.Text})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, stack.SimURL+"/sim/inbound", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err != nil {
			log.Warn("demo patient message not delivered", "err", err)
		} else {
			resp.Body.Close()
		}
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Until(start.Add(wait))):
	}
	desk := stack.Users["desk"]
	var lr api.LoginResponse
	if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/login", "",
		api.LoginRequest{Username: desk.Username, Password: desk.Password, ConsoleID: "demo-front-desk"}, &lr); err != nil {
		log.Warn("front desk run: sign-in failed", "err", err)
		return
	}
	var pol api.MessagingPolicy
	if err := demoCall(ctx, "GET", stack.CentralURL+api.Version+"/policy", lr.Token, nil, &pol); err != nil {
		log.Warn("front desk run: policy not read", "err", err)
		return
	}
	if !pol.Acknowledged {
		var ack api.PolicyAckResponse
		if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/policy/ack", lr.Token,
			api.PolicyAckRequest{Version: pol.Version, FullName: "Jordan Blake"}, &ack); err != nil {
			log.Warn("front desk run: policy not acknowledged", "err", err)
			return
		}
	}
	var page api.ThreadPage
	if err := demoCall(ctx, "GET", stack.CentralURL+api.Version+"/inbox?queue=unanswered&limit=100", lr.Token, nil, &page); err != nil {
		log.Warn("front desk run: inbox not read", "err", err)
		return
	}
	notes := []string{"Asks whether this is normal after a medication change; please call back.",
		"Symptom question after a treatment change; needs a nurse's advice.",
		"Pain after a procedure; patient writes in Spanish."}
	handed, escalated := 0, false
	for _, th := range page.Threads {
		switch {
		case th.Clinical:
			var res api.HandoffResult
			if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/threads/"+th.ID+"/handoff", lr.Token,
				api.HandoffRequest{Note: notes[handed%len(notes)]}, &res); err != nil {
				log.Warn("front desk run: hand-off failed", "thread", th.ID, "err", err)
				continue
			}
			handed++
		case !escalated && strings.Contains(th.Preview, "forms"):
			var res api.ThreadActResult
			if err := demoCall(ctx, "POST", stack.CentralURL+api.Version+"/threads/"+th.ID+"/escalate", lr.Token,
				api.ThreadActRequest{Reason: "Patient wants the new-patient forms by email; may we send them outside the portal?"}, &res); err != nil {
				log.Warn("front desk run: escalation failed", "thread", th.ID, "err", err)
				continue
			}
			escalated = true
		}
	}
	log.Info("front desk run done", "handed_off", handed, "escalated", escalated)
}
