package policy

import "testing"

func TestValidators(t *testing.T) {
	cases := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"luhn visa test number", ValidLuhn, "4111111111111111", true},
		{"luhn one digit off", ValidLuhn, "4111111111111112", false},
		{"luhn amex test number", ValidLuhn, "378282246310005", true},
		{"luhn non-digit", ValidLuhn, "41111111111a1111", false},
		{"npi valid (CMS example)", ValidNPI, "1234567893", true},
		{"npi bad check digit", ValidNPI, "1234567890", false},
		{"npi must start 1 or 2", ValidNPI, "3234567893", false},
		{"dea valid", ValidDEA, "AB1234563", true},
		{"dea bad check digit", ValidDEA, "AB1234564", false},
		{"dea needs letters", ValidDEA, "121234563", false},
		{"ssn valid", ValidSSN, "219091234", true},
		{"ssn itin range kept", ValidSSN, "912701234", true},
		{"ssn area 000", ValidSSN, "000121234", false},
		{"ssn area 666", ValidSSN, "666121234", false},
		{"ssn group 00", ValidSSN, "123001234", false},
		{"ssn serial 0000", ValidSSN, "123450000", false},
		{"ssn woolworth", ValidSSN, "078051120", false},
		{"ssn all same", ValidSSN, "111111111", false},
		{"aba valid", ValidABA, "011000015", true},
		{"aba valid 2", ValidABA, "021000021", true},
		{"aba invalid", ValidABA, "021000022", false},
		{"vin valid", ValidVIN, "1HGCM82633A004352", true},
		{"vin valid lower case", ValidVIN, "1hgcm82633a004352", true},
		{"vin bad check digit", ValidVIN, "1HGCM82643A004352", false},
		{"vin has letter O", ValidVIN, "1HGCM82633O004352", false},
		{"mbi valid (CMS example)", ValidMBI, "1EG4TE5MK73", true},
		{"mbi letter S not allowed", ValidMBI, "1SG4TE5MK73", false},
		{"mbi first digit zero", ValidMBI, "0EG4TE5MK73", false},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s: %q = %v, want %v", c.name, c.in, got, c.want)
		}
	}
}
