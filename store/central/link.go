package central

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/signin"
)

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d2330}
.note{color:#5a6270;font-size:.9rem;border-top:1px solid #dde;margin-top:2rem;padding-top:1rem}</style></head>
<body><h1>{{.Title}}</h1><p>{{.Body}}</p>{{if .Note}}<p class="note">{{.Note}}</p>{{end}}</body></html>
`))

type page struct{ Title, Body, Note string }

// spentLinkPage answers a link opened more often than it may be. It
// names nothing about the patient or the thread: whoever holds a
// forwarded link learns only how the patient gets a new one.
var spentLinkPage = page{Title: "This link has already been used",
	Body: "For your privacy, a secure link stops working once it has been used. To continue, message the clinic on WhatsApp and ask for a new link; it will arrive in the same chat.",
	Note: "If you did not open this link yourself, tell the clinic when you write."}

func writePage(w http.ResponseWriter, status int, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	pageTmpl.Execute(w, p)
}

// handleLink opens a hand-off link from a patient's WhatsApp: a genuine,
// unexpired link is audited and redirected to the portal; anything else
// gets a plain page in plain words, never a redirect.
func (s *Server) handleLink(w http.ResponseWriter, r *http.Request) {
	// A chat app or the end of a sentence may have glued "." or ")" to
	// the link: strip it rather than turn the patient away.
	token := policy.CleanLinkToken(r.PathValue("token"))
	now := s.now()
	link, err := policy.VerifyHandoffToken(s.linkKey, token, now)
	if err == nil {
		if _, terr := s.store.Threads.Get(r.Context(), s.db, link.ThreadID); terr != nil {
			err = policy.ErrLinkInvalid
		}
	}
	switch {
	case errors.Is(err, policy.ErrLinkExpired):
		// Refusals are rate-limited and aggregated per source: junk links
		// must not fill a six-year log one fsync at a time.
		s.refusals.Refuse(r.Context(), s.clientAddr(r), signin.Record{UserID: "patient", Action: "handoff.open", Object: "thread:" + link.ThreadID,
			Outcome: "refused", Detail: map[string]string{"reason": "expired"}}, false)
		writePage(w, http.StatusGone, page{Title: "This link has expired",
			Body: "This link has expired. Please message the clinic on WhatsApp for a new one."})
		return
	case err != nil:
		s.refusals.Refuse(r.Context(), s.clientAddr(r), signin.Record{UserID: "patient", Action: "handoff.open", Outcome: "refused",
			Detail: map[string]string{"reason": "invalid"}}, false)
		writePage(w, http.StatusBadRequest, page{Title: "This link is not valid",
			Body: "This link is not valid. It may have been copied incompletely. Please message the clinic on WhatsApp for a new one."})
		return
	}
	allowed, _, err := s.claimLinkOpen(r.Context(), token, link, now)
	if err != nil {
		// No count and no audit entry, no access.
		writePage(w, http.StatusServiceUnavailable, page{Title: "Please try again",
			Body: "The clinic's system could not open this link just now. Please try again in a minute."})
		return
	}
	if !allowed {
		s.refusals.Refuse(r.Context(), s.clientAddr(r), signin.Record{UserID: "patient", Action: "handoff.open", Object: "thread:" + link.ThreadID,
			Outcome: "refused", Detail: map[string]string{"reason": "spent"}}, false)
		writePage(w, http.StatusGone, spentLinkPage)
		return
	}
	// Consoles showing the thread learn that the link was opened.
	s.hub.Publish(api.Event{Type: api.EventThreadUpdated, ThreadID: link.ThreadID})
	target := s.cfg.PortalURL
	if target == "" {
		target = "/portal"
	}
	u, perr := url.Parse(target)
	if perr != nil {
		writePage(w, http.StatusServiceUnavailable, page{Title: "Please try again",
			Body: "The clinic's portal address is not configured correctly. Please message the clinic on WhatsApp."})
		return
	}
	q := u.Query()
	q.Set("handoff", token)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// handlePortal is the built-in stand-in for the clinic's patient portal,
// served when no PortalURL is configured (the demo).
func (s *Server) handlePortal(w http.ResponseWriter, r *http.Request) {
	writePage(w, http.StatusOK, page{
		Title: "Clinic patient portal — please sign in",
		Body:  "Sign in to the clinic's patient portal to continue your conversation securely.",
		Note:  "This is the demo portal built into triaged. A clinic sets TRIAGED_PORTAL_URL to its real patient portal, which receives the hand-off token in the \"handoff\" query parameter.",
	})
}
