package main

import (
	"fmt"
	"strings"
)

// Per-category sets for places and identifiers written the way other
// countries write them: addresses in the order and with the street types
// of about twenty postal systems, postcodes beside their town, plates
// near a vehicle word, hardware addresses of devices, ages over 89 in
// Spanish, Portuguese, French and German phrasings; and clean messages
// about parking, opening hours and prices that must stay unmasked.
var categoryTemplates5 = []tmplSet{
	{cat: "place-intl-street-types", lang: "en", tune: []string{
		"my address is {WADDR}",
		"please mail the forms to {WADDR}",
		"I moved to {WADDR} last month",
		"new address: {WADDR}",
	}, held: []string{
		"can you send the kit to {WADDR}? thanks",
		"we are staying at {WADDR} until june",
	}},
	{cat: "place-intl-street-types", lang: "es", tune: []string{
		"vivo en {WADDR}",
		"mi dirección nueva es {WADDR}",
	}, held: []string{
		"manden la carta a {WADDR} por favor",
	}},
	{cat: "place-postcode-town", lang: "en", tune: []string{
		"we're now in {PCTOWN}",
		"the parcel goes to {PCTOWN}, thanks",
		"I'm back home in {PCTOWN}",
	}, held: []string{
		"my daughter lives at {WSTREET}, {PCTOWN}",
		"the letter came back from {PCTOWN}",
	}},
	{cat: "place-postcode-town", lang: "es", tune: []string{
		"ahora estamos en {PCTOWN}",
	}, held: []string{
		"mándenlo a {PCTOWN}",
	}},
	{cat: "vehicle-plate-context", lang: "en", tune: []string{
		"my car is the grey one, {PLATECTX}",
		"I parked the van outside, it's {PLATECTX}",
		"can my son's car {PLATECTX} stay past 5?",
		"{UKPLATE} is mine, sorry I'm running late",
	}, held: []string{
		"the truck with {PLATECTX} is ours",
		"please don't ticket {UKPLATE}, I'm inside",
	}},
	{cat: "vehicle-plate-context", lang: "es", tune: []string{
		"la placa de mi carro es {PLATELOW}",
		"mi camioneta es la {PLATECTX}",
	}, held: []string{
		"dejé el coche {PLATECTX} en la entrada",
	}},
	{cat: "device-hardware-address", lang: "en", tune: []string{
		"the pump shows {MAC} on the pairing screen",
		"my monitor's address is {MAC}",
		"bluetooth id {MAC} for the new hub",
	}, held: []string{
		"the hub lists {MAC}, is that the right one?",
		"the tablet says {MAC} when I try to connect",
	}},
	{cat: "age-over-89-romance", lang: "es", tune: []string{
		"mi {ELDERES} cumplió los {OLD} el mes pasado",
		"mi {ELDERES} con {OLD} todavía camina sola",
		"mi {ELDERES}, de {OLD}, necesita ayuda para subir",
		"la señora que ya tiene {OLD} viene mañana",
	}, held: []string{
		"mi {ELDERES} cumple {OLD} el domingo",
		"mi {ELDERES} tiene ya {OLD} y sigue manejando",
	}},
	{cat: "age-over-89-romance", lang: "pt", tune: []string{
		"minha avó fez {OLD} ontem",
		"meu avô tem {OLD} e ainda dirige",
	}, held: []string{
		"minha avó completou {OLD} anos",
	}},
	{cat: "age-over-89-romance", lang: "fr", tune: []string{
		"ma grand-mère a {OLD} ans",
		"il a {OLD} et il vit seul",
	}, held: []string{
		"mon père, âgé de {OLD} ans, est tombé",
	}},
	{cat: "age-over-89-romance", lang: "de", tune: []string{
		"meine Mutter ist {OLD} Jahre alt",
	}, held: []string{
		"mein Vater wird {OLD} Jahre alt",
	}},
	{cat: "place-town-mention", lang: "en", tune: []string{
		"I'm from {WTOWN}, can I still register?",
		"we're staying in {WTOWN} until the 20th",
		"I fly back to {WTOWN} next week",
		"visiting from {WTOWNCOUNTRY}",
	}, held: []string{
		"my son is based in {WTOWN} now",
		"we grew up in {WTOWN}",
	}},
	{cat: "place-town-mention", lang: "es", tune: []string{
		"estoy en {WTOWN} hasta el lunes",
		"soy de {WTOWN}",
	}, held: []string{
		"ahorita estamos en {WTOWN}",
	}},
	{cat: "place-comma-line", lang: "en", tune: []string{
		"my address is {LINEADDR}",
		"send it to {LINEADDR} please",
		"{LINEADDR}",
	}, held: []string{
		"new address: {LINEADDR}",
		"we moved to {LINEADDR} last month",
	}},
	{cat: "place-other-script", lang: "en", tune: []string{
		"my grandmother's address is {SCRIPTADDR}",
		"please send it to {SCRIPTADDR}",
	}, held: []string{
		"the address is {SCRIPTADDR}",
	}},
	{cat: "place-other-script", lang: "es", tune: []string{
		"la dirección de mi abuela es {SCRIPTADDR}",
	}, held: []string{
		"mándenlo a {SCRIPTADDR}",
	}},
	{cat: "id-far-cue-dash", lang: "en", tune: []string{
		"my record number at {HOSPNAME} is {DASHMRN}",
		"the file number on the letter was {DASHMRN}",
		"member number on the new card is {DASHMEMBER}",
	}, held: []string{
		"my chart number from the other hospital is {DASHMRN}",
		"the claim they sent me says {DASHCLAIM}",
	}},
	{cat: "id-far-cue-dash", lang: "es", tune: []string{
		"mi número de expediente en el hospital es {DASHMRN}",
	}, held: []string{
		"el expediente que me dieron dice {DASHMRN}",
	}},
	{cat: "clinical-device", lang: "en", clinical: true, tune: []string{
		"my {MEDDEVICE} keeps alarming at night",
		"the battery on my {MEDDEVICE} died",
		"can I travel with my {MEDDEVICE}?",
	}, held: []string{
		"my dad's {MEDDEVICE} was replaced last month",
		"who do I call about my {MEDDEVICE} supplies",
	}},
	{cat: "clinical-device", lang: "es", clinical: true, tune: []string{
		"mi {MEDDEVICEES} no funciona",
	}, held: []string{
		"a mi papá le cambiaron el {MEDDEVICEES}",
	}},
	{cat: "precision-places-business", lang: "en", tune: []string{
		"{CLEANBUSINESS}",
		"hi, {CLEANBUSINESS}",
	}, held: []string{
		"{CLEANBUSINESS}, thanks",
	}},
	{cat: "precision-places-ids", lang: "en", tune: []string{
		"{CLEANPLACE}",
		"hi, {CLEANPLACE}",
		"quick question: {CLEANPLACE}",
	}, held: []string{
		"{CLEANPLACE}, thanks",
		"hello team, {CLEANPLACE}",
	}},
	{cat: "precision-places-ids", lang: "es", tune: []string{
		"{CLEANPLACEES}",
	}, held: []string{
		"hola, {CLEANPLACEES}",
	}},
}

