package policy

import (
	"strings"
	"testing"
)

func TestBreathingDevicesOwned(t *testing.T) {
	var msgs [][2]string
	for _, d := range []string{"my nebulizer", "his inhaler", "her inhalers", "mi inhalador", "su nebulizador"} {
		for _, f := range []string{"%s is broken", "can you refill %s please", "hola, %s ya no sirve"} {
			msgs = append(msgs, [2]string{strings.Replace(f, "%s", d, 1), d})
		}
	}
	checkWhole(t, msgs)
}

func TestBreathingDevicesLookalikes(t *testing.T) {
	for _, text := range []string{"do you sell nebulizer masks?", "where can I buy an inhaler case", "the inhaler counter in the pharmacy"} {
		if d := Detect(text); len(d.Spans) > 0 {
			t.Errorf("clean %q masked as %q", text, d.Masked)
		}
	}
}
