package policy

import "testing"

// A name in another script that opens the message as the subject of what
// a person does: each script's names × predicate × opening. Before, such
// a name needed a cue in front ("my wife 刘芳", "call 张伟").
func TestOtherScriptNamesAsSubjects(t *testing.T) {
	names := []string{"李伟", "王秀英", "陈静", "田中太郎", "佐藤花子", "김민수", "이준호", "प्रिया शर्मा", "राहुल",
		"สมชาย ใจดี", "Олег", "Нина Петрова", "Γιώργος", "יוסי כהן", "أحمد محمد"}
	predicates := []string{"will pick up the papers", "needs a refill", "called yesterday about the forms",
		"missed the appointment", "can come tomorrow at 3", "would like a callback", "wants to reschedule"}
	openings := []string{"", "hi, ", "hello ", "ok so "}
	n := 0
	for ni, name := range names {
		for pi, pred := range predicates {
			text := openings[(ni+pi)%len(openings)] + name + " " + pred
			n++
			if !spanCaught(text, name, SpanName) {
				t.Errorf("%q: %q not masked: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d variants", n)
	}
	// A word in another script that is talked about, not a person, stays.
	for _, clean := range []string{
		"谢谢 is how you say thanks",
		"Привет was the first word she learned",
		"안녕하세요 can be used any time",
		"ありがとう will be on the sign",
		"नमस्ते is a greeting",
		"שלום means peace",
		"the sign says 出口 will be on the left",
	} {
		if d := Detect(clean); len(spansTyped(d, SpanName)) > 0 {
			t.Errorf("%q: a name found in a clean message: %q", clean, d.Masked)
		}
	}
}
