package sim

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/bsp/e164"
	"github.com/clinicwa/triage/bsp/twilio"
)

// twilioTitles are Twilio's messages for the codes the simulator returns.
// None repeats the phone number, unlike some real messages: the clinic's
// logs must not learn numbers from error text.
var twilioTitles = map[int]string{
	20003: "Authenticate",
	20429: "Too Many Requests",
	20500: "Internal Server Error",
	21211: "The 'To' number is not a valid phone number.",
	21619: "A text message body or media url must be specified.",
	21655: "The ContentSid is Invalid.",
	21656: "The ContentVariables Parameter is invalid.",
	21910: "Invalid From and To pair. From and To should be of the same channel.",
	63007: "Twilio could not find a Channel with the specified From address",
	63016: "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
	63018: "Rate limit exceeded for Channel",
	63024: "Invalid message recipient",
	63028: "Number of parameters provided does not match the expected number of parameters",
	21617: "The concatenated message body exceeds the 1600 character limit.",
}

func writeTwilioError(w http.ResponseWriter, status, code int) {
	if status == 0 {
		status = http.StatusBadRequest
	}
	title := twilioTitles[code]
	if title == "" {
		title = http.StatusText(status)
	}
	writeJSON(w, status, map[string]any{"code": code, "message": title,
		"more_info": "https://www.twilio.com/docs/errors/" + strconv.Itoa(code), "status": status})
}

// twilioCode maps a Cloud API failure code to the code Twilio reports.
func twilioCode(metaCode int) int {
	switch metaCode {
	case 131047:
		return 63016
	case 131056, 130429:
		return 63018
	case 131026, 133010:
		return 63024
	case 0:
		return 0
	}
	if metaCode >= 20000 && metaCode < 100000 {
		return metaCode // already a Twilio code
	}
	return 30008 // Unknown error
}

func (s *Server) twilioAuthOK(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok || user == "" || pass == "" || r.PathValue("sid") != user {
		return false
	}
	if s.cfg.TwilioAccountSID != "" && subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.TwilioAccountSID)) != 1 {
		return false
	}
	if s.cfg.TwilioAuthToken == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.TwilioAuthToken)) == 1
}

