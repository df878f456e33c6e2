package twilio

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/e164"
)

// SignatureHeader is the header Twilio signs webhooks in.
const SignatureHeader = "X-Twilio-Signature"

// ErrMalformed wraps ParseWebhook errors caused by the request itself. It
// wraps bsp.ErrMalformed.
var ErrMalformed = fmt.Errorf("twilio: %w", bsp.ErrMalformed)

// Sign computes X-Twilio-Signature: the full URL as configured in Twilio,
// then each POST parameter's name and value, sorted by name (and by value
// within a repeated name, as Twilio's own libraries do), HMAC-SHA1 keyed
// with the auth token, standard base64.
func Sign(authToken, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range keys {
		vals := append([]string(nil), form[k]...)
		sort.Strings(vals)
		for i, v := range vals {
			if i > 0 && vals[i-1] == v {
				continue
			}
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifySignature checks header against fullURL (exactly as configured in
// Twilio: scheme, host, path and query as the public URL, not the one a
// proxy forwarded to) and the POST parameters (r.PostForm, all of them).
// Like Twilio's libraries it accepts the signature computed with or
// without the default port, because Twilio is inconsistent about it.
func VerifySignature(authToken, fullURL string, form url.Values, header string) error {
	if authToken == "" || header == "" {
		return bsp.ErrBadSignature
	}
	for _, u := range urlVariants(fullURL) {
		if subtle.ConstantTimeCompare([]byte(Sign(authToken, u, form)), []byte(header)) == 1 {
			return nil
		}
	}
	return bsp.ErrBadSignature
}

// urlVariants returns fullURL as given, then with the default port added
// or removed.
func urlVariants(fullURL string) []string {
	out := []string{fullURL}
	u, err := url.Parse(fullURL)
	if err != nil || u.Host == "" {
		return out
	}
	def := map[string]string{"https": "443", "http": "80"}[u.Scheme]
	if def == "" {
		return out
	}
	alt := *u
	switch u.Port() {
	case "":
		alt.Host = u.Host + ":" + def
	case def:
		alt.Host = u.Hostname()
		if strings.Contains(alt.Host, ":") { // IPv6 literal
			alt.Host = "[" + alt.Host + "]"
		}
	default:
		return out
	}
	return append(out, alt.String())
}

// ParseWebhook normalises a Twilio inbound-message webhook or status
// callback into events. Pass r.Form (URL query merged with the body) so a
// status callback's idempotency key is seen.
func ParseWebhook(form url.Values) ([]bsp.Event, error) {
	sid := first(form, "MessageSid", "SmsMessageSid", "SmsSid")
	if sid == "" {
		return nil, fmt.Errorf("%w: no MessageSid", ErrMalformed)
	}
	status := first(form, "MessageStatus", "SmsStatus")
	switch status {
	case "received", "receiving", "":
		if form.Get("From") == "" && form.Get("WaId") == "" {
			return nil, fmt.Errorf("%w: inbound message without From", ErrMalformed)
		}
		return []bsp.Event{{Kind: bsp.EventMessage, Provider: ProviderName, BusinessNumber: ownNumber(form.Get("To")), Message: inbound(sid, form)}}, nil
	}
	st, ok := mapStatus(status)
	if !ok {
		// queued, accepted, scheduled, sending: not a state the clinic tracks.
		return nil, nil
	}
	su := &bsp.StatusUpdate{ProviderID: sid, Status: st, IdempotencyKey: form.Get(IdempotencyParam)}
	if to := form.Get("To"); to != "" {
		su.Recipient, _ = e164.Normalize(to)
	}
	if st == bsp.StatusFailed {
		code, _ := strconv.Atoi(form.Get("ErrorCode"))
		title := form.Get("ErrorMessage")
		if title == "" {
			title = "Twilio reported " + status
			if code != 0 {
				title += " (error " + strconv.Itoa(code) + ")"
			}
		}
		su.Err = &bsp.ProviderError{Class: Classify(0, code), Code: code, Title: title}
	}
	// A status callback is about a message the clinic sent: its own
	// number is the sender.
	return []bsp.Event{{Kind: bsp.EventStatus, Provider: ProviderName, BusinessNumber: ownNumber(form.Get("From")), StatusUpdate: su}}, nil
}

// ownNumber is the clinic's side of a webhook in E.164, or the value as
// sent when it is not a number, so a comparison with the configured sender
// fails rather than matches by accident.
func ownNumber(addr string) string {
	if n, err := e164.Normalize(addr); err == nil {
		return n
	}
	return addr
}

func mapStatus(s string) (bsp.Status, bool) {
	switch s {
	case "sent":
		return bsp.StatusSent, true
	case "delivered":
		return bsp.StatusDelivered, true
	case "read":
		return bsp.StatusRead, true
	case "failed", "undelivered", "canceled":
		return bsp.StatusFailed, true
	}
	return "", false
}

func first(form url.Values, keys ...string) string {
	for _, k := range keys {
		if v := form.Get(k); v != "" {
			return v
		}
	}
	return ""
}

func inbound(sid string, f url.Values) *bsp.InboundMessage {
	m := &bsp.InboundMessage{ProviderID: sid, ProfileName: f.Get("ProfileName"), Text: f.Get("Body"),
		ReplyTo: f.Get("OriginalRepliedMessageSid"), RawType: f.Get("MessageType")}
	if n, err := e164.Normalize(f.Get("From")); err == nil {
		m.From = n
	} else {
		m.From = e164.FromWaID(f.Get("WaId"))
	}
	numMedia, _ := strconv.Atoi(f.Get("NumMedia"))
	kind := m.RawType
	if kind == "" {
		switch {
		case numMedia > 0:
			kind = "media"
		case f.Get("Latitude") != "":
			kind = "location"
		case f.Get("ButtonPayload") != "" || f.Get("ButtonText") != "":
			kind = "button"
		default:
			kind = "text"
		}
	}
	switch kind {
	case "text":
		m.Type = bsp.MessageText
	case "button":
		m.Type = bsp.MessageButton
		m.Text, m.Payload, m.PayloadTitle = orElse(f.Get("ButtonText"), m.Text), f.Get("ButtonPayload"), f.Get("ButtonText")
	case "interactive":
		m.Type = bsp.MessageInteractive
		if f.Get("ListId") != "" {
			m.Text, m.Payload, m.PayloadTitle = orElse(f.Get("ListTitle"), m.Text), f.Get("ListId"), f.Get("ListTitle")
		} else {
			m.Text, m.Payload, m.PayloadTitle = orElse(f.Get("ButtonText"), m.Text), f.Get("ButtonPayload"), f.Get("ButtonText")
		}
	case "location":
		m.Type = bsp.MessageLocation
		m.Location = &bsp.Location{Latitude: f.Get("Latitude"), Longitude: f.Get("Longitude"), Name: f.Get("Label"), Address: f.Get("Address")}
		m.Text = orElse(strings.Trim(f.Get("Label")+", "+f.Get("Address"), ", "), f.Get("Latitude")+", "+f.Get("Longitude"))
	case "contacts":
		// Twilio links the card as text/vcard media. Media is never
		// fetched (it is PHI and the URL is the provider's), so the card
		// is read only when its text came inline in the body.
		m.Type = bsp.MessageContacts
		if cards := ParseVCards(m.Text); len(cards) > 0 {
			m.Contacts = cards
			names := make([]string, 0, len(cards))
			for _, c := range cards {
				if c.Name != "" {
					names = append(names, c.Name)
				}
			}
			m.Text = strings.Join(names, ", ")
		} else {
			m.ContactsNotFetched = numMedia > 0
			m.MediaMIME = f.Get("MediaContentType0")
		}
	case "media", "image", "audio", "video", "document", "sticker":
		m.MediaMIME = f.Get("MediaContentType0")
		m.Type = mediaType(kind, m.MediaMIME)
	case "reaction":
		m.Type = bsp.MessageReaction
	default:
		m.Type = bsp.MessageUnsupported
	}
	return m
}

func mediaType(kind, mime string) bsp.MessageType {
	switch kind {
	case "image":
		return bsp.MessageImage
	case "audio":
		return bsp.MessageAudio
	case "video":
		return bsp.MessageVideo
	case "document":
		return bsp.MessageDocument
	case "sticker":
		return bsp.MessageSticker
	}
	switch {
	case mime == "image/webp":
		return bsp.MessageSticker
	case strings.HasPrefix(mime, "image/"):
		return bsp.MessageImage
	case strings.HasPrefix(mime, "audio/"):
		return bsp.MessageAudio
	case strings.HasPrefix(mime, "video/"):
		return bsp.MessageVideo
	}
	return bsp.MessageDocument
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ParseVCards reads the contact cards in text (vCard 3 or 4: FN, N, TEL,
// EMAIL), or none when text holds no card.
func ParseVCards(text string) []bsp.Contact {
	var (
		out []bsp.Contact
		cur *bsp.Contact
	)
	// Folded lines (RFC 6350 3.2) continue with a space or tab.
	text = strings.NewReplacer("\r\n ", "", "\r\n\t", "", "\n ", "", "\n\t", "").Replace(text)
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		prop := strings.ToUpper(name)
		if i := strings.IndexByte(prop, ';'); i >= 0 {
			prop = prop[:i]
		}
		if j := strings.LastIndexByte(prop, '.'); j >= 0 { // item1.TEL
			prop = prop[j+1:]
		}
		switch {
		case prop == "BEGIN" && strings.EqualFold(val, "VCARD"):
			out = append(out, bsp.Contact{})
			cur = &out[len(out)-1]
		case cur == nil:
		case prop == "END":
			cur = nil
		case prop == "FN":
			cur.Name = val
		case prop == "N" && cur.Name == "":
			parts := strings.Split(val, ";")
			if len(parts) > 1 {
				cur.Name = strings.TrimSpace(parts[1] + " " + parts[0])
			} else {
				cur.Name = strings.TrimSpace(val)
			}
		case prop == "TEL":
			cur.Phones = append(cur.Phones, strings.TrimPrefix(val, "tel:"))
		case prop == "EMAIL":
			cur.Emails = append(cur.Emails, val)
		}
	}
	return out
}
