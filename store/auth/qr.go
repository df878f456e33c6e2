package auth

import (
	"errors"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// qrQuietZone is the light margin, in modules, that ISO/IEC 18004 asks for
// around a QR code; phone cameras fail to find codes that lack it.
const qrQuietZone = 4

// TerminalQR renders a QR code of uri (an otpauth:// enrolment URI) as
// text for a terminal with a dark background and light text, the common
// default: each character cell holds two modules stacked, drawn with
// "█", "▀", "▄" and space, so the code keeps its square shape and a
// typical enrolment URI fits in about 55 columns and 28 rows. Light
// modules, the quiet zone included, are drawn in the text colour. The
// result holds the TOTP secret: show it once, never log it.
func TerminalQR(uri string) (string, error) {
	return renderQR(uri, true)
}

// TerminalQRLight is TerminalQR for a terminal with a light background
// and dark text: dark modules are drawn in the text colour and the quiet
// zone is left as background.
func TerminalQRLight(uri string) (string, error) {
	return renderQR(uri, false)
}

// qrModules encodes uri at error-correction level M (15% of the code may
// be damaged or glared and still read) and returns its modules, true for
// dark, with the quiet zone added on every side.
func qrModules(uri string) ([][]bool, error) {
	if uri == "" {
		return nil, errors.New("auth: nothing to encode in the QR code")
	}
	code, err := qr.Encode(uri, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	b := code.Bounds()
	n := b.Dx() + 2*qrQuietZone
	grid := make([][]bool, n)
	for y := range grid {
		grid[y] = make([]bool, n)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, _, _, _ := code.At(x, y).RGBA()
			grid[y-b.Min.Y+qrQuietZone][x-b.Min.X+qrQuietZone] = r < 0x8000
		}
	}
	return grid, nil
}

func renderQR(uri string, lightOnDark bool) (string, error) {
	grid, err := qrModules(uri)
	if err != nil {
		return "", err
	}
	n := len(grid)
	// inked reports whether the module at (x, y) is drawn in the text
	// colour; rows beyond the grid (an odd last row) count as quiet zone.
	inked := func(x, y int) bool {
		dark := y < n && grid[y][x]
		return dark != lightOnDark
	}
	var b strings.Builder
	for y := 0; y < n; y += 2 {
		for x := 0; x < n; x++ {
			top, bottom := inked(x, y), inked(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}
