// Package providers is the list of provider adapters the clinic can
// receive webhooks from, and the choice of which one answers each route.
// The central endpoint serves what Routes returns and names no provider
// itself, so adding a provider is an adapter package (a
// bsp.WebhookReceiver) and one entry here.
package providers

import (
	"fmt"

	"github.com/clinicwa/triage/bsp"
	"github.com/clinicwa/triage/bsp/cloudapi"
	"github.com/clinicwa/triage/bsp/twilio"
)

// Credentials are the secrets webhook signatures are checked with. Each
// adapter takes the ones it needs; an adapter whose secret is empty
// refuses every delivery.
type Credentials struct {
	// AppSecret is Meta's app secret (cloudapi), or the shared secret
	// 360dialog sends as "Authorization: Bearer" (360dialog).
	AppSecret string
	// VerifyToken answers Meta's subscription handshake.
	VerifyToken string
	// TwilioAuthToken keys X-Twilio-Signature.
	TwilioAuthToken string
}

// adapter is one provider's entry: its name (what bsp.Provider.Name
// returns for its sender) and its webhook receiver.
type adapter struct {
	name     string
	receiver func(Credentials) bsp.WebhookReceiver
}

// adapters lists every provider, in order of preference for a route two
// of them share when the clinic sends through neither.
var adapters = []adapter{
	{cloudapi.DialectCloudAPI, func(c Credentials) bsp.WebhookReceiver {
		return cloudapi.NewReceiver(c.AppSecret, c.VerifyToken)
	}},
	{cloudapi.Dialect360dialog, func(c Credentials) bsp.WebhookReceiver {
		return cloudapi.NewD360Receiver(c.AppSecret)
	}},
	{twilio.ProviderName, func(c Credentials) bsp.WebhookReceiver {
		return twilio.NewReceiver(c.TwilioAuthToken)
	}},
}

// Names lists the providers, in the order they are listed here.
func Names() []string {
	out := make([]string, len(adapters))
	for i, a := range adapters {
		out[i] = a.name
	}
	return out
}

// Route is one webhook path and the receiver that answers it.
type Route struct {
	Path     string
	Receiver bsp.WebhookReceiver
}

// Routes returns every webhook route, in first-listed order, for a clinic
// that sends through the provider named sending. Every adapter's routes
// are served, so a route a provider posts to always answers with a
// refusal or a receipt, never a 404. Where adapters share a route (Meta
// and 360dialog both deliver the Cloud API envelope to
// cloudapi.WebhookPath) the adapter the clinic sends through answers it,
// and otherwise the first listed.
func Routes(sending string, c Credentials) []Route {
	return routes(adapters, sending, c)
}

func routes(list []adapter, sending string, c Credentials) []Route {
	var out []Route
	at := map[string]int{}       // path → index in out
	owner := map[string]string{} // path → name of the adapter answering it
	for _, a := range list {
		rcv := a.receiver(c)
		for _, p := range rcv.Routes() {
			i, taken := at[p]
			switch {
			case !taken:
				at[p] = len(out)
				out = append(out, Route{Path: p, Receiver: rcv})
				owner[p] = a.name
			case a.name == sending && owner[p] != sending:
				out[i].Receiver = rcv
				owner[p] = a.name
			}
		}
	}
	return out
}

// Check reports an error when two routes have the same path; Routes
// never returns one, and a list given instead of it must not either.
func Check(rs []Route) error {
	seen := map[string]bool{}
	for _, r := range rs {
		if r.Path == "" || r.Path[0] != '/' {
			return fmt.Errorf("providers: webhook route %q is not an absolute path", r.Path)
		}
		if seen[r.Path] {
			return fmt.Errorf("providers: two receivers for webhook route %s", r.Path)
		}
		seen[r.Path] = true
	}
	return nil
}
