package policy

import (
	"fmt"
	"strings"
	"testing"
)

// The clinical word lists name drugs, procedures and tests by family
// (medications.txt, medications_more.txt, conditions.txt, labs.txt): a
// patient naming any member in an ordinary sentence has it masked, and
// the words one or two letters from those names, the people who share a
// brand's name and the clinic's own notices stay as they are.

// vocabFamily is a set of words of one family and the sentences a
// patient puts them in.
type vocabFamily struct {
	name   string
	words  []string
	frames []string
}

var medicationFrames = []string{
	"can I get a refill of my %s please",
	"I've been on %s since March and I feel dizzy",
	"is it ok to take %s before my appointment?",
	"mi médico me recetó %s la semana pasada",
	"je prends du %s depuis un mois",
}

var vocabFamilies = []vocabFamily{
	{"prescribing", []string{"prazosin", "tizanidine", "doxazosin", "guanfacine", "ranolazine", "ticagrelor",
		"nebivolol", "oxcarbazepine", "lurasidone", "vortioxetine", "desvenlafaxine", "brexpiprazole", "eszopiclone",
		"roflumilast", "linaclotide", "mesalamine", "nitrofurantoin", "valacyclovir", "dupilumab", "upadacitinib",
		"febuxostat", "mirabegron", "solifenacin", "dapagliflozin", "empagliflozin", "tirzepatide"}, medicationFrames},
	{"brands", []string{"mounjaro", "zepbound", "jardiance", "farxiga", "trulicity", "rybelsus", "xarelto", "brilinta",
		"entresto", "latuda", "rexulti", "vraylar", "trintellix", "pristiq", "lunesta", "belsomra", "qelbree",
		"trelegy", "dupixent", "skyrizi", "rinvoq", "otezla", "myrbetriq", "linzess", "xifaxan"}, medicationFrames},
	{"contraception", []string{"microgynon", "rigevidon", "cerazette", "nexplanon", "kyleena", "mirena",
		"liletta", "paragard", "nuvaring", "annovera", "xulane", "twirla", "levonelle", "ellaone", "norlevo",
		"postinor", "sprintec", "loestrin", "slynd", "depo-provera"}, []string{
		"can you send my %s repeat to the pharmacy",
		"I need my %s changed, it's been 3 years",
		"started %s last month and I'm spotting",
		"quiero cambiar el %s por otro método",
		"ma gynéco m'a prescrit %s",
	}},
	{"hormones", []string{"sustanon", "nebido", "testogel", "androgel", "depo-testosterone", "cyproterone",
		"androcur", "bicalutamide", "oestrogel", "sandrena", "evorel", "estradot", "progynova", "utrogestan",
		"prometrium", "lupron", "decapeptyl", "triptorelin", "zoladex"}, []string{
		"next %s shot is due friday, can the nurse do it?",
		"can the %s be sent as 3 months at once?",
		"I'm on %s for my transition",
		"mon %s doit être renouvelé",
	}},
	{"addiction", []string{"acamprosate", "campral", "disulfiram", "antabuse", "naltrexone", "vivitrol", "nalmefene",
		"selincro", "subutex", "sublocade", "buvidal", "zubsolv", "methadose", "lofexidine", "nyxoid"}, medicationFrames},
	{"hiv", []string{"biktarvy", "descovy", "truvada", "apretude", "cabenuva", "dovato", "triumeq", "genvoya",
		"odefsey", "symtuza", "tivicay", "dolutegravir", "bictegravir", "darunavir", "emtricitabine"}, medicationFrames},
	{"oncology", []string{"tamoxifen", "letrozole", "anastrozole", "exemestane", "palbociclib", "ibrance",
		"capecitabine", "xeloda", "imatinib", "osimertinib", "tagrisso", "olaparib", "lynparza", "keytruda",
		"herceptin", "abiraterone", "enzalutamide"}, medicationFrames},
	{"romance brands", []string{"doliprane", "dafalgan", "efferalgan", "nolotil", "dipirona", "metamizol", "buscopan",
		"novalgina", "gelocatil", "enantyum", "omeprazol", "losartana", "sinvastatina", "levothyrox", "eutirox",
		"rivotril", "orfidal", "trankimazin", "seroplex", "deroxat", "lexomil", "stilnox"}, medicationFrames},
	{"procedures", []string{"vaginoplasty", "phalloplasty", "orchiectomy", "top surgery", "mastectomy",
		"hysterectomy", "vasectomy", "prostatectomy", "colostomy", "gastric bypass", "gastric sleeve", "angioplasty",
		"kidney transplant", "embryo transfer", "egg retrieval", "ponction ovocytaire", "medical abortion",
		"radiotherapy", "chimiothérapie", "hemodialysis", "c-section"}, []string{
		"I had a %s last month and the wound is red",
		"recovering from my %s, can I get a sick note?",
		"my %s is booked for Tuesday, do I stop eating the night before?",
		"6 weeks post %s, when is my check?",
	}},
	{"conditions", []string{"trichomonas", "ectopic pregnancy", "molar pregnancy", "multiple myeloma",
		"cervical cancer", "ovarian cancer", "pancreatic cancer", "hodgkin lymphoma", "lynch syndrome", "sarcoma",
		"carcinoma", "metastasis"}, []string{
		"I was diagnosed with %s in May",
		"my sister has %s and I want to be checked",
		"they think it might be %s, what happens next?",
	}},
	{"tests", []string{"cystoscopy", "colposcopy", "sigmoidoscopy", "gastroscopy", "frottis", "papanicolau",
		"smear test", "charge virale", "carga viral", "viral load", "brca", "brca1", "genetic test", "karyotype",
		"amh", "spermogramme", "espermograma", "hemograma"}, []string{
		"my %s came back abnormal, what now?",
		"the %s result was positive",
		"mi %s salió alterado",
	}},
}

