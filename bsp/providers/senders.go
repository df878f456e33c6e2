package providers

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/twilio"
)

// Setting reads one of the clinic's provider settings by its name (the
// names below, as the central endpoint's flags spell them); it returns ""
// when the setting is not set.
type Setting func(name string) string

// MissingSettingError is a setting the chosen provider needs and the
// clinic left empty. Setting is its name, so the caller can tell the
// operator which flag or variable to set.
type MissingSettingError struct{ Provider, Setting string }

func (e *MissingSettingError) Error() string {
	return fmt.Sprintf("provider %s needs setting %s", e.Provider, e.Setting)
}

// InvalidSettingError is a setting whose value the provider cannot use.
type InvalidSettingError struct{ Provider, Setting, Reason string }

func (e *InvalidSettingError) Error() string {
	return fmt.Sprintf("provider %s: setting %s %s", e.Provider, e.Setting, e.Reason)
}

// ErrUnknownProvider is a provider name no adapter has.
var ErrUnknownProvider = errors.New("unknown provider")

// sender is how one adapter builds its sending client: the settings it
// cannot work without, and the constructor.
type sender struct {
	needs []string
	build func(get Setting) (bsp.Provider, error)
}

// senders holds each adapter's sending client, by the name in adapters.
var senders = map[string]sender{
	cloudapi.DialectCloudAPI: {
		needs: []string{"whatsapp-app-secret", "whatsapp-verify-token", "whatsapp-token", "whatsapp-phone-number-id"},
		build: func(get Setting) (bsp.Provider, error) {
			return cloudapi.New(cloudapi.Config{BaseURL: get("whatsapp-api-base"), PhoneNumberID: get("whatsapp-phone-number-id"),
				Token: get("whatsapp-token"), Dialect: cloudapi.DialectCloudAPI}), nil
		},
	},
	cloudapi.Dialect360dialog: {
		needs: []string{"whatsapp-app-secret", "whatsapp-token"},
		build: func(get Setting) (bsp.Provider, error) {
			return cloudapi.New(cloudapi.Config{BaseURL: get("whatsapp-api-base"), Token: get("whatsapp-token"),
				Dialect: cloudapi.Dialect360dialog}), nil
		},
	},
	twilio.ProviderName: {
		needs: []string{"twilio-account-sid", "twilio-auth-token", "twilio-from", "public-url"},
		build: func(get Setting) (bsp.Provider, error) {
			// Twilio signs each webhook over the URL it called; that is
			// the public one, so it must be known exactly, not guessed
			// from the bound address.
			public := strings.TrimRight(get("public-url"), "/")
			if u, err := url.Parse(public); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" {
				return nil, &InvalidSettingError{Provider: twilio.ProviderName, Setting: "public-url",
					Reason: "must be an absolute http(s) URL without a query, as registered with Twilio"}
			}
			return twilio.New(twilio.Config{BaseURL: get("whatsapp-api-base"), AccountSID: get("twilio-account-sid"),
				AuthToken: get("twilio-auth-token"), From: get("twilio-from"),
				StatusCallback: public + twilio.StatusPath}), nil
		},
	},
}

// Sender builds the sending client of the provider named name from the
// clinic's settings. Together with Routes it is all the central endpoint
// knows of providers: a new one is an adapter package and an entry in
// adapters and senders.
func Sender(name string, get Setting) (bsp.Provider, error) {
	s, ok := senders[name]
	if !ok {
		return nil, fmt.Errorf("%w %q: the providers are %s", ErrUnknownProvider, name, strings.Join(Names(), ", "))
	}
	for _, n := range s.needs {
		if strings.TrimSpace(get(n)) == "" {
			return nil, &MissingSettingError{Provider: name, Setting: n}
		}
	}
	return s.build(get)
}
