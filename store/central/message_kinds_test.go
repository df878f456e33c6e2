package central

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store/api"
)

// serverActions returns the server audit entries with the given action.
func (e *env) serverActions(action string) []api.AuditEntry {
	e.t.Helper()
	chain, err := e.srv.store.Audit.Chain(e.t.Context(), e.srv.db, ServerConsoleID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []api.AuditEntry
	for _, en := range chain {
		if en.Action == action {
			out = append(out, en)
		}
	}
	return out
}

// stored returns the thread's messages as stored (opened), by provider id.
func (e *env) storedByProvider(threadID string) map[string]records.Message {
	e.t.Helper()
	msgs, err := e.srv.store.Messages.ListThread(e.t.Context(), e.srv.db, threadID)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]records.Message{}
	for _, m := range msgs {
		out[m.ProviderID] = m
	}
	return out
}

func nowTS() string { return strconv.FormatInt(time.Now().Unix(), 10) }

var ukContact = []any{map[string]any{"profile": map[string]any{"name": "Zebulon Quixote"}, "wa_id": "447700900123"}}

// ukSays is one message object from patientUK of the given type.
func ukSays(id, typ string, fields map[string]any) map[string]any {
	m := map[string]any{"from": "447700900123", "id": id, "timestamp": nowTS(), "type": typ}
	for k, v := range fields {
		m[k] = v
	}
	return m
}

