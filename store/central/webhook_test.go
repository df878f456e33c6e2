package central

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicwa/triage/bsp/sim"
	"github.com/clinicwa/triage/store/api"
)

func TestWebhookWrongSignatureIsRefusedAndNothingStored(t *testing.T) {
	e := newEnv(t)
	body := inboundJSON("wamid.sig1", "447700900123", "Zebulon Quixote", "hello")
	patientsBefore := e.count("patients")
	for name, req := range map[string]func() *http.Request{
		"no header": func() *http.Request {
			r, _ := http.NewRequest("POST", e.url+"/webhooks/whatsapp", bytes.NewReader(body))
			return r
		},
		"wrong secret": func() *http.Request {
			r, _ := http.NewRequest("POST", e.url+"/webhooks/whatsapp", bytes.NewReader(body))
			r.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("ab", 32))
			return r
		},
	} {
		resp, err := http.DefaultClient.Do(req())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, resp.StatusCode)
		}
	}
	if n := e.count("messages"); n != 0 {
		t.Errorf("messages stored after bad signature: %d", n)
	}
	if n := e.count("patients"); n != patientsBefore {
		t.Errorf("patients created after bad signature")
	}
}

func TestWebhookSameDeliveryTwiceStoresOneMessage(t *testing.T) {
	e := newEnv(t)
	body := inboundJSON("wamid.dup1", "447700900123", "Zebulon Quixote", "Is parking free?")
	for i := 0; i < 2; i++ {
		if code := e.postWebhook(body, true); code != 200 {
			t.Fatalf("delivery %d: %d", i+1, code)
		}
	}
	if n := e.count("messages"); n != 1 {
		t.Fatalf("messages = %d, want 1", n)
	}
}

func TestWebhookOversizeIs413(t *testing.T) {
	e := newEnv(t)
	big := append([]byte(`{"object":"whatsapp_business_account","pad":"`), bytes.Repeat([]byte("a"), MaxWebhookBytes)...)
	big = append(big, `"}`...)
	if code := e.postWebhook(big, true); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", code)
	}
	if n := e.count("messages"); n != 0 {
		t.Fatal("oversize body stored")
	}
}

func TestWebhookHandshake(t *testing.T) {
	e := newEnv(t)
	get := func(q string) (int, string) {
		resp, err := http.Get(e.url + "/webhooks/whatsapp?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + testVerifyToken); code != 200 || body != "1158201444" {
		t.Errorf("good handshake: %d %q", code, body)
	}
	if code, _ := get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong"); code != http.StatusForbidden {
		t.Errorf("wrong token: %d, want 403", code)
	}
}

func TestUnknownAndMediaTypesStoredTyped(t *testing.T) {
	e := newEnv(t)
	e.patientSends(sim.InboundRequest{From: patientUK, Name: "Zebulon Quixote", Type: "unsupported"})
	e.patientSends(sim.InboundRequest{From: patientUK, Name: "Zebulon Quixote", Type: "image", MIMEType: "image/png"})
	e.patientSends(sim.InboundRequest{From: patientUK, Name: "Zebulon Quixote", Type: "reaction", Text: "👍", ReplyTo: "wamid.x"})
	nurse := e.login("nurse")
	d := e.thread(nurse, e.threadFor(nurse, patientUK))
	if len(d.Messages) != 3 {
		t.Fatalf("messages = %d, want 3", len(d.Messages))
	}
	want := []struct{ typ, masked string }{
		{"unsupported", "Message type unknown"}, // the provider's own words, no patient text
		{"image", "[attachment: image]"},
		{"reaction", "👍"},
	}
	for i, w := range want {
		m := d.Messages[i]
		if m.Type != w.typ || m.Masked != w.masked {
			t.Errorf("message %d: type %q masked %q, want %q %q", i, m.Type, m.Masked, w.typ, w.masked)
		}
	}
	var mime string
	e.srv.db.QueryRow(`SELECT media_mime FROM messages WHERE type = 'image'`).Scan(&mime)
	if mime != "image/png" {
		t.Errorf("media mime %q", mime)
	}
}

