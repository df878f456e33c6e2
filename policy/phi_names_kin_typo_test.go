package policy

import (
	"strings"
	"testing"
)

// A kinship word typed with one slip no dictionary holds ("wief",
// "dauther", "grandsun", "hubsand", "nefew") cues the capitalised or
// listed name after it as the word spelt right does; a lower-case word
// after it ("my wief is sick") stays.
func TestMisspeltKinshipWordsCueNames(t *testing.T) {
	kin := []string{"wief", "dauther", "daugther", "grandsun", "hubsand", "husbnd", "nefew", "mothr", "sistr", "granma"}
	for _, k := range kin {
		for _, n := range []string{"Hyacinth", "Imani", "Kit", "Kofi Mensah"} {
			checkWholeName(t, "im calling abt my "+k+" {N}, can u call back", n)
			checkWholeName(t, "our "+k+" {N} will come at 3", n)
		}
		checkClean(t, "my "+k+" is sick, can we come in?", "my "+k+" and i will come at 3")
		if !strings.Contains(Detect("my "+k+" Monday appointment").Masked, "Monday") {
			t.Errorf("a weekday after %q read as a name", k)
		}
	}
}
