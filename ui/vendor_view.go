package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
)

// This file is the admin's read-only view of the vendor register: which
// WhatsApp provider is covered by a Business Associate Agreement, since
// when, and when it is next reviewed. Changes are made on the server with
// `triaged vendor set`, which audits them.

type vendorKeys struct {
	ScrollUp, ScrollDown, Close, Quit key.Binding
}

func (k vendorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.ScrollDown, k.ScrollUp, k.Close, k.Quit}
}

func (k vendorKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// vendorPanel is the register on screen.
type vendorPanel struct {
	keys  vendorKeys
	help  help.Model
	theme Theme
	vp    viewport.Model
	reg   *api.VendorRegister
	err   policy.SafeText
	w, h  int
}

type vendorsMsg struct {
	session int
	reg     api.VendorRegister
	err     error
}

func vendorsCmd(ctx context.Context, b Backend, session int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		reg, err := b.Vendors(ctx)
		return vendorsMsg{session: session, reg: reg, err: err}
	}
}

func newVendorPanel(theme Theme) *vendorPanel {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	p := &vendorPanel{theme: theme, help: help.New(), vp: viewport.New(1, 1),
		keys: vendorKeys{ScrollUp: b("↑/k", "up", "up", "k"), ScrollDown: b("↓/j", "down", "down", "j"),
			Close: b("esc", "close", "esc"), Quit: b("ctrl+c", "quit", "ctrl+c")}}
	p.help.Styles = theme.helpStyles()
	return p
}

// SetSize lays the panel out in w×h cells (the header line excluded).
func (p *vendorPanel) SetSize(w, h int) {
	p.w, p.h = w, h
	p.help.Width = w
	p.vp.Width, p.vp.Height = max(w-4, 10), max(h-3, 1)
	p.render()
}

func (p *vendorPanel) set(reg api.VendorRegister, err error) {
	if err != nil {
		p.err = policy.SanitizeLine("The vendor register could not be loaded: " + err.Error())
	} else {
		p.reg = &reg
	}
	p.render()
}

func (p *vendorPanel) render() {
	t := p.theme
	w := max(p.w-4, 10)
	var b strings.Builder
	switch {
	case !p.err.IsEmpty():
		b.WriteString(t.Error.Render("✗ ") + safe(t.Error, p.err))
	case p.reg == nil:
		b.WriteString(t.Faint.Render("Loading…"))
	default:
		if len(p.reg.Findings) == 0 {
			b.WriteString(t.StatusOK.Render("✓ ") + "Every configured provider has a signed BAA within its review date.\n")
		}
		for _, f := range p.reg.Findings {
			b.WriteString(t.Warning.Render("⚠ ") + safe(t.Warning, policy.SanitizeLine(f)) + "\n")
		}
		b.WriteString("\n")
		if len(p.reg.Vendors) == 0 {
			b.WriteString(t.Faint.Render("No entries. Record one on the server: triaged vendor set --provider … --vendor … --baa signed …") + "\n")
		}
		for _, v := range p.reg.Vendors {
			baa := t.Error.Render("BAA NOT SIGNED")
			if v.BAASigned {
				baa = safe(t.StatusOK, policy.Trusted("BAA signed "), policy.SanitizeLine(v.SignedOn))
			}
			b.WriteString(safe(t.Title, policy.SanitizeLine(v.Provider)) + "  " + plain(policy.SanitizeLine(v.Vendor)) + "\n")
			b.WriteString("  " + baa + plain(policy.Trusted(" · next review "), policy.SanitizeLine(v.NextReview)) + "\n")
			b.WriteString("  " + t.Faint.Render(truncSafe(policy.SanitizeLine(v.Product), w-2)) + "\n\n")
		}
		b.WriteString(t.Faint.Render("Read-only. Changes: triaged vendor set (audited) on the server."))
	}
	p.vp.SetContent(ansi.Wrap(b.String(), w, ""))
}

// Update takes a key or the register from the server.
func (p *vendorPanel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case vendorsMsg:
		p.set(msg.reg, msg.err)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Quit):
			return emit(quitMsg{})
		case key.Matches(msg, p.keys.Close):
			return emit(closeScreenMsg{p})
		case key.Matches(msg, p.keys.ScrollUp):
			p.vp.ScrollUp(1)
		case key.Matches(msg, p.keys.ScrollDown):
			p.vp.ScrollDown(1)
		}
	}
	return nil
}

func (p *vendorPanel) ShortHelp() []key.Binding  { return p.keys.ShortHelp() }
func (p *vendorPanel) FullHelp() [][]key.Binding { return p.keys.FullHelp() }

// View draws the panel below the header.
func (p *vendorPanel) View() string {
	t := p.theme
	body := "  " + t.Title.Render("Vendor register · Business Associate Agreements") + "\n\n" + shiftRight(p.vp.View(), 2)
	return box(body, p.w, max(p.h-1, 1)) + "\n" + fit(p.help.View(p.keys), p.w)
}

// --- the Model's side ------------------------------------------------------

func (m *Model) canSeeVendors() bool {
	return policy.Can(policy.Role(m.user.Role), policy.ActionManageUsers)
}

func (m *Model) openVendors() tea.Cmd {
	if !m.canSeeVendors() || m.ctx == nil {
		return nil
	}
	m.vendors = newVendorPanel(m.theme)
	m.resize()
	return vendorsCmd(m.ctx, m.backend, m.session)
}

func (m *Model) onVendors(msg vendorsMsg) tea.Cmd {
	if msg.session != m.session || m.vendors == nil {
		return nil
	}
	if msg.err != nil && (isUnauthorized(msg.err) || isFatal(msg.err)) {
		return m.handleErr("", msg.err)
	}
	return m.vendors.Update(msg)
}
