package central

import (
	"testing"
	"time"

	"github.com/clinicwa/triage/store/central/records"
)

// composeThread joins reactions, edits and revokes to their targets
// whatever order they arrived in, and one whose target is not in the
// thread stays visible as a line of its own.
func TestComposeThreadJoinsInAnyOrder(t *testing.T) {
	at := func(n int) time.Time { return time.Unix(1749416000+int64(n), 0).UTC() }
	msgs := []records.Message{
		{ID: "r", ThreadID: "t", Direction: "in", Type: "reaction", Masked: "❤️", ProviderID: "w.r", At: at(1), Detail: &records.MessageDetail{Target: "w.a"}},
		{ID: "e", ThreadID: "t", Direction: "in", Type: "edit", Masked: "new [NAME]", ProviderID: "w.e", At: at(2), Detail: &records.MessageDetail{Target: "w.a"}},
		{ID: "a", ThreadID: "t", Direction: "in", Type: "text", Masked: "old", ProviderID: "w.a", At: at(3)},
		{ID: "q", ThreadID: "t", Direction: "in", Type: "text", Masked: "answer", ProviderID: "w.q", At: at(4), Detail: &records.MessageDetail{ReplyTo: "w.a"}},
		{ID: "x", ThreadID: "t", Direction: "in", Type: "reaction", Masked: "👍", ProviderID: "w.x", At: at(5), Detail: &records.MessageDetail{Target: "w.gone"}},
		{ID: "v", ThreadID: "t", Direction: "in", Type: "revoke", Masked: "[the patient deleted a message]", ProviderID: "w.v", At: at(6), Detail: &records.MessageDetail{Target: "w.q"}},
	}
	got := composeThread(msgs)
	ids := ""
	for _, m := range got {
		ids += m.ID
	}
	if ids != "aqx" {
		t.Fatalf("lines %q, want a, q and the reaction to an unknown message", ids)
	}
	a, q := got[0], got[1]
	if !a.Edited || a.Masked != "new [NAME]" || len(a.Reactions) != 1 || a.Reactions[0].Emoji != "❤️" {
		t.Errorf("original = %+v", a)
	}
	if !q.Revoked || q.Masked != "" || q.ReplyTo != "a" {
		t.Errorf("revoked reply = %+v", q)
	}
}
