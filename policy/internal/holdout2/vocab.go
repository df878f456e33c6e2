package main

// Vocabularies of the held-out corpus. Every value is invented; none is a
// real person's identifier.

var givenNames = []string{
	"Thandiwe", "Oluwaseun", "Kwabena", "Amara", "Chidi", "Folasade", "Yaw", "Nnamdi", "Zanele", "Ayodele",
	"Tariq", "Leila", "Yusuf", "Mariam", "Hamza", "Noor", "Farah", "Samir", "Rania", "Bilal",
	"Anh", "Thu", "Minh", "Linh", "Hiroshi", "Yuki", "Haruto", "Sakura", "Wei", "Xiaoling",
	"Priyanka", "Arjun", "Ravi", "Sunita", "Deepak", "Ananya", "Kavya", "Rohan", "Siddharth", "Lakshmi",
	"Bogdan", "Oksana", "Dmitri", "Katarzyna", "Wojciech", "Agnieszka", "Milos", "Ioana", "Teodora", "Vesna",
	"Siobhan", "Niamh", "Cormac", "Eamon", "Saoirse", "Guadalupe", "Xochitl", "Itzel", "Joaquín", "Ximena",
	"Rubén", "Maricela", "Yesenia", "Efraín", "Nayeli", "Jacinto", "Anselmo", "Rigoberto", "Leticia", "Araceli",
	"Thiago", "Gonçalo", "Inês", "Leandro", "Rafaela", "Vitória", "Benedita", "Élodie", "Maëlle", "Thibault",
	"Amandine", "Gaëtan", "Solène", "Tobias", "Margaret", "Harold", "Doris", "Gerald", "Beverly", "Lorraine",
	"Dwayne", "Latoya", "Tyrone", "Keisha", "DeShawn", "Jaylen", "Brayden", "Kinsley", "Paisley", "Ezekiel",
	"Malachi", "Ngozi", "Kofi", "Tenzin", "Pema", "Bolat", "Aigerim", "Nodira", "Rustam", "Sione",
	"Mele", "Keanu", "Leilani", "Ikaika", "Aroha", "Wiremu", "Björn", "Astrid", "Sigrid", "Henrik",
}

// wordNames are given names that are also everyday words (or months).
var wordNames = []string{
	"Hope", "Faith", "Joy", "Grace", "Rose", "Ivy", "June", "May", "Will", "Bill",
	"Frank", "Dawn", "Summer", "Autumn", "Iris", "Pearl", "Sunny", "Rusty", "Hunter", "River",
	"Sky", "Ruby", "Hazel", "Jade", "Dale", "Glen", "Pat", "Chase", "Mason", "Angel",
	"Destiny", "Precious", "Blessing", "Sage", "Sandy", "Marina", "Dolores", "Soledad", "Luz", "Paz",
	"Amparo", "Consuelo", "Milagros", "Esperanza", "Remedios", "Socorro", "Patience", "Honor", "Cash", "Miles",
}

var hyphenGiven = []string{
	"Mary-Kate", "Jean-Luc", "Anne-Marie", "Jae-won", "Ana-Lucía", "Marie-Claire", "Li-Na", "Hye-jin",
	"Jean-Baptiste", "Mary-Ellen", "Seo-yeon", "Min-jun", "Pierre-Yves", "Ann-Margret", "José-María",
}

var nicknames = []string{
	"Bobby", "Lupe", "Chuy", "Pancho", "Paco", "Nacho", "Lalo", "Memo", "Toño", "Chelo",
	"Cuca", "Beto", "Tavo", "Gabi", "Manny", "Tito", "Peg", "Becca", "Trish", "Deb",
	"Kenny", "Benji", "Jojo", "Nana Bea", "Big Lou", "Junior", "Mimi", "Dede", "Tata", "Zé",
}

