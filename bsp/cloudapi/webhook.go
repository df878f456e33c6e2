package cloudapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/e164"
)

// MaxWebhookBody is the largest webhook body Meta sends (3 MB). Receivers
// read at most this many bytes (plus one, to detect an oversized body).
const MaxWebhookBody = 3 << 20

// SignatureHeader is the header Meta signs webhook bodies in.
const SignatureHeader = "X-Hub-Signature-256"

// ErrMalformed wraps every ParseWebhook error caused by the body itself, so
// the receiver can acknowledge and drop it instead of making Meta retry a
// body that will never parse.
var ErrMalformed = errors.New("cloudapi: malformed webhook")

// Sign returns the X-Hub-Signature-256 value for body: "sha256=" and the
// lowercase hex HMAC-SHA256 keyed with the app secret.
func Sign(appSecret, body []byte) string {
	m := hmac.New(sha256.New, appSecret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature checks header against the raw request body exactly as
// received; never a re-serialisation of parsed JSON, whose bytes differ.
// A missing header, an empty secret or a mismatch all return
// bsp.ErrBadSignature.
func VerifySignature(appSecret []byte, rawBody []byte, header string) error {
	if len(appSecret) == 0 {
		return bsp.ErrBadSignature
	}
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok || len(hexSig) != sha256.Size*2 {
		return bsp.ErrBadSignature
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return bsp.ErrBadSignature
	}
	m := hmac.New(sha256.New, appSecret)
	m.Write(rawBody)
	if !hmac.Equal(got, m.Sum(nil)) {
		return bsp.ErrBadSignature
	}
	return nil
}

// VerifyHandshake answers Meta's GET subscription check
// (hub.mode=subscribe, hub.verify_token, hub.challenge). When ok, the
// receiver replies 200 with challenge as a text/plain body; otherwise 403.
// The challenge is only echoed when it is a short token of letters, digits
// and "._-", so the endpoint can never be made to reflect markup.
func VerifyHandshake(query url.Values, verifyToken string) (challenge string, ok bool) {
	if verifyToken == "" || query.Get("hub.mode") != "subscribe" {
		return "", false
	}
	if subtle.ConstantTimeCompare([]byte(query.Get("hub.verify_token")), []byte(verifyToken)) != 1 {
		return "", false
	}
	challenge = query.Get("hub.challenge")
	if challenge == "" || len(challenge) > 256 {
		return "", false
	}
	for _, r := range challenge {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == '-') {
			return "", false
		}
	}
	return challenge, true
}

// Webhook wire shapes. Timestamps are Unix seconds in JSON strings.
type (
	webhook struct {
		Object string  `json:"object"`
		Entry  []entry `json:"entry"`
	}
	entry struct {
		ID      string   `json:"id"`
		Changes []change `json:"changes"`
	}
	change struct {
		Field string `json:"field"`
		Value value  `json:"value"`
	}
	value struct {
		MessagingProduct string      `json:"messaging_product"`
		Metadata         metadata    `json:"metadata"`
		Contacts         []contact   `json:"contacts"`
		Messages         []message   `json:"messages"`
		Statuses         []status    `json:"statuses"`
		Errors           []wireError `json:"errors"`
	}
	metadata struct {
		DisplayPhoneNumber string `json:"display_phone_number"`
		PhoneNumberID      string `json:"phone_number_id"`
	}
	contact struct {
		Profile struct {
			Name string `json:"name"`
		} `json:"profile"`
		WaID   string `json:"wa_id"`
		UserID string `json:"user_id"`
	}
	message struct {
		From       string      `json:"from"`
		FromUserID string      `json:"from_user_id"`
		ID         string      `json:"id"`
		Timestamp  unixString  `json:"timestamp"`
		Type       string      `json:"type"`
		Context    *msgContext `json:"context"`
		Text       *struct {
			Body string `json:"body"`
		} `json:"text"`
		Button *struct {
			Payload string `json:"payload"`
			Text    string `json:"text"`
		} `json:"button"`
		Interactive *struct {
			Type        string     `json:"type"`
			ButtonReply *replyPick `json:"button_reply"`
			ListReply   *replyPick `json:"list_reply"`
			NFMReply    *struct {
				Name string `json:"name"`
				Body string `json:"body"`
			} `json:"nfm_reply"`
		} `json:"interactive"`
		Image    *media `json:"image"`
		Audio    *media `json:"audio"`
		Video    *media `json:"video"`
		Document *media `json:"document"`
		Sticker  *media `json:"sticker"`
		Location *struct {
			Latitude  float64 `json:"latitude"`
			Longitude float64 `json:"longitude"`
			Name      string  `json:"name"`
			Address   string  `json:"address"`
		} `json:"location"`
		Contacts []struct {
			Name struct {
				FormattedName string `json:"formatted_name"`
			} `json:"name"`
		} `json:"contacts"`
		Reaction *struct {
			MessageID string `json:"message_id"`
			Emoji     string `json:"emoji"`
		} `json:"reaction"`
		Errors []wireError `json:"errors"`
	}
	msgContext struct {
		From string `json:"from"`
		ID   string `json:"id"`
	}
	replyPick struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	media struct {
		ID       string `json:"id"`
		MIMEType string `json:"mime_type"`
		Caption  string `json:"caption"`
		Filename string `json:"filename"`
	}
	status struct {
		ID              string      `json:"id"`
		Status          string      `json:"status"`
		Timestamp       unixString  `json:"timestamp"`
		RecipientID     string      `json:"recipient_id"`
		RecipientUserID string      `json:"recipient_user_id"`
		CallbackData    string      `json:"biz_opaque_callback_data"`
		Errors          []wireError `json:"errors"`
	}
	wireError struct {
		Code      int    `json:"code"`
		Title     string `json:"title"`
		Message   string `json:"message"`
		ErrorData struct {
			Details string `json:"details"`
		} `json:"error_data"`
	}
)

// unixString is a Unix-seconds timestamp that Meta sends as a JSON string.
// A number is accepted too; anything unreadable becomes the zero time
// rather than failing the whole delivery, and the receiver stamps it.
type unixString time.Time

// UnmarshalJSON reads "1749416383" or 1749416383.
func (u *unixString) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > 1<<40 {
		*u = unixString{}
		return nil
	}
	*u = unixString(time.Unix(n, 0).UTC())
	return nil
}