var (
	wStems = []string{"Linden", "Eichen", "Mozart", "Kastanien", "Rosen", "Berg", "Kvarn", "Björk", "Sjö", "Koivu",
		"Mänty", "Kirke", "Molen", "Beuken", "Schiller", "Garten", "Hafen", "Tuin", "Kerk", "Mølle"}
	wNames = []string{"Garibaldi", "Mazzini", "Flores", "Oliveira", "Laranjeiras", "Długa", "Polna", "Ogrodowa",
		"Victoria", "Cervantes", "Lorca", "Machado", "Saint-Denis", "Voltaire", "Pasteur", "Sudirman", "Hidalgo",
		"Morelos", "Pessoa", "Camões", "Verdi", "Cavour", "Kościuszko", "Mickiewicza", "Alcalá"}
	wEnNames = []string{"Acacia", "Maple", "Harbour", "Kings", "Birch", "Orchard", "Elm", "Rosemount", "Station",
		"Mill", "Church", "Abbey", "Willow", "Hawthorn", "Beacon"}
	wTowns = map[string][]string{
		"de": {"Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Freiburg", "Bremen"},
		"at": {"Wien", "Graz", "Linz", "Salzburg"},
		"ch": {"Zürich", "Bern", "Basel", "Luzern"},
		"nl": {"Amsterdam", "Utrecht", "Leiden", "Haarlem", "Delft"},
		"se": {"Stockholm", "Göteborg", "Uppsala", "Malmö"},
		"no": {"Oslo", "Bergen", "Trondheim"},
		"dk": {"København", "Aarhus", "Odense"},
		"fi": {"Helsinki", "Tampere", "Turku"},
		"pl": {"Kraków", "Warszawa", "Gdańsk", "Poznań", "Wrocław"},
		"pt": {"Lisboa", "Porto", "Braga", "Coimbra"},
		"br": {"São Paulo", "Curitiba", "Recife", "Salvador"},
		"fr": {"Paris", "Lyon", "Marseille", "Toulouse", "Nantes"},
		"it": {"Roma", "Milano", "Torino", "Bologna", "Firenze"},
		"es": {"Madrid", "Sevilla", "Valencia", "Zaragoza", "Bilbao"},
		"co": {"Bogotá", "Medellín", "Cali"},
		"uk": {"Leeds", "Bristol", "Manchester", "Edinburgh", "Cardiff"},
		"ca": {"Toronto", "Ottawa", "Montréal", "Vancouver"},
		"au": {"Sydney", "Melbourne", "Brisbane", "Hobart"},
		"in": {"Noida", "Pune", "Bengaluru", "Chennai"},
		"id": {"Jakarta", "Bandung", "Surabaya"},
	}
	countryOf = map[string][]string{"de": {"Germany", "Deutschland"}, "at": {"Austria"}, "ch": {"Switzerland"},
		"nl": {"Netherlands"}, "se": {"Sweden"}, "no": {"Norway"}, "dk": {"Denmark"}, "fi": {"Finland"}, "pl": {"Poland"},
		"pt": {"Portugal"}, "br": {"Brasil"}, "fr": {"France"}, "it": {"Italy"}, "es": {"España"}, "co": {"Colombia"},
		"uk": {"UK", "United Kingdom"}, "ca": {"Canada"}, "au": {"Australia"}, "in": {"India"}, "id": {"Indonesia"}}
	wStyles = []string{"de", "at", "ch", "nl", "se", "no", "dk", "fi", "pl", "pt", "br", "fr", "it", "es", "co", "uk", "ca", "au", "in", "id"}

	cleanPlaces = []string{"the car park is on level 2, bay 14 is closest to the lifts",
		"parking for cars is free after 6pm", "we close at 5:30 on fridays, the garage closes at 6",
		"is the copay $25 for the car seat check?", "the lab is on floor 3, room 304",
		"the clinic opens at 8am, the van for wheelchairs leaves at 9", "route 12 bus stops at the main door",
		"the parking fee is $4 per hour, up to $12 a day", "gate 3 is the one for cars, gate 5 for bikes",
		"visiting hours are 10 to 8, cars can wait in lot C", "does the 90 minute parking limit apply to vans?",
		"our shuttle van holds 12 people", "the ticket machine takes cards, about $3.50",
		"we have 120 spaces for cars on level P1 and P2"}
	cleanPlacesES = []string{"el estacionamiento para carros está en el nivel 2", "abrimos a las 8 y cerramos a las 6",
		"la consulta cuesta 500 pesos", "la camioneta de la clínica sale a las 9", "el laboratorio está en el piso 3, sala 12",
		"el parqueo cuesta 20 pesos la hora", "la ruta 12 para frente a la clínica"}
)

