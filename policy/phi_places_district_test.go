package policy

import (
	"strings"
	"testing"
)

// addressCaught reports whether at least 80% of the letters and digits of
// want inside text are masked, the evaluation's rule.
func addressCaught(text, want string) bool {
	i := strings.Index(text, want)
	if i < 0 {
		return false
	}
	return covered(text, corpusSpan{Start: i, End: i + len(want)}, Detect(text).Spans)
}

// Districts, blocks and lots written the Philippine, Latin American and
// Brazilian way: each district word × name × town × with or without a cue
// × case.
func TestDistrictAddresses(t *testing.T) {
	districts := []string{"Brgy. San Isidro", "Barangay Poblacion", "Purok 5", "Bgy. Malanday", "Colonia Roma Norte",
		"Col. del Valle", "Bairro Pinheiros", "Barrio San Telmo", "Sitio Malinis", "Fraccionamiento Las Flores"}
	towns := []string{"quezon city", "Caloocan", "Marikina", "Ciudad de México", "São Paulo", "Medellín", "Zapopan"}
	leads := []string{"", "I live in ", "my address is ", "we moved to ", "vivo en ", "send it to "}
	n := 0
	for _, d := range districts {
		for ti, town := range towns {
			lead := leads[(n+ti)%len(leads)]
			for _, fold := range []func(string) string{func(s string) string { return s }, strings.ToLower} {
				addr := fold(d + ", " + town)
				text := fold(lead) + addr
				n++
				if !addressCaught(text, addr) {
					t.Errorf("%q: %q not masked: %q", text, addr, Detect(text).Masked)
				}
			}
		}
	}
	// Block and lot of a housing estate after an address cue.
	for _, c := range []struct{ text, addr string }{
		{"address: blk 7 lot 12 phase 2, camella homes, bacoor, cavite 4102", "blk 7 lot 12 phase 2, camella homes, bacoor, cavite 4102"},
		{"my address is Lot 3 Block 9, Barangay Malanday, Marikina", "Lot 3 Block 9, Barangay Malanday, Marikina"},
		{"our address is purok 5, brgy. bagong silang, caloocan", "purok 5, brgy. bagong silang, caloocan"},
		{"domicilio: lote 4 manzana 12, fraccionamiento los pinos, 45010 zapopan", "lote 4 manzana 12, fraccionamiento los pinos, 45010 zapopan"},
		{"my address is blk 21 lot 8, brgy. pasong tamo, quezon city 1107", "blk 21 lot 8, brgy. pasong tamo, quezon city 1107"},
		{"Blk 12 Lot 5, Brgy. San Antonio, makati city 1203", "Brgy. San Antonio, makati city 1203"},
		{"vivo en la col. del valle, 03100 cdmx", "col. del valle, 03100 cdmx"},
	} {
		if !addressCaught(c.text, c.addr) {
			t.Errorf("%q: %q not masked: %q", c.text, c.addr, Detect(c.text).Masked)
		}
	}
}

// Addresses in Chinese, Japanese and Korean script: provinces, cities,
// wards, roads and numbers, with and without words around them.
func TestCJKAddresses(t *testing.T) {
	var cases []string
	for _, city := range []string{"北京市", "上海市", "广州市", "深圳市"} {
		for _, district := range []string{"朝阳区", "海淀区", "浦东新区"} {
			for _, road := range []string{"建国路", "中山路", "南京东路"} {
				for _, num := range []string{"88号", "1号", "207号"} {
					cases = append(cases, city+district+road+num)
				}
			}
		}
	}
	for _, pref := range []string{"東京都", "大阪府", "神奈川県"} {
		for _, ward := range []string{"千代田区", "北区", "横浜市中区"} {
			for _, num := range []string{"丸の内1-9-1", "梅田3-1-1", "千代田1-1"} {
				cases = append(cases, pref+ward+num)
			}
		}
	}
	for _, city := range []string{"서울특별시", "부산광역시", "서울시"} {
		for _, gu := range []string{"강남구", "마포구", "해운대구"} {
			for _, road := range []string{"테헤란로 152", "월드컵로 240", "역삼동 123-45"} {
				cases = append(cases, city+" "+gu+" "+road)
			}
		}
	}
	for i, addr := range cases {
		leads := []string{"", "我住在", "住所は", "address: "}
		if addr[0] >= 0xea { // Korean
			leads = []string{"", "주소는 ", "address: "}
		}
		text := leads[i%len(leads)] + addr
		if !addressCaught(text, addr) {
			t.Errorf("%q: %q not masked: %q", text, addr, Detect(text).Masked)
		}
	}
}

// Text that only looks like these addresses stays unmasked: clinic
// operations, districts as ordinary words, CJK sentences with a lone
// division character, Korean words that end in a marker syllable.
func TestDistrictAddressLookalikes(t *testing.T) {
	clean := []string{
		"我不知道去哪个超市", "我的城市很冷", "这个区别不大", "预约在3号", "明天去医院",
		"친구도 다시 병원으로 갔어요", "오늘도 다시 전화할게요", "오후 3시에 갈게요",
		"is there a parking lot near the entrance", "the lot behind suite 200 is full", "my address is the same as before",
		"the address on file is correct", "block 3 of the garage is closed today", "El barrio es muy tranquilo",
		"Can I pay at the front desk?", "running 10 minutes late, sorry", "Is suite 200 on the 3rd floor?",
	}
	for i, text := range clean {
		for _, v := range []string{text, strings.ToUpper(text[:1]) + text[1:]} {
			if d := Detect(v); len(d.Spans) > 0 {
				t.Errorf("clean %d %q masked: %q", i, v, d.Masked)
			}
		}
	}
}