// TestEachMessageKindStoredShownAudited walks one patient's thread through
// every kind of message a provider delivers and checks, for each, what is
// stored (sealed), what a console is shown, and what is audited.
func TestEachMessageKindStoredShownAudited(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	post := func(msgs ...map[string]any) {
		t.Helper()
		if code := e.postWebhook(messageJSON(testBusinessNumber, ukContact, msgs...), true); code != 200 {
			t.Fatalf("webhook: %d", code)
		}
	}
	post(ukSays("wamid.T1", "text", map[string]any{"text": map[string]any{"body": "Can I come on Tuesday?"}}))
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	if code, _, ref := e.send(desk, id, api.SendRequest{IdempotencyKey: "kinds-1", MacroID: "hours"}); code != 200 {
		t.Fatalf("send: %d %+v", code, ref)
	}
	var out records.Message
	waitFor(t, "the clinic message's provider id", func() bool {
		msgs, _ := e.srv.store.Messages.ListThread(ctx, e.srv.db, id)
		for _, m := range msgs {
			if m.Direction == "out" && m.ProviderID != "" {
				out = m
				return true
			}
		}
		return false
	})
	reply := map[string]any{"from": "15550783881", "id": out.ProviderID}

	post(
		// A quoted reply to the clinic's message.
		ukSays("wamid.R1", "text", map[string]any{"context": reply, "text": map[string]any{"body": "Yes, Tuesday works"}}),
		// A button of an interactive message, and a template quick reply.
		ukSays("wamid.B1", "interactive", map[string]any{"context": reply, "interactive": map[string]any{"type": "button_reply",
			"button_reply": map[string]any{"id": "confirm-slot", "title": "Confirm"}}}),
		ukSays("wamid.Q1", "button", map[string]any{"context": reply, "button": map[string]any{"payload": "RESCHEDULE", "text": "Another day"}}),
		// A reaction to the clinic's message, then another that replaces it.
		ukSays("wamid.RE1", "reaction", map[string]any{"reaction": map[string]any{"message_id": out.ProviderID, "emoji": "👍"}}),
	)
	post(ukSays("wamid.RE2", "reaction", map[string]any{"reaction": map[string]any{"message_id": "wamid.T1", "emoji": "🙏"}}))
	// The patient takes the reaction on their own message back (no emoji).
	post(ukSays("wamid.RE3", "reaction", map[string]any{"reaction": map[string]any{"message_id": "wamid.T1"}}))
	post(
		// An edit of the first message, a revoke of the reply.
		ukSays("wamid.E1", "edit", map[string]any{"edit": map[string]any{"original_message_id": "wamid.T1",
			"message": map[string]any{"type": "text", "text": map[string]any{"body": "Can I come on Wednesday? Call me on 07700 900456"}}}}),
		ukSays("wamid.V1", "revoke", map[string]any{"revoke": map[string]any{"original_message_id": "wamid.R1"}}),
		// An order with the patient's note, numbers as strings and as numbers.
		ukSays("wamid.O1", "order", map[string]any{"order": map[string]any{"catalog_id": 354160437058781, "text": "For my mother Anna Quixote",
			"product_items": []any{
				map[string]any{"product_retailer_id": "BP-CUFF", "quantity": "1", "item_price": "34.50", "currency": "GBP"},
				map[string]any{"product_retailer_id": "STRIPS-50", "quantity": 2, "item_price": 12, "currency": "GBP"}}}}),
		// A completed Flow form.
		ukSays("wamid.F1", "interactive", map[string]any{"context": reply, "interactive": map[string]any{"type": "nfm_reply",
			"nfm_reply": map[string]any{"name": "flow", "body": "Sent",
				"response_json": `{"full_name":"Zebulon Quixote","date_of_birth":"1961-03-04","reason":"follow-up","flow_token":"AQAAAAACS5Fp"}`}}}),
		// A shared contact and a shared location (Dutch street address).
		ukSays("wamid.C1", "contacts", map[string]any{"contacts": []any{map[string]any{
			"name":   map[string]any{"formatted_name": "Barbara Johnson", "first_name": "Barbara"},
			"phones": []any{map[string]any{"phone": "+44 7700 900789", "type": "CELL"}}}}}),
		ukSays("wamid.L1", "location", map[string]any{"location": map[string]any{"latitude": "52.0907", "longitude": 5.1214,
			"name": "Thuis", "address": "Oudegracht 231, 3511 NK Utrecht, Nederland"}}),
	)

	// Stored: every message has its row, with its detail sealed.
	st := e.storedByProvider(id)
	if n := len(st); n != 14 {
		t.Fatalf("stored %d messages, want 14 (1 text, 1 clinic, 12 patient kinds)", n)
	}
	checks := []struct {
		pid  string
		ok   func(records.Message) bool
		what string
	}{
		{"wamid.R1", func(m records.Message) bool {
			return m.Detail.ReplyTo == out.ProviderID && m.Body == "Yes, Tuesday works"
		}, "reply context"},
		{"wamid.B1", func(m records.Message) bool {
			return m.Detail.Payload == "confirm-slot" && m.Detail.PayloadTitle == "Confirm"
		}, "button reply id"},
		{"wamid.Q1", func(m records.Message) bool { return m.Detail.Payload == "RESCHEDULE" && m.Type == "button" }, "template payload"},
		{"wamid.RE1", func(m records.Message) bool { return m.Detail.Target == out.ProviderID && m.Body == "👍" }, "reaction target"},
		{"wamid.RE3", func(m records.Message) bool { return m.Detail.Target == "wamid.T1" && m.Detail.ReactionRemoved }, "reaction removal"},
		{"wamid.E1", func(m records.Message) bool {
			return m.Detail.Target == "wamid.T1" && strings.Contains(m.Body, "Wednesday") && m.Detail.EditedType == "text"
		}, "edit"},
		{"wamid.V1", func(m records.Message) bool { return m.Detail.Target == "wamid.R1" && m.Type == "revoke" }, "revoke"},
		{"wamid.O1", func(m records.Message) bool {
			o := m.Detail.Order
			return o != nil && o.CatalogID == "354160437058781" && len(o.Items) == 2 && o.Items[1] == bsp.OrderItem{ProductID: "STRIPS-50", Quantity: "2", Price: "12", Currency: "GBP"} &&
				strings.Contains(m.Body, "For my mother Anna Quixote")
		}, "order items and text"},
		{"wamid.F1", func(m records.Message) bool {
			return strings.Contains(m.Detail.FlowResponse, `"date_of_birth":"1961-03-04"`)
		}, "flow response"},
		{"wamid.C1", func(m records.Message) bool {
			return len(m.Detail.Contacts) == 1 && m.Detail.Contacts[0].Name == "Barbara Johnson" && m.Detail.Contacts[0].Phones[0] == "+44 7700 900789"
		}, "contact card"},
		{"wamid.L1", func(m records.Message) bool {
			return m.Detail.Location != nil && m.Detail.Location.Longitude == "5.1214"
		}, "location fields"},
	}
	for _, c := range checks {
		m, ok := st[c.pid]
		if !ok || m.Detail == nil || !c.ok(m) {
			t.Errorf("%s (%s) stored as %+v detail %+v", c.what, c.pid, m, m.Detail)
		}
	}
	// Sealed at rest: no patient text in any column of the database file's rows.
	// The sealed bytes are compared as bytes: PostgreSQL casts bytea to
	// text as hex, where a digit pattern such as "1961" turns up by chance.
	rows, err := e.srv.db.Query(`SELECT detail_sealed FROM messages`)
	if err != nil {
		t.Fatal(err)
	}
	var leaks int
	for rows.Next() {
		var sealed []byte
		if err := rows.Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(sealed, []byte("Barbara")) || bytes.Contains(sealed, []byte("1961-03-04")) {
			leaks++
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if leaks != 0 {
		t.Errorf("%d detail columns hold plain text", leaks)
	}

	// Shown: what a console gets.
	view := e.thread(desk, id)
	byID := map[string]api.Message{}
	var lines []string
	for _, m := range view.Messages {
		byID[m.ID] = m
		lines = append(lines, m.Type+": "+m.Masked)
	}
	shown := func(pid string) (api.Message, bool) {
		m, ok := byID[st[pid].ID]
		return m, ok
	}
	// Reactions, edits, revokes and the removal are not lines of their own.
	for _, pid := range []string{"wamid.RE1", "wamid.RE2", "wamid.RE3", "wamid.E1", "wamid.V1"} {
		if _, ok := shown(pid); ok {
			t.Errorf("%s shown as a line of its own:\n%s", pid, strings.Join(lines, "\n"))
		}
	}
	if len(view.Messages) != 9 {
		t.Errorf("%d lines shown, want 9:\n%s", len(view.Messages), strings.Join(lines, "\n"))
	}
	if m, _ := shown(out.ProviderID); len(m.Reactions) != 1 || m.Reactions[0].Emoji != "👍" {
		t.Errorf("clinic message reactions = %+v", m.Reactions)
	}
	if m, _ := shown("wamid.T1"); len(m.Reactions) != 0 || !m.Edited || !strings.HasPrefix(m.Masked, "Can I come on Wednesday? Call me on [") || strings.Contains(m.Masked, "900456") {
		t.Errorf("edited first message = %+v", m)
	}
	if m, ok := shown("wamid.R1"); !ok || !m.Revoked || m.Masked != "" || m.ReplyTo != out.ID {
		t.Errorf("revoked reply = %+v", m)
	}
	if m, _ := shown("wamid.B1"); m.ReplyTo != out.ID || m.Choice == nil || m.Choice.ID != "confirm-slot" || m.Choice.Title != "Confirm" {
		t.Errorf("button reply = %+v choice %+v", m, m.Choice)
	}
	if m, _ := shown("wamid.Q1"); m.Choice == nil || m.Choice.ID != "RESCHEDULE" || m.Masked != "Another day" {
		t.Errorf("template quick reply = %+v", m)
	}
	if m, _ := shown("wamid.O1"); len(m.Items) != 2 || !strings.HasPrefix(m.Masked, "[order: 2 item(s)] ") || strings.Contains(m.Masked, "Anna") {
		t.Errorf("order = %+v", m)
	}
	if m, _ := shown("wamid.F1"); m.Type != "flow" || m.Masked != "[form] date_of_birth: [DOB]; full_name: [NAME]; reason: follow-up" || m.ReplyTo != out.ID {
		t.Errorf("flow = %q (%+v)", m.Masked, m)
	}
	if m, _ := shown("wamid.C1"); m.Masked != "[contact card: 1] [NAME] [PHONE]" {
		t.Errorf("contacts = %q", m.Masked)
	}
	if m, _ := shown("wamid.L1"); m.Masked != "[location] [ADDRESS]" || len(m.Spans) != 1 || m.Spans[0].Type != "ADDRESS" {
		t.Errorf("location = %q spans %+v", m.Masked, m.Spans)
	}
	for _, l := range lines {
		for _, phi := range []string{"Oudegracht", "Nederland", "Barbara", "07700", "1961", "Zebulon", "Anna"} {
			if strings.Contains(l, phi) {
				t.Errorf("console line shows %q: %s", phi, l)
			}
		}
	}

	// A deleted message stays sealed but is not revealed to anyone either.
	nurse := e.login("nurse")
	var ref api.Refusal
	path := api.Version + "/threads/" + id + "/messages/" + st["wamid.R1"].ID + "/reveal"
	if c := e.do("POST", path, nurse, api.RevealRequest{Reason: "Checking what the patient wrote before deleting"}, &ref); c != 422 || ref.Rule != "revoked" {
		t.Errorf("reveal of a deleted message: %d %+v", c, ref)
	}

	// Audited: the edit and the revoke name their target; plain kinds add
	// nothing beyond the staff's view of the thread.
	if a := e.serverActions(ActionMessageEdited); len(a) != 1 || a[0].Detail["target"] != st["wamid.T1"].ID || a[0].Detail["message"] != st["wamid.E1"].ID {
		t.Errorf("edit audit = %+v", a)
	}
	if a := e.serverActions(ActionMessageRevoked); len(a) != 1 || a[0].Detail["target"] != st["wamid.R1"].ID {
		t.Errorf("revoke audit = %+v", a)
	}
	if a := e.serverActions("thread.view"); len(a) == 0 {
		t.Error("thread view not audited")
	}
	for _, a := range []string{ActionWebhookMalformed, ActionWebhookMisrouted, ActionMessageUnreadable} {
		if got := e.serverActions(a); len(got) != 0 {
			t.Errorf("%s recorded for well-formed bodies: %+v", a, got)
		}
	}
}

// One message whose field has the wrong type, in a body with two entries
// and three changes, costs nothing else: exactly the two good messages are
// stored, plus one typed "unreadable" record in the sender's thread with a
// keyed digest of its bytes, and the loss is audited.
func TestWebhookFaultIsolationStoresGoodMessagesAndUnreadableRecord(t *testing.T) {
	e := newEnv(t)
	good1 := ukSays("wamid.GOOD1", "text", map[string]any{"text": map[string]any{"body": "first"}})
	bad := ukSays("wamid.BAD1", "text", map[string]any{"text": map[string]any{"body": []any{"not", "a", "string"}}})
	good2 := map[string]any{"from": 12025550143, "id": "wamid.GOOD2", "timestamp": time.Now().Unix(), "type": "location",
		"location": map[string]any{"latitude": "52.1", "longitude": 5.12}}
	body := []byte(`{"object":"whatsapp_business_account","entry":[` +
		string(entryOf(messageJSON(testBusinessNumber, ukContact, good1, bad))) + `,` +
		`{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]},` +
		string(entryOf(messageJSON(testBusinessNumber, nil, good2))) + `]}`)
	if code := e.postWebhook(body, true); code != 200 {
		t.Fatalf("status %d", code)
	}
	var normal, unreadable int
	e.srv.db.QueryRow(`SELECT count(*) FROM messages WHERE direction = 'in' AND type <> 'unreadable'`).Scan(&normal)
	e.srv.db.QueryRow(`SELECT count(*) FROM messages WHERE type = 'unreadable'`).Scan(&unreadable)
	if normal != 2 || unreadable != 1 {
		t.Fatalf("stored %d messages and %d unreadable records, want 2 and 1", normal, unreadable)
	}
	desk := e.login("desk")
	st := e.storedByProvider(e.threadFor(desk, patientUK))
	u := st["wamid.BAD1"]
	if u.Type != "unreadable" || u.Detail == nil || !strings.HasPrefix(u.Detail.Digest, "hmac-sha256:") || u.Detail.Reason == "" || strings.Contains(u.Body, "string") {
		t.Errorf("unreadable record = %+v detail %+v", u, u.Detail)
	}
	if a := e.serverActions(ActionMessageUnreadable); len(a) != 1 || a[0].Detail["digest"] != u.Detail.Digest {
		t.Errorf("unreadable audit = %+v", a)
	}
	view := e.thread(desk, e.threadFor(desk, patientUK))
	if last := view.Messages[len(view.Messages)-1]; last.Type != "unreadable" || !strings.Contains(last.Masked, "could not be read") {
		t.Errorf("console shows %+v", last)
	}
	loc := e.storedByProvider(e.threadFor(desk, patientUS))["wamid.GOOD2"]
	if loc.Detail == nil || loc.Detail.Location == nil || loc.Detail.Location.Latitude != "52.1" {
		t.Errorf("location with a string latitude = %+v", loc)
	}
}

// entryOf cuts the single entry object out of a messageJSON body.
func entryOf(body []byte) []byte {
	var w struct {
		Entry []json.RawMessage `json:"entry"`
	}
	if err := json.Unmarshal(body, &w); err != nil || len(w.Entry) != 1 {
		panic("entryOf: not a one-entry body")
	}
	return w.Entry[0]
}

// A body for another business number (a documentation sample, another
// business's test) is acknowledged, audited as misrouted and counted, and
// creates no patient, thread or message; in a body with entries for both,
// our entry is stored.
func TestWebhookMisroutedCreatesNoThread(t *testing.T) {
	e := newEnv(t)
	patients, threads := e.count("patients"), e.count("threads")
	sample := messageJSON("PHONE_NUMBER_ID", []any{map[string]any{"profile": map[string]any{"name": "NAME"}, "wa_id": "16505551234"}},
		map[string]any{"from": "16505551234", "id": "wamid.ID", "timestamp": "1669233778", "type": "text", "text": map[string]any{"body": "MESSAGE_BODY"}})
	if code := e.postWebhook(sample, true); code != 200 {
		t.Fatalf("status %d", code)
	}
	if e.count("patients") != patients || e.count("threads") != threads || e.count("messages") != 0 {
		t.Fatalf("misrouted body stored: patients %d→%d threads %d→%d messages %d", patients, e.count("patients"), threads, e.count("threads"), e.count("messages"))
	}
	a := e.serverActions(ActionWebhookMisrouted)
	if len(a) != 1 || a[0].Outcome != "acknowledged" || a[0].Detail["events"] != "1" || !strings.HasPrefix(a[0].Detail["number_digest"], "hmac-sha256:") {
		t.Fatalf("misrouted audit = %+v", a)
	}
	if e.srv.MisroutedWebhooks() != 1 {
		t.Errorf("misrouted counter = %d", e.srv.MisroutedWebhooks())
	}
	mixed := []byte(`{"object":"whatsapp_business_account","entry":[` + string(entryOf(sample)) + `,` +
		string(entryOf(inboundJSON("wamid.OURS", "447700900123", "Z", "hello"))) + `]}`)
	if code := e.postWebhook(mixed, true); code != 200 {
		t.Fatalf("status %d", code)
	}
	if e.count("messages") != 1 || len(e.serverActions(ActionWebhookMisrouted)) != 2 || e.srv.MisroutedWebhooks() != 2 {
		t.Errorf("mixed body: messages %d, misrouted entries %d", e.count("messages"), len(e.serverActions(ActionWebhookMisrouted)))
	}
}

// A Twilio message to another sender than the clinic's is refused the
// same way.
func TestTwilioMisroutedCreatesNoThread(t *testing.T) {
	e := newProviderEnv(t, sim.ProviderTwilio)
	form := url.Values{"MessageSid": {"SMother"}, "SmsStatus": {"received"}, "Body": {"hi"}, "From": {"whatsapp:+16505551234"},
		"To": {"whatsapp:+15005550006"}, "MessageType": {"text"}}
	if code, _ := e.postTwilio(TwilioInboundPath, form, testTwilioToken); code != 200 {
		t.Fatalf("status %d", code)
	}
	if e.count("messages") != 0 || e.count("threads") != 0 || len(e.serverActions(ActionWebhookMisrouted)) != 1 {
		t.Errorf("messages %d threads %d misrouted %d", e.count("messages"), e.count("threads"), len(e.serverActions(ActionWebhookMisrouted)))
	}
}

// A Twilio contact card is stored as a contact card, and its media URL is
// never fetched.
func TestTwilioContactCardStoredNotFetched(t *testing.T) {
	var hits atomic.Int32
	media := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io := "BEGIN:VCARD\r\nFN:Barbara Johnson\r\nEND:VCARD\r\n"
		w.Write([]byte(io))
	}))
	defer media.Close()
	e := newProviderEnv(t, sim.ProviderTwilio)
	form := url.Values{"MessageSid": {"MMcard1"}, "SmsStatus": {"received"}, "Body": {""}, "From": {"whatsapp:" + providerTestPhone},
		"To": {testTwilioSender}, "MessageType": {"contacts"}, "NumMedia": {"1"}, "MediaContentType0": {"text/vcard"},
		"MediaUrl0": {media.URL + "/Media/ME60"}, "ProfileName": {"Test User"}}
	if code, _ := e.postTwilio(TwilioInboundPath, form, testTwilioToken); code != 200 {
		t.Fatalf("status %d", code)
	}
	desk := e.login("desk")
	id := e.threadFor(desk, providerTestPhone)
	m := e.storedByProvider(id)["MMcard1"]
	if m.Type != "contacts" || m.Detail == nil || !m.Detail.ContactsNotFetched || m.MediaMIME != "text/vcard" {
		t.Errorf("stored = %+v detail %+v", m, m.Detail)
	}
	view := e.thread(desk, id)
	if last := view.Messages[len(view.Messages)-1]; last.Masked != "[contact card: linked by the provider, not fetched]" {
		t.Errorf("console shows %q", last.Masked)
	}
	if hits.Load() != 0 {
		t.Errorf("the contact card's media URL was fetched %d times", hits.Load())
	}

	// A template quick reply keeps Twilio's ButtonPayload.
	form = url.Values{"MessageSid": {"SMbtn1"}, "SmsStatus": {"received"}, "Body": {"Yes"}, "From": {"whatsapp:" + providerTestPhone},
		"To": {testTwilioSender}, "MessageType": {"button"}, "ButtonText": {"Yes"}, "ButtonPayload": {"CONFIRM_APPT"}}
	if code, _ := e.postTwilio(TwilioInboundPath, form, testTwilioToken); code != 200 {
		t.Fatalf("status %d", code)
	}
	if b := e.storedByProvider(id)["SMbtn1"]; b.Detail == nil || b.Detail.Payload != "CONFIRM_APPT" || b.Detail.PayloadTitle != "Yes" {
		t.Errorf("button stored = %+v", b.Detail)
	}
	view = e.thread(desk, id)
	if last := view.Messages[len(view.Messages)-1]; last.Choice == nil || last.Choice.ID != "CONFIRM_APPT" {
		t.Errorf("button shown = %+v", last)
	}
}

