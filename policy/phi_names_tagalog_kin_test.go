package policy

import "testing"

// TestTagalogKinNames: the Filipino kin and elder words ("lola", "kuya",
// "tita", "nanay") put the name after them as "grandma" does, when the name
// is listed or capitalised; alone, or before a word of Tagalog, they stay.
func TestTagalogKinNames(t *testing.T) {
	kin := []string{"lola", "lolo", "kuya", "tita", "ninang", "ninong", "manang", "manong", "nanay", "tatay",
		"inay", "itay", "Lola", "Kuya"}
	names := []string{"Remedios", "Boyet", "Jun", "Cora", "Isidro", "maria"}
	leads := []string{"si ", "my ", "", "yung "}
	tails := []string{"po ay may ubo", "is admitted na", "will bring her", "needs her maintenance meds", "nahilo kanina"}
	n := 0
	for ki, k := range kin {
		for ni, name := range names {
			text := leads[(ki+ni)%len(leads)] + k + " " + name + " " + tails[(ki*3+ni)%len(tails)]
			n++
			if !nameMasked(text, name) {
				t.Errorf("%q: %q not masked as a name: %q", text, name, Detect(text).Masked)
			}
		}
	}
	if n < 80 {
		t.Fatalf("only %d variants", n)
	}
	clean := []string{"si lola po ay may ubo", "lola is sick po", "tatay ko po may lagnat", "kuya said ok",
		"hi lola", "my lolo is in the hospital", "si nanay po nahilo kanina", "tita will pick up the results",
		"manong driver is outside", "ninang will come tomorrow", "she ate rice then vomited"}
	for _, c := range clean {
		if hasName(c) {
			t.Errorf("clean %q reads a name: %q", c, Detect(c).Masked)
		}
	}
	// A given name spelled like a kin word keeps the whole name masked.
	for _, full := range []string{"Lola Martinez called", "Tito Puente needs a refill", "Lola Smith has an appointment"} {
		d := Detect(full)
		if len(d.Spans) == 0 || d.Spans[0].Type != SpanName || d.Spans[0].Start != 0 {
			t.Errorf("%q: first name left readable: %q", full, d.Masked)
		}
	}
}
