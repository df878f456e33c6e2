package central

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/device"
)

// signedBatch links entries onto prev and signs them with priv.
func signedBatch(priv ed25519.PrivateKey, entries []api.AuditEntry) api.AuditBatch {
	b := api.AuditBatch{BatchID: "b", Entries: entries}
	device.SignBatch(priv, &b)
	return b
}

// chainOf links n entries for chain, each made by mk(i).
func chainOf(prev *api.AuditEntry, n int, mk func(i int) api.AuditEntry) []api.AuditEntry {
	var out []api.AuditEntry
	for i := 0; i < n; i++ {
		e := audit.Link(prev, mk(i))
		out = append(out, e)
		prev = &out[len(out)-1]
	}
	return out
}

// TestForgedBatchesAreRefused: a front-desk user with a console of her
// own (a registered device) tries every forgery; each is refused with a
// reason, nothing of it is stored, and the nurse console's sync goes on
// after each.
func TestForgedBatchesAreRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	nurse, nurseCon := honestConsole(t, e, "nurse")
	e.patientWrites(patientUK, "Can I move my appointment?")
	thread := e.threadFor("", patientUK)
	nurseUser, deskUser := mustUser(t, e, "nurse"), mustUser(t, e, "desk")
	if _, err := nurse.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}

	attacker := testDevice("desk-attacker")
	attackerID := testDeviceID("desk-attacker")
	token := e.loginFrom("desk", "desk-attacker")
	at := func(i int) time.Time { return time.Date(2026, 3, 1, 9, 0, i, 0, time.UTC) }
	ownEntry := func(user string, role api.Role, object string) func(int) api.AuditEntry {
		return func(i int) api.AuditEntry {
			return api.AuditEntry{ConsoleID: attackerID, At: at(i), UserID: user, Role: role,
				Action: "thread.view", Object: object, Outcome: "ok"}
		}
	}
	// The nurse chain's held head, for forgeries that try to extend it.
	nurseHead := func() *api.AuditEntry {
		h, err := e.srv.store.Audit.Head(ctx, e.srv.db, nurseCon.ID())
		if err != nil || h == nil {
			t.Fatalf("nurse chain head: %v", err)
		}
		return h
	}

	cases := []struct {
		name   string
		batch  func() api.AuditBatch
		status int
		says   string
		reason string
	}{
		{"wrong device: the nurse console's chain, signed with another key", func() api.AuditBatch {
			h := nurseHead()
			entries := chainOf(h, 1, func(i int) api.AuditEntry {
				return api.AuditEntry{ConsoleID: nurseCon.ID(), At: h.At.Add(time.Second), UserID: nurseUser.ID, Role: api.RoleNurse,
					Action: "thread.view", Object: "thread:" + thread, Outcome: "ok"}
			})
			b := signedBatch(attacker, entries)
			b.DeviceID = nurseCon.ID() // claim to be the nurse console
			return b
		}, http.StatusForbidden, "this session signed in from", "wrong_device"},
		{"wrong device: the nurse console's chain, under its own device", func() api.AuditBatch {
			h := nurseHead()
			return signedBatch(attacker, chainOf(h, 1, func(i int) api.AuditEntry {
				return api.AuditEntry{ConsoleID: nurseCon.ID(), At: h.At.Add(time.Second), UserID: deskUser.ID, Role: api.RoleFrontDesk,
					Action: "thread.view", Object: "thread:" + thread, Outcome: "ok"}
			}))
		}, http.StatusForbidden, "belongs to another chain", "foreign_chain"},
		{"wrong signature", func() api.AuditBatch {
			b := signedBatch(attacker, chainOf(nil, 2, ownEntry(deskUser.ID, api.RoleFrontDesk, "thread:"+thread)))
			other := signedBatch(attacker, chainOf(nil, 1, ownEntry(deskUser.ID, api.RoleFrontDesk, "thread:"+thread)))
			b.Signature = other.Signature // a real signature, over other entries
			return b
		}, http.StatusForbidden, "signature does not verify", "bad_signature"},
		{"signed by a key that is not the device's", func() api.AuditBatch {
			b := signedBatch(testDevice("someone-else"), chainOf(nil, 1, ownEntry(deskUser.ID, api.RoleFrontDesk, "thread:"+thread)))
			b.DeviceID = attackerID
			return b
		}, http.StatusForbidden, "signature does not verify", "bad_signature"},
		{"another user's id", func() api.AuditBatch {
			return signedBatch(attacker, chainOf(nil, 1, ownEntry(nurseUser.ID, api.RoleNurse, "thread:"+thread)))
		}, http.StatusForbidden, "neither this session's user", "foreign_user"},
		{"another role", func() api.AuditBatch {
			return signedBatch(attacker, chainOf(nil, 1, ownEntry(deskUser.ID, api.RoleNurse, "thread:"+thread)))
		}, http.StatusForbidden, `names role "nurse"`, "wrong_role"},
		{"an unknown user", func() api.AuditBatch {
			return signedBatch(attacker, chainOf(nil, 1, ownEntry("usr_ghost", api.RoleSupervisor, "thread:"+thread)))
		}, http.StatusForbidden, "neither this session's user", "foreign_user"},
		{"a role for a device actor", func() api.AuditBatch {
			return signedBatch(attacker, chainOf(nil, 1, ownEntry("system", api.RoleAdmin, "store")))
		}, http.StatusForbidden, "gives a role", "wrong_role"},
		{"free text as the object", func() api.AuditBatch {
			return signedBatch(attacker, chainOf(nil, 1, ownEntry(deskUser.ID, api.RoleFrontDesk, "thread:Jane Doe, HIV results")))
		}, http.StatusUnprocessableEntity, "free text is never stored", "object_not_an_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := e.count("audit WHERE console_id <> 'triaged'")
			var apiErr api.Error
			code := e.do("POST", api.Version+"/audit", token, tc.batch(), &apiErr)
			if code != tc.status || !strings.Contains(apiErr.Error, tc.says) {
				t.Fatalf("answer %d %q, want %d saying %q", code, apiErr.Error, tc.status, tc.says)
			}
			if after := e.count("audit WHERE console_id <> 'triaged'"); after != before {
				t.Fatalf("a refused batch stored %d entries", after-before)
			}
			var refusals int
			e.srv.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE console_id = 'triaged' AND action = 'audit.batch'
				AND outcome = 'refused' AND `+records.JSONText(onPostgres(), "detail", "reason")+` = ?`, tc.reason).Scan(&refusals)
			if refusals == 0 {
				t.Fatalf("the refusal is not in the server's trail with reason %q", tc.reason)
			}
			// The nurse console goes on.
			if _, err := nurse.Thread(ctx, thread); err != nil {
				t.Fatal(err)
			}
			if _, err := nurse.SyncOnce(ctx); err != nil {
				t.Fatalf("the nurse console's sync after the forgery: %v", err)
			}
			if n, _ := nurseCon.Pending(ctx); n != 0 {
				t.Fatalf("%d nurse entries not delivered", n)
			}
		})
	}

	// Signing in as the nurse console, without its key, is refused before
	// any password is checked.
	pub := attacker.Public().(ed25519.PublicKey)
	forgedProof := api.DeviceProof{DeviceID: nurseCon.ID(), PublicKey: device.EncodePublicKey(pub),
		Signature: device.Sign(attacker, device.SignInMessage(nurseCon.ID(), "desk"))}
	if code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"],
		ConsoleID: nurseCon.ID(), Device: &forgedProof}, nil); code != http.StatusBadRequest {
		t.Fatalf("sign-in claiming the nurse console's device: %d", code)
	}
	// A session with no device cannot upload a chain at all.
	var lr api.LoginResponse
	e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"], ConsoleID: nurseCon.ID()}, &lr)
	if code := e.do("POST", api.Version+"/audit", lr.Token, signedBatch(attacker, chainOf(nil, 1, ownEntry(deskUser.ID, api.RoleFrontDesk, "audit"))), nil); code != http.StatusForbidden {
		t.Fatalf("a session without a device uploaded a batch: %d", code)
	}

	// What the supervisor's view would show: every console entry names a
	// user and role the server vouched for.
	rows, err := e.srv.db.Query(`SELECT console_id, user_id, role FROM audit WHERE console_id <> 'triaged'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid, user, role string
		rows.Scan(&cid, &user, &role)
		if cid != nurseCon.ID() || (user != nurseUser.ID && user != "system" && user != "unauthenticated") {
			t.Errorf("stored console entry %s by %s as %s", cid, user, role)
		}
	}
	held, _ := e.srv.store.Audit.Chain(ctx, e.srv.db, nurseCon.ID())
	if err := audit.Verify(nil, held); err != nil {
		t.Fatalf("the nurse console's chain: %v", err)
	}
	// Honest batches from the attacker's own console, under her own name,
	// are still taken: the checks refuse forgeries, not the user.
	own := chainOf(nil, 2, ownEntry(deskUser.ID, api.RoleFrontDesk, "thread:"+thread))
	if code := e.do("POST", api.Version+"/audit", token, signedBatch(attacker, own), nil); code != http.StatusOK {
		t.Fatalf("the desk console's own honest batch: %d", code)
	}
}

