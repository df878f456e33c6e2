package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/clinicwa/triage/assets"
)

// noon is a send time inside the window and outside quiet hours.
var noon = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

const time5m = 5 * time.Minute

// testClinic is an invented clinic's allow-list.
var testClinic = ClinicProfile{
	ClinicNames: []string{"Lakeside Community Health", "Clínica Lakeside"},
	Addresses:   []string{"450 Shoreline Dr, Suite 210, Madison, WI 53703"},
	Phones:      []string{"+1 608 555 0142", "608-555-0143"},
	Web:         []string{"lakesidehealth.example", "https://mychart.lakesidehealth.example/"},
	StaffNames:  []string{"Dr. Amara Osei", "Nurse Tomás Rivera", "Dr. Helen Brandt"},
}

// cross fills every template with every value.
func cross(templates, values []string) []string {
	var out []string
	for _, t := range templates {
		for _, v := range values {
			out = append(out, strings.ReplaceAll(t, "{}", v))
		}
	}
	return out
}

func TestOutboundRefusesClinicalContentWithoutIdentifiers(t *testing.T) {
	results := cross([]string{
		"your {} came back normal", "Your {} are normal", "good news: your {} looks fine",
		"the {} was negative", "your {} showed nothing concerning", "{} came back positive, please call us",
		"we got your {} and it is abnormal", "your {} is high",
	}, []string{"results", "lab results", "test", "blood work", "biopsy", "scan", "labs", "x-ray", "screening", "culture"})
	results = append(results, cross([]string{
		"sus {} salieron normales", "su {} salió positivo", "sus {} están bien", "la {} fue negativa",
	}, []string{"resultados", "prueba", "análisis", "biopsia", "examen"})...)
	results = append(results, cross([]string{"you tested {}", "your test was {}", "tested {} for strep"},
		[]string{"positive", "negative", "p0sitive", "neg4tive", "POSITIVE"})...)
	clinical := cross([]string{"your {} refill is ready", "we sent the {} to your pharmacy", "pick up your {} today", "the {} was approved"},
		[]string{"Truvada", "Descovy", "metformin", "metfromin", "lisinoprill", "atorvastatn", "sertaline", "suboxone", "gabapentine", "ozempik"})
	clinical = append(clinical, cross([]string{"about your {} follow-up", "your {} results", "the {} team wants to see you"},
		[]string{"h.i.v.", "H.I.V.", "c.o.p.d", "d1abetes", "hepatitis c", "HIV", "oncology", "diabetes", "depression"})...)
	clinical = append(clinical, cross([]string{"take {} twice a day", "start {} at bedtime", "you can take {} with food"},
		[]string{"2 tablets", "10 mg", "1 pill", "500mg", "3 puffs"})...)
	clinical = append(clinical, cross([]string{"please {} your dose", "{} your insulin", "we need to {} your medication"},
		[]string{"increase", "lower", "double", "stop", "adjust"})...)
	clinical = append(clinical, "you were diagnosed with the flu", "your diagnosis is pneumonia",
		"the doctor confirmed your diagnosis", "su diagnóstico es diabetes", "you're 8 weeks along, congrats",
		"your A1C is 7.2", "your cholesterol was 240", "your blood pressure is 150/95")
	all := append(results, clinical...)
	if len(all) < 200 {
		t.Fatalf("only %d variants", len(all))
	}
	for _, text := range all {
		d := DecideOutbound(Outbound{Now: noon, OptedIn: true, Text: text, LastInboundAt: noon.Add(-time5m), Rules: OutboundRules{Clinic: testClinic}})
		if d.Allowed || d.Rule != RulePHI || !d.OfferPortalLink {
			t.Errorf("%q: allowed=%v rule=%q, want a PHI refusal offering the portal link", text, d.Allowed, d.Rule)
		}
	}
}

func TestOutboundAllowsClinicTextAndSafetyAdvice(t *testing.T) {
	var allowed []string
	allowed = append(allowed, cross([]string{"{} will call you this afternoon", "you'll see {} on Tuesday", "{} asked me to confirm your visit"},
		[]string{"Dr. Osei", "Dr. Amara Osei", "Nurse Rivera", "Nurse Tomás Rivera", "Dr. Brandt", "Dr Helen Brandt"})...)
	allowed = append(allowed, cross([]string{"call us at {}", "our front desk number is {}", "questions? {}"},
		[]string{"(608) 555-0142", "608.555.0142", "+1 608 555 0142", "608-555-0143", "6085550143"})...)
	allowed = append(allowed, cross([]string{"see {} for hours", "log in at {} to check in", "forms are on {}"},
		[]string{"lakesidehealth.example", "www.lakesidehealth.example", "https://mychart.lakesidehealth.example/login", "https://lakesidehealth.example/forms"})...)
	allowed = append(allowed, cross([]string{"we are at {}", "our address: {}", "parking is behind {}"},
		[]string{"450 Shoreline Dr", "450 Shoreline Dr, Suite 210", "450 Shoreline Dr, Suite 210, Madison, WI 53703"})...)
	allowed = append(allowed, cross([]string{"{} is closed on Monday", "thanks for choosing {}"},
		[]string{"Lakeside Community Health", "Clínica Lakeside"})...)
	allowed = append(allowed, cross([]string{"If you have {}, call 911 now.", "If you notice {}, go to the nearest emergency room.",
		"If you ever have {}, call 911 right away.", "Si tiene {}, llame al 911."},
		[]string{"chest pain", "shortness of breath", "trouble breathing", "a seizure", "sudden weakness", "dolor de pecho"})...)
	allowed = append(allowed, "Your results are ready in the portal. Have a good day!", "your prescription is ready for pickup",
		"see you tomorrow at 3", "We're open Monday to Friday, 8 am to 6 pm.")
	macros, err := assets.Macros()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range macros {
		allowed = append(allowed, strings.ReplaceAll(m.Body, assets.PortalLinkPlaceholder, ""))
	}
	for _, text := range allowed {
		d := DecideOutbound(Outbound{Now: noon, OptedIn: true, Text: text, LastInboundAt: noon.Add(-time5m), Rules: OutboundRules{Clinic: testClinic}})
		if !d.Allowed {
			t.Errorf("%q refused (%s: %s)", text, d.Rule, d.Reason)
		}
	}
}

