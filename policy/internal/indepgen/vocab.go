package main

// Vocabularies written for this corpus. Names are spread across the
// communities a US clinic that answers in English and Spanish actually
// serves, and deliberately include rare spellings, names that are also
// ordinary words or months, and hyphenated given names.

var givenCommon = []string{
	"Maria", "Jose", "Luis", "Ana", "Carmen", "Juan", "Rosa", "Miguel", "Guadalupe", "Alejandro",
	"Jennifer", "Michael", "Ashley", "Christopher", "Jessica", "Brandon", "Tiffany", "Kevin", "Latoya", "Darnell",
	"Linda", "Robert", "Patricia", "James", "Barbara", "Dennis", "Sharon", "Gary", "Deborah", "Raymond",
	"Ximena", "Yesenia", "Itzel", "Brayan", "Yahir", "Dulce", "Araceli", "Leticia", "Rigoberto", "Fermin",
	"Nguyen", "Thanh", "Linh", "Minh", "Huong", "Wei", "Xiaoling", "Jun", "Mei", "Haruto",
	"Fatima", "Mohammed", "Aisha", "Omar", "Yusuf", "Khadija", "Abdirahman", "Hodan", "Farah", "Samir",
	"Chidi", "Ngozi", "Oluwaseun", "Adebayo", "Kwame", "Ama", "Tendai", "Blessing", "Emeka", "Folasade",
	"Priya", "Rohan", "Anjali", "Sanjay", "Deepika", "Harpreet", "Gurpreet", "Lakshmi", "Venkatesh", "Aarav",
	"Wojciech", "Agnieszka", "Dmitri", "Svetlana", "Olena", "Bogdan", "Katarzyna", "Giorgos", "Eleni", "Tamar",
	"Jean-Baptiste", "Marie-Claire", "Woodley", "Fabiola", "Jocelyne", "Kervens", "Nadège", "Widline", "Ricardo", "Yolanda",
	"Seo-yeon", "Ji-ho", "Min-jun", "Hye-jin", "Dong-hyun", "Kalani", "Keoni", "Tavita", "Siosaia", "Mele",
}

// givenRare are spellings unlikely to be in any name list.
var givenRare = []string{
	"Jaxtyn", "Zaylee", "Kamdyn", "Nevaeh", "Brexley", "Oaklynn", "Tayvion", "Jaelynn", "Kyzer", "Ryleigh",
	"Anahí", "Yoselin", "Dayanara", "Keyla", "Yuliana", "Nayeli", "Xochitl", "Citlali", "Tonatiuh", "Eréndira",
	"Quetzalli", "Maite", "Ainhoa", "Itziar", "Iker", "Yareli", "Ximena-Sofía", "Evangelina", "Heriberto", "Eusebio",
	"Dashiell", "Thelonius", "Saoirse", "Niamh", "Caoimhe", "Tadhg", "Oisín", "Ptolemy", "Isolde", "Leopoldine",
	"Adaeze", "Chiamaka", "Ifeoluwa", "Oghenekaro", "Zinhle", "Thandiwe", "Nomvula", "Kofi-Mensah", "Yewande", "Temitope",
	"Zbigniew", "Przemysław", "Grzegorz", "Wiesława", "Radomir", "Vsevolod", "Yevgeniya", "Anastasiya", "Ludmila", "Borislav",
	"Thuy-Linh", "Quynh", "Phuong", "Hoang", "Tuyet", "Xuan", "Bích", "Dũng", "Khoa", "Vy",
	"Ayaan", "Ishaan", "Vihaan", "Saanvi", "Trisha", "Navdeep", "Manpreet", "Jaspal", "Kuldeep", "Parminder",
}

// givenWords are given names that are also common English words or months.
var givenWords = []string{
	"June", "Will", "Hope", "Summer", "April", "Rose", "Faith", "Grace", "Bill", "Mark",
	"May", "Joy", "Dawn", "Amber", "Crystal", "Hunter", "Chase", "Destiny", "Autumn", "Sky",
	"Pat", "Sandy", "Ruby", "Iris", "Ivy", "Holly", "Rusty", "Skip", "Buck", "Sunny",
	"Paz", "Luz", "Consuelo", "Dolores", "Rocío", "Pilar", "Soledad", "Amparo", "Socorro", "Milagros",
}

