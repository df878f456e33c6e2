package central

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/delivery"
)

// statusWithKeyJSON is a Cloud API status webhook echoing the send's
// idempotency key in biz_opaque_callback_data, as Meta does.
func statusWithKeyJSON(wamid, status, recipientDigits, key string) []byte {
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "102290129340398", "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp",
			"metadata":          map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"statuses": []any{map[string]any{"id": wamid, "status": status, "timestamp": "1750030073", "recipient_id": recipientDigits,
				"biz_opaque_callback_data": key}},
		}}}}},
	})
	return b
}

// crashMidSend leaves one queued send exactly as a SIGKILL during its
// provider call would: pending, marked in flight, due now.
func crashMidSend(t *testing.T, e *env) (messageID, key string) {
	t.Helper()
	fp := &fakeProvider{fail: func(int) error { return &bsp.ProviderError{Class: bsp.ClassRetry, Code: 131000} }}
	e.stop()
	e.cfg.Provider, e.cfg.RetryBase, e.cfg.RetryMax = fp, time.Hour, time.Hour
	e.start()
	desk := e.login("desk")
	var sr api.SendResponse
	if code := e.do("POST", api.Version+"/threads/"+e.threadFor(desk, patientUK)+"/send", desk,
		api.SendRequest{IdempotencyKey: "k-crash", MacroID: "parking-directions"}, &sr); code != 200 {
		t.Fatalf("send: %d", code)
	}
	waitFor(t, "the first, failing attempt", func() bool { return len(fp.sent()) == 1 })
	e.stop()
	db := openTestDB(t, e.dir)
	if _, err := db.Exec(`UPDATE outbox SET last_error = ?, next_at = ? WHERE message_id = ?`, delivery.InFlight, time.Now().UnixNano(), sr.Message.ID); err != nil {
		t.Fatal(err)
	}
	return sr.Message.ID, fp.sent()[0].IdempotencyKey
}

func TestInDoubtSendSettledByStatusIsNotSentAgain(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "Where do I park?")
	msgID, key := crashMidSend(t, e)

	fp := &fakeProvider{}
	e.cfg.Provider, e.cfg.InDoubtWait = fp, 400*time.Millisecond
	e.start()
	// The provider had accepted it: its status webhook, redelivered after
	// the restart, names the send by its key.
	if code := e.postWebhook(statusWithKeyJSON("wamid.accepted.before.crash", "delivered", "447700900123", key), true); code != 200 {
		t.Fatalf("status webhook: %d", code)
	}
	time.Sleep(800 * time.Millisecond) // twice the wait: a resend would have happened by now
	if n := len(fp.sent()); n != 0 {
		t.Fatalf("the provider was called %d times for a send it had already accepted", n)
	}
	m, err := e.srv.store.Messages.Get(t.Context(), e.srv.db, msgID)
	if err != nil || m.Status != bsp.StatusDelivered || m.ProviderID != "wamid.accepted.before.crash" {
		t.Fatalf("message after settling: %+v %v", m, err)
	}
}

func TestInDoubtSendWithoutStatusIsSentAfterTheWait(t *testing.T) {
	e := newEnv(t)
	e.patientWrites(patientUK, "Where do I park?")
	msgID, _ := crashMidSend(t, e)

	fp := &fakeProvider{}
	e.cfg.Provider, e.cfg.InDoubtWait = fp, 300*time.Millisecond
	start := time.Now()
	e.start()
	waitFor(t, "the in-doubt send to be retried", func() bool { return len(fp.sent()) == 1 })
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("retried after %s, before the in-doubt wait", d)
	}
	waitFor(t, "the message to be sent", func() bool {
		m, _ := e.srv.store.Messages.Get(t.Context(), e.srv.db, msgID)
		return m.Status == bsp.StatusSent
	})
	time.Sleep(100 * time.Millisecond)
	if n := len(fp.sent()); n != 1 {
		t.Fatalf("provider calls = %d, want 1", n)
	}
}
