package policy

import "unicode/utf8"

// Addresses that name no street with a house number: a district of a town
// by its own word ("Brgy. San Isidro", "Purok 5", "Col. del Valle",
// "Bairro Pinheiros"), the block and lot of a housing estate ("Blk 7 Lot
// 12"), a line written after an address cue that opens on a unit or plot
// ("address: blk 7 lot 12, camella homes, bacoor"), and addresses written
// in Chinese, Japanese or Korean script, which put the largest division
// first and mark each with its own character ("東京都千代田区丸の内1-9-1",
// "北京市朝阳区建国路88号", "서울특별시 강남구 테헤란로 152"). Under HIPAA
// Safe Harbor every one of these is a geographic subdivision smaller than
// a state.

// placeDistricts runs after placesIntl and before the postcode readers,
// so the town and postcode after a district join it as a tail.
func (sc *scanner) placeDistricts() {
	if sc.flagsAny&(fDistrict|fUnitDesignator) != 0 {
		sc.districts()
	}
	if sc.placeAny&shCJK != 0 {
		sc.cjkAddresses()
		sc.koreanAddresses()
	}
}

// districtLexicon flags the words that name a district of a town in the
// Philippines, Latin America, Brazil, Spain, Indonesia and Malaysia. Each
// is a word people use for nothing else; "colonia" and "col." are unit
// words already (phi_places.go) and are read here too.
func districtLexicon(lx *lexicon) {
	lx.flag(fDistrict, "barangay", "brgy", "bgy", "purok", "sitio", "colonia", "bairro", "barrio", "fraccionamiento",
		"fracc", "urbanizacion", "kelurahan", "kecamatan", "kampung", "poblado", "vereda", "corregimiento")
	// The block and lot of a housing estate, written before its name.
	lx.flag(fUnitDesignator, "lot", "blk", "block", "bloco", "quadra", "qd")
}

// districts finds a district named after its word: up to four place words
// or a number ("Purok 5"), then marks its end so addressTails grows it
// over the town, province and postcode after it.
func (sc *scanner) districts() {
	T := sc.toks
	for i := 0; i+1 < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord {
			continue
		}
		district := T[i].flags&fDistrict != 0
		if !district && !(sc.is(i, "col") && sc.isP(i+1, '.') && sc.attached(i+1)) {
			continue
		}
		j := i + 1
		if sc.isP(j, '.') && sc.attached(j) {
			j++
		}
		if j >= len(T) || T[j].claimed {
			continue
		}
		end := -1
		if T[j].kind == tkNum && T[j].e-T[j].s <= 3 && district {
			end = j // "Purok 5"
		} else {
			// "Col." is read only before a capitalised name or after an
			// address cue: "col. del valle" after "vivo en".
			if !district && !sc.upper(j) && !sc.addressCueBefore(i) && !streetParticle(sc.word(j)) {
				continue
			}
			e := j - 1
			for n := 0; n < 4; n++ {
				p := e + 1
				if p < len(T) && streetParticle(sc.word(p)) && sc.placeWord(p+1) {
					p++
				}
				if !sc.placeWord(p) || T[p].flags&(fDistrict|fUnitDesignator) != 0 {
					break
				}
				e = p
				for sc.isP(e+1, '-') && sc.attached(e+1) && sc.attached(e+2) && sc.kind(e+2) == tkWord && !T[e+2].claimed {
					e += 2
				}
			}
			if e < j {
				continue
			}
			end = e
		}
		sc.addTok(i, end, SpanAddress, 0.75, prioAddress)
		T[end].addrEnd = true
		i = end
	}
}

// cuedUnitLines reads the first part of an address written after an
// address cue when it opens on a unit, plot or block word, or on a house
// number written with dashes: "my address is blk 7 lot 12 phase 2, …",
// "address: h.no 12-3-45, banjara hills". The part holds a number and
// ends at the first comma or at a word that is no part of an address;
// the parts after it that read as an address tail join it. It runs after
// commaLines, which reads such a line whole when it names a street.
func (sc *scanner) cuedUnitLines() {
	T := sc.toks
	for i := range T {
		if T[i].flags&fAddrCue == 0 {
			continue
		}
		j := i + 1
		for f := 0; f < 3 && j < len(T) && (sc.isP(j, ':') || sc.isP(j, '-') || sc.is(j, "is") || sc.is(j, "es") || sc.is(j, "e")); f++ {
			j++
		}
		if j >= len(T) || T[j].claimed || T[j].kind != tkWord || T[j].flags&(fUnitDesignator|fDistrict) == 0 && !sc.is(j, "h") {
			continue
		}
		end, digits := -1, false
		for k := j; k < len(T) && k < j+12; k++ {
			t := &T[k]
			if t.claimed {
				break
			}
			switch t.kind {
			case tkNum, tkAlnum:
				digits = true
			case tkWord:
				if t.flags&(fClin|fQuestion|fDateCue|fAgeUnit|fDoseUnit) != 0 || t.flags&fStop != 0 && t.flags&(fParticle|fUnitDesignator) == 0 && !sc.is(k, "no") {
					k = len(T)
					continue
				}
			case tkPunct:
				c := sc.n.b[t.s]
				if !(c == '.' || c == '#' || c == '/' || c == '-') || !sc.attached(k) && c != '#' {
					k = len(T)
					continue
				}
				continue
			}
			end = k
		}
		if end < 0 || !digits {
			continue
		}
		sc.addTok(j, sc.addressTail(end), SpanAddress, 0.75, prioAddress)
	}
}

