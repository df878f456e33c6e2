// Package policy holds the console's pure decisions: what in a message is
// Protected Health Information and how to mask it, whether an outbound
// message may go, who may do what, and the secure-portal hand-off tokens.
// Nothing here touches the network, the disk or the terminal.
package policy

// SpanType is the kind of identifier or clinical content a span holds. Its
// string form is the placeholder shown in masked text ("[PHONE]").
type SpanType string

const (
	SpanName      SpanType = "NAME"
	SpanDOB       SpanType = "DOB"  // a date of birth, or a date said to be one
	SpanDate      SpanType = "DATE" // any other date tied to a person
	SpanAge       SpanType = "AGE"  // ages over 89
	SpanPhone     SpanType = "PHONE"
	SpanFax       SpanType = "FAX"
	SpanEmail     SpanType = "EMAIL"
	SpanSSN       SpanType = "SSN"
	SpanMRN       SpanType = "MRN"
	SpanMemberID  SpanType = "MEMBER_ID" // health-plan beneficiary number
	SpanAccount   SpanType = "ACCOUNT"
	SpanCard      SpanType = "CARD"
	SpanLicense   SpanType = "LICENSE"
	SpanVehicle   SpanType = "VEHICLE"
	SpanDevice    SpanType = "DEVICE"
	SpanURL       SpanType = "URL"
	SpanIP        SpanType = "IP"
	SpanAddress   SpanType = "ADDRESS"
	SpanZIP       SpanType = "ZIP"
	SpanBiometric SpanType = "BIOMETRIC"
	SpanPhoto     SpanType = "PHOTO"
	SpanID        SpanType = "ID" // any other unique identifying number or code
	// Clinical content: not an identifier, but health information.
	SpanMedication SpanType = "MEDICATION"
	SpanCondition  SpanType = "CONDITION"
	SpanLab        SpanType = "LAB"
	SpanSymptom    SpanType = "SYMPTOM"
)

// IsClinical reports whether the span is clinical content rather than an
// identifier.
func (t SpanType) IsClinical() bool {
	switch t {
	case SpanMedication, SpanCondition, SpanLab, SpanSymptom:
		return true
	}
	return false
}

// Span is one detected stretch of the original text: UTF-8 byte offsets,
// end exclusive, always on rune boundaries.
type Span struct {
	Start      int
	End        int
	Type       SpanType
	Confidence float64 // 0..1
}

// Detection is what the masker found in one message.
type Detection struct {
	Spans []Span // sorted by Start, non-overlapping
	// Masked is the text with every identifier span replaced by "[TYPE]".
	// Clinical-content spans are masked too: the front desk does not need
	// them to answer, and a nurse reveals them with a reason.
	Masked string
	// Clinical is true when the message asks a clinical question, or pairs
	// clinical content with an identifier: it belongs with a nurse.
	Clinical bool
}

// HasIdentifiers reports whether any span is a Safe Harbor identifier.
func (d Detection) HasIdentifiers() bool {
	for _, s := range d.Spans {
		if !s.Type.IsClinical() {
			return true
		}
	}
	return false
}

// SpanTypes lists the distinct span types found, in order of appearance.
func (d Detection) SpanTypes() []string {
	var out []string
	seen := map[SpanType]bool{}
	for _, s := range d.Spans {
		if !seen[s.Type] {
			seen[s.Type] = true
			out = append(out, string(s.Type))
		}
	}
	return out
}