func (s *Server) handleTwilioSend(w http.ResponseWriter, r *http.Request) {
	if !s.twilioAuthOK(r) {
		writeTwilioError(w, http.StatusUnauthorized, 20003)
		return
	}
	if s.injected(w, r, func(status, code int) {
		if code == -1 {
			writeTwilioError(w, http.StatusUnauthorized, 20003)
			return
		}
		if code == 0 || code > 100000 {
			code = 20500
		}
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeTwilioError(w, status, code)
	}) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		writeTwilioError(w, http.StatusBadRequest, 21619)
		return
	}
	f := r.PostForm
	if !s.numLimiter.Allow() {
		writeTwilioError(w, http.StatusTooManyRequests, 20429)
		return
	}
	toAddr, fromAddr := f.Get("To"), f.Get("From")
	viaService := f.Get("MessagingServiceSid") != ""
	if !strings.HasPrefix(toAddr, "whatsapp:") || (!viaService && !strings.HasPrefix(fromAddr, "whatsapp:")) {
		writeTwilioError(w, 0, 21910)
		return
	}
	if !viaService && fromAddr != s.cfg.TwilioFrom {
		writeTwilioError(w, 0, 63007)
		return
	}
	to, err := e164.Normalize(toAddr)
	if err != nil {
		writeTwilioError(w, 0, 21211)
		return
	}
	entry := &OutboxEntry{Provider: ProviderTwilio, To: to, At: s.now().UTC(), statusCallback: f.Get("StatusCallback")}
	if cb, err := url.Parse(entry.statusCallback); err == nil {
		entry.IdempotencyKey = cb.Query().Get(twilio.IdempotencyParam)
	}
	freeForm := true
	switch {
	case f.Get("ContentSid") != "":
		var vars map[string]string
		if cv := f.Get("ContentVariables"); cv != "" {
			if err := json.Unmarshal([]byte(cv), &vars); err != nil {
				writeTwilioError(w, 0, 21656)
				return
			}
		}
		text, code := s.renderContent(f.Get("ContentSid"), vars)
		if code != 0 {
			writeTwilioError(w, 0, code)
			return
		}
		entry.Type, entry.Text, freeForm = "template", text, false
	case f.Get("Body") != "":
		if utf8.RuneCountInString(f.Get("Body")) > twilio.MaxBodyLen {
			writeTwilioError(w, 0, 21617)
			return
		}
		entry.Type, entry.Text = "text", f.Get("Body")
	default:
		writeTwilioError(w, 0, 21619)
		return
	}
	failCode := 0
	if freeForm && !s.insideWindow(to, s.now()) {
		s.mu.Lock()
		sync := s.faults.OutsideWindowSync
		s.mu.Unlock()
		if sync {
			writeTwilioError(w, 0, 63016)
			return
		}
		failCode = 63016
	}
	if failCode == 0 && !s.allowPair(to) {
		failCode = 63018 // Twilio queues the send and reports the limit afterwards
	}
	s.mu.Lock()
	if failCode == 0 {
		failCode = twilioCode(s.faults.AsyncFailCode)
	}
	s.mu.Unlock()

	entry.ID = newTwilioSID("SM")
	entry.Status = "queued"
	s.record(entry)
	s.log.Info("send accepted", "provider", ProviderTwilio, "id", entry.ID, "type", entry.Type, "to", maskNumber(to))
	now := entry.At.Format(time.RFC1123Z)
	from := fromAddr
	var svc any
	if viaService {
		svc = f.Get("MessagingServiceSid")
	}
	status := "queued"
	if viaService {
		status = "accepted"
	}
	acct := r.PathValue("sid")
	writeJSON(w, http.StatusCreated, map[string]any{
		"account_sid": acct, "api_version": "2010-04-01", "body": entry.Text,
		"date_created": now, "date_sent": nil, "date_updated": now, "direction": "outbound-api",
		"error_code": nil, "error_message": nil, "from": from, "messaging_service_sid": svc,
		"num_media": "0", "num_segments": "1", "price": nil, "price_unit": nil,
		"sid": entry.ID, "status": status,
		"subresource_uris": map[string]string{"media": "/2010-04-01/Accounts/" + acct + "/Messages/" + entry.ID + "/Media.json"},
		"to":               toAddr, "uri": "/2010-04-01/Accounts/" + acct + "/Messages/" + entry.ID + ".json",
	})
	s.scheduleStatuses(entry, failCode)
}

// renderContent fills a Content template's variables; it returns a Twilio
// error code when the template is unknown or the variables do not fit.
func (s *Server) renderContent(sid string, vars map[string]string) (string, int) {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	// Positional variables in numeric order, named ones after, by name.
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		switch {
		case errA == nil && errB == nil:
			return a < b
		case errA == nil:
			return true
		case errB == nil:
			return false
		}
		return keys[i] < keys[j]
	})
	params := make([]param, len(keys))
	for i, k := range keys {
		if _, err := strconv.Atoi(k); err == nil {
			params[i] = param{value: vars[k]}
		} else {
			params[i] = param{name: k, value: vars[k]}
		}
	}
	text, code, _ := s.renderTemplate("", "", sid, params)
	switch code {
	case 0:
		return text, 0
	case 132001:
		return "", 21655
	}
	return "", 63028
}