var familyNames = []string{
	"Okonkwo", "Mensah", "Adeyemi", "Abernathy", "Kowalczyk", "Nowak", "Wiśniewska", "Petrov", "Shevchenko", "Popescu",
	"Nakamura", "Takahashi", "Yamamoto", "Nguyen", "Tran", "Pham", "Hoang", "Kim", "Park", "Choi",
	"Zhang", "Liu", "Huang", "Chen", "Wong", "Banerjee", "Iyer", "Chatterjee", "Reddy", "Nair",
	"Krishnan", "Haddad", "Khoury", "Al-Masri", "Rahimi", "Farouk", "Benali", "El Amrani", "van der Berg", "O'Sullivan",
	"McAllister", "Fitzgerald", "Gallagher", "Delacroix", "Fournier", "Lefèvre", "Moreau", "Rousseau", "Gonçalves", "Figueiredo",
	"Carvalho", "Pereira", "Ferreira", "Sousa", "Castañeda", "Villarreal", "Zúñiga", "Ybarra", "Quintanilla", "Echeverría",
	"de la Cruz", "Montoya", "Arellano", "Saavedra", "Bustamante", "Cervantes", "Ochoa", "Treviño", "Whitfield", "Lindqvist",
	"Johansson", "Eriksen", "Haugen", "Becker", "Hoffmann", "Yilmaz", "Demir", "Kaya", "Papadopoulos", "Georgiou",
	"Friedman", "Abramovich", "Kaur", "Dhillon", "Toussaint", "Jean-Louis", "Cárdenas", "Stone", "Wolf", "Fox",
	"Rivers", "Long", "Short", "Bell", "Hill", "Swift", "Baker", "Fonoti", "Tuilagi", "Kahananui",
}

// otherScript are whole names written in scripts other than Latin.
var otherScript = []string{
	"李伟", "王芳", "陈静", "김지훈", "박서연", "山田花子", "佐藤健", "Мария Иванова", "Алексей Смирнов", "Олена Коваленко",
	"محمد العلي", "فاطمة حسن", "Δημήτρης Παπαδόπουλος", "Ελένη Γεωργίου", "प्रिया शर्मा", "राहुल वर्मा", "דוד כהן", "ნინო ბერიძე", "Nguyễn Thị Hương", "Trần Văn Minh",
	"Şükrü Yıldırım", "Zoë Ó Briain", "ஜெயா முருகன்", "สมชาย ใจดี", "Հայկ Պետրոսյան",
}

var middleInitials = []string{"A.", "B.", "C.", "D.", "E.", "J.", "K.", "L.", "M.", "R.", "S.", "T.", "V.", "W.", "Y."}

var kinEN = []string{"my son", "my daughter", "my husband", "my wife", "my mom", "my dad", "my grandma", "my grandpa", "my partner", "my brother", "my sister", "my aunt", "my stepson", "my fiancé", "my granddaughter"}
var kinES = []string{"mi hijo", "mi hija", "mi esposo", "mi esposa", "mi mamá", "mi papá", "mi abuela", "mi abuelo", "mi suegra", "mi nieto", "mi hermana", "mi tía"}

// Streets and places.
var streetNames = []string{
	"Alder Creek", "Chisholm Trail", "Magnolia", "Pecan Grove", "Wexford", "Tamarind", "Juniper Hollow", "Los Arboles", "Sycamore Bend", "Buckthorn",
	"Kestrel Ridge", "Old Mill", "Harbor View", "Cottonwood", "Ocotillo", "Whispering Pines", "Mockingbird", "Bluebonnet", "Larkspur", "Sequoia",
	"Fairmount", "Granada", "Mesquite", "Redbud", "Willow Bend", "Quail Run", "Carmelita", "Lakeview", "Orchard", "Saint Anselm",
}
var streetSuffix = []string{"St", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pkwy", "Cir", "Trl", "Pl"}
var units = []string{"Apt 4B", "apt 12", "Unit 7", "#210", "Apt. 3C", "Lot 44", "Trlr 9", "Ste 5", "apt 1107", "Bldg 2 Apt 18"}

type usCity struct{ city, state, zip3 string }

var usCities = []usCity{
	{"San Antonio", "TX", "782"}, {"El Paso", "TX", "799"}, {"Laredo", "TX", "780"}, {"Tucson", "AZ", "857"},
	{"Fresno", "CA", "937"}, {"Santa Ana", "CA", "927"}, {"Oakland", "CA", "946"}, {"Hialeah", "FL", "330"},
	{"Kissimmee", "FL", "347"}, {"Paterson", "NJ", "075"}, {"Lawrence", "MA", "018"}, {"Yakima", "WA", "989"},
	{"Dalton", "GA", "307"}, {"Greeley", "CO", "806"}, {"Las Cruces", "NM", "880"}, {"Aurora", "IL", "605"},
	{"Bronx", "NY", "104"}, {"Durham", "NC", "277"}, {"Omaha", "NE", "681"}, {"Madison", "WI", "537"},
}

var spanishFirstWords = []string{"Hola", "Buenas", "Buenos días", "Buenas tardes", "Disculpe", "Oiga", "Perdón"}
var englishGreetings = []string{"Hi", "Hello", "Hey", "Good morning", "Hi there", "Morning", "Good afternoon", "Hiya", "Helloo"}

var emailDomains = []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "proton.me", "live.com.mx", "uol.com.br", "orange.fr", "sapo.pt", "aol.com", "comcast.net", "yahoo.es", "gmx.de"}

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsShortEN = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"}
var monthsES = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
var monthsPT = []string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}
var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