// A number change links the new number to the same patient (one thread),
// is audited, and resets consent unless the clinic's policy carries it over.
func TestNumberChangeLinksPatient(t *testing.T) {
	for _, carry := range []bool{false, true} {
		t.Run("carry="+strconv.FormatBool(carry), func(t *testing.T) {
			e := newEnv(t, func(c *Config) { c.ConsentFollowsNumberChange = carry })
			ctx := context.Background()
			e.postWebhook(inboundJSON("wamid.N0", "447700900123", "Z", "hello"), true)
			before, err := e.srv.store.Patients.ByPhone(ctx, e.srv.db, patientUK)
			if err != nil || !before.OptedIn {
				t.Fatalf("seeded patient: %+v %v", before, err)
			}
			sys := map[string]any{"from": "447700900123", "id": "wamid.SYS1", "timestamp": nowTS(), "type": "system",
				"system": map[string]any{"body": "Z changed from 447700900123 to 447700900999", "wa_id": "447700900999", "type": "user_changed_number"}}
			if code := e.postWebhook(messageJSON(testBusinessNumber, nil, sys), true); code != 200 {
				t.Fatalf("status %d", code)
			}
			e.postWebhook(inboundJSON("wamid.N1", "447700900999", "Z", "new phone, same me"), true)
			after, err := e.srv.store.Patients.ByPhone(ctx, e.srv.db, "+447700900999")
			if err != nil || after.ID != before.ID || after.Phone != "+447700900999" {
				t.Fatalf("new number found %+v %v; want patient %s", after, err, before.ID)
			}
			if e.count("threads") != 1 {
				t.Errorf("%d threads, want 1", e.count("threads"))
			}
			if after.OptedIn != carry {
				t.Errorf("opted in after change = %v, want %v", after.OptedIn, carry)
			}
			a := e.serverActions(ActionNumberChange)
			want := map[bool]string{false: "reset", true: "carried over"}[carry]
			if len(a) != 1 || a[0].Outcome != "ok" || a[0].Detail["consent"] != want || a[0].Object != "patient:"+before.ID {
				t.Errorf("number change audit = %+v", a)
			}
			desk := e.login("desk")
			view := e.thread(desk, e.threadFor(desk, "+447700900999"))
			var shownSys bool
			for _, m := range view.Messages {
				if m.Type == "system" && m.Masked == "[the patient changed their WhatsApp number]" {
					shownSys = true
				}
				if strings.Contains(m.Masked, "900999") {
					t.Errorf("console shows the number: %q", m.Masked)
				}
			}
			if !shownSys {
				t.Error("the number change is not shown in the thread")
			}
		})
	}
}

