package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// generateCuedLines writes the sets below from a source of their own, so
// the sets before them keep their messages.
func generateCuedLines(seed uint64) []Example {
	g := &gen{r: rand.New(rand.NewPCG(seed^0xadd7e55, seed+6))}
	return g.generateSets(categoryTemplates6, nil)
}

// categoryTemplates6 holds address lines written after an address cue in
// the orders of South and East Asia, Latin America and Africa, in any
// case, and the cued sentences that are no address.
var categoryTemplates6 = []tmplSet{
	{cat: "place-cued-line", lang: "en", tune: []string{
		"my address is {CUEDLINE}",
		"address: {CUEDLINE}",
		"my mother lives at {CUEDLINE}",
		"please send it to {CUEDLINE}",
	}, held: []string{
		"home address - {CUEDLINE}",
		"we just moved to {CUEDLINE}",
	}},
	{cat: "place-cued-line", lang: "es", tune: []string{
		"mi dirección es {CUEDLINE}",
		"vivo en {CUEDLINE}",
	}, held: []string{
		"mi domicilio: {CUEDLINE}",
	}},
	{cat: "precision-cued-line", lang: "en", tune: []string{
		"my address is {CUEDNOT}",
		"I live at {CUEDNOT}",
		"our address is {CUEDWAY}",
	}, held: []string{
		"she lives at {CUEDNOT}",
		"address: {CUEDWAY}",
	}},
}

var (
	cuedINLocal  = []string{"Koramangala", "Jayanagar", "Malleswaram", "Kothrud", "Salt Lake", "Gomti Nagar", "Vastrapur", "Tilak Nagar", "Anna Nagar", "Powai"}
	cuedINTown   = []string{"Pune", "Kolkata", "Lucknow", "Ahmedabad", "Chennai", "Jaipur", "Bhopal", "Nagpur", "Kochi", "Indore"}
	cuedJPArea   = []string{"Umeda", "Tenjin", "Sakae", "Nishiki", "Kita", "Minato", "Aoba", "Naka", "Higashi", "Ebisu"}
	cuedJPWard   = []string{"Kita-ku", "Naka-ku", "Chuo-ku", "Aoba-ku", "Minato-ku", "Sakyo-ku", "Meguro-ku", "Setagaya-ku"}
	cuedJPTown   = []string{"Osaka", "Fukuoka", "Nagoya", "Sendai", "Kyoto", "Yokohama", "Sapporo", "Kobe"}
	cuedKRRoad   = []string{"Jongno", "Hangang-daero", "Dosan-daero", "Yeouido-ro", "Bongeunsa-ro", "Eulji-ro", "Haeundae-ro"}
	cuedKRGu     = []string{"Mapo-gu", "Seocho-gu", "Songpa-gu", "Haeundae-gu", "Yeongdeungpo-gu", "Nam-gu", "Suseong-gu"}
	cuedKRTown   = []string{"Seoul", "Busan", "Daegu", "Incheon", "Gwangju", "Daejeon"}
	cuedCOType   = []string{"Cra", "Cl", "Calle", "Carrera", "Kr", "Dg", "Tv"}
	cuedCOBarrio = []string{"Chapinero", "El Poblado", "Laureles", "Barrio San Fernando", "Cedritos", "Usaquén", "Granada"}
	cuedCOTown   = []string{"Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira"}
	cuedPHSubd   = []string{"Greenfields", "Villa Verde", "Camella Homes", "Sta. Lucia", "Metro Heights", "BF Homes"}
	cuedPHTown   = []string{"Quezon City", "Pasig City", "Cavite", "Antipolo", "Davao City", "Cebu City"}
	cuedNGName   = []string{"Adebayo", "Okonkwo", "Balogun", "Nnamdi", "Mbadiwe", "Karume", "Odinga", "Kenyatta"}
	cuedNGType   = []string{"Close", "Crescent", "Street", "Avenue", "Road"}
	cuedNGTown   = []string{"Ikeja, Lagos", "Enugu", "Abuja", "Ibadan", "Kilimani, Nairobi", "Westlands, Nairobi", "Kampala"}
	cuedCNRoad   = []string{"Huaihai", "Zhongshan", "Renmin", "Heping", "Jiefang", "Wuyi"}
	cuedCNDist   = []string{"Xuhui", "Tianhe", "Jinjiang", "Haidian", "Futian", "Yuexiu"}
	cuedCNTown   = []string{"Shanghai", "Guangzhou", "Chengdu", "Beijing", "Shenzhen", "Wuhan"}

	// cuedNot are what follows an address cue when it is no address.
	cuedNot = []string{"the same, nothing changed", "still the same as last year, 3 years now", "on file, thanks, see you at 3",
		"home, 2 kids and a dog", "the shelter, bed 12, until friday", "5 minutes from you, 2 blocks away",
		"home, takes 2 tablets, 500mg, twice a day", "the same place, since 2019, with my son",
		"the old one, the new one starts on the 1st, ok?", "work most days, 9 to 5, mon to fri"}
	// cuedWay is clinic wayfinding after "our address is".
	cuedWay = []string{"2nd floor, suite 300, east wing", "building 2, floor 3, room 12", "level 4, bay 14, next to the lifts",
		"3rd floor, room 305, past the pharmacy"}
)

