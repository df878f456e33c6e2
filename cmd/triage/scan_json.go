package main

import (
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/clinicwa/triage/policy"
)

// The JSON of `triage scan` is read and written by hand because its shape
// is fixed: {"id","text"} in, {"id","spans","masked"} or {"id","error"} out.
// The general encoding/json path costs a map, reflection and several
// allocations per line, which made it slower than the detector itself.
// The output is byte for byte what encoding/json wrote before (HTML
// characters escaped, invalid UTF-8 replaced, U+2028/2029 escaped); the
// differential tests in scan_parallel_test.go hold both to that. Input the fast
// reader is not sure of goes to encoding/json (decodeScanRecord).

// scanRecord reads the common input shape: one JSON object whose members
// all have string values, keys without escapes, valid UTF-8. Its id and
// text stay valid until the next decode.
type scanRecord struct {
	id, text       []byte
	idBuf, textBuf []byte // hold values that had escapes
}

// decode reports whether line is such an object with a text member, and
// if so sets id (empty when absent) and text. Duplicate keys keep the last
// value, as encoding/json does. False means "not sure", not "malformed":
// the caller then asks encoding/json.
func (r *scanRecord) decode(line []byte) bool {
	// Valid UTF-8 is checked string by string (scanJSONString): every
	// byte outside the strings must be ASCII for the object to parse.
	r.id, r.text = nil, nil
	// The shape nearly every caller writes, {"id":"…","text":"…"} with no
	// spaces, is read straight through, without looking at the keys byte
	// by byte; anything else (or a failure here) takes the loop below.
	if len(line) > len(commonIDKey) && string(line[:len(commonIDKey)]) == commonIDKey {
		id, idEsc, next, ok := scanJSONString(line, len(commonIDKey))
		if ok && len(line)-next > len(commonTextKey) && string(line[next:next+len(commonTextKey)]) == commonTextKey {
			text, textEsc, end, ok := scanJSONString(line, next+len(commonTextKey))
			if ok && end == len(line)-1 && line[end] == '}' {
				r.id, r.idBuf = unescapeJSON(r.idBuf, id, idEsc)
				r.text, r.textBuf = unescapeJSON(r.textBuf, text, textEsc)
				return true
			}
		}
	}
	haveText := false
	i := skipJSONSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = skipJSONSpace(line, i+1)
	for {
		key, keyEsc, next, ok := scanJSONString(line, i)
		if !ok || keyEsc {
			return false
		}
		i = skipJSONSpace(line, next)
		if i >= len(line) || line[i] != ':' {
			return false
		}
		i = skipJSONSpace(line, i+1)
		val, esc, next, ok := scanJSONString(line, i)
		if !ok {
			return false
		}
		switch string(key) {
		case "id":
			r.id, r.idBuf = unescapeJSON(r.idBuf, val, esc)
		case "text":
			r.text, r.textBuf = unescapeJSON(r.textBuf, val, esc)
			haveText = true
		}
		i = skipJSONSpace(line, next)
		if i >= len(line) {
			return false
		}
		switch line[i] {
		case ',':
			i = skipJSONSpace(line, i+1)
		case '}':
			return haveText && skipJSONSpace(line, i+1) == len(line)
		default:
			return false
		}
	}
}

// The opening of the common record shape, up to each value.
const (
	commonIDKey   = `{"id":`
	commonTextKey = `,"text":`
)

func skipJSONSpace(b []byte, i int) int {
	// Every JSON space is at most ' ': one comparison passes any other byte.
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanJSONString checks the string literal starting at b[i] and returns its
// contents between the quotes, whether they hold escapes, and the index
// after the closing quote. Contents that are not valid UTF-8 are declined
// (encoding/json replaces the bad bytes).
func scanJSONString(b []byte, i int) (val []byte, esc bool, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, false, 0, false
	}
	var high uint64 // the bytes passed over, or'd: a top bit set is a byte past ASCII
	for k := i + 1; k < len(b); k++ {
		// Most of a message is none of the bytes the switch below looks
		// at: step to the next such byte eight bytes at a time (the
		// lowest byte stringBodyStops marks is it). Past the last full
		// eight, the line's last eight bytes are read shifted so that
		// byte k comes first, and the zeros shifted in are masked off.
		for k+8 <= len(b) {
			x := load8(b, k)
			if m := stringBodyStops(x); m != 0 {
				n := bits.TrailingZeros64(m) >> 3
				high |= x & (1<<(8*n) - 1)
				k += n
				break
			}
			high |= x
			k += 8
		}
		if rem := len(b) - k; rem > 0 && rem < 8 && len(b) >= 8 {
			x := load8(b, len(b)-8) >> (64 - 8*rem)
			m := stringBodyStops(x) & (1<<(8*rem) - 1)
			n := rem
			if m != 0 {
				n = bits.TrailingZeros64(m) >> 3
			}
			high |= x & (1<<(8*n) - 1)
			k += n
		}
		if k >= len(b) {
			break
		}
		switch c := b[k]; {
		case c == '"':
			val = b[i+1 : k]
			if high&msb != 0 && !utf8.Valid(val) {
				return nil, false, 0, false
			}
			return val, esc, k + 1, true
		case c < 0x20:
			return nil, false, 0, false
		case c == '\\':
			esc = true
			k++
			if k >= len(b) {
				return nil, false, 0, false
			}
			switch b[k] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if hex4(b[k+1:]) < 0 {
					return nil, false, 0, false
				}
				k += 4
			default:
				return nil, false, 0, false
			}
		default:
			high |= uint64(c)
		}
	}
	return nil, false, 0, false
}

