package policy

import (
	"strings"
	"testing"
)

// Links written so a filter would not see them, or said in a voice note:
// labels joined by "dot" words in four languages, a path after "slash".
// And links on any country's domain once a path follows it.
func TestLinksSaidInWordsAndOnAnyCountrysDomain(t *testing.T) {
	leads := []string{"my blog is ", "you can see the video at ", "mi página es ", "o link é ", "the page: "}
	links := []string{
		"www dot lvadlifewithsam dot com",
		"instagram dot com slash type1_tiago_",
		"facebook dot com slash ana dot souza dot 12",
		"anabolos ponto com ponto br",
		"miblog punto com punto mx",
		"youtu.be/Xq3v9LmP2sA",
		"meusite.com.br/ana-souza",
		"tiktok.com/@dani.r",
		"photos.app.goo.gl/7hWq2",
		"www.ana-souza.fr",
	}
	for _, lead := range leads {
		for _, link := range links {
			checkCovered(t, lead+link+" thanks", link)
		}
	}
}

// The front page of a public body's site names no one; a page under it
// may, and a word next to "dot com" is no link.
func TestPublicSitesAndDotComTalk(t *testing.T) {
	checkClean(t,
		"is the info on www.cdc.gov about diabetes tech still current?",
		"I read on nhs.uk that I can get the sensor on prescription",
		"see https://www.fda.gov/ for the recall list",
		"medlineplus.gov is a good place to read, right?",
		"the form is on www.gov.uk",
		"el formulario está en www.imss.gob.mx",
		"le formulaire est sur www.ameli.gouv.fr",
		"the dot com bubble was long before my time",
		"at this point com is short for communication",
	)
	for _, text := range []string{
		"my case is at portal.ssa.gov/case/48213",
		"my results: https://mychart.uw.edu/patient/ana-souza",
		"my page is www.janesmithphotography.com",
	} {
		if d := Detect(text); !strings.Contains(d.Masked, "[") {
			t.Errorf("%q not masked", text)
		}
	}
}
