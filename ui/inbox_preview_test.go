package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/store/api"
)

// TestAutoReplyMarkerNeverTakesTheQuestion: a row whose last clinic
// message was an automatic text shows the patient's question whole and,
// only where there is room beside it, a small "auto-reply" marker with
// that text's status (a failed safety reply shows ✗); it never shows a
// delivery status as if the patient's words were the clinic's.
func TestAutoReplyMarkerNeverTakesTheQuestion(t *testing.T) {
	keys := DefaultKeyMap()
	l := newInboxList(MonochromeTheme(), &keys, session{}, false)
	question := "Can I move my appointment?"
	row := func(status string, auto, fromClinic bool) threadRow {
		return newThreadRow(api.ThreadSummary{ID: "t", PatientLabel: "P-1", Preview: question, OptedIn: true,
			State: api.ThreadOpen, LastOutStatus: status, LastOutAuto: auto, LastFromClinic: fromClinic})
	}
	cases := []struct {
		name   string
		r      threadRow
		width  int
		want   string // the whole second line, trimmed
		absent string
	}{
		{"auto reply delivered, room", row("delivered", true, false), 60, question + " · auto-reply ✓✓", "delivered"},
		{"auto reply failed, room", row("failed", true, false), 60, question + " · auto-reply ✗", "failed"},
		{"auto reply, no room: the question alone", row("delivered", true, false), 40, question, "auto-reply"},
		{"patient wrote after a staff reply", row("read", false, false), 60, question, "✓"},
		{"auto reply still queued", row("queued", true, false), 60, question + " · auto-reply ○", "queued"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, line2 := l.rowView(c.r, c.width, false)
			got := strings.TrimSpace(ansi.Strip(line2))
			if got != c.want {
				t.Errorf("row's second line %q, want %q", got, c.want)
			}
			if strings.Contains(got, c.absent) {
				t.Errorf("row's second line %q shows %q", got, c.absent)
			}
		})
	}
}
