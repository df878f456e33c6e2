package policy

import (
	"fmt"
	"strings"
	"testing"
)

// TestAmountsAfterBillingCuesAreNoIDs: a sum with cents or a currency
// after "invoice", "account", "bill" is money, not an identifier.
func TestAmountsAfterBillingCuesAreNoIDs(t *testing.T) {
	var msgs []string
	for _, amt := range []string{"145.50", "1,250.00", "99.99", "12,400.10", "$320", "$1450.75", "2450 pesos", "310 dollars", "89.90"} {
		for _, f := range []string{"my invoice says %s but I already paid 45", "the account balance is %s", "the invoice total is %s, can I pay in two parts?",
			"my account shows %s owed", "la factura dice %s", "the invoice is %s right?"} {
			msgs = append(msgs, fmt.Sprintf(f, amt))
		}
	}
	for _, text := range msgs {
		d := Detect(text)
		for _, s := range d.Spans {
			if s.Type == SpanAccount || s.Type == SpanID || s.Type == SpanMemberID {
				t.Errorf("%q masked as %q", text, d.Masked)
				break
			}
		}
	}
}

// TestAccountNumbersStayMasked: the same cues before a number written as
// a number, not as a sum, still mask it.
func TestAccountNumbersStayMasked(t *testing.T) {
	for _, v := range []string{"10482.7731", "44172209", "4417-2209", "2023.11", "AC-55128", "8812345"} {
		for _, f := range []string{"invoice %s", "account number %s", "my invoice number is %s", "acct # %s", "member id %s"} {
			text := fmt.Sprintf(f, v)
			if d := Detect(text); strings.Contains(d.Masked, v) {
				t.Errorf("%q: %q not masked (%q)", text, v, d.Masked)
			}
		}
	}
}

// TestThingsAreNoAge: a number from 90 up said of a thing ("the bill is
// 90", "my room is 104") is no age, even where the noun is a given name;
// said of a person it still is.
func TestThingsAreNoAge(t *testing.T) {
	for _, noun := range []string{"bill", "total", "copay", "room", "score", "order", "fee", "balance", "bus", "rent", "invoice"} {
		for _, det := range []string{"the", "my", "our", "your", "this"} {
			for _, f := range []string{"%s %s is 90, can I pay it in two parts?", "%s %s was 95 last time", "%s %s is 104?"} {
				text := fmt.Sprintf(f, det, noun)
				if d := Detect(text); hasType(d, SpanAge) {
					t.Errorf("%q masked as %q", text, d.Masked)
				}
			}
		}
	}
	for _, who := range []string{"my mom", "my grandpa", "the patient", "my neighbor", "Bill", "my husband", "my great aunt",
		"my gma", "my pop", "my abuelita", "my stepdad"} {
		for _, f := range []string{"%s is 93", "%s is 91, can she still get the shot?"} {
			text := fmt.Sprintf(f, who)
			if d := Detect(text); !hasType(d, SpanAge) {
				t.Errorf("%q: no age masked (%q)", text, d.Masked)
			}
		}
	}
}
