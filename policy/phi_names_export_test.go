package policy

import "testing"

// A line pasted from a chat export names its sender between the time
// stamp and the colon, whatever words the name is; a forwarded e-mail's
// header names people after "To:", "Cc:" and "Bcc:" and its labels end
// the names before them. A time alone, a "You:" line and "to:" outside a
// header stay.
func TestChatExportAndEmailHeaderNames(t *testing.T) {
	for _, f := range []string{"[10:42, 3/4/2024] {N}: ask them if the form is ready",
		"[22:48, 11/30/2023] ~ {N}: pls tell the nurse", "fwd: \"[11:11, 4/1/2024] {N}: the babysitter says\"",
		"3/4/24, 10:42 - {N}: ok see you", "12.05.24, 09:15 - {N}: bring the card"} {
		for _, n := range []string{"Piet", "Patience", "Bisi Adeyemi", "Ah-young", "Grace"} {
			checkWholeName(t, f, n)
		}
	}
	for _, f := range []string{"From: Obadiah Fenwick To: front desk Cc: {N} Subject: my prescription",
		"From: Gideon Prytherch Date: 4 June 2024 To: {N} Re: the bills", "From: me To: {N} Bcc: front desk"} {
		for _, n := range []string{"Ruth Ann Fenwick", "Nia", "Tomasz Wrobel"} {
			checkWholeName(t, f, n)
		}
	}
	checkWholeName(t, "From: {N} Date: 4 June 2024 To: Nia", "Gideon Prytherch")
	for _, text := range []string{"[10:42, 3/4/2024] Clinic: your appointment is confirmed",
		"[14:05, 8/3/2024] Clinic Bot: Reply 1 to confirm", "12/3/24, 8:01 AM - Front Desk: Good morning!",
		"[09:15, 12/1/2023] Reception: we open at 8 tomorrow"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanName {
				t.Errorf("%q: a desk or a bot read as a name", text)
			}
		}
	}
	checkClean(t, "the appointment is at 10:42 - Note: bring id", "meet at [10:30] Reception: desk 2",
		"Add to: Calendar", "send it to: my email", "To: Front Desk")
	for _, s := range Detect("[9:01, 2/2/2024] You: ok").Spans {
		if s.Type == SpanName {
			t.Errorf("an export's own \"You:\" read as a name")
		}
	}
}