// A patient known by number, then by number and business-scoped user id,
// then (having adopted a username) by the user id alone, is one patient
// with one thread.
func TestBusinessScopedUserIDIsOnePatient(t *testing.T) {
	e := newEnv(t)
	const bsuid = "GB.13491208655302741918"
	e.postWebhook(inboundJSON("wamid.U1", "447700900123", "Z", "by number"), true)
	e.postWebhook(messageJSON(testBusinessNumber, []any{map[string]any{"profile": map[string]any{"name": "Z"}, "wa_id": "447700900123", "user_id": bsuid}},
		map[string]any{"from": "447700900123", "from_user_id": bsuid, "id": "wamid.U2", "timestamp": nowTS(), "type": "text", "text": map[string]any{"body": "both"}}), true)
	e.postWebhook(messageJSON(testBusinessNumber, []any{map[string]any{"profile": map[string]any{"name": "Z"}, "user_id": bsuid}},
		map[string]any{"id": "wamid.U3", "timestamp": nowTS(), "type": "text", "text": map[string]any{"body": "user id only"}}), true)
	// And the reverse order: first known by user id only, then both.
	const other = "US.99"
	e.postWebhook(messageJSON(testBusinessNumber, []any{map[string]any{"profile": map[string]any{"name": "Y"}, "user_id": other}},
		map[string]any{"id": "wamid.U4", "timestamp": nowTS(), "type": "text", "text": map[string]any{"body": "user id first"}}), true)
	e.postWebhook(messageJSON(testBusinessNumber, nil,
		map[string]any{"from": "12025550199", "from_user_id": other, "id": "wamid.U5", "timestamp": nowTS(), "type": "text", "text": map[string]any{"body": "now both"}}), true)
	e.postWebhook(inboundJSON("wamid.U6", "12025550199", "Y", "number only"), true)
	// Only the patients' messages count: the clinic's first-message
	// explanation to each new patient is outbound.
	var withMessages int
	e.srv.db.QueryRow(`SELECT count(DISTINCT thread_id) FROM messages WHERE direction = 'in'`).Scan(&withMessages)
	if inbound := e.count("messages WHERE direction = 'in'"); withMessages != 2 || inbound != 6 {
		t.Fatalf("%d threads with %d patient messages, want 2 threads with 6", withMessages, inbound)
	}
	var n int
	e.srv.db.QueryRow(`SELECT count(*) FROM patient_contacts WHERE CAST(bidx AS TEXT) LIKE '%GB.%'`).Scan(&n)
	if n != 0 {
		t.Error("a user id is stored in plain text")
	}
}