var givenHyphen = []string{
	"Mary-Kate", "Anne-Marie", "Jean-Luc", "Mary-Beth", "Jo-Ann", "Ana-Lucía", "Juan-Carlos", "Lee-Ann", "Jean-Pierre", "Kim-Ly",
	"Sarah-Jane", "Billy-Ray", "Ella-Mae", "Rose-Marie", "Luz-Elena", "Marie-Ange", "Abdul-Rahman", "Zhi-Wei", "Ka-Ying", "Eun-ji",
}

var surnames = []string{
	"Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres",
	"Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Cruz", "Morales", "Ortiz", "Gutierrez", "Chavez",
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thompson",
	"Washington", "Jefferson", "Okafor", "Adeyemi", "Mensah", "Boateng", "Nwosu", "Abdi", "Warsame", "Hussein",
	"Nguyen", "Tran", "Le", "Pham", "Huynh", "Vo", "Zhang", "Wang", "Liu", "Chen",
	"Kim", "Park", "Choi", "Tanaka", "Yamamoto", "Sato", "Patel", "Shah", "Singh", "Reddy",
	"Kowalski", "Nowak", "Wiśniewski", "Ivanova", "Petrenko", "Kovalenko", "Papadopoulos", "Jean-Louis", "Pierre", "Baptiste",
	"O'Brien", "McAllister", "Fitzgerald", "Delacroix", "Van der Berg", "De la Cruz", "Del Valle", "St. Fleur", "Ben-David", "Al-Masri",
	"Quispe", "Mamani", "Huamán", "Condori", "Xicoténcatl", "Yupanqui", "Tzul", "Chuc", "Ek", "Canché",
	"Szczepański", "Brzęczyszczykiewicz", "Oyelaran-Baptiste", "Featherstonehaugh", "Ngata", "Tuilagi", "Fonoti", "Kealoha", "Mahelona", "Akana",
	"Ibarra-Soto", "Villaseñor", "Zúñiga", "Peña", "Muñoz", "Ochoa", "Echeverría", "Arriaga", "Urquidi", "Beltrán",
}

var middleInitials = []string{"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W"}

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsENShort = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"}
var monthsES = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

var ordinalWordsEN = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
	"twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth"}

var unitsEN = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var teensEN = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
var tensEN = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
var unitsES = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}

// Relatives as patients write them, with the cue left outside the span.
var kinEN = []string{"my husband", "my wife", "my son", "my daughter", "my mom", "my dad", "my grandma", "my grandpa", "my mother in law", "my stepson", "my niece", "my brother", "my sister", "my partner", "my baby"}
var kinES = []string{"mi esposo", "mi esposa", "mi hijo", "mi hija", "mi mamá", "mi papá", "mi abuela", "mi abuelo", "mi suegra", "mi nieto", "mi sobrina", "mi hermano", "mi hermana", "mi bebé", "mi pareja"}

var streetsUS = []string{"Maple St", "W Fullerton Ave", "N Kedzie Blvd", "Oak Park Dr", "E 116th St", "Calle Ocho", "Rosewood Ln", "MLK Jr Blvd", "S Western Ave", "Pine Hollow Ct", "County Rd 12", "Lakeshore Dr", "Cesar Chavez Ave", "Old Mill Rd", "Bayview Ter"}
var citiesUS = []string{"Springfield, IL", "Chicago IL", "Cicero, IL", "Joliet IL", "Aurora, IL", "El Paso, TX", "Santa Ana CA", "Hialeah, FL", "Paterson NJ", "Yakima, WA"}

var emailDomains = []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "live.com.mx", "yahoo.es", "protonmail.com", "comcast.net"}

var emoji = []string{"🙏", "😊", "😭", "🤒", "😷", "❤️", "👍", "🙏🏽", "😩", "🤞", "💊", "🥲", "😔", "✌️", "🤕", "👶🏻", "🩺", "😅"}