// Division markers of Chinese and Japanese addresses, written after the
// name of the division. The strong ones (province, prefecture, ward,
// district, county, town, lane) end few everyday words; the weak ones do
// ("超市" supermarket, "手机号" phone number), and "都" ("all") and "道"
// ("知道", to know) are left out for that reason. A road or street is
// read when its number follows it.
const (
	cjkStrong = "省県縣区區县郡鎮镇弄巷"
	cjkWeak   = "府市町村号號栋棟"
	cjkRoad   = "路街"
	// cjkNumber closes a block or house number: "88号", "3番地", "1丁目".
	cjkNumber = "号號番地丁目-"
)

// cjkStop are characters that end an address written in Chinese or
// Japanese running text: particles, verbs of living and pronouns.
const cjkStop = "在住是的到去我他她你从於于にはをでへがとも、。，：；！？"

// cjkAddresses finds an address written in Chinese or Japanese script: a
// run of divisions, each a few characters closed by its marker, with its
// block and house numbers after it. A strong marker with a second marker
// or a number, a road with its number, or three markers make an address;
// a lone "市" or "区" in a sentence does not. Korean addresses are words
// each closed by their marker (koreanAddresses).
func (sc *scanner) cjkAddresses() {
	T := sc.toks
	b := sc.n.b
	for i := 0; i < len(T); i++ {
		t := &T[i]
		if t.claimed || t.kind == tkPunct || t.kind == tkNum || b[t.s] < 0xe3 || b[t.s] > 0xe9 {
			continue
		}
		s, e := int(t.s), int(t.e)
		start, last, markers := -1, -1, 0
		strong, road, numbers := false, false, false
		runStart := s
		var prev rune
		for p := s; p < e; {
			r, n := utf8.DecodeRune(b[p:])
			marker := runeIn(r, cjkStrong) || runeIn(r, cjkWeak) || runeIn(r, cjkRoad)
			switch {
			case runeIn(r, cjkStop):
				if markers > 0 {
					p = e // the address ended
					continue
				}
				runStart = p + n
			case marker && prev >= 0x3040 && p > runStart && !(prev >= '0' && prev <= '9'):
				// A marker closes a name written before it.
				if markers == 0 {
					start = max(runStart, p-24) // at most eight characters of name
				}
				markers++
				strong = strong || runeIn(r, cjkStrong)
				road = road || runeIn(r, cjkRoad)
				last = p + n
			case r >= '0' && r <= '9':
				if markers > 0 {
					numbers = true
					last = p + n
				}
			case markers > 0 && prev >= '0' && prev <= '9' && runeIn(r, cjkNumber):
				last = p + n
			}
			prev = r
			p += n
		}
		if markers == 0 {
			continue
		}
		end := i
		// The block and house numbers after the token: "1-9-1".
		for end+1 < len(T) && !T[end+1].space && (T[end+1].kind == tkNum || T[end+1].kind == tkAlnum || sc.isP(end+1, '-')) {
			end++
		}
		for end > i && sc.isP(end, '-') {
			end--
		}
		numbers = numbers || end > i
		if !(strong && (markers >= 2 || numbers) || road && numbers || markers >= 3) {
			continue
		}
		stop := last
		if end > i {
			stop = int(T[end].e)
		}
		sc.addBytes(start, stop, SpanAddress, 0.75, prioAddress)
		i = end
	}
}

// koreanAddresses finds an address in Korean: words closed by a division
// marker (시 city, 도 province, 구 district, 군 county, 동 neighbourhood,
// 읍 or 면 town, 로 or 길 road), at least two in a row, with the building
// number after the road: "서울특별시 강남구 테헤란로 152", "강남구 역삼동
// 123-45". Everyday words end in these syllables too ("친구도 다시
// 병원으로"), so a run needs the number after it, and two words need the
// road.
func (sc *scanner) koreanAddresses() {
	T := sc.toks
	b := sc.n.b
	for i := 0; i < len(T); i++ {
		if T[i].claimed || T[i].kind != tkWord || koreanMark(b[T[i].s:T[i].e]) == 0 {
			continue
		}
		e, n, road := i-1, 0, false
		for k := i; k < len(T) && T[k].kind == tkWord && !T[k].claimed; k++ {
			m := koreanMark(b[T[k].s:T[k].e])
			if m == 0 {
				break
			}
			road = m == 2
			e, n = k, n+1
		}
		numbered := e+1 < len(T) && (T[e+1].kind == tkNum || T[e+1].kind == tkAlnum) && !T[e+1].claimed
		if !numbered || n < 2 || n == 2 && !road {
			i = e
			continue
		}
		e++
		if sc.isP(e+1, '-') && sc.attached(e+1) && sc.kind(e+2) == tkNum && sc.attached(e+2) {
			e += 2
		}
		sc.addTok(i, e, SpanAddress, 0.75, prioAddress)
		T[e].addrEnd = true
		i = e
	}
}

// koreanMarks are the division markers of Korean addresses as the folded
// text holds them: syllables are folded to their letters (jamo), so each
// marker is folded the same way once. The last two are roads.
var koreanMarks = func() [][]byte {
	var n normText
	var out [][]byte
	for _, m := range []string{"시", "도", "구", "군", "동", "읍", "면", "로", "길"} {
		n.reset(m)
		out = append(out, append([]byte(nil), n.b...))
	}
	return out
}()

// koreanMark reports whether a folded Korean word of two syllables or
// more ends in a division marker: 1 for a division, 2 for a road, else 0.
func koreanMark(w []byte) int {
	if len(w) < 3 || w[0] != 0xe1 {
		return 0
	}
	for k, m := range koreanMarks {
		if len(w) > len(m) && string(w[len(w)-len(m):]) == string(m) {
			if k >= len(koreanMarks)-2 {
				return 2
			}
			return 1
		}
	}
	return 0
}

// runeIn reports whether r is one of the runes of set.
func runeIn(r rune, set string) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}
