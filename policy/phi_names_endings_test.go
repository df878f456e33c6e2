package policy

import (
	"fmt"
	"testing"
)

// A family name the lists lack is known by its people's ending and masked
// where a name stands, in lower case too.
func TestFamilyNamesKnownByTheirEnding(t *testing.T) {
	families := []string{"hakobyan", "dumitrescu", "pruteanu", "gelashvili", "beridze", "tkachenko", "kovalchuk",
		"jovanovic", "petrovic", "wojciechowicz", "zielinska", "papadopoulos", "georgiakis", "karaoglu",
		"kazlauskas", "sigurdardottir", "gudmundsson"}
	frames := []string{
		"armen %s need to repeat the ecg?",
		"results for tamar %s please",
		"this is nino %s, my daughter has a fever",
		"my neighbour mrs %s fell yesterday",
	}
	for _, f := range families {
		for _, fr := range frames {
			text := fmt.Sprintf(fr, f)
			checkCovered(t, text, f)
		}
	}
	// Dictionary words with the same endings are no names.
	checkClean(t, "lesson learned, thanks for the help", "the lessons start at 9", "my physician said it was fine")
}
