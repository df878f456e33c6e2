// Package e164 turns the phone numbers providers put on the wire into the
// one form the clinic stores: E.164 with a leading plus ("+15551230001").
//
// Providers disagree on the form: Cloud API webhooks carry bare digits
// ("15551230001"), Twilio carries "whatsapp:+15551230001", and people type
// "+1 (555) 123-0001" or "+44 (0)20 7946 0958". A thread must be keyed by
// one string per patient, or one patient becomes two threads. The package
// uses github.com/nyaruka/phonenumbers (Google's libphonenumber metadata)
// rather than string surgery because only the metadata knows where the
// country code ends and which national trunk prefixes to drop.
package e164

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// ErrInvalid is returned for input that is not an international phone
// number. The error never repeats the input: phone numbers are PHI.
var ErrInvalid = errors.New("not an international phone number")

// maxInput bounds the work done on hostile input; the longest real number
// with formatting is far below it.
const maxInput = 64

// Normalize returns number in E.164. It accepts formatting characters
// (spaces, dashes, dots, parentheses), an optional "whatsapp:" channel
// prefix, and bare digits, which are read as already carrying the country
// code (the Cloud API's wa_id form).
//
// Results are memoised (see memo.go), so repeated numbers cost a map
// lookup rather than a parse.
func Normalize(number string) (string, error) {
	if len(number) > maxInput {
		return "", ErrInvalid
	}
	r, ok := numbers.get(number)
	if !ok {
		if _, ok := clean(number); !ok {
			// Rejected before any parsing: cheap, and keeping such input
			// out of the memo stops junk from displacing real numbers.
			return "", ErrInvalid
		}
		r.e164, r.ok = parse(number)
		numbers.put(number, r)
	}
	if !r.ok {
		return "", ErrInvalid
	}
	return r.e164, nil
}

// parse is Normalize without the memo, for input that clean accepted.
func parse(number string) (string, bool) {
	num, err := phonenumbers.Parse(number2plus(number), "")
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}

// FromWaID turns a provider's user id digits (Cloud API wa_id, from,
// recipient_id; Twilio WaId) into E.164. WhatsApp ids are not always valid
// numbers by libphonenumber's rules (new ranges, test numbers), and losing
// the patient's address is worse than keeping an unusual one, so digits of a
// plausible length are kept as "+digits" when the metadata rejects them.
// It returns "" when id holds no plausible number at all.
func FromWaID(id string) string {
	if id == "" {
		return ""
	}
	if n, err := Normalize(id); err == nil {
		return n
	}
	digits, ok := clean(id)
	if !ok {
		return ""
	}
	return "+" + digits
}

// number2plus strips the channel prefix and makes bare digits international.
func number2plus(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "whatsapp:"))
	if !strings.HasPrefix(s, "+") {
		s = "+" + s
	}
	return s
}

// clean reports the digits of s if s looks like a phone number: only
// digits and formatting characters, an optional leading plus, and 7 to 15
// digits (E.164 allows at most 15).
func clean(s string) (string, bool) {
	if len(s) > maxInput {
		return "", false
	}
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "whatsapp:"))
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return "", false
		}
	}
	d := b.String()
	if len(d) < 7 || len(d) > 15 {
		return "", false
	}
	return d, true
}
