package policy

// How Spanish-speaking patients tell a mental-health state without a
// chart word: the wish not to go on ("ya no quiero seguir"), appetite
// gone ("no tengo hambre desde hace días", "se le quitó el hambre"),
// nerves that never rest ("estoy nerviosa todo el tiempo"), cutting
// ("mi hijo se corta los brazos"), forgetting ("se me olvida todo") and
// being hit at home ("mi esposo me pega"). Each shape's distinctive word
// carries snShape in the sensitive families, so a message without one
// pays nothing; the shape below decides, and sensitiveStatements ties it
// to a person (a subject, a possessive, a verb that carries its own
// person) and grows it to its clause. The everyday senses stay readable:
// "no quiero seguir esperando", "estoy nerviosa por la cita", "se corta
// el pelo", "se me olvidó la tarjeta", "pega la etiqueta".

// mindShapeWords are the words that open a shape.
var mindShapeWords = []string{"seguir", "hambre", "nerviosa", "nervioso", "nerviosas", "nerviosos", "corta", "cortando",
	"olvida", "pega", "golpea"}

// mindShapeOpens reports the words after a reflexive "se" that open one
// of the shapes: "se corta", "se está cortando", "se me olvida".
func mindShapeOpens(a, b []byte) bool {
	switch string(a) {
	case "corta", "cortando":
		return true
	case "esta", "sigue", "me":
		return string(b) == "cortando" || string(b) == "olvida"
	}
	return false
}

// mindShape reads the shape opened at token k.
func (sc *scanner) mindShape(k int, s, e *int, typ *SpanType) bool {
	n := len(sc.toks)
	end := func(j int) bool { return j >= n || sc.kind(j) == tkPunct || sc.clauseEnd(j) }
	oneOf := func(j int, ws ...string) bool {
		w := string(sc.word(j))
		for _, x := range ws {
			if w == x {
				return true
			}
		}
		return false
	}
	// A stretch of time that makes a state a standing one: "todo el
	// tiempo", "todos los días", "siempre", "a cada rato".
	always := func(j int) int {
		switch {
		case sc.is(j, "siempre"):
			return j
		case sc.is(j, "todo") && sc.is(j+1, "el") && sc.is(j+2, "tiempo"), sc.is(j, "todos") && sc.is(j+1, "los") && sc.is(j+2, "dias"):
			return j + 2
		case sc.is(j, "a") && sc.is(j+1, "cada") && sc.is(j+2, "rato"):
			return j + 2
		}
		return -1
	}
	switch string(sc.word(k)) {
	case "seguir":
		// "ya no quiero seguir", "no quiero seguir viviendo"; not "no
		// quiero seguir esperando".
		if oneOf(k-1, "quiero", "quiere", "puedo", "puede") && sc.is(k-2, "no") && (end(k+1) || timeAfter(sc.word(k+1)) || oneOf(k+1, "viviendo", "aqui", "asi", "mas")) {
			*s = k - 2
			if oneOf(k+1, "viviendo", "aqui", "asi", "mas") {
				*e = k + 1
			}
			return true
		}
	case "hambre":
		// "no tengo hambre desde hace días", "ando sin hambre", "se le
		// quitó el hambre".
		if oneOf(k-1, "tengo", "tiene", "siento", "da", "me", "le") && sc.is(k-2, "no") || sc.is(k-1, "sin") || sc.is(k-1, "el") && oneOf(k-2, "quito", "quita") {
			*s = k - 2
			if sc.is(k-1, "sin") {
				*s = k - 1
			}
			return true
		}
	case "nerviosa", "nervioso", "nerviosas", "nerviosos":
		// "estoy muy nerviosa todo el tiempo"; not "nerviosa por la cita".
		if a := always(k + 1); a > 0 {
			*e = a
			return true
		}
	case "corta", "cortando":
		// "mi hijo se corta los brazos", "se está cortando otra vez"; not
		// "se corta el pelo".
		p := k - 1
		if sc.is(p, "esta") || sc.is(p, "sigue") {
			p--
		}
		if sc.is(p, "se") && (end(k+1) || oneOf(k+1, "otra") || (oneOf(k+1, "los", "las") && oneOf(k+2, "brazos", "piernas", "munecas", "muslos"))) {
			*s = p
			if oneOf(k+2, "brazos", "piernas", "munecas", "muslos", "vez") {
				*e = k + 2
			}
			return true
		}
	case "olvida":
		// "se me olvida todo"; not "se me olvidó la tarjeta".
		if sc.is(k-1, "me") && sc.is(k-2, "se") && oneOf(k+1, "todo") {
			*s, *e = k-2, k+1
			return true
		}
	case "pega", "golpea":
		// "mi esposo me pega", "le pega a los niños"; not "pega la
		// etiqueta".
		if oneOf(k-1, "me", "le", "nos") {
			*s = k - 1
			return true
		}
	}
	return false
}
