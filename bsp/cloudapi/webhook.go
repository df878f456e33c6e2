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
// body that will never parse. It wraps bsp.ErrMalformed.
var ErrMalformed = fmt.Errorf("cloudapi: %w", bsp.ErrMalformed)

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

// Webhook wire shapes. Each level of the envelope (entry, change, value,
// message) is kept as raw JSON and decoded on its own, so one entry or
// message the parser cannot read never loses the others in the same body.
// Timestamps are Unix seconds in JSON strings; ids and coordinates arrive
// as strings or numbers depending on who sent the body, and both are read.
type (
	envelope struct {
		Object string            `json:"object"`
		Entry  []json.RawMessage `json:"entry"`
	}
	entry struct {
		Changes []json.RawMessage `json:"changes"`
	}
	change struct {
		Field string          `json:"field"`
		Value json.RawMessage `json:"value"`
	}
	value struct {
		Metadata metadata          `json:"metadata"`
		Contacts []json.RawMessage `json:"contacts"`
		Messages []json.RawMessage `json:"messages"`
		Statuses []json.RawMessage `json:"statuses"`
		Errors   []json.RawMessage `json:"errors"`
	}
	metadata struct {
		DisplayPhoneNumber flexString `json:"display_phone_number"`
		PhoneNumberID      flexString `json:"phone_number_id"`
	}
	contact struct {
		Profile struct {
			Name string `json:"name"`
		} `json:"profile"`
		WaID   flexString `json:"wa_id"`
		UserID string     `json:"user_id"`
	}
	message struct {
		From       flexString  `json:"from"`
		FromUserID string      `json:"from_user_id"`
		ID         string      `json:"id"`
		Timestamp  unixString  `json:"timestamp"`
		Type       string      `json:"type"`
		Context    *msgContext `json:"context"`
		messageContent
		Reaction *struct {
			MessageID string `json:"message_id"`
			Emoji     string `json:"emoji"`
		} `json:"reaction"`
		Order *struct {
			CatalogID    flexString `json:"catalog_id"`
			Text         string     `json:"text"`
			ProductItems []struct {
				ProductRetailerID flexString `json:"product_retailer_id"`
				Quantity          flexString `json:"quantity"`
				ItemPrice         flexString `json:"item_price"`
				Currency          string     `json:"currency"`
			} `json:"product_items"`
		} `json:"order"`
		System *struct {
			Body     string     `json:"body"`
			Type     string     `json:"type"`
			WaID     flexString `json:"wa_id"`
			NewWaID  flexString `json:"new_wa_id"`
			UserID   string     `json:"user_id"`
			Customer flexString `json:"customer"`
		} `json:"system"`
		Revoke *struct {
			OriginalMessageID string `json:"original_message_id"`
		} `json:"revoke"`
		Edit *struct {
			OriginalMessageID string `json:"original_message_id"`
			Message           *struct {
				Type string `json:"type"`
				messageContent
			} `json:"message"`
		} `json:"edit"`
		Errors []wireError `json:"errors"`
	}
	// messageContent is what a message and the new version of an edited
	// message share.
	messageContent struct {
		Text *struct {
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
				Name         string          `json:"name"`
				Body         string          `json:"body"`
				ResponseJSON json.RawMessage `json:"response_json"`
			} `json:"nfm_reply"`
		} `json:"interactive"`
		Image    *media `json:"image"`
		Audio    *media `json:"audio"`
		Video    *media `json:"video"`
		Document *media `json:"document"`
		Sticker  *media `json:"sticker"`
		Location *struct {
			Latitude  flexString `json:"latitude"`
			Longitude flexString `json:"longitude"`
			Name      string     `json:"name"`
			Address   string     `json:"address"`
			URL       string     `json:"url"`
		} `json:"location"`
		Contacts []struct {
			Name struct {
				FormattedName string `json:"formatted_name"`
				FirstName     string `json:"first_name"`
				LastName      string `json:"last_name"`
			} `json:"name"`
			Phones []struct {
				Phone flexString `json:"phone"`
				WaID  flexString `json:"wa_id"`
			} `json:"phones"`
			Emails []struct {
				Email string `json:"email"`
			} `json:"emails"`
		} `json:"contacts"`
	}
	msgContext struct {
		From       flexString `json:"from"`
		ID         string     `json:"id"`
		Forwarded  bool       `json:"forwarded"`
		Frequently bool       `json:"frequently_forwarded"`
	}
	replyPick struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	media struct {
		ID       flexString `json:"id"`
		MIMEType string     `json:"mime_type"`
		Caption  string     `json:"caption"`
		Filename string     `json:"filename"`
	}
	status struct {
		ID              string      `json:"id"`
		Status          string      `json:"status"`
		Timestamp       unixString  `json:"timestamp"`
		RecipientID     flexString  `json:"recipient_id"`
		RecipientUserID string      `json:"recipient_user_id"`
		CallbackData    string      `json:"biz_opaque_callback_data"`
		Errors          []wireError `json:"errors"`
	}
	wireError struct {
		Code      flexInt `json:"code"`
		Title     string  `json:"title"`
		Message   string  `json:"message"`
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

// flexString is a field that some senders write as a JSON string and
// others as a number ("52.1" or 52.1, "16505551234" or 16505551234). The
// number is kept exactly as written, so nothing is lost to rounding.
type flexString string

// UnmarshalJSON reads a string, a number, or null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

// flexInt is an error code sent as a number or a string; an unreadable
// one is 0 (unknown) rather than a lost delivery.
type flexInt int

// UnmarshalJSON reads 131047 or "131047".
func (f *flexInt) UnmarshalJSON(b []byte) error {
	n, err := strconv.Atoi(strings.Trim(string(b), `"`))
	if err != nil {
		n = 0
	}
	*f = flexInt(n)
	return nil
}

// ParseWebhook normalises a Cloud API webhook body into events, looping
// over every entry, change, message, status and error. Changes for fields
// other than "messages" (template reviews, account updates) carry nothing
// for a thread and are skipped. Only a body that is not a Cloud API
// envelope at all is an error (wrapping ErrMalformed, never quoting the
// body); an entry, change or message that cannot be read becomes a
// MessageUnreadable event in its place.
func ParseWebhook(rawBody []byte) ([]bsp.Event, error) {
	return ParseWebhookFor(DialectCloudAPI, rawBody)
}

// ParseWebhookFor is ParseWebhook with the provider name put on each event
// ("cloudapi" or "360dialog"; both deliver the same envelope).
func ParseWebhookFor(provider string, rawBody []byte) ([]bsp.Event, error) {
	if len(rawBody) > MaxWebhookBody {
		return nil, fmt.Errorf("%w: body larger than %d bytes", ErrMalformed, MaxWebhookBody)
	}
	var w envelope
	if err := json.Unmarshal(rawBody, &w); err != nil {
		return nil, describeJSONError(err)
	}
	if w.Object != "whatsapp_business_account" {
		var v1 struct {
			Messages, Statuses json.RawMessage
		}
		if w.Object == "" && json.Unmarshal(rawBody, &v1) == nil && (v1.Messages != nil || v1.Statuses != nil) {
			// The retired On-Premise (360dialog v1) shape names no business
			// number, so it cannot be checked as addressed to this clinic.
			return nil, fmt.Errorf("%w: On-Premise (v1) envelope without a business number; only the Cloud API envelope is accepted", ErrMalformed)
		}
		return nil, fmt.Errorf("%w: object is not whatsapp_business_account", ErrMalformed)
	}
	var events []bsp.Event
	for _, rawEntry := range w.Entry {
		var e entry
		if err := json.Unmarshal(rawEntry, &e); err != nil {
			events = append(events, unreadable(provider, "", rawEntry, "entry", err))
			continue
		}
		for _, rawChange := range e.Changes {
			var ch change
			if err := json.Unmarshal(rawChange, &ch); err != nil {
				events = append(events, unreadable(provider, "", rawChange, "change", err))
				continue
			}
			if ch.Field != "" && ch.Field != "messages" {
				continue
			}
			var v value
			if err := json.Unmarshal(ch.Value, &v); err != nil {
				events = append(events, unreadable(provider, "", ch.Value, "change value", err))
				continue
			}
			events = appendValue(events, provider, &v)
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

// unreadable is the event kept for a part of the body that could not be
// decoded. Its sender and id are recovered when the part is at least a
// JSON object carrying them, so the record lands in the patient's thread;
// the raw bytes go along for the store's sealed digest only.
func unreadable(provider, businessNumber string, raw json.RawMessage, where string, err error) bsp.Event {
	reason := where + ": " + strings.TrimPrefix(describeJSONError(err).Error(), ErrMalformed.Error()+": ")
	msg := &bsp.InboundMessage{Type: bsp.MessageUnreadable, Reason: reason}
	if len(raw) > bsp.MaxUnreadableRaw {
		raw = raw[:bsp.MaxUnreadableRaw]
	}
	msg.Raw = append([]byte(nil), raw...)
	if where == "message" {
		var loose map[string]json.RawMessage
		if json.Unmarshal(raw, &loose) == nil {
			str := func(k string) string {
				var f flexString
				if json.Unmarshal(loose[k], &f) == nil {
					return string(f)
				}
				return ""
			}
			msg.ProviderID, msg.FromUserID, msg.RawType = str("id"), str("from_user_id"), str("type")
			msg.From = e164.FromWaID(str("from"))
			var ts unixString
			if json.Unmarshal(loose["timestamp"], &ts) == nil {
				msg.Timestamp = time.Time(ts)
			}
		}
	}
	return bsp.Event{Kind: bsp.EventMessage, Provider: provider, BusinessNumber: businessNumber, Message: msg}
}

func appendValue(events []bsp.Event, provider string, v *value) []bsp.Event {
	biz := string(v.Metadata.PhoneNumberID)
	var contacts []contact
	for _, raw := range v.Contacts {
		var c contact
		if json.Unmarshal(raw, &c) == nil {
			contacts = append(contacts, c)
		}
	}
	for _, raw := range v.Messages {
		var m message
		if err := json.Unmarshal(raw, &m); err != nil {
			events = append(events, unreadable(provider, biz, raw, "message", err))
			continue
		}
		msg := inbound(&m)
		attribute(msg, contacts)
		events = append(events, bsp.Event{Kind: bsp.EventMessage, Provider: provider, BusinessNumber: biz, Message: msg})
	}
	for _, raw := range v.Statuses {
		var s status
		if err := json.Unmarshal(raw, &s); err != nil {
			// A status names no patient text; one that cannot be read
			// moves no message's state and is skipped like an unknown one.
			continue
		}
		st, ok := mapStatus(s.Status)
		if !ok {
			// An unknown status cannot move a message's state; skipping it
			// keeps the delivery acknowledged without inventing one.
			continue
		}
		su := &bsp.StatusUpdate{ProviderID: s.ID, Recipient: e164.FromWaID(string(s.RecipientID)), Status: st,
			Timestamp: time.Time(s.Timestamp), IdempotencyKey: s.CallbackData}
		if st == bsp.StatusFailed {
			su.Err = asyncError(s.Errors)
		}
		events = append(events, bsp.Event{Kind: bsp.EventStatus, Provider: provider, BusinessNumber: biz, StatusUpdate: su})
	}
	for _, raw := range v.Errors {
		var we wireError
		if json.Unmarshal(raw, &we) != nil {
			we = wireError{Title: "provider error that could not be read"}
		}
		events = append(events, bsp.Event{Kind: bsp.EventError, Provider: provider, BusinessNumber: biz, Err: toProviderError(we)})
	}
	return events
}

// attribute fills the sender's profile name and identifiers from the
// value's contacts: by number, by business-scoped user id, or, for a
// message without "from" (a patient who adopted a username), from the
// single contact the value carries.
func attribute(msg *bsp.InboundMessage, contacts []contact) {
	var match *contact
	for i := range contacts {
		c := &contacts[i]
		if (msg.From != "" && e164.FromWaID(string(c.WaID)) == msg.From) || (msg.FromUserID != "" && c.UserID == msg.FromUserID) {
			match = c
			break
		}
	}
	if match == nil && len(contacts) == 1 && (msg.From == "" || msg.FromUserID == "") {
		c := &contacts[0]
		// Only adopt the single contact when it does not name someone else.
		if (msg.From == "" || c.WaID == "" || e164.FromWaID(string(c.WaID)) == msg.From) &&
			(msg.FromUserID == "" || c.UserID == "" || c.UserID == msg.FromUserID) {
			match = c
		}
	}
	if match == nil {
		return
	}
	msg.ProfileName = match.Profile.Name
	if msg.From == "" {
		msg.From = e164.FromWaID(string(match.WaID))
	}
	if msg.FromUserID == "" {
		msg.FromUserID = match.UserID
	}
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
	return &bsp.ProviderError{Class: Classify(0, int(we.Code)), Code: int(we.Code), Title: title, Details: we.ErrorData.Details}
}

// ParseMessage decodes one Cloud API message object (an element of
// value.messages) on its own. It is what ParseWebhook runs per message,
// exported for the fuzz target and the simulator.
func ParseMessage(raw []byte) (*bsp.InboundMessage, error) {
	var m message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, describeJSONError(err)
	}
	return inbound(&m), nil
}

func inbound(m *message) *bsp.InboundMessage {
	msg := &bsp.InboundMessage{
		ProviderID: m.ID,
		From:       e164.FromWaID(string(m.From)),
		FromUserID: m.FromUserID,
		Timestamp:  time.Time(m.Timestamp),
		RawType:    m.Type,
	}
	if m.Context != nil {
		msg.ReplyTo = m.Context.ID
		msg.Forwarded = m.Context.Forwarded || m.Context.Frequently
	}
	if content(msg, m.Type, &m.messageContent) {
		return msg
	}
	switch m.Type {
	case "reaction":
		msg.Type = bsp.MessageReaction
		if m.Reaction != nil {
			msg.Text, msg.TargetID = m.Reaction.Emoji, m.Reaction.MessageID
		}
		// An empty or missing emoji means the patient removed the reaction.
		msg.ReactionRemoved = msg.Text == ""
	case "order":
		msg.Type = bsp.MessageOrder
		if o := m.Order; o != nil {
			msg.Text = o.Text
			msg.Order = &bsp.Order{CatalogID: string(o.CatalogID)}
			for _, it := range o.ProductItems {
				msg.Order.Items = append(msg.Order.Items, bsp.OrderItem{ProductID: string(it.ProductRetailerID),
					Quantity: string(it.Quantity), Price: string(it.ItemPrice), Currency: it.Currency})
			}
		}
	case "system":
		msg.Type = bsp.MessageSystem
		if sy := m.System; sy != nil {
			msg.SystemType, msg.Text = sy.Type, sy.Body
			if sy.Type == bsp.SystemNumberChanged {
				msg.NewNumber = e164.FromWaID(string(orFlex(sy.NewWaID, sy.WaID)))
				msg.NewUserID = sy.UserID
			}
		}
	case "revoke":
		msg.Type = bsp.MessageRevoke
		if m.Revoke != nil {
			msg.TargetID = m.Revoke.OriginalMessageID
		}
	case "edit":
		msg.Type = bsp.MessageEdit
		if e := m.Edit; e != nil {
			msg.TargetID = e.OriginalMessageID
			if e.Message != nil {
				inner := &bsp.InboundMessage{}
				if content(inner, e.Message.Type, &e.Message.messageContent) {
					msg.EditedType, msg.Text, msg.MediaMIME = inner.Type, inner.Text, inner.MediaMIME
				}
			}
		}
	default:
		// "unsupported", "request_welcome" and types Meta adds later:
		// kept, typed, and named by RawType.
		msg.Type = bsp.MessageUnsupported
		if len(m.Errors) > 0 {
			msg.Text = m.Errors[0].Title
		}
	}
	return msg
}

// content reads the kinds of content a message and an edit share; false
// means typ is not one of them.
func content(msg *bsp.InboundMessage, typ string, c *messageContent) bool {
	setMedia := func(t bsp.MessageType, md *media) {
		msg.Type = t
		if md != nil {
			msg.MediaMIME = md.MIMEType
			msg.Text = md.Caption
		}
	}
	switch typ {
	case "text":
		msg.Type = bsp.MessageText
		if c.Text != nil {
			msg.Text = c.Text.Body
		}
	case "button":
		msg.Type = bsp.MessageButton
		if c.Button != nil {
			msg.Text, msg.Payload, msg.PayloadTitle = c.Button.Text, c.Button.Payload, c.Button.Text
		}
	case "interactive":
		msg.Type = bsp.MessageInteractive
		if it := c.Interactive; it != nil {
			switch {
			case it.ButtonReply != nil:
				msg.Text, msg.Payload, msg.PayloadTitle = it.ButtonReply.Title, it.ButtonReply.ID, it.ButtonReply.Title
			case it.ListReply != nil:
				msg.Text, msg.Payload, msg.PayloadTitle = it.ListReply.Title, it.ListReply.ID, it.ListReply.Title
			case it.NFMReply != nil:
				msg.Type = bsp.MessageFlow
				msg.Text, msg.Payload = it.NFMReply.Body, it.NFMReply.Name
				msg.FlowResponse = flowJSON(it.NFMReply.ResponseJSON)
			}
		}
	case "image":
		setMedia(bsp.MessageImage, c.Image)
	case "audio", "voice":
		setMedia(bsp.MessageAudio, c.Audio)
	case "video":
		setMedia(bsp.MessageVideo, c.Video)
	case "document":
		setMedia(bsp.MessageDocument, c.Document)
	case "sticker":
		setMedia(bsp.MessageSticker, c.Sticker)
	case "location":
		msg.Type = bsp.MessageLocation
		if l := c.Location; l != nil {
			msg.Location = &bsp.Location{Latitude: string(l.Latitude), Longitude: string(l.Longitude),
				Name: l.Name, Address: l.Address, URL: l.URL}
			msg.Text = LocationText(msg.Location)
		}
	case "contacts":
		msg.Type = bsp.MessageContacts
		names := make([]string, 0, len(c.Contacts))
		for _, wc := range c.Contacts {
			ct := bsp.Contact{Name: wc.Name.FormattedName}
			if ct.Name == "" {
				ct.Name = strings.TrimSpace(wc.Name.FirstName + " " + wc.Name.LastName)
			}
			for _, p := range wc.Phones {
				if n := string(orFlex(p.Phone, p.WaID)); n != "" {
					ct.Phones = append(ct.Phones, n)
				}
			}
			for _, e := range wc.Emails {
				if e.Email != "" {
					ct.Emails = append(ct.Emails, e.Email)
				}
			}
			msg.Contacts = append(msg.Contacts, ct)
			if ct.Name != "" {
				names = append(names, ct.Name)
			}
		}
		msg.Text = strings.Join(names, ", ")
	default:
		return false
	}
	return true
}

// flowJSON returns a Flow's response as JSON text: Meta sends it as a
// string holding JSON; some senders embed the object itself.
func flowJSON(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func orFlex(a, b flexString) flexString {
	if a != "" {
		return a
	}
	return b
}

// LocationText is a location as one line: name and address, or the
// coordinates when neither is given.
func LocationText(l *bsp.Location) string {
	var parts []string
	for _, s := range []string{l.Name, l.Address} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, ", ")
	}
	if l.Latitude == "" && l.Longitude == "" {
		return ""
	}
	return l.Latitude + ", " + l.Longitude
}
