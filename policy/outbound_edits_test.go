package policy

// edit is one deterministic misspelling of a name and how it was made.
type edit struct{ kind, w string }

// editsOf spells name wrong the ways people type it: one letter dropped,
// doubled, swapped with its neighbour or replaced by a neighbouring key,
// and two such slips together (names of eight letters or more). The
// first letter stays: a misspelling that loses it reads as another word.
func editsOf(name string) []edit {
	var out []edit
	n := len(name)
	mid := n / 2
	drop := func(s string, i int) string { return s[:i] + s[i+1:] }
	double := func(s string, i int) string { return s[:i+1] + s[i:] }
	swap := func(s string, i int) string { return s[:i] + string(s[i+1]) + string(s[i]) + s[i+2:] }
	sub := func(s string, i int) string { return s[:i] + string(keyNeighbour(s[i])) + s[i+1:] }
	out = append(out,
		edit{"drop", drop(name, mid)}, edit{"drop-end", drop(name, n-1)},
		edit{"double", double(name, mid)},
		edit{"swap", swap(name, mid-1)},
		edit{"key", sub(name, mid)}, edit{"key-2nd", sub(name, 1)},
	)
	if n >= 8 {
		out = append(out,
			edit{"two:drop+key", sub(drop(name, mid), 2)},
			edit{"two:swap+double", double(swap(name, 1), n-3)},
		)
	}
	if n >= 6 && n < 8 {
		out = append(out, edit{"two-short:drop+key", sub(drop(name, mid), 1)})
	}
	return out
}

// keyNeighbour is the key to the right on a QWERTY keyboard (vowels go to
// a neighbouring vowel sound: a slip of the ear as much as of the hand).
func keyNeighbour(c byte) byte {
	const row = "qwertyuiopasdfghjklzxcvbnm"
	switch c {
	case 'a':
		return 'e'
	case 'e':
		return 'i'
	case 'i':
		return 'y'
	case 'o':
		return 'u'
	case 'u':
		return 'o'
	}
	for i := 0; i+1 < len(row); i++ {
		if row[i] == c {
			return row[i+1]
		}
	}
	return c
}