// emitTwilioStatus posts a status callback, form-encoded and signed, to the
// StatusCallback the send named. Twilio sends none without one.
func (s *Server) emitTwilioStatus(e *OutboxEntry, st string, failCode int) {
	if e.statusCallback == "" {
		return
	}
	f := url.Values{
		"SmsSid": {e.ID}, "SmsStatus": {st}, "MessageStatus": {st}, "MessageSid": {e.ID},
		"ChannelToAddress": {e.To}, "To": {"whatsapp:" + e.To}, "ChannelPrefix": {"whatsapp"},
		"AccountSid": {s.twilioAccount()}, "StructuredMessage": {"false"}, "From": {s.cfg.TwilioFrom},
		"ApiVersion": {"2010-04-01"}, "ChannelInstallSid": {"XE00000000000000000000000000000000"},
	}
	if st == "failed" {
		f.Set("ErrorCode", strconv.Itoa(failCode))
		if t := twilioTitles[failCode]; t != "" {
			f.Set("ErrorMessage", t)
		}
	}
	s.deliverTwilio(e.statusCallback, f)
}

func (s *Server) twilioAccount() string {
	if s.cfg.TwilioAccountSID != "" {
		return s.cfg.TwilioAccountSID
	}
	return "AC00000000000000000000000000000000"
}

// inboundTwilio delivers a patient's message as Twilio's inbound webhook.
func (s *Server) inboundTwilio(from string, in InboundRequest) string {
	id := newTwilioSID("SM")
	f := url.Values{
		"MessageSid": {id}, "SmsMessageSid": {id}, "SmsSid": {id}, "AccountSid": {s.twilioAccount()},
		"From": {"whatsapp:" + from}, "To": {s.cfg.TwilioFrom}, "Body": {in.Text}, "NumMedia": {"0"},
		"NumSegments": {"1"}, "SmsStatus": {"received"}, "ApiVersion": {"2010-04-01"},
		"ProfileName": {in.Name}, "WaId": {from[1:]}, "ReferralNumMedia": {"0"}, "MessageType": {in.Type},
	}
	if in.ReplyTo != "" {
		f.Set("OriginalRepliedMessageSid", in.ReplyTo)
	}
	switch in.Type {
	case "button", "interactive":
		f.Set("ButtonText", in.Text)
		f.Set("ButtonPayload", in.Payload)
	case "location":
		if l := in.Location; l != nil {
			f.Set("Latitude", l.Latitude)
			f.Set("Longitude", l.Longitude)
			f.Set("Label", l.Name)
			f.Set("Address", l.Address)
		}
	case "contacts":
		// Twilio links a shared contact as a text/vcard attachment.
		id = newTwilioSID("MM")
		for _, k := range []string{"MessageSid", "SmsMessageSid", "SmsSid"} {
			f.Set(k, id)
		}
		f.Set("Body", "")
		f.Set("NumMedia", "1")
		f.Set("MediaContentType0", "text/vcard")
		f.Set("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/"+s.twilioAccount()+"/Messages/"+id+"/Media/"+newTwilioSID("ME"))
	case "image":
		id = newTwilioSID("MM")
		for _, k := range []string{"MessageSid", "SmsMessageSid", "SmsSid"} {
			f.Set(k, id)
		}
		mime := in.MIMEType
		if mime == "" {
			mime = "image/jpeg"
		}
		f.Set("NumMedia", "1")
		f.Set("MediaContentType0", mime)
		f.Set("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/"+s.twilioAccount()+"/Messages/"+id+"/Media/"+newTwilioSID("ME"))
	}
	s.log.Info("inbound", "provider", ProviderTwilio, "id", id, "type", in.Type, "from", maskNumber(from))
	s.mu.Lock()
	target := s.twilioURL
	if target == "" {
		target = s.webhookURL
	}
	s.mu.Unlock()
	s.deliverTwilio(target, f)
	return id
}

// deliverTwilio signs the form over the exact target URL and delivers it.
func (s *Server) deliverTwilio(target string, f url.Values) {
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("User-Agent", "TwilioProxy/1.1")
	if s.cfg.TwilioAuthToken != "" {
		h.Set(twilio.SignatureHeader, twilio.Sign(s.cfg.TwilioAuthToken, target, f))
	}
	s.deliver(target, []byte(f.Encode()), h, false)
}
