package policy

// Addresses of the Gulf, Pakistan and other planned towns are a list of
// numbered parts, each a label and its number, with or without commas:
// "building 12, street 5, block 3, salmiya", "zone 66 street 910 building
// 22 doha", "house 45, street 12, f-7/2, islamabad", "block 4 st 410 house
// 27". Three or more such pairs, one naming a street or zone and one a
// building, house or block, are an address; wayfinding inside a clinic
// ("building 2, floor 3, room 305") names no street and stays.

// gridLabel tells what a label of a numbered part names.
func gridLabel(w []byte) (street, building bool) {
	switch string(w) {
	case "street", "st", "road", "rd", "zone", "avenue", "ave", "lane", "way", "jadda", "sikka", "sector", "area":
		return true, false
	case "building", "bldg", "bld", "block", "blk", "house", "villa", "flat", "apt", "plot", "compound", "unit":
		return false, true
	}
	return false, false
}

// gridPair returns the last token of "label number" at token i, or -1, and
// what the label names.
func (sc *scanner) gridPair(i int) (int, bool, bool) {
	T := sc.toks
	if i+1 >= len(T) || T[i].kind != tkWord || T[i].e-T[i].s > 8 {
		return -1, false, false
	}
	// The number or its lead first: most words are followed by neither.
	if k := T[i+1].kind; k != tkNum && k != tkAlnum && k != tkPunct && !sc.is(i+1, "no") {
		return -1, false, false
	}
	street, building := gridLabel(sc.word(i))
	if !street && !building {
		return -1, false, false
	}
	j := i + 1
	if sc.isP(j, '.') && sc.attached(j) {
		j++ // "st. 5", "bldg. 12"
	}
	if sc.is(j, "no") {
		j++ // "house no 27"
		if sc.isP(j, '.') && sc.attached(j) {
			j++
		}
	}
	if j >= len(T) || T[j].kind != tkNum && T[j].kind != tkAlnum || T[j].e-T[j].s > 5 {
		return -1, false, false
	}
	return j, street, building
}

// numberedParts masks each list of three or more numbered parts.
func (sc *scanner) numberedParts() {
	if !sc.numbersAny || sc.flagsAny&(fStreetSuffix|fUnitDesignator) == 0 {
		return
	}
	T := sc.toks
	for i := 0; i+5 < len(T); i++ {
		e, st, bl := sc.gridPair(i)
		if e < 0 {
			continue
		}
		pairs, last := 1, e
		for {
			k := last + 1
			if sc.isP(k, ',') {
				k++
			}
			e2, st2, bl2 := sc.gridPair(k)
			if e2 < 0 {
				break
			}
			pairs++
			st, bl, last = st || st2, bl || bl2, e2
		}
		if pairs < 3 || !st || !bl {
			i = last
			continue
		}
		for k := i; k <= last; k++ {
			if T[k].claimed {
				sc.unclaimDate(k, k)
			}
		}
		if !sc.absorbLine(i, last) {
			i = last
			continue
		}
		end := sc.addressTail(last) // ", salmiya", " doha"
		sc.addTok(i, end, SpanAddress, 0.75, prioAddress)
		T[end].addrEnd = true
		i = end
	}
}
