package policy

// nutrientOfFood reports a test named for a nutrient that is said of a
// food, not of a body: "el sodio de la comida del hospital es muy alto",
// "the sugar in the cafeteria drinks", "o sódio da sopa". The same words
// of a person ("mi sodio salió bajo", "his sugar was 300", "el sodio en
// la sangre") stay a lab.
func (sc *scanner) nutrientOfFood(m mark) bool {
	if m.e.clin != SpanLab || m.te-m.ts != 1 || !nutrientWord(sc.txt(m.ts)) {
		return false
	}
	k := m.te
	switch string(sc.word(k)) {
	case "de", "del", "da", "do", "du", "in", "of", "en", "na", "no", "dans":
		k++
	default:
		return false
	}
	switch string(sc.word(k)) {
	case "la", "el", "los", "las", "the", "a", "o", "os", "as", "le", "les", "this", "that", "these", "your", "esta", "este", "essa", "esse":
		k++
	}
	return foodNoun(sc.word(k))
}

// nutrientWord reports a lab that is also something food holds.
func nutrientWord(w []byte) bool {
	switch string(w) {
	case "sodium", "sodio", "sugar", "sugars", "azucar", "acucar", "sucre", "salt", "sal", "sel", "potassium", "potasio",
		"potassio", "calcium", "calcio", "iron", "hierro", "ferro", "fer", "cholesterol", "colesterol", "cholesterol's",
		"fat", "grasa", "gordura", "protein", "proteina", "glucose", "glucosa":
		return true
	}
	return false
}

// foodNoun reports a food, a drink or a meal.
func foodNoun(w []byte) bool {
	switch string(w) {
	case "food", "foods", "meal", "meals", "menu", "soup", "snack", "snacks", "drink", "drinks", "soda", "sodas", "juice",
		"bread", "cereal", "sauce", "cafeteria", "canteen", "diet",
		"comida", "comidas", "sopa", "bebida", "bebidas", "refresco", "refrescos", "jugo", "jugos", "pan", "salsa", "caldo",
		"almuerzo", "desayuno", "cena", "merienda", "cafeteria's",
		"refeicao", "refeicoes", "suco", "sucos", "lanche", "cantina",
		"repas", "nourriture", "soupe", "boisson", "boissons", "pain", "cantine":
		return true
	}
	return false
}