var (
	lineUnits     = []string{"Flat", "Apartment", "House", "Unit", "Piso", "Block"}
	lineBuildings = []string{"Sai Apartments", "Rosewood House", "Harbour Towers", "Palm Residency", "Green Park Complex",
		"Edificio Miramar", "Torre Norte", "Lakeview Mansions", "Oak Court", "Kensington Heights"}
	lineStreets = []string{"MG Road", "Station Road", "Park Lane", "Church Street", "Avenida Central", "Mill Lane",
		"Calle Real", "Rua Nova", "Linking Road", "Hill Crescent"}
	lineTowns   = []string{"Pune", "Hyderabad", "Leeds", "Cebu", "Nairobi", "Lagos", "Kochi", "Ashby", "Panamá", "Quito"}
	scriptAddrs = []string{"ул. Ленина 10", "ул. Тверская, д. 7", "проспект Мира 21", "Οδός Ερμού 25", "Λεωφόρος Κηφισίας 12",
		"شارع الملك فهد 12", "طريق الملك عبدالله 40", "רחוב הרצל 10", "שדרות רוטשילד 22", "ถนน สุขุมวิท 11", "вул. Хрещатик 15"}
	hospNames  = []string{"Mercy", "St. Mary's", "General", "Memorial", "the children's hospital", "County"}
	medDevices = []string{"insulin pump", "pacemaker", "CPAP", "CPAP machine", "hearing aid", "oxygen concentrator",
		"cochlear implant", "glucose monitor", "Dexcom", "feeding tube", "colostomy bag", "defibrillator"}
	medDevicesES  = []string{"marcapasos", "bomba de insulina", "audífono", "concentrador de oxígeno", "monitor de glucosa"}
	cleanBusiness = []string{"we are at the pharmacy now", "I'm at the front desk", "we are at Riverbend Family Health",
		"do you need my W-2 form for the sliding scale?", "I'm in the lobby",
		"is the office in Building C?", "I'm at Walgreens picking up the forms", "we're in the parking garage",
		"my form says Section B-2, is that right?"}
)