// TestChainRaceKeepsOneDevicesChain: sessions race, at the same instant,
// to append to one console's chain: two sessions of the console itself
// with the same batch, and attackers from other devices with batches of
// their own for that chain. Exactly the console's entries are stored,
// once each; every forgery is refused; and the console appends after.
// Meanwhile several first sign-ins from one new device race to register
// it: it is registered, and audited, once.
func TestChainRaceKeepsOneDevicesChain(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	nurseUser, deskUser := mustUser(t, e, "nurse"), mustUser(t, e, "desk")
	owner, ownerID := testDevice("ward-console"), testDeviceID("ward-console")
	ownerTokens := []string{e.loginFrom("nurse", "ward-console"), e.loginFrom("nurse", "ward-console")}
	const attackers = 6
	var attackerTokens []string
	for i := 0; i < attackers; i++ {
		attackerTokens = append(attackerTokens, e.loginFrom("desk", "attacker-"+string(rune('a'+i))))
	}
	mk := func(user string, role api.Role) func(int) api.AuditEntry {
		return func(i int) api.AuditEntry {
			return api.AuditEntry{ConsoleID: ownerID, At: time.Date(2026, 3, 1, 9, 0, i, 0, time.UTC), UserID: user, Role: role,
				Action: "thread.view", Object: "thread:thr_" + string(rune('a'+i)), Outcome: "ok"}
		}
	}
	honest := chainOf(nil, 5, mk(nurseUser.ID, api.RoleNurse))
	honestBatch := signedBatch(owner, honest)

	type result struct {
		honest bool
		code   int
	}
	var (
		start   = make(chan struct{})
		wg      sync.WaitGroup
		mu      sync.Mutex
		results []result
	)
	post := func(token string, b api.AuditBatch, isHonest bool) {
		defer wg.Done()
		<-start
		code := e.do("POST", api.Version+"/audit", token, b, nil)
		mu.Lock()
		results = append(results, result{isHonest, code})
		mu.Unlock()
	}
	for _, tok := range ownerTokens {
		wg.Add(1)
		go post(tok, honestBatch, true)
	}
	for i, tok := range attackerTokens {
		key := testDevice("attacker-" + string(rune('a'+i)))
		forged := signedBatch(key, chainOf(nil, 5, mk(deskUser.ID, api.RoleFrontDesk)))
		if i%2 == 0 {
			forged.DeviceID = ownerID // and claim the owner's device
		}
		wg.Add(1)
		go post(tok, forged, false)
	}
	// First sign-ins from one new device, racing.
	newDev := testDevice("new-front-desk")
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			p := device.SignIn(newDev, "desk")
			e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "desk", Password: testPasswords["desk"], Device: &p}, nil)
		}()
	}
	close(start)
	wg.Wait()

	for _, r := range results {
		switch {
		case r.honest && r.code != http.StatusOK:
			t.Errorf("the console's own batch: %d", r.code)
		case !r.honest && r.code != http.StatusForbidden:
			t.Errorf("a forged batch for the console's chain: %d", r.code)
		}
	}
	held, err := e.srv.store.Audit.Chain(ctx, e.srv.db, ownerID)
	if err != nil || len(held) != len(honest) {
		t.Fatalf("the chain holds %d entries (%v), want %d", len(held), err, len(honest))
	}
	for i := range held {
		if held[i].Hash != honest[i].Hash {
			t.Fatalf("entry %d is not the console's", held[i].Seq)
		}
	}
	if n := e.count("audit WHERE console_id LIKE 'dev-%' AND console_id <> '" + ownerID + "'"); n != 0 {
		t.Fatalf("%d forged entries stored under other chains", n)
	}
	// The console appends after the race.
	more := signedBatch(owner, chainOf(&held[len(held)-1], 3, func(i int) api.AuditEntry { return mk(nurseUser.ID, api.RoleNurse)(10 + i) }))
	var res api.AuditBatchResult
	if code := e.do("POST", api.Version+"/audit", ownerTokens[0], more, &res); code != http.StatusOK || res.HeadSeq != 8 {
		t.Fatalf("appending after the race: %d %+v", code, res)
	}
	newID := testDeviceID("new-front-desk")
	if n := e.count("devices WHERE id = '" + newID + "'"); n != 1 {
		t.Fatalf("the new device is registered %d times", n)
	}
	if n := e.count("audit WHERE action = 'device.register' AND object = 'device:" + newID + "'"); n != 1 {
		t.Fatalf("the new device's registration is audited %d times, want once", n)
	}
	if n := e.count("device_accounts WHERE device_id = '" + newID + "'"); n != 1 {
		t.Fatalf("the desk account is bound to the new device %d times", n)
	}
}

