package policy

// Rule triggers. Many readers can only find something where the message
// holds one of a few words: a spoken e-mail needs "at" or "arroba", a
// spelled age "ninety" or "hundred", a period statement "period" or
// "regla". Each such reader names its words here, beside a bit; the
// lexicon's index files every trigger word with its bits, so the look-up
// each word token already makes (scanner.lookup) collects the bits of the
// whole message in scanner.trigAny, and a reader whose words are absent
// returns at once instead of walking every token to learn so.
//
// A trigger word is compared with a token's text exactly as scanner.is
// does: the bit is set for a token exactly when its text is one of the
// words. Trigger words that no list holds are in the index only: the
// word look-up still answers for them as the word map does (not found).
// A reader that needs words of two groups (a lead and what it leads to)
// takes two bits and runs only when both are present.

// ruleTrigger is a set of readers a word can start.
type ruleTrigger uint64

const (
	trigAtWord         ruleTrigger = 1 << iota // "at", "arroba": spelledEmails, spokenEmailsMore
	trigPeriodWord                             // "period", "regla": menstrualStatements
	trigBreathDevice                           // "inhaler", "nebulizador": breathingDevices
	trigSpelledAge                             // "ninety", "hundred": spelledAges, personAges
	trigDecadeWord                             // "nineties", "centenarian": decadeAges
	trigYearStart                              // "nineteen", "mil": spelledDates' years alone
	trigFeltVerb                               // "tengo", "salio": spanishLayComplaints (feltBefore)
	trigPartStateVerb                          // "tengo", "amaneci": spanishLayComplaints
	trigSpanishArticle                         // "un", "la": spanishLayComplaints
	trigLostLead                               // "can't", "ya no", "uses": lostFunctions
	trigLostWhat                               // "walk", "camina", "wheelchair": lostFunctions
	trigPregnantWho                            // "i'm", "estoy": pregnant, pregnancyStages
	trigPregnancyStage                         // "expecting", "due": pregnancyStages
	trigDigitWord                              // "one", "cinco": spelledDigits
	trigHere                                   // "here", "aqui": namesBeforeHere
	trigQuestionAux                            // "can", "did": questionAuxAt
	trigQuestionVerb                           // "come", "pick", "ok": questionVerbAt
	trigPlacePrep                              // "from", "en": placePrepAt, placeShapes
	trigPOBox                                  // "po", "apartado", "casilla": poBox
	trigVehicle                                // "car", "placa": vehicleAt, placeShapes
	trigResidence                              // "house", "flat", "hno": residenceLines
	trigCareHead                               // "therapy", "clinic": qualifiedCare
	trigWeightUnit                             // "kg", "kilos", "lbs": weightStatements
	trigOwnVerb                                // "hurt", "has", "is": ownerSubjects
	trigAddressee                              // "your", "dont": addresseeNames
	trigFetchVerb                              // "pick", "drop": pickUpNames
	trigAgain                                  // "again": againIntros
	trigHouseHead                              // "plot", "erf", "hno": houseLines
	trigPossessive                             // "my", "our": misspeltKinNames
	trigFromLabel                              // "from": emailHeaderNames
	trigTurkishMah                             // "mah", "mahallesi": turkishAddresses
	trigDotWord                                // "dot", "punto": spokenURLs
	trigAddrLabel                              // "bl", "phuong", "rt": labelledAddressParts
	trigFiniteVerb                             // "is", "needs", "tiene": finiteVerb
	trigWillWould                              // "will", "would": shortNamesOpening
	trigCorner                                 // "corner", "esquina": cornerAddresses
	trigRoute                                  // "hwy", "route", "county": routeAddress
	trigPartWord                               // "starts", "ends", "empieza", "reste": idParts
	trigIDNoun                                 // "phone", "card", "numero": idParts
	trigNumberWord                             // "double", "forty", "douze", "plus": spelledDigits (spokenUnit)
	trigBornFr                                 // "ne" (French "né le"): birthDateParts
	trigOrdinalWord                            // "ninth", "primeiro": birthDateParts (birthPartAt)
)

// triggerWords are the words of each trigger, as the readers compare
// them (folded text).
var triggerWords = []struct {
	bit   ruleTrigger
	words []string
}{
	{trigAtWord, []string{"at", "arroba", "arobase"}},
	{trigPeriodWord, periodWords},
	{trigBreathDevice, breathingDeviceWords},
	{trigSpelledAge, []string{"ninety", "noventa", "hundred", "cien", "ciento", "ninty", "nintey", "ninetey", "nobenta", "quatre", "nonante", "cem", "cento", "cent"}},
	{trigDecadeWord, []string{"nineties", "noventas", "nonagenarian", "centenarian", "nonagenaria", "nonagenario",
		"centenaria", "centenario"}},
	{trigYearStart, []string{"nineteen", "eighteen", "two", "mil", "dos"}},
	{trigFeltVerb, feltVerbWords},
	{trigPartStateVerb, partStateVerbWords},
	{trigSpanishArticle, spanishArticles},
	{trigLostLead, append(append([]string{}, lostLeadWords...), aidVerbWords...)},
	{trigLostWhat, lostWhatWords()},
	{trigPregnantWho, pregnantWhoWords},
	{trigPregnancyStage, pregnancyStageWords},
	{trigDigitWord, digitWords()},
	{trigHere, []string{"here", "aqui"}},
	{trigQuestionAux, questionAuxWords},
	{trigQuestionVerb, questionVerbWords},
	{trigPlacePrep, placePrepWords},
	{trigPOBox, poBoxWords},
	{trigVehicle, vehicleWords},
	{trigResidence, residenceWords},
	{trigCareHead, careHeadWords},
	{trigWeightUnit, weightUnitWords},
	{trigOwnVerb, ownVerbWords},
	{trigAddressee, []string{"your", "you", "dont", "don't"}},
	{trigFetchVerb, fetchVerbWords},
	{trigAgain, []string{"again"}},
	{trigHouseHead, houseHeadWords},
	{trigPossessive, []string{"my", "our", "his", "her"}},
	{trigFromLabel, []string{"from"}},
	{trigTurkishMah, turkishMahWords},
	{trigDotWord, dotWords},
	{trigAddrLabel, addressLabelWords},
	{trigFiniteVerb, finiteVerbWords},
	{trigWillWould, []string{"will", "would"}},
	{trigCorner, cornerWords},
	{trigRoute, routeWords},
	{trigPartWord, partWords},
	{trigIDNoun, idNounWords},
	{trigNumberWord, numberWords},
	{trigBornFr, []string{"ne"}},
	{trigOrdinalWord, ordinalWords},
}

// wordSetOf is a set of words for a reader's membership test, built from
// the list its trigger uses, so the two cannot drift apart.
func wordSetOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