var ordinalWords = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
	"twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first"}

var onesEN = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var tensEN = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
var teensEN = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
var onesES = []string{"", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
var digitWordsEN = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var digitWordsES = []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}

// Clinical vocabularies. Each entry is a whole statement as it is
// labelled: drug with dose and frequency, test with its result, condition
// with its modifiers.
var medsEN = []string{
	"metformin 1000 mg twice a day", "lisinopril 20mg once daily", "atorvastatin 40 mg at bedtime", "sertraline 100 mg every morning",
	"quetiapine 50mg at night", "suboxone 8mg film once a day", "methadone 80 mg daily", "Biktarvy one pill a day",
	"insulin glargine 22 units at night", "Ozempic 0.5 mg once a week", "Mounjaro 5mg weekly", "levothyroxine 88 mcg every morning",
	"warfarin 5 mg on mon wed fri", "Eliquis 5 mg twice daily", "prednisone 40 mg for 5 days", "amoxicillin 875 mg every 12 hours",
	"valacyclovir 1 gram twice a day", "lithium 300 mg three times a day", "lamotrigine 100 mg daily", "Adderall 20 mg in the morning",
	"gabapentin 300mg three times a day", "oxycodone 5 mg every 6 hours as needed", "naltrexone 50 mg daily", "hydroxychloroquine 200 mg twice a day",
	"albuterol 2 puffs every 4 hours", "Symbicort 2 puffs twice a day", "furosemide 40 mg every morning", "escitalopram 10mg daily",
	"bupropion XL 150 mg each morning", "trazodone 50 mg at bedtime", "clonazepam 0.5 mg twice a day", "tamoxifen 20 mg a day",
	"methotrexate 15 mg once a week", "Depo shot every 12 weeks", "Descovy for PrEP once daily", "Xarelto 20 mg with dinner",
	"Jardiance 10 mg every day", "Humalog 6 units with meals", "Vyvanse 40 mg mornings", "Lexapro 20 mg nightly",
}
var medsES = []string{
	"metformina 850 mg dos veces al día", "losartán 50 mg una vez al día", "insulina 18 unidades en la noche", "sertralina 50 mg cada mañana",
	"omeprazol 20 mg en ayunas", "enalapril 10mg cada 12 horas", "glibenclamida 5 mg antes del desayuno", "levotiroxina 100 mcg diario",
	"clonazepam 2 mg en la noche", "metadona 60 mg diarios", "atorvastatina 20 mg por la noche", "fluoxetina 20 mg al día",
	"insulina NPH 30 unidades en la mañana", "amlodipino 5 mg diario", "ácido fólico 5 mg diario", "tramadol 50 mg cada 8 horas",
	"prednisona 20 mg por 7 días", "salbutamol dos disparos cada 6 horas", "Truvada una pastilla diaria", "furosemida 40 mg cada mañana",
}
var medsPT = []string{
	"losartana 50 mg uma vez ao dia", "metformina 500 mg duas vezes ao dia", "sinvastatina 20 mg à noite", "insulina 20 unidades antes de dormir",
	"sertralina 50 mg de manhã", "hidroclorotiazida 25 mg por dia", "rivotril 2 mg à noite", "glifage XR 750 mg no jantar",
}
var medsFR = []string{
	"metformine 500 mg deux fois par jour", "Levothyrox 75 µg le matin", "Doliprane 1000 mg trois fois par jour", "ramipril 5 mg par jour",
	"sertraline 50 mg le soir", "Kardégic 75 mg chaque jour", "insuline 16 unités le soir",
}
var drugNamesEN = []string{"Biktarvy", "Descovy", "Truvada", "Suboxone", "Ozempic", "lithium", "Seroquel", "Lexapro", "Wellbutrin", "Eliquis", "Xarelto", "Adderall", "Abilify", "Latuda", "Valtrex", "Plan B", "Humira", "Keytruda", "Tamoxifen", "Narcan"}