// TestDeviceRegistrationByAdmin: with admin registration required, a
// console an admin has not registered cannot sign in; once registered it
// can; once withdrawn it cannot, and its sessions end.
func TestDeviceRegistrationByAdmin(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.AdminRegistersDevices = true })
	ctx := context.Background()
	dev := testDevice("ward-2")
	signIn := func() (int, string) {
		p := device.SignIn(dev, "nurse")
		var out struct {
			Token string `json:"token"`
			Error string `json:"error"`
		}
		code := e.do("POST", api.Version+"/login", "", api.LoginRequest{Username: "nurse", Password: testPasswords["nurse"], Device: &p}, &out)
		return code, out.Error
	}
	if code, msg := signIn(); code != http.StatusForbidden || !strings.Contains(msg, "not registered") {
		t.Fatalf("unregistered device: %d %q", code, msg)
	}
	a := testAdmin(t, e)
	id, err := a.RegisterDevice(ctx, "cli:root", "nurse", device.EncodePublicKey(dev.Public().(ed25519.PublicKey)))
	if err != nil || id != testDeviceID("ward-2") {
		t.Fatalf("register: %q %v", id, err)
	}
	if code, msg := signIn(); code != http.StatusOK {
		t.Fatalf("registered device: %d %q", code, msg)
	}
	list, err := a.Devices(ctx)
	if err != nil || len(list) != 1 || list[0].Via != viaAdmin || len(list[0].Accounts) != 1 || list[0].Accounts[0] != "nurse" {
		t.Fatalf("devices: %+v %v", list, err)
	}
	if n, err := a.RevokeDevice(ctx, "cli:root", id); err != nil || n != 1 {
		t.Fatalf("revoke: %d %v", n, err)
	}
	if code, msg := signIn(); code != http.StatusForbidden || !strings.Contains(msg, "withdrawn") {
		t.Fatalf("withdrawn device: %d %q", code, msg)
	}
	if _, err := a.RegisterDevice(ctx, "cli:root", "nurse", "not-a-key"); err == nil {
		t.Fatal("a malformed public key was registered")
	}
	if n := e.count("audit WHERE action IN ('device.register', 'device.bind', 'device.revoke') AND user_id = 'cli:root'"); n != 3 {
		t.Fatalf("admin device changes audited %d times, want 3", n)
	}
}
