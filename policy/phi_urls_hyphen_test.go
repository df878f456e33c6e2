package policy

import (
	"strings"
	"testing"
)

// A bare domain whose labels hold hyphens is masked whole as one web
// address: "ana-souza.blogspot.com", "my-clinic-portal.org/login".
func TestBareDomainsWithHyphens(t *testing.T) {
	for _, c := range []struct{ text, url string }{
		{"my blog is ana-souza.blogspot.com", "ana-souza.blogspot.com"},
		{"log in at my-clinic-portal.org/login please", "my-clinic-portal.org/login"},
		{"her page: kwame-mensah-art.co.uk", "kwame-mensah-art.co.uk"},
	} {
		at := strings.Index(c.text, c.url)
		d := Detect(c.text)
		ok := false
		for _, s := range d.Spans {
			if s.Type == SpanURL && s.Start == at && s.End == at+len(c.url) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q masked as %q, want %q as one web address", c.text, d.Masked, c.url)
		}
	}
	checkClean(t, "my follow-up is on monday", "the x-ray. com", "well-being. org chart")
}