// ParseWebhook normalises a Cloud API webhook body into events, looping
// over every entry, change, message, status and error. Changes for fields
// other than "messages" (template reviews, account updates) carry nothing
// for a thread and are skipped. Errors wrap ErrMalformed and never quote
// the body.
func ParseWebhook(rawBody []byte) ([]bsp.Event, error) {
	return ParseWebhookFor(DialectCloudAPI, rawBody)
}

// ParseWebhookFor is ParseWebhook with the provider name put on each event
// ("cloudapi" or "360dialog"; both deliver the same envelope).
func ParseWebhookFor(provider string, rawBody []byte) ([]bsp.Event, error) {
	if len(rawBody) > MaxWebhookBody {
		return nil, fmt.Errorf("%w: body larger than %d bytes", ErrMalformed, MaxWebhookBody)
	}
	var w webhook
	if err := json.Unmarshal(rawBody, &w); err != nil {
		return nil, describeJSONError(err)
	}
	if w.Object != "whatsapp_business_account" {
		return nil, fmt.Errorf("%w: object is not whatsapp_business_account", ErrMalformed)
	}
	var events []bsp.Event
	for _, e := range w.Entry {
		for _, ch := range e.Changes {
			if ch.Field != "" && ch.Field != "messages" {
				continue
			}
			events = appendValue(events, provider, &ch.Value)
		}
	}
	return events, nil
}

func describeJSONError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w: invalid JSON at byte %d", ErrMalformed, se.Offset)
	case errors.As(err, &te):
		return fmt.Errorf("%w: field %q has the wrong type", ErrMalformed, te.Field)
	}
	return fmt.Errorf("%w: invalid JSON", ErrMalformed)
}

func appendValue(events []bsp.Event, provider string, v *value) []bsp.Event {
	names := make(map[string]string, len(v.Contacts))
	for _, c := range v.Contacts {
		if c.WaID != "" {
			names[c.WaID] = c.Profile.Name
		}
		if c.UserID != "" {
			names[c.UserID] = c.Profile.Name
		}
	}
	for i := range v.Messages {
		m := &v.Messages[i]
		msg := inbound(m)
		msg.ProfileName = names[m.From]
		if msg.ProfileName == "" && m.FromUserID != "" {
			msg.ProfileName = names[m.FromUserID]
		}
		if msg.ProfileName == "" && len(v.Contacts) == 1 {
			// A message without "from" (username adopters) still comes
			// with its single contact.
			msg.ProfileName = v.Contacts[0].Profile.Name
		}
		events = append(events, bsp.Event{Kind: bsp.EventMessage, Provider: provider, Message: msg})
	}
	for i := range v.Statuses {
		s := &v.Statuses[i]
		st, ok := mapStatus(s.Status)
		if !ok {
			// An unknown status cannot move a message's state; skipping it
			// keeps the delivery acknowledged without inventing one.
			continue
		}
		su := &bsp.StatusUpdate{ProviderID: s.ID, Recipient: e164.FromWaID(s.RecipientID), Status: st,
			Timestamp: time.Time(s.Timestamp), IdempotencyKey: s.CallbackData}
		if st == bsp.StatusFailed {
			su.Err = asyncError(s.Errors)
		}
		events = append(events, bsp.Event{Kind: bsp.EventStatus, Provider: provider, StatusUpdate: su})
	}
	for _, we := range v.Errors {
		events = append(events, bsp.Event{Kind: bsp.EventError, Provider: provider, Err: toProviderError(we)})
	}
	return events
}