func (g *gen) lettersOf(n int, from string) string {
	var b strings.Builder
	for k := 0; k < n; k++ {
		b.WriteByte(from[g.r.IntN(len(from))])
	}
	return b.String()
}

// worldStreet is a street line in the style of one country.
func (g *gen) worldStreet(style string) string {
	n := fmt.Sprint(1 + g.r.IntN(180))
	switch style {
	case "de":
		return g.pick(wStems) + g.pick([]string{"straße", "str.", "weg", "gasse", "platz", "allee", "ring"}) + " " + n
	case "at":
		return g.pick([]string{"Wiedner", "Mariahilfer", "Linzer", "Grazer"}) + " " + g.pick([]string{"Hauptstraße", "Straße", "Gasse"}) + " " + n + "/" + fmt.Sprint(1+g.r.IntN(20))
	case "ch":
		return g.pick(wStems) + g.pick([]string{"strasse", "weg", "gasse"}) + " " + n
	case "nl":
		return g.pick(wStems) + g.pick([]string{"straat", "weg", "laan", "gracht", "plein", "kade", "singel"}) + " " + n
	case "se":
		return g.pick(wStems) + g.pick([]string{"gatan", "vägen"}) + " " + n
	case "no":
		return g.pick([]string{"Karl Johans", "Kongens", "Dronningens", "Olav Kyrres"}) + " " + g.pick([]string{"gate", "vei"}) + " " + n
	case "dk":
		return g.pick(wStems) + g.pick([]string{"gade", "vej", "allé"}) + " " + n
	case "fi":
		return g.pick(wStems) + g.pick([]string{"katu", "tie", "kuja"}) + " " + n
	case "pl":
		return g.pick([]string{"ul.", "ulica", "al."}) + " " + g.pick(wNames) + " " + n + g.pick([]string{"", "/" + fmt.Sprint(1+g.r.IntN(40))})
	case "pt", "br":
		return g.pick([]string{"Rua", "Travessa", "Avenida", "Largo", "Estrada"}) + " " + g.pick([]string{"do", "da", "de", "dos"}) + " " + g.pick(wNames) + " " + n
	case "fr":
		return n + " " + g.pick([]string{"rue", "avenue", "boulevard", "impasse", "quai", "chemin"}) + " " + g.pick([]string{"de la", "du", "des", ""}) + " " + g.pick(wNames)
	case "it":
		return g.pick([]string{"Via", "Viale", "Corso", "Piazza", "Vicolo"}) + " " + g.pick(wNames) + " " + n
	case "es":
		return g.pick([]string{"Calle", "C/", "Avda.", "Paseo", "Plaza", "Ronda"}) + " " + g.pick([]string{"de ", ""}) + g.pick(wNames) + " " + n
	case "co":
		return g.pick([]string{"Carrera", "Calle", "Diagonal"}) + " " + fmt.Sprint(1+g.r.IntN(120)) + g.pick([]string{"", "A", "B"}) + " # " + fmt.Sprint(1+g.r.IntN(99)) + "-" + fmt.Sprint(1+g.r.IntN(99))
	case "uk":
		return n + " " + g.pick(wEnNames) + " " + g.pick([]string{"Road", "Lane", "Close", "Crescent", "Gardens", "Mews", "Street"})
	case "ca":
		return n + " " + g.pick(wEnNames) + " " + g.pick([]string{"St", "Ave", "Rd", "Blvd"})
	case "au":
		return n + " " + g.pick(wEnNames) + " " + g.pick([]string{"St", "Rd", "Street", "Parade"})
	case "in":
		return g.pick([]string{"Plot", "House", "Flat"}) + " " + n + ", " + g.pick([]string{"Sector", "Block"}) + " " + fmt.Sprint(1+g.r.IntN(60))
	case "id":
		return "Jl. " + g.pick(wNames) + " No. " + n
	}
	panic("corpusgen: unknown address style " + style)
}