// Clinical vocabularies.
var drugs = []struct{ name, dose string }{
	{"metformin", "500 mg"}, {"metformin", "1000mg"}, {"lisinopril", "10 mg"}, {"lisinopril", "20mg"}, {"atorvastatin", "40 mg"},
	{"sertraline", "50mg"}, {"sertraline", "100 mg"}, {"fluoxetine", "20 mg"}, {"escitalopram", "10mg"}, {"bupropion", "150 mg XL"},
	{"amlodipine", "5 mg"}, {"losartan", "50 mg"}, {"levothyroxine", "75 mcg"}, {"levothyroxine", "88mcg"}, {"omeprazole", "20mg"},
	{"gabapentin", "300 mg"}, {"insulin glargine", "22 units"}, {"lantus", "18 units"}, {"humalog", "6 units"}, {"ozempic", "0.5 mg"},
	{"albuterol", "2 puffs"}, {"prednisone", "20 mg"}, {"amoxicillin", "875 mg"}, {"azithromycin", "250mg"}, {"hydrocodone", "5/325"},
	{"oxycodone", "10 mg"}, {"suboxone", "8mg"}, {"methadone", "60 mg"}, {"buprenorphine", "8 mg"}, {"truvada", "1 tab"},
	{"descovy", "1 pill"}, {"biktarvy", "1 tablet"}, {"quetiapine", "100 mg"}, {"lithium", "300mg"}, {"aripiprazole", "5 mg"},
	{"warfarin", "5 mg"}, {"eliquis", "5mg"}, {"clopidogrel", "75 mg"}, {"furosemide", "40mg"}, {"spironolactone", "25 mg"},
	{"methotrexate", "15 mg"}, {"tamoxifen", "20 mg"}, {"letrozole", "2.5 mg"}, {"adderall", "20mg"}, {"vyvanse", "30 mg"},
	{"trazodone", "50 mg"}, {"clonazepam", "0.5 mg"}, {"alprazolam", "0.25mg"}, {"depo-provera", "150 mg"}, {"sumatriptan", "50 mg"},
	{"ibuprofeno", "600 mg"}, {"naproxeno", "500 mg"}, {"paracetamol", "500mg"}, {"metronidazol", "500 mg"}, {"losartán", "50 mg"},
}

var freqEN = []string{"twice a day", "once a day", "every morning", "at night", "every 8 hours", "three times a day", "bid", "qd", "2x a day", "once weekly", "every 6 hrs as needed", "before meals", "daily"}
var freqES = []string{"dos veces al día", "una vez al día", "cada mañana", "en la noche", "cada 8 horas", "tres veces al día", "cada 12 hrs", "diario", "una vez por semana", "antes de comer"}

var conditionsEN = []string{
	"type 2 diabetes", "type 1 diabetes", "high blood pressure", "hypertension", "stage 3 kidney disease", "HIV", "hep C", "hepatitis B",
	"breast cancer", "stage 2 breast cancer", "prostate cancer", "colon cancer", "lupus", "bipolar disorder", "bipolar 2", "major depression",
	"severe depression", "anxiety disorder", "PTSD", "schizophrenia", "opioid use disorder", "alcohol use disorder", "COPD", "asthma",
	"congestive heart failure", "afib", "atrial fibrillation", "sickle cell", "multiple sclerosis", "early onset alzheimers", "parkinsons",
	"epilepsy", "chlamydia", "gonorrhea", "syphilis", "herpes", "genital warts", "endometriosis", "PCOS", "gestational diabetes",
	"preeclampsia", "celiac disease", "crohns", "ulcerative colitis", "fatty liver", "cirrhosis", "hypothyroidism", "rheumatoid arthritis",
	"an eating disorder", "anorexia", "autism", "ADHD", "a UTI", "kidney stones", "shingles", "TB", "latent TB", "long covid",
}