func TestOutboundAllowListDoesNotCoverPatients(t *testing.T) {
	for _, text := range []string{
		"call me at 312-555-0199", "Dr. Smith will call you", "Maria, your appointment is Tuesday",
		"your address 12 Oak St is on file", "see www.facebook.com/maria.lopez", "Garcia, your appointment moved to Friday",
		"If you have chest pain because your results were abnormal, call 911.",
		"email maria@gmail.com", "Maria Lopez will call", "608-555-0199 is your new number",
		"Madison, your appointment is Tuesday", "Dr. B. Osei will call you", "your ZIP 53704 is on file",
	} {
		d := DecideOutbound(Outbound{Now: noon, OptedIn: true, Text: text, LastInboundAt: noon.Add(-time5m), Rules: OutboundRules{Clinic: testClinic}})
		if d.Allowed {
			t.Errorf("%q allowed: the allow-list must cover only the clinic", text)
		}
	}
}

func TestParseClinicProfileRejectsBadInput(t *testing.T) {
	for _, c := range []struct{ name, json, want string }{
		{"unknown field", `{"clinic_name":["x"]}`, "unknown field"},
		{"empty entry", `{"staff_names":["Dr. A","  "]}`, "staff_names[1] is empty"},
		{"short phone", `{"phones":["555-01"]}`, "phones[0]"},
		{"not a host", `{"web":["clinic"]}`, "web[0]"},
		{"not json", `clinic: yes`, "clinic profile"},
		{"two values", `{} {}`, "more than one"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseClinicProfile(strings.NewReader(c.json))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one mentioning %q", err, c.want)
			}
		})
	}
	raw, err := assets.DemoClinicProfile()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseClinicProfile(strings.NewReader(string(raw))); err != nil {
		t.Errorf("the demo profile does not parse: %v", err)
	}
}

type outboundItem struct {
	ID     string `json:"id"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
	Expect string `json:"expect"`
	Why    string `json:"why"`
}

// Floors for the independent outbound set: refusals are the safety side.
const (
	floorOutboundRefuse = 0.98
	floorOutboundAllow  = 0.98
)

// TestOutboundIndependent scores the guard on an outbound set written by
// someone who did not read it, with that set's own clinic profile. Only
// the aggregate figures are printed.
func TestOutboundIndependent(t *testing.T) {
	items, err := readJSONL[outboundItem]("testdata/outbound_independent.jsonl")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("testdata/outbound_independent.jsonl is not in this tree")
	}
	if err != nil {
		t.Fatal(err)
	}
	clinic, err := ReadClinicProfile("testdata/outbound_independent_clinic.json")
	if err != nil {
		t.Fatal(err)
	}
	var refuse, refused, allow, allowedN int
	for _, it := range items {
		got := ScreenOutbound(it.Text, clinic).Refused()
		switch it.Expect {
		case "refuse":
			refuse++
			if got {
				refused++
			}
		case "allow":
			allow++
			if !got {
				allowedN++
			}
		default:
			t.Fatalf("item %s: expect %q", it.ID, it.Expect)
		}
	}
	rr := float64(refused) / float64(max(refuse, 1))
	ar := float64(allowedN) / float64(max(allow, 1))
	acc := float64(refused+allowedN) / float64(max(refuse+allow, 1))
	report := fmt.Sprintf("outbound independent: accuracy %.4f (%d/%d); refusals %.4f (%d/%d); allowed %.4f (%d/%d)",
		acc, refused+allowedN, refuse+allow, rr, refused, refuse, ar, allowedN, allow)
	t.Log(report)
	if testing.Verbose() {
		fmt.Println(report)
	}
	if rr < floorOutboundRefuse {
		t.Errorf("refusal rate %.4f below floor %.2f", rr, floorOutboundRefuse)
	}
	if ar < floorOutboundAllow {
		t.Errorf("allow rate %.4f below floor %.2f", ar, floorOutboundAllow)
	}
}
