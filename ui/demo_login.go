package ui

// prefillDemoLogin puts the demo's account back into the sign-in form
// after a sign-out (the idle logoff above all). The demo's password is
// random, made at start and held only in memory, so nobody could type it:
// without this a demo signed out for idleness could never sign in again.
// Signing in still takes a key press, so the idle logoff keeps its
// meaning. A real console has no DemoLogin and is untouched.
func (m *Model) prefillDemoLogin() {
	if m.demo == nil {
		return
	}
	f := m.login
	f.inputs[0].SetValue(m.demo.Username)
	f.inputs[1].SetValue(m.demo.Password)
	if f.notice != "" {
		f.notice += "; "
	}
	f.notice += "demo: enter signs in again"
}
