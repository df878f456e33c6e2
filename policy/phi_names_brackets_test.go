package policy

import "testing"

// The writer's name in brackets, a name before a bracketed kinship phrase
// and a message that is only a name are masked; a bracketed day, clinic,
// plan or test and short messages of ordinary capitalised words stay.
func TestBracketAsidesAndLoneNames(t *testing.T) {
	for _, f := range []string{"Quick one ({N}) can I get the 2pm slot?", "Hi it's me again ({N}) the rash is worse",
		"sorry for the late reply ({N})", "me again ({N}) - any news on the forms?"} {
		for _, n := range []string{"Siosaia", "Ngaire", "Dorottya", "Tavita"} {
			checkWholeName(t, f, n)
		}
	}
	for _, f := range []string{"{N} (my granddaughter) has a cough", "{N} (my son) missed his shots", "{N} (mi hija) tiene fiebre",
		"can {N} (my partner) come in with me?"} {
		for _, n := range []string{"Princess", "Tamati", "Yaw", "Blessing"} {
			checkWholeName(t, f, n)
		}
	}
	for _, n := range []string{"Hadiza Musa", "Siosaia Tupou", "Kwabena Owusu", "Ngaire Tawhiri"} {
		for _, f := range []string{"{N}", "{N} 🙂", "{N}.", "- {N}"} {
			checkWholeName(t, f, n)
		}
	}
	checkClean(t, "I had an MRI (Tuesday) and it was fine", "my appointment (Cardiology) is moved?",
		"bring the form (Medicaid) please", "the new clinic (Northside) opens at 9", "Happy Birthday", "Good Morning",
		"Thank You", "New York", "Merry Christmas", "God Bless", "Kaiser Permanente", "Front Desk", "Happy Holidays!",
		"Muchas Gracias", "Bom Dia", "Telehealth Visit", "Aceitam Unimed?", "Portal Login")
}
