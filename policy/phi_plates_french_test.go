package policy

import (
	"strings"
	"testing"
)

// "Plaque" (and "plaque d'immatriculation") is the French word for a
// vehicle plate: the code near it is masked as a plate; dental and
// memorial plaques stay.
func TestFrenchPlates(t *testing.T) {
	for _, f := range []string{"la plaque c'est %s, je suis sur le parking", "ma plaque d'immatriculation %s",
		"la plaque du char c'est %s", "plaque %s svp"} {
		for _, p := range []string{"F34 KLM", "1-ABC-234", "AB-123-CD", "GX 412 PL"} {
			checkIDWhole(t, strings.Replace(f, "%s", p, 1), p)
		}
	}
	checkClean(t, "the dentist said I have plaque on my teeth", "there is a plaque at the entrance, room 204",
		"can you remove plaque buildup?")
}
