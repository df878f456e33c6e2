package main

// Given names by origin. The lists are deliberately broad: a detector that
// knows only the names of one country misses the clinic's patients.
var givenHispanic = []string{
	"Guadalupe", "Jesús", "Xiomara", "Yesenia", "Araceli", "Rigoberto", "Maricela", "Itzel", "Ximena",
	"Leticia", "Socorro", "Marisol", "Osvaldo", "Yadira", "Reyna", "Nayeli", "Heriberto", "Anabel",
	"Dulce", "Luz", "Esperanza", "Baltazar", "Perla", "Wilfredo", "Yolanda", "Eusebio", "Brenda",
	"Ignacio", "Consuelo", "Rosalba", "Efraín", "Maribel", "Abigail", "Nicanor", "Graciela", "Octavio",
}

var givenBlack = []string{
	"Latoya", "DeShawn", "Tanisha", "Jamal", "Keisha", "Darnell", "Imani", "Tyrone", "Shaniqua",
	"Lakisha", "DaQuan", "Ebony", "Aaliyah", "Terrell", "Jaylen", "Kendra", "Marquise", "Precious",
	"LaDonna", "Rasheed", "Tameka", "Dwayne", "Nia", "Jermaine", "Shanice", "Kareem", "Octavia",
}

var givenSouthAsian = []string{
	"Priyanka", "Venkatesh", "Sunita", "Arjun", "Lakshmi", "Rajesh", "Deepika", "Harpreet", "Gurpreet",
	"Anjali", "Sanjay", "Farhan", "Nusrat", "Meenakshi", "Karthik", "Sreeja", "Parveen", "Dhruv",
}

var givenEastAsian = []string{
	"Wei", "Xiaoling", "Minh", "Thuy", "Hyun-woo", "Ji-yeon", "Haruto", "Yuki", "Kenji", "Mei",
	"Sung-min", "Thanh", "Bao", "Xiuying", "Jun", "Hoang", "Seo-yeon", "Takeshi", "Lien", "Zhiwei",
}

var givenArabic = []string{
	"Mohammed", "Fatima", "Yousef", "Layla", "Khalid", "Noor", "Omar", "Rania", "Hamza", "Aisha",
	"Tariq", "Samira", "Abdulrahman", "Huda", "Bilal", "Mariam", "Zainab", "Mustafa",
}

var givenEastEuropean = []string{
	"Oksana", "Dmitri", "Katarzyna", "Bogdan", "Svetlana", "Miroslav", "Agnieszka", "Vasile", "Zoran",
	"Irina", "Tomasz", "Ludmila", "Grzegorz", "Natalia", "Yevgeny", "Dragana", "Witold", "Halyna",
}

var givenIrish = []string{
	"Siobhan", "Niamh", "Ciarán", "Aoife", "Padraig", "Saoirse", "Declan", "Eoin", "Gráinne", "Róisín",
	"Cathal", "Orla", "Fionnuala", "Tadhg",
}

var givenAnglo = []string{
	"Brittany", "Cody", "Dakota", "Tammy", "Randall", "Shelby", "Wyatt", "Kaylee", "Travis", "Darlene",
	"Gerald", "Loretta", "Clifford", "Bethany", "Dustin", "Marlene",
}

// givenWords are given names that are also everyday words or months.
var givenWords = []string{
	"Hope", "Will", "June", "Summer", "Rose", "Joy", "Bill", "Mark", "Faith", "Grace", "April", "May",
	"Dawn", "Destiny", "Patience", "Amber", "Crystal", "Jade", "Autumn", "Holly", "Ivy", "Chase",
	"Hunter", "Art", "Sky", "Pat", "Miles", "Sage", "Angel", "Rusty", "Sunny", "Precious", "Star",
	"Guy", "Bob", "Frank", "Sandy", "Misty", "Heather", "Dolores", "Luz", "Paz", "Rocío", "Amparo",
}

// givenHyphenated are given names joined by a hyphen.
var givenHyphenated = []string{
	"Mary-Kate", "Anne-Marie", "Jean-Luc", "Ji-Hoon", "Marie-Claire", "Jo-Ann", "Lee-Ann", "Kelly-Ann",
	"Jean-Baptiste", "Ana-Sofía", "Mary-Beth", "Jean-Claude", "Sun-Hee", "Rose-Marie", "Bobbie-Jo",
}