func mapStatus(s string) (bsp.Status, bool) {
	switch s {
	case "sent":
		return bsp.StatusSent, true
	case "delivered":
		return bsp.StatusDelivered, true
	case "read", "played": // played: a voice message was listened to, which implies read
		return bsp.StatusRead, true
	case "failed":
		return bsp.StatusFailed, true
	}
	return "", false
}

func asyncError(errs []wireError) *bsp.ProviderError {
	if len(errs) == 0 {
		return &bsp.ProviderError{Class: bsp.ClassPermanent, Title: "provider reported failure without detail"}
	}
	return toProviderError(errs[0])
}

func toProviderError(we wireError) *bsp.ProviderError {
	title := we.Title
	if title == "" {
		title = we.Message
	}
	return &bsp.ProviderError{Class: Classify(0, we.Code), Code: we.Code, Title: title, Details: we.ErrorData.Details}
}

func inbound(m *message) *bsp.InboundMessage {
	msg := &bsp.InboundMessage{
		ProviderID: m.ID,
		From:       e164.FromWaID(m.From),
		FromUserID: m.FromUserID,
		Timestamp:  time.Time(m.Timestamp),
		RawType:    m.Type,
	}
	if m.Context != nil {
		msg.ReplyTo = m.Context.ID
	}
	setMedia := func(t bsp.MessageType, md *media) {
		msg.Type = t
		if md != nil {
			msg.MediaMIME = md.MIMEType
			msg.Text = md.Caption
		}
	}
	switch m.Type {
	case "text":
		msg.Type = bsp.MessageText
		if m.Text != nil {
			msg.Text = m.Text.Body
		}
	case "button":
		msg.Type = bsp.MessageButton
		if m.Button != nil {
			msg.Text, msg.Payload = m.Button.Text, m.Button.Payload
		}
	case "interactive":
		msg.Type = bsp.MessageInteractive
		if it := m.Interactive; it != nil {
			switch {
			case it.ButtonReply != nil:
				msg.Text, msg.Payload = it.ButtonReply.Title, it.ButtonReply.ID
			case it.ListReply != nil:
				msg.Text, msg.Payload = it.ListReply.Title, it.ListReply.ID
			case it.NFMReply != nil:
				msg.Text, msg.Payload = it.NFMReply.Body, it.NFMReply.Name
			}
		}
	case "image":
		setMedia(bsp.MessageImage, m.Image)
	case "audio":
		setMedia(bsp.MessageAudio, m.Audio)
	case "video":
		setMedia(bsp.MessageVideo, m.Video)
	case "document":
		setMedia(bsp.MessageDocument, m.Document)
	case "sticker":
		setMedia(bsp.MessageSticker, m.Sticker)
	case "location":
		msg.Type = bsp.MessageLocation
		if l := m.Location; l != nil {
			msg.Text = locationText(l.Name, l.Address, l.Latitude, l.Longitude)
		}
	case "contacts":
		msg.Type = bsp.MessageContacts
		names := make([]string, 0, len(m.Contacts))
		for _, c := range m.Contacts {
			if c.Name.FormattedName != "" {
				names = append(names, c.Name.FormattedName)
			}
		}
		msg.Text = strings.Join(names, ", ")
	case "reaction":
		msg.Type = bsp.MessageReaction
		if m.Reaction != nil {
			// An empty emoji means the patient removed the reaction.
			msg.Text, msg.ReplyTo = m.Reaction.Emoji, m.Reaction.MessageID
		}
	default:
		// "unsupported", "order", "system", "request_welcome" and types
		// Meta adds later: kept, typed, and named by RawType.
		msg.Type = bsp.MessageUnsupported
		if len(m.Errors) > 0 {
			msg.Text = m.Errors[0].Title
		}
	}
	return msg
}

func locationText(name, address string, lat, lon float64) string {
	var parts []string
	for _, s := range []string{name, address} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, ", ")
	}
	return strconv.FormatFloat(lat, 'f', 5, 64) + ", " + strconv.FormatFloat(lon, 'f', 5, 64)
}
