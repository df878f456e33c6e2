package e164

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"+15551230001", "+15551230001", true},
		{"15551230001", "+15551230001", true},
		{"+1 (555) 123-0001", "+15551230001", true},
		{"whatsapp:+15551230001", "+15551230001", true},
		{"+44 (0)20 7946 0958", "+442079460958", true}, // trunk prefix dropped
		{"+49 30 901820", "+4930901820", true},
		{"", "", false},
		{"+1", "", false},
		{"hello", "", false},
		{"+1555123000100000000", "", false},
		{"+15551230001; DROP", "", false},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFromWaID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"16505551234", "+16505551234"},
		{"5511987654321", "+5511987654321"},
		{"9991234567", "+9991234567"}, // unassigned country code: kept, not lost
		{"", ""},
		{"US.13491208655302741918", ""}, // a business-scoped id is not a number
	}
	for _, tt := range tests {
		if got := FromWaID(tt.in); got != tt.want {
			t.Errorf("FromWaID(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
