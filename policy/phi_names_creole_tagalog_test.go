package policy

import "testing"

// Haitian Creole and Tagalog function words that open a question or a
// thanks ("Èske gen pakin?", "Ako po yung bantay", "Mèsi anpil") are no
// names, in capitals or not; names after the kin words of those
// languages stay masked.
func TestCreoleAndTagalogFunctionWords(t *testing.T) {
	checkClean(t, "Èske gen pakin?", "Eske nou aksepte Medicaid?", "Mèsi anpil", "Bonjou, tanpri", "Bondye beni nou tout",
		"Ako po yung bantay ng pasyente, saan po ako maghihintay?", "Kailan po kayo bukas?", "Magkano po ang konsulta?",
		"Pwede po ba magbayad ng cash?")
	checkWholeName(t, "Pitit mwen {N} gen lafyèv", "Widlyne")
	checkWholeName(t, "si lola {N} po ay may ubo", "Remedios")
}

// Holidays, a nurse practitioner's title and a desk's name signing a
// message are no persons: "Closed for Yom Kippur?", "Eid Mubarak to the
// whole team", "Is the Nurse Practitioner clinic open?", "Regards,
// Customer Care"; "mãe da paciente" is a role, not "Maeda" typed apart.
func TestHolidaysDesksAndRoles(t *testing.T) {
	checkClean(t, "Closed for Yom Kippur?", "Eid Mubarak to the whole team", "Is the Nurse Practitioner clinic on Wednesdays now?",
		"Regards, Customer Care", "With thanks, Finance Office", "Sou a mãe da paciente, posso acompanhar na sala de espera?",
		"Happy Diwali, are you open?")
	checkWholeName(t, "Eid Mubarak {N}!", "Fatima")
}
