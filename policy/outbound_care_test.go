package policy

import (
	"testing"
	"time"
)

func outboundAllowed(text string) (bool, string) {
	d := DecideOutbound(Outbound{Now: noon, OptedIn: true, Text: text, LastInboundAt: noon.Add(-5 * time.Minute), Rules: OutboundRules{Clinic: testClinic}})
	return d.Allowed, d.Reason
}

// Staff free text that tells the patient what they are treated for is
// refused though it names no result or diagnosis: the patient's
// procedure or treatment ("your biopsy is booked", "su cirugía es el
// lunes"), a medicine with how to use it ("use the cream twice a day",
// "keep using the inhaler", "las gotas cada 8 horas"), and a result that
// needs another look.
func TestOutboundRefusesCareAndRegimens(t *testing.T) {
	var drafts []string
	drafts = append(drafts, cross([]string{
		"Your {} is booked for the 12th.", "your {} is scheduled for Monday at 7", "Reminder: your {} moved to 3pm",
		"Just confirming your next {} on Friday", "We need to reschedule your {}.", "you're cleared for {} next week",
		"You are booked for {} on Tuesday.",
	}, []string{"surgery", "biopsy", "chemo", "dialysis", "infusion", "stitches removal", "counseling session", "prenatal visit",
		"knee surgery", "radiation", "wound check", "pacemaker check"})...)
	drafts = append(drafts, cross([]string{"Su {} es el lunes.", "Tu {} cambió a las 3.", "Votre {} est lundi.", "Sua {} é na segunda."},
		[]string{"cirugía", "biopsia", "quimio", "diálisis"})...)
	drafts = append(drafts, cross([]string{
		"Keep using the {} until we see you.", "Use the {} twice a day for two weeks.", "Please apply the {} at bedtime.",
		"Finish the {} even if you feel better.", "Put the {} in every 4 hours.", "the {} once a day, ok?", "Siga usando el {} dos veces al día.",
		"Continue the {} daily.", "Take the {} every 8 hours.",
	}, []string{"inhaler", "cream", "eye drops", "antibiotics", "ointment", "insulin", "patch", "inhalador", "gotas"})...)
	drafts = append(drafts, cross([]string{"Take your {} twice a day.", "your {} every morning, every 12 hours", "las {} cada 8 horas"},
		[]string{"pills", "medication", "meds", "medicine", "pastillas"})...)
	drafts = append(drafts, cross([]string{"Your {} refill is ready.", "your {} was sent to the pharmacy", "Su {} está lista."},
		[]string{"inhaler", "antidepressant", "blood thinner", "statin", "steroid cream", "insulina", "antidepresivo", "blood pressure pills"})...)
	drafts = append(drafts, cross([]string{"your {} needs a second look", "The radiologist wants another look at your {}.",
		"Your {} needs a closer look, please call us."}, []string{"mammogram", "scan", "x-ray", "pap smear", "ultrasound", "biopsy"})...)
	refusedAll(t, drafts)
}

func refusedAll(t *testing.T, drafts []string) {
	t.Helper()
	failed := 0
	for _, text := range drafts {
		if ok, _ := outboundAllowed(text); ok {
			failed++
			if failed <= 20 {
				t.Errorf("%q allowed: it tells the patient what they are treated for", text)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d drafts allowed", failed, len(drafts))
	}
}

// What the clinic sends every day stays allowed: reminders that name an
// imaging or screening visit, the prescription being ready, advice said
// as a condition, and the clinic's own services.
func TestOutboundAllowsRemindersAndAdviceAboutCare(t *testing.T) {
	texts := cross([]string{"Your {} is on Tuesday at 10.", "Reminder: your {} appointment is tomorrow at 8.",
		"Please arrive 15 minutes before your {}."}, []string{"MRI", "mammogram", "CT scan", "ultrasound", "x-ray", "annual physical", "eye exam"})
	texts = append(texts,
		"Your appointment is confirmed for Tuesday at 10.", "Your prescription is ready for pickup.", "Your refill is ready at the pharmacy.",
		"If your wound gets red or warm, call us right away.", "If you use your inhaler more than twice a day, call the nurse line.",
		"When your stitches itch, do not scratch.", "Si su herida se pone roja, llame a la clínica.",
		"We offer flu shots twice a week.", "The pharmacy is open daily from 8 to 8.", "Take the stairs to the second floor.",
		"You can use the portal any time, day or night.", "Keep using the portal for refills.", "Our surgery center is on the 3rd floor.",
		"The counseling office is open every day.", "Please take the survey, it takes two minutes.",
		"Take a number at the front desk every time you come in.", "Finish the forms before your visit.",
		"Your results are ready in the portal.", "Please bring all your medications to the visit.",
		"Your medication list is in the portal.", "Your refill request was received.")
	for _, text := range texts {
		if ok, why := outboundAllowed(text); !ok {
			t.Errorf("%q refused (%s)", text, why)
		}
	}
}

// brokenAt writes w with a hyphen before byte k: "ab-normal".
func brokenAt(w string, k int) string { return w[:k] + "-" + w[k:] }

// A verdict or a clinical word broken by hyphens to get past a filter is
// read whole ("ab-normal", "di-abetes", "chla-my-dia"), and so are the
// shorthand verdicts "+ve" and "-ve" after a test. Hyphenated words of
// the clinic's business stay allowed.
func TestOutboundReadsWordsBrokenByHyphens(t *testing.T) {
	var drafts []string
	for _, w := range []string{"positive", "negative", "abnormal", "benign", "malignant", "positivo", "negativa"} {
		for k := 2; k < len(w)-1; k += 2 {
			drafts = append(drafts, "your test came back "+brokenAt(w, k), "the biopsy was "+brokenAt(w, k)+".")
		}
	}
	for _, w := range []string{"diabetes", "chlamydia", "gonorrhea", "syphilis", "hepatitis", "pneumonia", "asthma", "depression"} {
		for k := 2; k < len(w)-1; k += 3 {
			drafts = append(drafts, "you have "+brokenAt(w, k), "your "+brokenAt(w, k)+" is getting better")
			if k+3 < len(w)-1 {
				drafts = append(drafts, "the doctor thinks it is "+brokenAt(brokenAt(w, k+3), k))
			}
		}
	}
	drafts = append(drafts, cross([]string{"results: {}", "your swab was {}", "covid test {}", "your strep test came back {}"},
		[]string{"+ve", "-ve"})...)
	refusedAll(t, drafts)
	for _, text := range []string{"the x-ray room is on floor 2", "our follow-up team will call you", "the drop-in clinic is open",
		"your check-in time is 9", "we have walk-in flu shots", "self-care tips are on our site", "your e-mail is on file",
		"the COVID-19 vaccine is free", "we are open Mon-Fri", "our pre-op class is on Tuesday", "a well-being session for staff",
		"check your e-mail for the link", "the non-emergency line is 608-555-0143"} {
		if ok, why := outboundAllowed(text); !ok {
			t.Errorf("%q refused (%s)", text, why)
		}
	}
}