// The simulator delivers every new kind in each provider's wire format,
// and each is stored as its kind.
func TestSimulatorSendsEveryKind(t *testing.T) {
	for _, mode := range []string{sim.ProviderCloudAPI, sim.ProviderTwilio} {
		t.Run(mode, func(t *testing.T) {
			e := newProviderEnv(t, mode)
			send := func(in sim.InboundRequest) string {
				t.Helper()
				in.From, in.Name = providerTestPhone, "Zebulon Quixote"
				id, err := e.sim.Inbound(in)
				if err != nil {
					t.Fatal(err)
				}
				e.flush()
				return id
			}
			first := send(sim.InboundRequest{Text: "Hello"})
			want := map[string]int{"text": 1, "location": 1, "contacts": 1}
			send(sim.InboundRequest{Type: "location", Location: &sim.SimLocation{Latitude: "52.0907", Longitude: "5.1214", Name: "Thuis", Address: "Oudegracht 231, Utrecht"}})
			send(sim.InboundRequest{Type: "contacts", Contacts: []sim.SimContact{{Name: "Barbara Johnson", Phone: "+44 7700 900789"}}})
			if mode == sim.ProviderCloudAPI {
				send(sim.InboundRequest{Type: "reaction", Text: "👍", ReplyTo: first})
				send(sim.InboundRequest{Type: "reaction", ReplyTo: first})
				send(sim.InboundRequest{Type: "order", Text: "For my mother", Items: []sim.SimOrderItem{{ProductID: "BP-CUFF", Quantity: 1, Price: "34.50", Currency: "GBP"}}})
				send(sim.InboundRequest{Type: "flow", ReplyTo: first, FlowResponse: `{"full_name":"Zebulon Quixote"}`})
				send(sim.InboundRequest{Type: "edit", Target: first, Text: "Hello again"})
				send(sim.InboundRequest{Type: "revoke", Target: first})
				send(sim.InboundRequest{Type: "system", NewNumber: "+447700900999"})
				for k, n := range map[string]int{"reaction": 2, "order": 1, "flow": 1, "edit": 1, "revoke": 1, "system": 1} {
					want[k] = n
				}
			} else if _, err := e.sim.Inbound(sim.InboundRequest{From: providerTestPhone, Type: "order"}); err == nil {
				t.Error("the Twilio simulator sent an order")
			}
			rows, err := e.srv.db.Query(`SELECT type, count(*) FROM messages WHERE direction = 'in' GROUP BY type`)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for rows.Next() {
				var typ string
				var n int
				rows.Scan(&typ, &n)
				got[typ] = n
			}
			rows.Close()
			for k, n := range want {
				if got[k] != n {
					t.Errorf("%s: stored %d, want %d (all: %v)", k, got[k], n, got)
				}
			}
		})
	}
}

