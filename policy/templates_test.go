package policy

import (
	"strings"
	"testing"
	"time"
)

var tplNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func TestParseTemplatesNamesFileAndLine(t *testing.T) {
	good := `[
  {"name": "appointment_reminder", "category": "utility", "language": "en", "owner": "Practice manager",
   "last_review": "2026-10-01", "variables": ["clinic_name", "day_time", "location_name"],
   "body": "{{1}}: a reminder of your visit on {{2}} at {{3}}."}
]`
	ts, err := ParseTemplates("templates.json", []byte(good), tplNow)
	if err != nil || len(ts) != 1 || ts[0].Line != 2 {
		t.Fatalf("good file: %v %+v", err, ts)
	}
	if got := ts[0].NextReview().Format(time.DateOnly); got != "2027-01-01" {
		t.Errorf("next review = %s, want a quarter after the last", got)
	}
	cases := []struct{ name, file, want string }{
		{"PHI placeholder", `[
  {"name": "results", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": [],
   "body": "Your result for {patient_name} is ready"}
]`, "templates.json:2: template \"results\": body has {patient_name}"},
		{"named variable", `[

  {"name": "results", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": ["day_time"],
   "body": "Your {{diagnosis}} is ready"}
]`, "templates.json:3: template \"results\": body has {{diagnosis}}"},
		{"bad kind", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": ["dob"], "body": "Hi {{1}}"}
]`, "variable kind \"dob\" is not allowed"},
		{"bad category and language", `[
  {"name": "a", "category": "promo", "language": "fr", "owner": "x", "last_review": "2026-10-01", "variables": [], "body": "Hi"}
]`, "category must be utility"},
		{"PHI in body", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": [], "body": "Your metformin refill is ready"}
]`, "contains health information"},
		{"no owner", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "", "last_review": "2026-10-01", "variables": [], "body": "Hi"}
]`, "owner is required"},
		{"duplicate", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": [], "body": "Hi"},
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": [], "body": "Hello"}
]`, "templates.json:3: template \"a\" in \"en\" is already defined at line 2"},
		{"unknown field", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": [], "body": "Hi", "roles": 3}
]`, "templates.json:2: json: unknown field \"roles\""},
		{"broken JSON", "[\n  {\"name\": \"a\",\n   \"body\": }\n]", "templates.json:3"},
		{"count mismatch", `[
  {"name": "a", "category": "utility", "language": "en", "owner": "x", "last_review": "2026-10-01", "variables": ["day_time"], "body": "Hi {{1}} {{2}}"}
]`, "body has 2 variables but 1 kinds are listed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseTemplates("templates.json", []byte(c.file), tplNow)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestCheckVariableKinds(t *testing.T) {
	locs := []string{"Main clinic", "Eastside"}
	cases := []struct {
		kind, value string
		ok          bool
	}{
		{VarDayTime, "Tuesday 3:30 PM", true},
		{VarDayTime, "tue 12 Mar 9:00", true},
		{VarDayTime, "martes 15:30", true},
		{VarDayTime, "Tomorrow at 10am", true},
		{VarDayTime, "mañana a las 9", true},
		{VarDayTime, "after your chemo", false},
		{VarDayTime, "Tuesday 25:00", false},
		{VarDayTime, "Robert Chen 3pm", false},
		{VarLocationName, "Main clinic", true},
		{VarLocationName, "eastside", true},
		{VarLocationName, "Oncology ward", false},
		{VarLocationName, "", false},
		{VarPortalLink, "https://evil.example/x", false},
		{VarClinicName, "Anything", false},
	}
	for _, c := range cases {
		why := CheckVariable(c.kind, c.value, locs)
		if (why == "") != c.ok {
			t.Errorf("CheckVariable(%s, %q) = %q, want ok=%v", c.kind, c.value, why, c.ok)
		}
	}
}

func TestReviewOverdue(t *testing.T) {
	tp := Template{LastReview: "2026-09-05"}
	if tp.ReviewOverdue(tplNow) {
		t.Error("reviewed three months ago less a day: not overdue yet")
	}
	if !(Template{LastReview: "2026-09-03"}).ReviewOverdue(tplNow.AddDate(0, 0, 1)) {
		t.Error("past its quarterly review: overdue")
	}
}
