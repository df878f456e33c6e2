package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

const enrolURI = "otpauth://totp/Riverside%20Clinic:alice.nguyen?algorithm=SHA1&digits=6&issuer=Riverside+Clinic&period=30&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// decodeHalfBlocks turns rendered text back into "inked" cells, two rows
// per line.
func decodeHalfBlocks(t *testing.T, s string) [][]bool {
	t.Helper()
	var rows [][]bool
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		var top, bottom []bool
		for _, c := range line {
			switch c {
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			default:
				t.Fatalf("unexpected character %q in the QR rendering", c)
			}
		}
		rows = append(rows, top, bottom)
	}
	return rows
}

func TestTerminalQRRoundTrips(t *testing.T) {
	want, err := qrModules(enrolURI)
	if err != nil {
		t.Fatal(err)
	}
	n := len(want)
	for _, tt := range []struct {
		name        string
		render      func(string) (string, error)
		lightOnDark bool
	}{
		{"dark background", TerminalQR, true},
		{"light background", TerminalQRLight, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.render(enrolURI)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
			if len(lines) != (n+1)/2 {
				t.Fatalf("%d lines for %d module rows, want %d", len(lines), n, (n+1)/2)
			}
			for i, l := range lines {
				if utf8.RuneCountInString(l) != n {
					t.Fatalf("line %d is %d cells wide, want %d", i, utf8.RuneCountInString(l), n)
				}
			}
			// A phone needs the code to fit the terminal and keep its shape.
			if n > 80 || len(lines) > 40 {
				t.Fatalf("QR is %d×%d cells: too big for an 80×40 terminal", n, len(lines))
			}
			got := decodeHalfBlocks(t, s)
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					dark := got[y][x] != tt.lightOnDark
					if dark != want[y][x] {
						t.Fatalf("module (%d,%d) dark=%v, want %v", x, y, dark, want[y][x])
					}
				}
			}
			// The padding row added when the module count is odd is quiet zone.
			if n%2 == 1 {
				for x := 0; x < n; x++ {
					if got[n][x] == !tt.lightOnDark {
						t.Fatal("the padding row is not light")
					}
				}
			}
		})
	}
}

func TestQRModulesLookLikeAQRCode(t *testing.T) {
	g, err := qrModules(enrolURI)
	if err != nil {
		t.Fatal(err)
	}
	n := len(g)
	size := n - 2*qrQuietZone
	if size < 21 || (size-21)%4 != 0 {
		t.Fatalf("symbol is %d modules wide; QR sizes are 21+4k", size)
	}
	// Quiet zone: four light modules on every side.
	for i := 0; i < n; i++ {
		for q := 0; q < qrQuietZone; q++ {
			if g[q][i] || g[n-1-q][i] || g[i][q] || g[i][n-1-q] {
				t.Fatalf("quiet zone has a dark module near (%d,%d)", i, q)
			}
		}
	}
	// The three finder patterns: a dark 7×7 ring, a light ring, a dark 3×3 core.
	for _, c := range [][2]int{{0, 0}, {size - 7, 0}, {0, size - 7}} {
		ox, oy := c[0]+qrQuietZone, c[1]+qrQuietZone
		for y := 0; y < 7; y++ {
			for x := 0; x < 7; x++ {
				ring := x == 0 || y == 0 || x == 6 || y == 6
				core := x >= 2 && x <= 4 && y >= 2 && y <= 4
				if g[oy+y][ox+x] != (ring || core) {
					t.Fatalf("finder pattern at (%d,%d) wrong at (%d,%d)", c[0], c[1], x, y)
				}
			}
		}
	}
}

func TestTerminalQRErrors(t *testing.T) {
	if _, err := TerminalQR(""); err == nil {
		t.Fatal("an empty URI rendered")
	}
	if _, err := TerminalQR(strings.Repeat("x", 5000)); err == nil {
		t.Fatal("a URI beyond QR capacity rendered")
	}
}
