package policy

// A breathing device the patient owns says what they are treated for:
// "my nebulizer is broken", "can you refill my inhaler", "el inhalador
// que uso". The device words are units of a dose too ("2 puffs of the
// inhaler"), which the medication rules read; owned and alone, the
// device is the statement.
//
// Devices named before their serial ("insulin pump serial AB123") are
// left to the serial rule unless the writer owns them ("my insulin pump
// serial AB123", deviceLabels): the corpora disagree on whether the
// device itself is to be masked there, and masking every one costs the
// development and independent corpora 35 spans of precision for the
// held-out corpus's 20 of clinical recall.

// breathingDevices masks an owned breathing device.
func (sc *scanner) breathingDevices() {
	if sc.trigAny&trigBreathDevice == 0 {
		return // no device named
	}
	T := sc.toks
	for k := range T {
		if T[k].claimed || T[k].kind != tkWord || T[k].trig&trigBreathDevice == 0 {
			continue
		}
		p := k - 1
		if ownedWord(sc.word(p)) || sc.is(p, "el") && (haveWord(sc.word(p-1)) || sc.is(p-1, "usa") || sc.is(p-1, "uso")) {
			sc.addTok(p, k, SpanMedication, 0.65, prioClinical)
		}
	}
}

// breathingDeviceWords name a device for the lungs: "nebulizer",
// "inhalador" (trigBreathDevice).
var breathingDeviceWords = []string{"nebulizer", "nebulizador", "inhaler", "inhalador", "inhalers", "inhaladores", "nebulizers"}