// givenCompound are two-word Spanish given names.
var givenCompound = []string{
	"María José", "Juan Carlos", "Ana Lucía", "José Luis", "María del Carmen", "Luis Ángel",
	"Rosa María", "Juan Pablo", "María Guadalupe", "Miguel Ángel",
}

var surnames = []string{
	"Hernández", "Villanueva", "Oyelaran", "Okonkwo", "Washington", "Jefferson", "Boateng", "Nguyen",
	"Tran", "Pham", "Kim", "Park", "Choi", "Watanabe", "Takahashi", "Chen", "Zhang", "Liu", "Huang",
	"Patel", "Reddy", "Chaudhry", "Iyer", "Banerjee", "Subramanian", "Singh", "Sandhu", "Haddad",
	"Al-Masri", "Abdullah", "Mansour", "Khoury", "Nasser", "Kowalczyk", "Nowak", "Wiśniewski",
	"Petrenko", "Shevchenko", "Ivanova", "Popescu", "Horvath", "Novák", "O'Brien", "O'Sullivan",
	"McCarthy", "Byrne", "Fitzgerald", "Gallagher", "Kavanagh", "Delgado", "Quintanilla", "Zamora",
	"Cisneros", "Ochoa", "Bustamante", "Ybarra", "Castañeda", "Robinson", "Freeman", "Mayfield",
	"Kessler", "Lindqvist", "Whitaker", "Baptiste", "Adeyemi", "Mensah", "Tesfaye", "Haile", "Abebe",
	"Kamau", "Odhiambo", "Mwangi", "Underwood", "Abernathy", "Villalobos", "Echeverría", "Santiago",
	"Rivera", "Jackson", "Coleman", "Dominguez", "Trujillo", "Benavides", "Salgado", "Arroyo",
}

// surnamesHard are family names with particles, hyphens or two parts.
var surnamesHard = []string{
	"De la Cruz", "St. Clair", "MacLeod", "Van der Berg", "López-Rivera", "Smith-Jones",
	"García Márquez", "Pierre-Louis", "Del Toro", "Ní Bhriain", "Ben-David", "Ramírez Ochoa",
	"Torres Vega", "Acosta-Beltrán",
}

// namesNative are names written in their own script, as a relative might.
var namesNative = []string{
	"王伟", "李秀英", "김민준", "박서연", "محمد الحسن", "فاطمة الزهراء", "Олена Коваль", "Дмитрий Орлов",
	"Nguyễn Thị Lan", "Trần Văn Hùng", "प्रिया शर्मा", "Γιώργος Παπαδόπουλος",
}

var allGiven = concat(givenHispanic, givenBlack, givenSouthAsian, givenEastAsian, givenArabic,
	givenEastEuropean, givenIrish, givenAnglo)