var conditionsES = []string{
	"diabetes tipo 2", "diabetes", "presión alta", "hipertensión", "VIH", "hepatitis C", "cáncer de mama", "cáncer de próstata",
	"cáncer de colon", "lupus", "trastorno bipolar", "depresión mayor", "depresión", "ansiedad", "esquizofrenia", "epilepsia",
	"asma", "EPOC", "insuficiencia cardíaca", "artritis reumatoide", "hipotiroidismo", "clamidia", "gonorrea", "sífilis", "herpes genital",
	"endometriosis", "ovario poliquístico", "diabetes gestacional", "preeclampsia", "hígado graso", "cirrosis", "tuberculosis",
	"infección urinaria", "piedras en el riñón", "anemia", "colitis ulcerosa", "la enfermedad de crohn", "alzheimer", "parkinson", "autismo",
}

var condModEN = []string{"", "", "", "poorly controlled ", "newly diagnosed ", "stage 4 ", "uncontrolled ", "chronic ", "severe ", "mild "}
var condModES = []string{"", "", "", "mal controlada ", "recién diagnosticada ", "crónica ", "severa ", "leve "}

var symptomsEN = []string{
	"chest pain since last night", "really bad headaches for 3 days", "throwing up blood", "blood in my urine", "burning when i pee",
	"a lump in my left breast", "shortness of breath when i walk", "fever of 102 since tuesday", "diarrhea for a week", "heavy bleeding",
	"spotting", "sugar readings over 380", "blood pressure of 180/110", "dizzy and fainted twice", "numbness in my right arm", "rash all over my chest",
	"discharge down there", "sores on my private area", "suicidal thoughts", "panic attacks every night", "swollen ankles",
	"can't stop coughing, yellow phlegm", "losing weight without trying", "black stool", "ringing in my ears and vertigo",
	"back pain radiating down my leg", "hearing voices again", "a seizure this morning", "pain 8/10 in my lower belly", "night sweats",
}

var symptomsES = []string{
	"dolor de pecho desde anoche", "dolor de cabeza muy fuerte desde hace 3 días", "vómito con sangre", "sangre en la orina",
	"ardor al orinar", "una bolita en el seno izquierdo", "falta de aire al caminar", "fiebre de 39 desde el martes", "diarrea toda la semana",
	"sangrado muy fuerte", "manchado", "el azúcar en 350", "la presión en 170/100", "mareos y me desmayé", "entumecido el brazo derecho",
	"ronchas en todo el pecho", "flujo con mal olor", "llagas en mis partes", "ganas de morirme", "ataques de pánico", "los tobillos hinchados",
	"tos con flema amarilla", "bajando de peso sin querer", "heces negras", "convulsión esta mañana", "dolor 8/10 en el vientre",
}

var labsEN = []struct{ test, results []string }{
	{[]string{"a1c", "A1C", "hemoglobin a1c", "hba1c"}, []string{"was 9.2", "came back 8.7", "is 11.4%", "was 7.9 percent", "went up to 10.1"}},
	{[]string{"covid test", "covid swab", "rapid covid"}, []string{"came back positive", "was positive", "is positive again", "said positive"}},
	{[]string{"pregnancy test", "pregnancy test from tuesday", "blood pregnancy test"}, []string{"was positive", "came back positive", "is positive"}},
	{[]string{"cd4 count", "CD4", "cd4"}, []string{"350", "was 210", "dropped to 180", "is 420"}},
	{[]string{"viral load", "hiv viral load"}, []string{"was undetectable", "came back 12,000", "is detectable again", "went up to 800 copies"}},
	{[]string{"hiv test", "HIV results", "std panel"}, []string{"came back positive", "was reactive", "was positive for chlamydia", "showed gonorrhea"}},
	{[]string{"psa", "PSA"}, []string{"was 6.8", "came back 12", "went up to 9.4"}},
	{[]string{"cholesterol", "ldl", "LDL"}, []string{"was 260", "came back 190", "is 210"}},
	{[]string{"tsh", "thyroid level", "TSH"}, []string{"was 8.9", "came back high at 7.2", "is 0.1"}},
	{[]string{"biopsy", "breast biopsy", "pap smear", "mammogram results"}, []string{"came back malignant", "showed cancer cells", "was abnormal", "came back abnormal, HPV positive"}},
	{[]string{"potassium", "creatinine", "egfr", "GFR"}, []string{"was 5.9", "was 2.3", "is 38", "dropped to 41"}},
	{[]string{"hep c test", "hepatitis test"}, []string{"came back positive", "was reactive"}},
	{[]string{"tb test", "ppd"}, []string{"was positive", "came back 15mm"}},
	{[]string{"urine drug screen", "drug test"}, []string{"was positive for fentanyl", "came back positive for THC", "showed cocaine"}},
}

