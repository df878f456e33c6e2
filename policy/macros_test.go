package policy

import (
	"strings"
	"testing"

	"github.com/clinicwa/triage/assets"
)

// The shipped quick replies pass their own checks.
func TestShippedMacrosAreValid(t *testing.T) {
	raw, err := assets.FS().ReadFile("data/macros.json")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := ParseMacros("assets/data/macros.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]int{}
	for _, m := range ms {
		langs[m.Lang]++
	}
	if langs["en"] == 0 || langs["en"] != langs["es"] {
		t.Errorf("shipped macros by language: %v, want every one in English and Spanish", langs)
	}
}

func TestParseMacrosNamesFileAndLine(t *testing.T) {
	pair := `,
  {"id": "b", "title": "B", "lang": "es", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "a", "body": "Hola"}
]`
	cases := []struct{ name, file, want string }{
		{"PHI placeholder", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "b",
   "body": "Hi {patient_name}, your visit is confirmed"}` + pair, `macros.json:2: macro "a": body has {patient_name}`},
		{"unknown role", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["janitor"], "portal_link": false, "translation": "b", "body": "Hi"}` + pair, `macros.json:2: macro "a": role "janitor" does not exist`},
		{"admin may not send", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["admin"], "portal_link": false, "translation": "b", "body": "Hi"}` + pair, `role "admin" may not send quick replies`},
		{"language", `[
  {"id": "a", "title": "A", "lang": "fr", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "b", "body": "Salut"}` + pair, `macros.json:2: macro "a": lang must be en or es`},
		{"no translation", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "", "body": "Hi"}
]`, `macros.json:2: macro "a": translation must name the same reply in es`},
		{"portal flag", `[

  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "b", "body": "Here: {portal_link}"}` + pair, `macros.json:3: macro "a": portal_link must be true`},
		{"PHI in the wording", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "b", "body": "Your metformin is ready, call 555-201-3344"}` + pair, `contains health information`},
		{"broken JSON", "[\n  {\"id\": \"a\",\n   \"body\": ]\n]", `macros.json:3: not valid JSON`},
		{"unknown field", `[
  {"id": "a", "title": "A", "lang": "en", "category": "operational", "roles": ["frontdesk"], "portal_link": false, "translation": "b", "body": "Hi", "patient": "x"}` + pair, `macros.json:2: json: unknown field "patient"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMacros("macros.json", []byte(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}