func concat(xs ...[]string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

// Places.
var usCities = []struct{ city, state, zip3 string }{
	{"Houston", "TX", "770"}, {"El Paso", "TX", "799"}, {"Brownsville", "TX", "785"}, {"Queens", "NY", "113"},
	{"Dearborn", "MI", "481"}, {"Paterson", "NJ", "075"}, {"Hialeah", "FL", "330"}, {"Fresno", "CA", "937"},
	{"Lowell", "MA", "018"}, {"Minneapolis", "MN", "554"}, {"Yakima", "WA", "989"}, {"Gainesville", "GA", "305"},
	{"Albuquerque", "NM", "871"}, {"Chula Vista", "CA", "919"}, {"Memphis", "TN", "381"}, {"Cicero", "IL", "608"},
}

var streetNames = []string{
	"Maple", "Cedar", "Bluebonnet", "Martin Luther King Jr", "Cesar Chavez", "Lakeview", "Willow Creek",
	"Pecan", "Old Spanish Trail", "Magnolia", "Greenbriar", "Veterans Memorial", "Kossuth", "Dorchester",
	"Pulaski", "Piedmont", "Mockingbird", "Sunset", "Riverside", "Juniper", "Palo Verde", "Lincoln",
	"Warren", "Elmhurst", "San Jacinto", "Alameda", "Lafayette",
}

var streetTypes = []string{"St", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Ct", "Way", "Pkwy", "Circle", "Hwy", "Trail"}

var units = []string{"Apt 4B", "apt 12", "Unit 7", "#210", "Lot 17", "Trailer 9", "Apt. 3C", "Suite 5", "apto 2", "Bldg 4 Apt 118"}

var directions = []string{"N", "S", "E", "W", "North", "South", "NE", "SW"}

// Clinical vocabulary.

// symptomsEN are everyday descriptions; lead is the sender's framing,
// kept outside the span.
var symptomsEN = [][2]string{
	{"my ", "chest feels tight"}, {"i've been ", "throwing up all night"}, {"she ", "can't keep food down"},
	{"i'm ", "peeing blood"}, {"my ", "ankles are swollen"}, {"he gets ", "dizzy when he stands up"},
	{"my ", "head is pounding"}, {"i'm ", "coughing up green stuff"}, {"i get ", "short of breath walking to the car"},
	{"i found a ", "lump in my breast"}, {"it ", "burns when i pee"}, {"there's a ", "ringing in my ears"},
	{"he has a ", "rash all over his arms"}, {"my ", "vision is blurry"}, {"i have ", "numbness in my left hand"},
	{"i ", "can't sleep and feel hopeless"}, {"i've had ", "diarrhea for 3 days"}, {"she has a ", "fever of 102"},
	{"i've been ", "spotting between periods"}, {"my ", "stomach hurts so bad"}, {"i keep ", "passing out"},
	{"my ", "knee is swollen and hot"}, {"i've been ", "hearing voices again"}, {"my ", "gums won't stop bleeding"},
	{"my baby has a ", "cough and wheezing"}, {"i ", "threw up blood"}, {"my ", "back is killing me"},
	{"he is ", "wheezing at night"}, {"my ", "heart is racing"}, {"i have a ", "yeast infection"},
}

var symptomsES = [][2]string{
	{"me ", "duele mucho el pecho"}, {"tengo ", "mucho dolor de cabeza"}, {"estoy ", "vomitando desde anoche"},
	{"mi hijo tiene ", "fiebre de 39"}, {"tengo ", "los pies hinchados"}, {"me ", "arde al orinar"},
	{"me siento ", "mareada cuando me levanto"}, {"tengo ", "diarrea desde el lunes"}, {"mi mamá ", "no puede respirar bien"},
	{"tengo ", "una bolita en el seno"}, {"me ", "sangran las encías"}, {"tengo ", "tos con flema verde"},
	{"el niño tiene ", "sarpullido en todo el cuerpo"}, {"me ", "duele la panza"}, {"últimamente ", "me siento sin ganas de vivir"},
}

var conditionsEN = []string{
	"type 2 diabetes", "stage 3 breast cancer", "uncontrolled high blood pressure", "severe persistent asthma",
	"stage 4 kidney disease", "early onset dementia", "chronic hepatitis c", "bipolar 1 disorder",
	"major depression with anxiety", "congestive heart failure", "copd on home oxygen", "sickle cell anemia",
	"lupus with kidney involvement", "metastatic prostate cancer", "gestational diabetes", "hiv",
	"opioid use disorder", "atrial fibrillation", "overactive thyroid", "stage 2 colon cancer",
	"schizophrenia", "herpes outbreak", "ptsd", "multiple sclerosis", "pre-diabetes", "chlamydia",
	"post partum depression", "stomach ulcer", "fatty liver disease", "epilepsy",
}

var conditionsES = []string{
	"diabetes tipo 2", "cáncer de mama etapa 2", "presión alta descontrolada", "insuficiencia renal crónica",
	"vih", "depresión severa", "asma crónica", "hepatitis c", "artritis reumatoide", "epilepsia",
	"cáncer de próstata", "diabetes gestacional", "ansiedad y ataques de pánico", "colesterol alto", "tiroides baja",
}

var drugs = []struct {
	name  string
	doses []string
}{
	{"metformin", []string{"500 mg", "1000mg", "850 mg"}}, {"lisinopril", []string{"10 mg", "20mg", "40 mg"}},
	{"atorvastatin", []string{"40 mg", "80mg"}}, {"amlodipine", []string{"5 mg", "10mg"}},
	{"levothyroxine", []string{"50 mcg", "75mcg", "112 mcg"}}, {"sertraline", []string{"50 mg", "100mg"}},
	{"gabapentin", []string{"300 mg", "600mg"}}, {"insulin glargine", []string{"20 units", "34 units"}},
	{"Ozempic", []string{"0.5 mg", "1mg"}}, {"Eliquis", []string{"5 mg", "2.5mg"}}, {"Xarelto", []string{"20 mg"}},
	{"albuterol", []string{"2 puffs"}}, {"prednisone", []string{"20 mg", "40mg"}}, {"Truvada", []string{"1 pill"}},
	{"Biktarvy", []string{"1 tablet"}}, {"buprenorphine", []string{"8 mg", "2mg"}}, {"Suboxone", []string{"8mg", "one strip"}},
	{"methadone", []string{"80 mg", "60mg"}}, {"losartan", []string{"50 mg", "100mg"}}, {"omeprazole", []string{"20 mg", "40mg"}},
	{"hydrochlorothiazide", []string{"25 mg", "12.5mg"}}, {"escitalopram", []string{"10 mg", "20mg"}},
	{"quetiapine", []string{"100 mg", "300mg"}}, {"lithium", []string{"300 mg", "600mg"}}, {"warfarin", []string{"5 mg", "7.5mg"}},
	{"Jardiance", []string{"10 mg", "25mg"}}, {"Trulicity", []string{"1.5 mg"}}, {"furosemide", []string{"40 mg", "20mg"}},
	{"tamoxifen", []string{"20 mg"}}, {"Adderall", []string{"20 mg", "10mg"}}, {"clonazepam", []string{"0.5 mg", "1mg"}},
}

var freqEN = []string{"twice a day", "once daily", "every 8 hours", "at bedtime", "bid", "2x a day", "every morning", "as needed", "three times a day", "every night", "once a week", "qd"}
var freqES = []string{"dos veces al día", "cada 12 horas", "en la mañana", "diario", "cada 8 horas", "en la noche", "una vez a la semana", "tres veces al día"}

var labsEN = []func(r *rng) string{
	func(r *rng) string { return "a1c was " + pick(r, []string{"9.2", "7.8", "11.4", "8.6", "10.1"}) },
	func(r *rng) string { return "a1c came back " + pick(r, []string{"6.9", "8.3", "12"}) },
	func(r *rng) string { return "platelets were " + pick(r, []string{"89", "42", "61"}) },
	func(r *rng) string { return "cd4 count " + pick(r, []string{"350", "210", "480"}) },
	func(r *rng) string { return "viral load is undetectable" },
	func(r *rng) string { return "potassium was " + pick(r, []string{"5.9", "2.8", "6.1"}) },
	func(r *rng) string { return "psa went up to " + pick(r, []string{"11.4", "8.2", "14"}) },
	func(r *rng) string { return "tsh was " + pick(r, []string{"0.2", "9.8", "12.5"}) },
	func(r *rng) string { return "hemoglobin is " + pick(r, []string{"7.1", "8.4", "6.9"}) },
	func(r *rng) string { return "creatinine was " + pick(r, []string{"2.3", "3.1", "1.9"}) },
	func(r *rng) string { return "strep test came back positive" },
	func(r *rng) string { return "covid test was positive" },
	func(r *rng) string { return "pregnancy test came back positive" },
	func(r *rng) string { return "biopsy came back malignant" },
	func(r *rng) string { return "hep c antibody came back reactive" },
	func(r *rng) string { return "ldl was " + pick(r, []string{"190", "212", "168"}) },
	func(r *rng) string { return "inr was " + pick(r, []string{"4.2", "1.3", "5"}) },
	func(r *rng) string { return "pap smear came back abnormal" },
	func(r *rng) string { return "urine culture showed e coli" },
	func(r *rng) string { return "vitamin d level was " + pick(r, []string{"9", "12"}) },
}

var labsES = []func(r *rng) string{
	func(r *rng) string {
		return "hemoglobina glicosilada salió en " + pick(r, []string{"9.1", "8.4", "10"})
	},
	func(r *rng) string { return "prueba de embarazo salió positiva" },
	func(r *rng) string { return "colesterol salió en " + pick(r, []string{"260", "245"}) },
	func(r *rng) string { return "examen de orina salió con infección" },
	func(r *rng) string { return "biopsia salió maligna" },
	func(r *rng) string { return "prueba de vih salió positiva" },
	func(r *rng) string { return "plaquetas salieron en " + pick(r, []string{"80", "55"}) },
}

var vitalsEN = []func(r *rng) string{
	func(r *rng) string { return "bp " + pick(r, []string{"168/102", "182/110", "90/55", "158/96"}) },
	func(r *rng) string {
		return "blood pressure was " + pick(r, []string{"150 over 95", "170 over 100", "85 over 50"})
	},
	func(r *rng) string { return "sugar " + pick(r, []string{"312", "45", "278", "390"}) },
	func(r *rng) string { return "glucose reading " + pick(r, []string{"256", "41", "305"}) },
	func(r *rng) string { return "oxygen is " + pick(r, []string{"88%", "86%", "89 percent"}) },
	func(r *rng) string { return "fasting sugar was " + pick(r, []string{"189", "240"}) },
	func(r *rng) string { return "heart rate " + pick(r, []string{"142", "38", "150"}) },
}

var vitalsES = []func(r *rng) string{
	func(r *rng) string { return "presión " + pick(r, []string{"160/100", "175/105", "85/50"}) },
	func(r *rng) string { return "azúcar en " + pick(r, []string{"280", "350", "48"}) },
	func(r *rng) string { return "glucosa de " + pick(r, []string{"300", "265"}) },
	func(r *rng) string { return "oxigenación en " + pick(r, []string{"87", "89"}) },
}

var pregnancyEN = []func(r *rng) string{
	func(r *rng) string { return itoa(r.between(5, 12)) + " weeks along" },
	func(r *rng) string { return itoa(r.between(14, 40)) + " weeks pregnant" },
	func(r *rng) string { return pick(r, []string{"first", "second", "third"}) + " trimester" },
	func(r *rng) string { return "pregnant with twins" },
	func(r *rng) string { return itoa(r.between(3, 8)) + " months pregnant" },
}

var pregnancyES = []func(r *rng) string{
	func(r *rng) string { return itoa(r.between(8, 38)) + " semanas de embarazo" },
	func(r *rng) string { return "embarazada de " + itoa(r.between(2, 8)) + " meses" },
	func(r *rng) string { return "embarazada de gemelos" },
}

// Specialty visits that reveal a condition: {before, span, after}. The
// span is what reveals it; generic words ("appointment", "cita de") stay
// outside, as a preposition stays outside a date.
var specialtyEN = [][3]string{
	{"", "oncology", " appointment"}, {"", "chemo", " session"}, {"", "dialysis", ""}, {"", "methadone clinic", " visit"},
	{"", "hiv clinic", " appointment"}, {"", "psych", " appointment"}, {"", "radiation treatment", ""},
	{"", "fertility clinic", " visit"}, {"", "infusion for my crohns", ""}, {"", "wound care for my diabetic foot", ""},
	{"", "prep clinic", " visit"}, {"", "suboxone", " appointment"}, {"", "cancer center", " visit"}, {"", "std clinic", ""},
	{"", "eating disorder program", ""}, {"", "cardiology follow up for my stent", ""}, {"", "transplant clinic", " visit"},
}

var specialtyES = [][3]string{
	{"cita de ", "oncología", ""}, {"", "quimioterapia", ""}, {"", "diálisis", ""}, {"", "clínica de metadona", ""},
	{"", "clínica de vih", ""}, {"cita con el ", "psiquiatra", ""}, {"", "tratamiento de radiación", ""},
	{"cita de ", "fertilidad", ""},
}

// The fictional clinic of the outbound items: its own name, address,
// numbers and staff may go out over WhatsApp.
var (
	clinicNames     = []string{"Riverbend Family Health", "Riverbend Clinic"}
	clinicAddresses = []string{"4100 Harlan Ridge Road, Suite 200"}
	clinicPhones    = []string{"(512) 660-4821", "512-660-4830"}
	clinicWeb       = []string{"riverbendfamilyhealth.org"}
	clinicStaff     = []string{"Dr. Adaeze Okafor", "Dr. Okafor", "Nurse Tomás Lindgren", "Tomás", "Dr. Meera Raghunathan", "Dr. Raghunathan"}
)
