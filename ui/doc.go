// Package ui is the console's terminal interface: a Bubble Tea root
// model and the components it is made of. It reaches the outside world
// only through Backend, from tea.Cmds; it draws patient text only as
// policy.SafeText.
//
// # The tree
//
// Model (model.go, view.go) is the root. It owns the layout, the focus,
// quitting (the pending draft is written first), the session (its
// context, number and user), the status line (toasts) and the live
// events. Everything else is a component (component.go): a value with
// its own Update, View, SetSize and help bindings (ShortHelp, FullHelp).
//
//	Model                       root                        model.go, view.go, screens.go
//	├── signInForm              sign-in                     signin.go
//	├── enrolForm               authenticator enrolment     enrol.go
//	├── recoveryCodes           the codes, shown once       enrol.go
//	├── policyAck               messaging-policy ack        policy_ack.go
//	├── main screen
//	│   ├── queue bar           queues, counts, filters     queues.go (the inbox list holds its queueState)
//	│   ├── inboxList           the paged inbox pane        inbox.go, inbox_window.go
//	│   ├── threadPane          the open thread             thread.go, data.go
//	│   ├── composer            reply box and refusal       composer.go, drafts.go
//	│   ├── macroPicker         quick replies / templates   picker.go, template_picker.go
//	│   └── triageForm          hand-off note, escalation,  triage_forms.go, triage_actions.go
//	│                           assign, close, search, filters
//	└── screens over the main screen (activeScreen, screens.go)
//	    ├── vendorPanel         BAA register                vendor_view.go
//	    ├── incidentScreen      incident report/register    incidents.go
//	    ├── auditScreen         audit trail (audit_view.go) screens.go
//	    └── metricsScreen       program metrics             metrics_screen.go
//
// The keys of the inbox and the thread (open, reply, hand off, reveal,
// ...) act across panes, so the root handles them, one small function
// per action (actions.go); the panes move their own cursor and scroll.
// The reveal, consent and hand-off prompts are the root's too: they act
// on the open thread and the row under the inbox cursor.
//
// # How keys and messages flow
//
// Update reads the clock once, then routes by message type to one small
// handler. A key goes to keyOwner(), the component that has the keys
// (the open screen, the form, the picker, the focused composer); when no
// component has them, the root resolves the key in its key context
// (keys.go) and acts across panes (open a thread, hand it off, ...).
// Answers from the backend carry the session number and go to the
// component that asked. A component never does I/O in Update: it returns
// a tea.Cmd, and it asks the root for what only the root may do by
// message: closeScreenMsg, quitMsg, signOutMsg, callFailedMsg (sort an
// error into sign-in / error page / toast), and its own requests such as
// pickMsg or composerSendMsg.
//
// # Adding a screen
//
//  1. Write the component in its own file: a type with Update(tea.Msg)
//     tea.Cmd, View() string, SetSize(w, h int), ShortHelp and FullHelp.
//     Give it what it calls with: the session (Model.sess()) for the
//     backend, the Theme, its key bindings (a helpKeys from a keyContext
//     in keys.go, or its own key.Bindings). Its Update handles its keys,
//     including its quit key (return emit(quitMsg{})) and its close key
//     (return emit(closeScreenMsg{s})), and the answers to its commands,
//     which carry the session number.
//  2. Add a field for it on Model, an open function that checks the
//     role (policy.Can) and builds it, and a key binding in keys.go
//     (with help text; TestKeysTable's golden file lists every key).
//  3. Return it from activeScreen and clear it in closeScreen
//     (screens.go); size it in resize (view.go); route its answer message
//     type in Update to it; drop it in signOut (nothing of a session may
//     stay readable after it).
//  4. Add a golden-file test of its View at 80×24 and 120×40.
package ui
