package policy

// Check-digit and structure validators. They turn a weak pattern (nine
// digits, sixteen digits, seventeen letters and digits) into a strong one:
// a number that passes its checksum is almost certainly what it looks like.
// All take ASCII digits (or letters and digits) with separators removed.

// ValidLuhn reports whether digits pass the Luhn (mod 10) check used by
// payment cards, IMEIs and, with a prefix, NPIs.
func ValidLuhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	return luhnSum(digits, 0)%10 == 0
}

func luhnSum(digits string, sum int) int {
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 1 // never a multiple of 10 with a valid tail
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum
}

// ValidNPI reports whether a 10-digit National Provider Identifier has a
// valid check digit: Luhn over "80840" followed by the NPI, which is the
// Luhn sum of the bare digits plus 24.
func ValidNPI(npi string) bool {
	if len(npi) != 10 || (npi[0] != '1' && npi[0] != '2') {
		return false
	}
	return luhnSum(npi, 24)%10 == 0
}

// ValidDEA reports whether a DEA registration number (two letters, seven
// digits) has a valid check digit: (d1+d3+d5) + 2*(d2+d4+d6) ends in d7.
func ValidDEA(dea string) bool {
	if len(dea) != 9 || !isLetter(dea[0]) || !(isLetter(dea[1]) || dea[1] == '9') {
		return false
	}
	var d [7]int
	for i := 0; i < 7; i++ {
		c := dea[2+i]
		if c < '0' || c > '9' {
			return false
		}
		d[i] = int(c - '0')
	}
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	return sum%10 == d[6]
}

// ValidSSN applies the Social Security number structure rules: no area
// 000 or 666, no group 00, no serial 0000, not all one digit, and not one
// of the numbers published in advertising. Areas 900-999 are accepted and
// are individual taxpayer numbers, which are just as identifying.
func ValidSSN(ssn string) bool {
	if len(ssn) != 9 {
		return false
	}
	for i := 0; i < 9; i++ {
		if ssn[i] < '0' || ssn[i] > '9' {
			return false
		}
	}
	area, group, serial := ssn[:3], ssn[3:5], ssn[5:]
	if area == "000" || area == "666" || group == "00" || serial == "0000" {
		return false
	}
	same := true
	for i := 1; i < 9; i++ {
		if ssn[i] != ssn[0] {
			same = false
			break
		}
	}
	if same {
		return false
	}
	switch ssn {
	case "123456789", "078051120", "219099999":
		return false
	}
	return true
}

// ValidABA reports whether a 9-digit bank routing number passes the ABA
// checksum 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) = 0 mod 10.
func ValidABA(n string) bool {
	if len(n) != 9 {
		return false
	}
	sum := 0
	w := [3]int{3, 7, 1}
	for i := 0; i < 9; i++ {
		c := n[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += w[i%3] * int(c-'0')
	}
	return sum%10 == 0 && n != "000000000"
}

// ValidVIN reports whether a 17-character vehicle identification number
// (ISO 3779, North American check digit in position 9) is well formed and
// its check digit matches. The letters I, O and Q never occur.
func ValidVIN(vin string) bool {
	if len(vin) != 17 {
		return false
	}
	weights := [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	digits := 0
	for i := 0; i < 17; i++ {
		v, ok := vinValue(vin[i])
		if !ok {
			return false
		}
		if vin[i] >= '0' && vin[i] <= '9' {
			digits++
		}
		sum += v * weights[i]
	}
	if digits < 3 || digits == 17 {
		return false
	}
	check := sum % 11
	c := vin[8] | 0x20
	if check == 10 {
		return c == 'x'
	}
	return vin[8] == byte('0'+check)
}

// vinValue transliterates one VIN character (case-insensitive).
func vinValue(c byte) (int, bool) {
	if c >= '0' && c <= '9' {
		return int(c - '0'), true
	}
	c |= 0x20
	switch c {
	case 'a', 'j':
		return 1, true
	case 'b', 'k', 's':
		return 2, true
	case 'c', 'l', 't':
		return 3, true
	case 'd', 'm', 'u':
		return 4, true
	case 'e', 'n', 'v':
		return 5, true
	case 'f', 'w':
		return 6, true
	case 'g', 'p', 'x':
		return 7, true
	case 'h', 'y':
		return 8, true
	case 'r', 'z':
		return 9, true
	}
	return 0, false // i, o, q and anything else
}

// ValidMBI reports whether s has the shape of a Medicare Beneficiary
// Identifier: N A AN N A AN N A A N N, where A excludes S, L, O, I, B, Z.
func ValidMBI(s string) bool {
	if len(s) != 11 {
		return false
	}
	const pat = "nacnacnaann" // n digit (first 1-9), a letter, c letter or digit
	for i := 0; i < 11; i++ {
		c := s[i] | 0x20
		if s[i] >= '0' && s[i] <= '9' {
			c = s[i]
		}
		isD := c >= '0' && c <= '9'
		isA := c >= 'a' && c <= 'z' && c != 's' && c != 'l' && c != 'o' && c != 'i' && c != 'b' && c != 'z'
		switch pat[i] {
		case 'n':
			if !isD || (i == 0 && c == '0') {
				return false
			}
		case 'a':
			if !isA {
				return false
			}
		case 'c':
			if !isA && !isD {
				return false
			}
		}
	}
	return true
}

func isLetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