// Two patients who both claim, at the same moment, to have moved to the
// same new number: exactly one gets it, the other's change is refused and
// audited, and the number never names two patients.
func TestNumberChangeToOneNumberRacesSafely(t *testing.T) {
	e := newEnv(t)
	froms := []string{"447700900123", "12025550143", "447700900124", "12025550144"}
	for i, f := range froms {
		e.postWebhook(inboundJSON(fmt.Sprintf("wamid.H%d", i), f, "P", "hello"), true)
	}
	var (
		start = make(chan struct{})
		wg    sync.WaitGroup
		codes = make([]int, len(froms))
	)
	for i, f := range froms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := messageJSON(testBusinessNumber, nil, map[string]any{"from": f, "id": fmt.Sprintf("wamid.SYSR%d", i), "timestamp": nowTS(), "type": "system",
				"system": map[string]any{"body": "changed", "wa_id": "447700900555", "type": "user_changed_number"}})
			<-start // all at once, so the changes overlap in the committer
			codes[i] = e.postWebhook(body, true)
		}()
	}
	close(start)
	wg.Wait()
	for i, c := range codes {
		if c != 200 {
			t.Errorf("webhook %d: %d", i, c)
		}
	}
	var ok, refused int
	for _, a := range e.serverActions(ActionNumberChange) {
		switch a.Outcome {
		case "ok":
			ok++
		case "refused":
			refused++
		}
	}
	if ok != 1 || refused != len(froms)-1 {
		t.Errorf("number changes: %d linked, %d refused; want 1 and %d", ok, refused, len(froms)-1)
	}
	var holders int
	idx := e.srv.store.Patients.(records.Patients).Bidx(records.BidxPhone, "+447700900555")
	e.srv.db.QueryRow(`SELECT (SELECT count(*) FROM patients WHERE contact_bidx = ?) + (SELECT count(*) FROM patient_contacts WHERE bidx = ?)`, idx, idx).Scan(&holders)
	if holders != 1 {
		t.Errorf("the new number names %d patients", holders)
	}
}
