package policy

// moneyAmount reports tokens [j, end] as a sum of money rather than the
// identifier a cue announced: a number with a cents part ("my invoice
// says 145.50", "the account balance is 1,250.00") or a number with a
// currency sign or word beside it ("bill 2450 pesos", "$12000"). An
// account or invoice number is written neither with cents nor with a
// currency: "invoice 10482.7731", "account 4417-2209" stay identifiers,
// and so do a value called a number ("invoice number is 2023.11") and
// one right after its cue ("invoice 2023.11").
func (sc *scanner) moneyAmount(j, end int) bool {
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		switch string(sc.word(k)) {
		case "number", "no", "num", "nbr", "nro", "numero", "#", "id", "code", "codigo":
			return false // "invoice number is 2023.11": a number by name
		}
	}
	if sc.isP(j-1, '$') || currencyWord(sc.word(end+1)) {
		return true
	}
	if sc.toks[j-1].ent.cue == cueID {
		return false // "invoice 2023.11": the value right after its cue
	}
	// Digits, thousands groups of three after commas, a dot and two.
	k := j
	if sc.kind(k) != tkNum || sc.toks[k].e-sc.toks[k].s > 6 {
		return false
	}
	for sc.isP(k+1, ',') && sc.attached(k+1) && sc.attached(k+2) && sc.kind(k+2) == tkNum && sc.toks[k+2].e-sc.toks[k+2].s == 3 {
		k += 2
	}
	return k+2 == end && sc.isP(k+1, '.') && sc.attached(k+1) && sc.attached(end) && sc.kind(end) == tkNum &&
		sc.toks[end].e-sc.toks[end].s == 2
}

// currencyWord reports a currency written after an amount.
func currencyWord(w []byte) bool {
	switch string(w) {
	case "dollars", "dollar", "usd", "bucks", "euros", "euro", "eur", "pesos", "peso", "reais", "real", "soles", "sol",
		"pounds", "gbp", "cad", "mxn", "brl", "php", "cop", "ars", "clp", "quetzales", "lempiras", "colones", "bolivianos":
		return true
	}
	return false
}
