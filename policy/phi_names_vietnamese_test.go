package policy

import (
	"fmt"
	"testing"
)

// Vietnamese families introduce themselves and their kin with "em là",
// "tên tôi là", "mẹ em là"; an Arabic message gives a name after
// "اسمها" (her name is). The name after is masked.
func TestVietnameseAndArabicIntroductions(t *testing.T) {
	names := []string{"Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Minh Châu", "Phạm Ngọc Trang", "Vy"}
	frames := []string{
		"Chào bác sĩ, em là %s, số điện thoại của em đây",
		"tên tôi là %s, tôi muốn đặt lịch khám",
		"Mẹ em là %s, bà bị sốt từ hôm qua",
		"Hi em là %s, my mom is sick",
	}
	for _, n := range names {
		for _, f := range frames {
			checkCovered(t, fmt.Sprintf(f, n), n)
		}
	}
	checkCovered(t, "ماما عندها موعد بكرة. اسمها سعاد حداد", "سعاد حداد")
	// Words that only look like the cues stay as they are.
	checkClean(t, "meu filho está em la casa da avó", "alors toi là, tu viens demain?")
}

// Folded, some Vietnamese cues are Spanish words: "con la" is "with
// the", and what follows it is no name.
func TestSpanishConLaIsNoIntroduction(t *testing.T) {
	for _, text := range []string{"tengo cita con la Ginecóloga mañana", "quiero hablar con la Recepción"} {
		for _, s := range Detect(text).Spans {
			if s.Type == SpanName {
				t.Errorf("%q: %q read as a name", text, text[s.Start:s.End])
			}
		}
	}
}