var labsES = []struct{ test, results []string }{
	{[]string{"la a1c", "la hemoglobina glicosilada", "el a1c"}, []string{"salió en 9.2", "dio 8.7", "está en 11.4", "salió 10.1"}},
	{[]string{"la prueba de covid", "el test de covid"}, []string{"salió positiva", "dio positivo", "salió positivo otra vez"}},
	{[]string{"la prueba de embarazo", "el examen de embarazo"}, []string{"salió positiva", "dio positivo"}},
	{[]string{"el cd4", "los cd4", "el conteo de cd4"}, []string{"en 350", "salió 210", "bajó a 180"}},
	{[]string{"la carga viral"}, []string{"salió indetectable", "salió en 12,000", "subió a 800"}},
	{[]string{"la prueba de vih", "los análisis de ets"}, []string{"salió positiva", "salió reactiva", "salieron positivos a clamidia"}},
	{[]string{"el colesterol", "los triglicéridos"}, []string{"salió en 260", "está en 410", "salió alto 240"}},
	{[]string{"la biopsia", "el papanicolaou", "la mamografía"}, []string{"salió maligna", "salió anormal", "salió con células cancerosas"}},
	{[]string{"la creatinina", "el potasio"}, []string{"salió en 2.3", "está en 5.9"}},
}

var visitsEN = []string{"oncology appointment", "chemo appointment", "chemo infusion", "HIV clinic", "methadone clinic", "dialysis session",
	"psych appointment", "psychiatrist appointment", "infectious disease clinic", "PrEP clinic visit", "STD clinic visit", "fertility clinic",
	"suboxone clinic", "wound care clinic", "detox intake", "prenatal visit", "abortion follow up", "radiation therapy", "transplant clinic", "hep C clinic"}

var visitsES = []string{"cita de oncología", "cita de quimio", "la clínica de VIH", "la clínica de metadona", "la diálisis", "cita con el psiquiatra",
	"la clínica de infecciosas", "la consulta de PrEP", "cita de control prenatal", "la radioterapia", "la clínica de fertilidad", "la clínica de suboxone"}

var pregnancyEN = []string{"8 weeks along", "12 weeks pregnant", "about 6 wks pregnant", "32 weeks", "in my third trimester", "pregnant with twins", "19 weeks along", "expecting, 10 weeks"}
var pregnancyES = []string{"embarazada de 8 semanas", "tengo 12 semanas de embarazo", "embarazada de 6 semanas", "en el tercer trimestre", "embarazada de gemelos", "tengo 5 meses de embarazo"}

// Clean, operational vocabulary.
var imagingEN = []string{"MRI", "mri", "CT scan", "x-ray", "xray", "ultrasound", "mammogram", "bone density scan", "echo", "DEXA"}
var imagingES = []string{"resonancia", "tomografía", "rayos x", "ultrasonido", "mamografía", "ecografía", "radiografía"}
var insurers = []string{"Aetna", "Blue Cross", "BCBS", "Cigna", "United Healthcare", "Medicaid", "Medicare", "Humana", "Ambetter", "Molina", "Oscar", "Tricare"}
var weekdaysEN = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "Monday", "Friday", "Saturday"}
var weekdaysES = []string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"}
var timesOfDay = []string{"3:30", "10am", "9:15", "2 pm", "11:45", "8:00", "4pm", "1:20", "7:30am", "noon"}

var lorem = []string{
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
	"lorem ipsum dolor sit amet",
	"Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium.",
	"Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.",
	"Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
	"Neque porro quisquam est qui dolorem ipsum quia dolor sit amet.",
	"Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.",
}