// cuedLine draws an address line in one country's order, in the case it
// is written or all in lower case.
func (g *gen) cuedLine() string {
	n := func(max int) string { return fmt.Sprint(1 + g.r.IntN(max)) }
	var line string
	switch g.r.IntN(7) {
	case 0: // India
		house := g.pick([]string{n(400), g.pick([]string{"A", "B", "C", "D"}) + "-" + n(99), n(40) + "/" + n(9), "Flat " + n(800), "H.No " + n(20) + "-" + n(9) + "-" + n(300)})
		line = house + ", " + g.pick([]string{g.pick([]string{"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "12th"}) + g.pick([]string{" Cross", " Main", " Block", " Stage"}), "Sector " + n(60), "Phase " + n(4)}) +
			", " + g.pick(cuedINLocal) + ", " + g.pick(cuedINTown) + g.pick([]string{" ", " - ", "-"}) + g.digits(6)
	case 1: // Japan
		line = n(9) + "-" + n(20) + "-" + n(30) + " " + g.pick(cuedJPArea) + ", " + g.pick(cuedJPWard) + ", " + g.pick(cuedJPTown)
		if g.r.IntN(2) == 0 {
			line += " " + g.digits(3) + "-" + g.digits(4)
		}
	case 2: // Korea
		line = n(300) + " " + g.pick(cuedKRRoad) + ", " + g.pick(cuedKRGu) + ", " + g.pick(cuedKRTown)
		if g.r.IntN(2) == 0 {
			line += " " + g.digits(5)
		}
	case 3: // Colombia
		line = g.pick(cuedCOType) + " " + n(120) + g.pick([]string{" # ", " #", " No. ", " no "}) + n(99) + "-" + n(99) +
			", " + g.pick(cuedCOBarrio) + ", " + g.pick(cuedCOTown)
	case 4: // Philippines
		line = "Blk " + n(30) + " Lot " + n(40) + ", Phase " + n(5) + ", " + g.pick(cuedPHSubd) + " Subd, " + g.pick(cuedPHTown)
	case 5: // Nigeria, Kenya, Uganda
		line = g.pick([]string{"No ", "No. ", ""}) + n(60) + " " + g.pick(cuedNGName) + " " + g.pick(cuedNGType) + ", " +
			g.pick([]string{"off " + g.pick(cuedNGName) + " Road, ", ""}) + g.pick(cuedNGTown)
	default: // China
		line = g.pick([]string{"Room " + n(2000) + ", ", ""}) + "Building " + n(20) + ", " + n(500) + " " + g.pick(cuedCNRoad) +
			" Road, " + g.pick(cuedCNDist) + " District, " + g.pick(cuedCNTown)
	}
	if g.r.IntN(2) == 0 {
		line = strings.ToLower(line)
	}
	return line
}

func (g *gen) categoryValue6(ph, lang string) (seg, bool) {
	switch ph {
	case "CUEDLINE":
		return seg{g.cuedLine(), "ADDRESS"}, true
	case "CUEDNOT":
		return lit(g.pick(cuedNot)), true
	case "CUEDWAY":
		return lit(g.pick(cuedWay)), true
	}
	return seg{}, false
}