var labsEN = []string{
	"A1C was 9.2", "a1c came back 8.7%", "potassium was 5.9", "viral load is undetectable", "CD4 count 310",
	"HIV test came back positive", "pap smear came back abnormal", "PSA went up to 7.8", "TSH was 11.2", "creatinine 2.4",
	"eGFR dropped to 38", "hemoglobin was 7.9", "platelets 62", "LDL 190", "INR was 4.1",
	"strep test was positive", "covid test positive", "pregnancy test came back positive", "chlamydia test came back positive", "hep C antibody was reactive",
	"biopsy came back malignant", "mammogram showed a mass", "ferritin 6", "vitamin D 11", "triglycerides 640",
	"urine culture grew e coli", "liver enzymes were high ALT 212", "sodium 126", "troponin was elevated", "glucose tolerance test failed",
}
var labsES = []string{
	"la hemoglobina glicosilada salió en 10.1", "el azúcar en ayunas 245", "la prueba de VIH salió positiva", "las plaquetas en 80 mil",
	"el colesterol en 280", "la creatinina salió en 3.1", "el papanicolaou salió anormal", "la prueba de embarazo salió positiva",
	"el antígeno prostático en 9", "la tiroides salió en 14", "la biopsia salió maligna", "los triglicéridos en 520",
}
var labsPT = []string{"a glicada deu 9,8", "o exame de HIV deu positivo", "a creatinina deu 2,7", "o beta hcg deu positivo", "o colesterol deu 290"}
var labsFR = []string{"l'hémoglobine glyquée est à 9,4", "le test VIH est revenu positif", "la créatinine à 210", "la prise de sang montre une anémie à 8,1"}

var vitalsEN = []string{
	"bp was 168/102", "blood pressure 182/110", "sugar was 412 this morning", "o2 sat 86%", "fever of 103.2",
	"heart rate 138", "pulse 44", "temp 104.1", "sugar 38 before lunch", "oxygen 88 percent on room air",
	"bp 90/50", "glucose reading 356", "weight went up 9 lbs in 3 days", "peak flow 150",
}
var vitalsES = []string{
	"la presión en 170/100", "el azúcar en 398", "la fiebre de 39.8", "la oxigenación en 87", "el pulso en 140",
	"la glucosa en 42", "la presión alta 190/115", "temperatura de 40",
}

var conditionsEN = []string{
	"type 2 diabetes that is not controlled", "stage 3 kidney disease", "congestive heart failure", "a bad COPD flare", "stage II breast cancer",
	"bipolar disorder", "major depression", "schizophrenia", "PTSD from the deployment", "HIV",
	"hepatitis C", "syphilis", "genital herpes", "epilepsy with breakthrough seizures", "early onset Alzheimer's",
	"atrial fibrillation", "lupus", "Crohn's disease", "multiple sclerosis", "opioid use disorder",
	"alcohol use disorder", "anorexia", "endometriosis", "PCOS", "gestational diabetes",
	"preeclampsia", "sickle cell disease", "stage 4 lung cancer", "a DVT in my left leg", "sleep apnea",
}
var conditionsES = []string{
	"diabetes tipo 2 descontrolada", "insuficiencia renal crónica", "cáncer de mama", "depresión mayor", "VIH",
	"epilepsia", "presión alta", "tuberculosis", "cirrosis del hígado", "artritis reumatoide",
	"esquizofrenia", "trastorno bipolar", "hepatitis B", "asma severa", "anemia falciforme",
}
var conditionsPT = []string{"diabetes tipo 2", "câncer de próstata", "depressão grave", "pressão alta", "insuficiência cardíaca", "HIV", "asma"}
var conditionsFR = []string{"un diabète de type 2", "un cancer du sein", "une dépression sévère", "de l'hypertension", "une insuffisance cardiaque", "le VIH"}