// worldPostcode is a postcode in the format of one country.
func (g *gen) worldPostcode(style string) string {
	switch style {
	case "de", "fr", "it", "es", "fi", "id":
		return g.digits(5)
	case "at", "ch", "no", "dk", "au":
		return fmt.Sprint(1000 + g.r.IntN(8999))
	case "nl":
		return fmt.Sprint(1000+g.r.IntN(8999)) + " " + g.lettersOf(2, "ABCDEGHJKLMNPRSTVWXZ")
	case "se":
		return fmt.Sprint(100+g.r.IntN(899)) + " " + g.digits(2)
	case "pl":
		return g.digits(2) + "-" + g.digits(3)
	case "pt":
		return fmt.Sprint(1000+g.r.IntN(8999)) + "-" + g.digits(3)
	case "br":
		return g.digits(5) + "-" + g.digits(3)
	case "uk":
		return g.lettersOf(2, "BDEGHLMNPSW") + fmt.Sprint(1+g.r.IntN(20)) + " " + g.digits(1) + g.lettersOf(2, "ABDEFGHJLNPQRSTUWXYZ")
	case "ca":
		l := "ABCEGHJKLMNPRSTVXY"
		return g.lettersOf(1, l) + g.digits(1) + g.lettersOf(1, l) + " " + g.digits(1) + g.lettersOf(1, l) + g.digits(1)
	case "in":
		return fmt.Sprint(110000 + g.r.IntN(700000))
	}
	return ""
}

// worldAddress is a whole address line: street, postcode and town in the
// country's order, a region where the post wants one, sometimes a unit
// first and sometimes the country last.
func (g *gen) worldAddress() string {
	style := g.pick(wStyles)
	street := g.worldStreet(style)
	town := g.pick(wTowns[style])
	pc := g.worldPostcode(style)
	var line string
	switch style {
	case "uk":
		line = street + ", " + town + " " + pc
	case "ca":
		line = street + ", " + town + ", " + g.pick([]string{"ON", "QC", "BC"}) + " " + pc
	case "au":
		line = street + ", " + town + " " + g.pick([]string{"NSW", "VIC", "QLD", "TAS"}) + " " + pc
	case "in", "id":
		line = street + ", " + town + " " + pc
	case "co":
		line = street + ", " + town
	default:
		line = street + ", " + pc + " " + town
	}
	if (style == "uk" || style == "au" || style == "ca") && g.r.IntN(3) == 0 {
		line = g.pick([]string{"Flat", "Apartment", "Unit"}) + " " + fmt.Sprint(1+g.r.IntN(30)) + g.pick([]string{"", "B"}) + ", " + line
	}
	if g.r.IntN(3) == 0 {
		line += ", " + g.pick(countryOf[style])
	}
	return line
}