// TestClinicalVocabularyFamilies masks every listed word of each family in
// each of its frames.
func TestClinicalVocabularyFamilies(t *testing.T) {
	for _, fam := range vocabFamilies {
		missed, total := 0, 0
		for _, w := range fam.words {
			for _, f := range fam.frames {
				text := fmt.Sprintf(f, w)
				total++
				at := strings.Index(text, w)
				d := Detect(text)
				if !freshCoveredBy(text, corpusSpan{Start: at, End: at + len(w)}, d.Spans, true) {
					missed++
					t.Errorf("%s: %q: %q is not masked: %s", fam.name, text, w, d.Masked)
				}
			}
		}
		t.Logf("%s: %d of %d sentences missed", fam.name, missed, total)
	}
}

// TestClinicalVocabularyLookalikesStayClean: words one or two letters from
// a listed drug or procedure in the clinic's languages, and the clinic's
// own notices naming a service, are not read as a patient's treatment.
func TestClinicalVocabularyLookalikesStayClean(t *testing.T) {
	lookalikes := []string{
		"combien", "vaccin", "contre", "estado", "tratan", "mataron", "dejaron", "cambian", "buscan", "cortaron",
		"implant", "privates", "slurred", "carte", "physio", "lavese", "famliy", "entrace", "sterling",
	}
	frames := []string{
		"just a question about %s, nothing urgent",
		"la palabra %s no la entiendo",
		"Is %s the right word here?",
	}
	for _, w := range lookalikes {
		for _, f := range frames {
			text := fmt.Sprintf(f, w)
			if d := Detect(text); hasClinical(d) {
				t.Errorf("%q: an ordinary word read as clinical: %s", text, d.Masked)
			}
		}
	}
	for _, text := range []string{
		"Combien coûte une consultation ?",
		"Le vaccin contre la grippe est disponible.",
		"el estado de la cuenta llega el lunes",
		"ellos tratan muy bien a los pacientes",
		"¿Están al lado del Mercadona?",
		"dejaron el paquete en la puerta",
		"ya cambian los horarios de verano?",
		"10 high fives for the whole team",
		"Parking is at the Sterling garage, level 2",
		"do you do cystoscopy here?",
		"Is the mammography unit open on Saturday?",
	} {
		if d := Detect(text); hasClinical(d) {
			t.Errorf("%q: clinic talk read as clinical: %s", text, d.Masked)
		}
	}
	for _, text := range []string{
		"Riverbend Famliy Health will call you this afternoon.",
		"Lávese las manos para prevenir gripe.",
		"Acceptez-vous la carte Vitale ?",
		"Is the physio in today?",
		"o posto de saúde atende sem agendamento?",
	} {
		if r := ScreenOutbound(text, guardClinic); r.Refused() {
			t.Errorf("%q: clinic text refused as a drug: %+v", text, r.Blocking)
		}
	}
}

// TestDrugBrandsThatAreGivenNames: a brand that the population tables hold
// as a given name (Mirena, Kyleena, Lyrica, Skyla) is the person when
// written as a name before a family name, and the drug when taken.
func TestDrugBrandsThatAreGivenNames(t *testing.T) {
	for _, given := range []string{"Mirena", "Kyleena", "Lyrica", "Skyla", "Levora"} {
		for _, family := range []string{"Castillo", "Okafor", "Nguyen"} {
			name := given + " " + family
			for _, f := range []string{"%s called about her results", "my daughter %s has a fever",
				"appointment for %s at 3pm"} {
				text := fmt.Sprintf(f, name)
				d := Detect(text)
				at := strings.Index(text, name)
				named := false
				for _, s := range d.Spans {
					if s.Type == SpanName && s.Start <= at && s.End >= at+len(name) {
						named = true
					}
				}
				if !named {
					t.Errorf("%q: %q is not masked as a name: %s", text, name, d.Masked)
				}
			}
		}
		drug := strings.ToLower(given)
		for _, f := range []string{"I want my %s removed", "is %s 75mg ok with my other pills?"} {
			text := fmt.Sprintf(f, drug)
			if d := Detect(text); !hasClinical(d) {
				t.Errorf("%q: the drug is not masked: %s", text, d.Masked)
			}
		}
	}
	// A name the population tables hold stays a name, never a drug one
	// letter off ("Marlon" is not Marvelon).
	for _, text := range []string{"Marlon will come for the results", "Elaine asked about her bill"} {
		if d := Detect(text); hasClinical(d) {
			t.Errorf("%q: a name read as a drug: %s", text, d.Masked)
		}
	}
}

// hasClinical reports a clinical span in d.
func hasClinical(d Detection) bool {
	for _, s := range d.Spans {
		if s.Type.IsClinical() {
			return true
		}
	}
	return false
}