var pregnancyEN = []string{"12 weeks pregnant", "8 weeks along", "in my second trimester", "pregnant with twins", "34 weeks pregnant", "about 6 weeks pregnant", "recovering from a miscarriage last month", "20 weeks along"}
var pregnancyES = []string{"estoy embarazada de 20 semanas", "tengo 3 meses de embarazo", "estoy embarazada de gemelos", "perdí el bebé la semana pasada", "tengo 9 semanas de embarazo"}
var pregnancyPT = []string{"grávida de 16 semanas", "com 7 meses de gestação", "grávida de gêmeos"}
var pregnancyFR = []string{"enceinte de 5 mois", "enceinte de 11 semaines"}

var specialtyEN = []string{"my oncology appointment", "the HIV clinic", "the methadone clinic", "dialysis", "my chemo session",
	"the fertility clinic", "my psychiatrist appointment", "rehab intake", "the wound care clinic", "my prenatal visit",
	"the STD clinic", "detox", "my infusion for the MS", "the transplant clinic", "radiation therapy"}
var specialtyES = []string{"mi cita de oncología", "la clínica de metadona", "mi sesión de quimio", "la hemodiálisis", "mi consulta de psiquiatría",
	"la clínica de VIH", "mi control prenatal", "la clínica de fertilidad", "mi radioterapia"}

var mentalEN = []string{"panic attacks every night", "thoughts of hurting myself", "anxiety through the roof since the layoff", "hearing voices again",
	"depression getting worse", "not sleeping for 4 days and racing thoughts", "flashbacks and nightmares", "binge eating and purging again",
	"thoughts of ending my life"}
var mentalES = []string{"ataques de pánico", "una depresión muy fuerte", "pensamientos de hacerme daño", "ansiedad todo el día", "escucho voces otra vez", "no quiero seguir viviendo"}

var sexualEN = []string{"burning when I pee and discharge", "a possible HIV exposure last weekend", "positive for gonorrhea", "sores down there",
	"erectile dysfunction", "bleeding after sex", "a condom broke and I need PEP", "my partner tested positive for chlamydia"}
var sexualES = []string{"ardor al orinar y flujo", "una posible exposición al VIH", "llagas en mis partes", "sangrado después de tener relaciones", "mi pareja salió positiva a clamidia"}

var substanceEN = []string{"using meth again", "drinking a fifth of vodka a day", "relapsed on fentanyl", "smoking crack on weekends",
	"vaping THC every day", "taking pills I buy off the street", "shooting heroin again", "drinking 12 beers a night"}
var substanceES = []string{"usando cocaína los fines de semana", "tomando mucho alcohol todos los días", "recaí con el cristal", "fumando marihuana diario"}

var symptomsEN = []string{"chest pain going down my left arm", "blood in my stool", "throwing up for 3 days", "sharp pain in my lower right side",
	"a rash all over my chest and back", "swollen ankles", "short of breath on the stairs", "a migraine with the flashing lights",
	"dizzy and passed out twice", "a lump in my left breast", "coughing up blood", "numbness in my right hand",
	"black tarry stools", "my vision went blurry in one eye", "the worst headache of my life", "pain when I swallow and a fever",
	"leaking fluid", "my incision is red and oozing", "ringing in my ears and vertigo", "bad cramps and spotting"}
var symptomsES = []string{"dolor de pecho", "sangrado vaginal", "fiebre de tres días", "me falta el aire", "vómito con sangre",
	"dolor fuerte de cabeza", "los pies muy hinchados", "diarrea con sangre", "mareos y desmayos", "una bolita en el seno",
	"ardor en el estómago", "dolor en la parte baja de la espalda"}
var symptomsPT = []string{"dor no peito", "falta de ar", "febre alta desde ontem", "sangramento forte", "tontura e desmaio"}
var symptomsFR = []string{"une douleur à la poitrine", "du mal à respirer", "de la fièvre depuis trois jours", "des saignements", "des vertiges"}

// lorem is placeholder Latin as it turns up in test messages and
// templates pasted by mistake.
var lorem = []string{"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor",
	"incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud", "exercitation",
	"ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit"}