func (g *gen) categoryValue5(ph, lang string) (seg, bool) {
	switch ph {
	case "WADDR":
		return seg{g.worldAddress(), "ADDRESS"}, true
	case "WSTREET":
		return seg{g.worldStreet(g.pick([]string{"de", "nl", "se", "it", "es", "pl", "pt"})), "ADDRESS"}, true
	case "PCTOWN":
		style := g.pick([]string{"de", "fr", "it", "es", "pl", "pt", "se", "br", "fi"})
		return seg{g.worldPostcode(style) + " " + g.pick(wTowns[style]), "ADDRESS"}, true
	case "PLATECTX":
		up := "ABCDEFGHJKLMNPRSTUVWXYZ"
		var p string
		switch g.r.IntN(5) {
		case 0:
			p = g.digits(1) + g.lettersOf(3, up) + g.digits(3) // US
		case 1:
			p = g.lettersOf(3, up) + " " + g.digits(4)
		case 2:
			p = g.lettersOf(2, up) + "-" + g.digits(3) + "-" + g.lettersOf(2, up) // France
		case 3:
			p = g.lettersOf(3, up) + "-" + g.digits(2) + "-" + g.digits(2) // Mexico
		default:
			p = g.digits(4) + " " + g.lettersOf(3, up) // Spain
		}
		return seg{p, "VEHICLE"}, true
	case "PLATELOW":
		return seg{strings.ToLower(g.lettersOf(3, "abcdefghjklmnprstuvwxyz")) + g.pick([]string{" ", "-", ""}) + g.digits(3+g.r.IntN(2)), "VEHICLE"}, true
	case "UKPLATE":
		return seg{g.lettersOf(2, "ABDEFGHKLMNOPRSVWY") + g.digits(2) + " " + g.lettersOf(3, "ABCDEFGHJKLMNOPRSTUVWXYZ"), "VEHICLE"}, true
	case "MAC":
		hex := "0123456789ABCDEF"
		if g.r.IntN(2) == 0 {
			hex = "0123456789abcdef"
		}
		sep := g.pick([]string{":", "-"})
		parts := make([]string, 6)
		for k := range parts {
			parts[k] = g.lettersOf(2, hex)
		}
		return seg{strings.Join(parts, sep), "DEVICE"}, true
	case "WTOWN":
		return seg{g.pick(wTowns[g.pick(wStyles)]), "ADDRESS"}, true
	case "WTOWNCOUNTRY":
		st := g.pick(wStyles)
		return seg{g.pick(wTowns[st]) + ", " + g.pick(countryOf[st]), "ADDRESS"}, true
	case "LINEADDR":
		u := g.pick(lineUnits) + " " + fmt.Sprint(1+g.r.IntN(400))
		parts := []string{u, g.pick(lineBuildings), g.pick(lineStreets), g.pick(lineTowns)}
		if g.r.IntN(3) == 0 {
			parts = []string{u, g.pick(lineStreets), g.pick(lineTowns)}
		}
		return seg{strings.Join(parts, ", "), "ADDRESS"}, true
	case "SCRIPTADDR":
		return seg{g.pick(scriptAddrs), "ADDRESS"}, true
	case "HOSPNAME":
		return lit(g.pick(hospNames)), true
	case "DASHMRN", "DASHMEMBER", "DASHCLAIM":
		pre := g.pick([]string{"MR", "F", "EXP", "HC", "PT", "A", "CH", "MB", "CL", "X"})
		code := pre + "-" + g.digits(4+g.r.IntN(3))
		if g.r.IntN(2) == 0 {
			code += "-" + g.digits(2)
		}
		typ := map[string]string{"DASHMRN": "MRN", "DASHMEMBER": "MEMBER_ID", "DASHCLAIM": "ACCOUNT"}[ph]
		return seg{code, typ}, true
	case "MEDDEVICE":
		return seg{g.pick(medDevices), "CONDITION"}, true
	case "MEDDEVICEES":
		return seg{g.pick(medDevicesES), "CONDITION"}, true
	case "CLEANBUSINESS":
		return lit(g.pick(cleanBusiness)), true
	case "CLEANPLACE":
		return lit(g.pick(cleanPlaces)), true
	case "CLEANPLACEES":
		return lit(g.pick(cleanPlacesES)), true
	}
	return seg{}, false
}