// Eight bytes are tested at once as one little-endian word: with lsb
// and msb holding 0x01 and 0x80 in every byte, (x - lsb*n) &^ x has a
// byte's top bit set for some byte of x below n (n ≤ 0x80) and for none
// when no byte is (a borrow only spreads upwards from a byte that is), so
// "some byte is below n" and, after x ^ lsb*c, "some byte is c" are exact.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load8 reads the eight bytes of s at i as a little-endian word.
func load8[S []byte | string](s S, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// hasByte reports that some byte of x is c.
func hasByte(x uint64, c byte) uint64 {
	y := x ^ lsb*uint64(c)
	return (y - lsb) &^ y
}

// stringBodyStops marks, by its top bit, the bytes of eight that
// scanJSONString must look at: a quote, backslash or control byte. The
// lowest byte marked is the first such byte (a borrow only runs upwards
// from a byte that is one); bytes above it may be marked when they are not.
func stringBodyStops(x uint64) uint64 {
	return ((x-lsb*0x20)&^x | hasByte(x, '"') | hasByte(x, '\\')) & msb
}

// stringBodyQuiet reports eight bytes of a string literal's body that
// scanJSONString passes over: no quote, backslash or control byte.
func stringBodyQuiet(x uint64) bool { return stringBodyStops(x) == 0 }

// jsonStops marks, as stringBodyStops does, the bytes of eight that
// appendJSONString does not copy as they are: past ASCII, a control byte,
// quote, backslash, <, > or & (not jsonPlain). The lowest one marked is
// the first.
func jsonStops(x uint64) uint64 {
	// '"' and '&' differ only in bit 2, '<' and '>' only in bit 1, and no
	// other byte becomes '&' or '>' with that bit set: two tests cover
	// four bytes, which keeps this small enough to be inlined.
	return (x | (x-lsb*0x20)&^x | hasByte(x|lsb*4, '&') | hasByte(x, '\\') | hasByte(x|lsb*2, '>')) & msb
}

// jsonPlain8 reports eight bytes appendJSONString copies as they are
// (jsonPlain for each).
func jsonPlain8(x uint64) bool { return jsonStops(x) == 0 }

// hex4 reads four hex digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unescapeJSON returns the value of a checked string literal's contents:
// val itself when it has no escapes, else the unescaped bytes in buf. A
// lone or mismatched UTF-16 surrogate becomes U+FFFD, as in encoding/json.
func unescapeJSON(buf, val []byte, esc bool) ([]byte, []byte) {
	if !esc {
		return val, buf
	}
	buf = buf[:0]
	for k := 0; k < len(val); k++ {
		c := val[k]
		if c != '\\' {
			buf = append(buf, c)
			continue
		}
		k++
		switch val[k] {
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r := hex4(val[k+1:])
			k += 4
			if utf16.IsSurrogate(r) {
				if k+2 < len(val) && val[k+1] == '\\' && val[k+2] == 'u' {
					if dec := utf16.DecodeRune(r, hex4(val[k+3:])); dec != utf8.RuneError {
						buf = utf8.AppendRune(buf, dec)
						k += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default: // '"', '\\', '/'
			buf = append(buf, val[k])
		}
	}
	return buf, buf
}

// appendScanResult appends the success line
// {"id":…,"spans":[{"start":…,"end":…,"type":…},…],"masked":…}.
func appendScanResult[S, M []byte | string](dst []byte, id S, spans []policy.Span, masked M) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, id)
	dst = append(dst, `,"spans":[`...)
	for i, s := range spans {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"start":`...)
		dst = strconv.AppendInt(dst, int64(s.Start), 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(s.End), 10)
		dst = append(dst, `,"type":`...)
		dst = appendJSONString(dst, string(s.Type))
		dst = append(dst, '}')
	}
	dst = append(dst, `],"masked":`...)
	dst = appendJSONString(dst, masked)
	return append(dst, "}\n"...)
}

// appendScanError appends the error line {"id":…,"error":…}.
func appendScanError[S []byte | string](dst []byte, id S, msg string) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, id)
	dst = append(dst, `,"error":`...)
	dst = appendJSONString(dst, msg)
	return append(dst, "}\n"...)
}

// jsonPlain marks the ASCII bytes encoding/json writes as they are with
// HTML escaping on, its default: not controls, quote, backslash, <, >, &.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// nextJSONStop returns the index of the first byte of s at or after i that
// appendJSONString does not copy as it is, or len(s). It reads eight bytes
// at a time (the lowest byte jsonStops marks is that byte); past the last
// full eight, it reads the last eight bytes shifted so that byte i comes
// first, the zeros shifted in masked off. A string of four to seven bytes
// (an id, a span type) is judged whole from two overlapping four-byte
// reads; shorter ones byte by byte.
func nextJSONStop[S []byte | string](s S, i int) int {
	for i+8 <= len(s) {
		if m := jsonStops(load8(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	rem := len(s) - i
	switch {
	case rem <= 0:
		return i
	case len(s) >= 8:
		m := jsonStops(load8(s, len(s)-8)>>(64-8*rem)) & (1<<(8*rem) - 1)
		if m == 0 {
			return len(s)
		}
		return i + bits.TrailingZeros64(m)>>3
	case i == 0 && len(s) >= 4:
		n := len(s)
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[n-4])<<32 | uint64(s[n-3])<<40 | uint64(s[n-2])<<48 | uint64(s[n-1])<<56
		if jsonStops(x) == 0 {
			return n
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf && jsonPlain[s[i]] {
		i++
	}
	return i
}

// appendJSONString appends s as a JSON string literal exactly as
// encoding/json.Marshal writes it.
func appendJSONString[S []byte | string](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i = nextJSONStop(s, i); i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// A short conversion stays on the stack for []byte input.
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