// TestNothingReadableAtRest scans the raw database files, main and WAL,
// for the patient's number, name and what they wrote.
func TestNothingReadableAtRest(t *testing.T) {
	e := newEnv(t)
	const text = "Hi, this is Zebulon, call me on 415-555-0199, my DOB is 03/04/1961"
	e.patientWrites(patientUK, text)
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	d := e.thread(desk, id)
	if len(d.Messages) != 1 {
		t.Fatalf("messages = %d", len(d.Messages))
	}
	m := d.Messages[0]
	if strings.Contains(m.Masked, "415") || strings.Contains(m.Masked, "1961") || !strings.Contains(m.Masked, "[PHONE]") {
		t.Errorf("masked text not masked: %q", m.Masked)
	}
	if len(m.Spans) < 2 {
		t.Errorf("spans = %v, want phone and date", m.Spans)
	}
	if strings.Contains(d.Thread.PatientLabel, "Zebulon") || !strings.HasPrefix(d.Thread.PatientLabel, "Patient ") {
		t.Errorf("label %q", d.Thread.PatientLabel)
	}
	secrets := []string{"447700900123", "7700900123", "415-555-0199", "4155550199", "Zebulon", "Quixote", "03/04/1961", "DOB is"}
	// What is at rest: the SQLite file and its WAL, or on PostgreSQL
	// everything pg_dump reads out of the database. Case-folded too, so
	// an upper- or lower-cased copy of a name does not slip through.
	atRest := map[string][]byte{}
	if onPostgres() {
		atRest["pg_dump"] = storedBytes(t, e)
	} else {
		files, _ := filepath.Glob(filepath.Join(e.dir, DBFileName+"*"))
		if len(files) < 2 {
			t.Fatalf("expected the database and its WAL, found %v", files)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			atRest[filepath.Base(f)] = raw
		}
	}
	for name, raw := range atRest {
		folded := bytes.ToLower(raw)
		for _, s := range secrets {
			if bytes.Contains(folded, bytes.ToLower([]byte(s))) {
				t.Errorf("%s contains %q in plain text", name, s)
			}
		}
	}
	// And the thread still opens: the values are sealed, not lost.
	p, err := e.srv.store.Patients.ByPhone(t.Context(), e.srv.db, patientUK)
	if err != nil || p.ProfileName != "Zebulon Quixote" {
		t.Errorf("patient not recoverable: %v %q", err, p.ProfileName)
	}
}

func TestStatusOutOfOrderNeverRegresses(t *testing.T) {
	fp := &fakeProvider{}
	e := newEnv(t, func(c *Config) { c.Provider = fp })
	if code := e.postWebhook(inboundJSON("wamid.in1", "447700900123", "Z", "Where do I park?"), true); code != 200 {
		t.Fatal(code)
	}
	desk := e.login("desk")
	id := e.threadFor(desk, patientUK)
	var sr api.SendResponse
	if code := e.do("POST", api.Version+"/threads/"+id+"/send", desk, api.SendRequest{IdempotencyKey: "k1", MacroID: "parking-directions"}, &sr); code != 200 {
		t.Fatalf("send: %d", code)
	}
	waitFor(t, "provider send", func() bool { return len(fp.sent()) == 1 })
	waitFor(t, "sent status", func() bool {
		m, _ := e.srv.store.Messages.Get(t.Context(), e.srv.db, sr.Message.ID)
		return m.Status == "sent"
	})
	wamid := "wamid.fake." + fp.sent()[0].IdempotencyKey
	for _, st := range []string{"read", "delivered", "sent"} {
		if code := e.postWebhook(statusJSON(wamid, st, "447700900123"), true); code != 200 {
			t.Fatalf("status %s: %d", st, code)
		}
	}
	m, _ := e.srv.store.Messages.Get(t.Context(), e.srv.db, sr.Message.ID)
	if m.Status != "read" {
		t.Fatalf("status = %q after read, delivered, sent; want read", m.Status)
	}
}
