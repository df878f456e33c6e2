package policy

import (
	"strings"
	"testing"
)

// TestScriptLabelNames: a name in another script after a label that says
// a name follows ("her name in chinese:", "Имя:", "姓名:") or after a
// field label at the end of a message in Latin letters ("for baba:
// Иван Петров") is read; a phrase in the other script (a greeting, a
// translation, a question, a sentence) after its label is not.
func TestScriptLabelNames(t *testing.T) {
	names := []string{"王秀英", "欧阳娜娜", "김민준", "Иван Петров", "Олена Коваленко", "अमित शर्मा", "فاطمة الزهراء", "Γιώργος Παπαδόπουλος", "田中 花子", "יוסי כהן"}
	labels := []string{"her name in chinese: ", "his name in russian: ", "name in the original script: ", "my son's name ", "姓名: ", "Имя: ", "이름: ",
		"appointment for baba: ", "for my dad: ", "patient: ", "the name: ", "booked for: ", "Mom: ", "contact person: ", "su nombre en árabe: "}
	n := 0
	for _, l := range labels {
		for _, nm := range names {
			for _, tail := range []string{"", ".", "\nthanks"} {
				s := "hi, " + l + nm + tail
				n++
				checkNameAt(t, s, strings.Index(s, nm), nm)
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d variants", n)
	}
	phrases := []string{"谢谢", "你好", "спасибо", "안녕하세요", "شكرا", "我明天可以来吗", "Здравствуйте, как дела, я хочу записаться", "धन्यवाद"}
	for _, l := range []string{"in chinese we say: ", "translation: ", "greeting: ", "my question: ", "he said: ", "it means: ", "thanks in russian: ", "the sign reads: ", "how do you say: "} {
		for _, ph := range phrases {
			for _, tail := range []string{"", "?"} {
				s := "hi, " + l + ph + tail
				if got := Detect(s); hasType(got, SpanName) {
					t.Errorf("%q: false name (%q)", s, got.Masked)
				}
			}
		}
	}
	// A phrase that asks, after any label, is no name field.
	for _, nm := range names[:3] {
		s := "is this right: " + nm + "?"
		if got := Detect(s); hasType(got, SpanName) {
			t.Errorf("%q: false name (%q)", s, got.Masked)
		}
	}
}
