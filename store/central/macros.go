package central

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
)

// MacrosConfigFile is the clinic's quick-reply file under the data
// folder; when absent the shipped assets/data/macros.json is used.
var MacrosConfigFile = filepath.Join("config", "macros.json")

// loadMacros reads and checks the quick replies; a problem names the
// file and line and stops the server from starting.
func loadMacros(dataDir string) ([]assets.Macro, error) {
	path := filepath.Join(dataDir, MacrosConfigFile)
	raw, err := os.ReadFile(path)
	file := path
	if errors.Is(err, os.ErrNotExist) {
		raw, err = assets.FS().ReadFile("data/macros.json")
		file = "assets/data/macros.json"
	}
	if err != nil {
		return nil, fmt.Errorf("central: quick replies: %w", err)
	}
	ms, err := policy.ParseMacros(file, raw)
	if err != nil {
		return nil, fmt.Errorf("central: the quick replies have problems:\n%w", err)
	}
	return ms, nil
}

// macroByID finds a quick reply of the loaded file.
func (s *Server) macroByID(id string) (assets.Macro, bool) {
	for _, m := range s.macros {
		if m.ID == id {
			return m, true
		}
	}
	return assets.Macro{}, false
}

// handleMacros serves the quick replies the server will send, so every
// console shows exactly the wording the clinic configured.
func (s *Server) handleMacros(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionViewThreads) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionViewThreads))
		return
	}
	writeJSON(w, http.StatusOK, s.macros)
}

// InstallMacros checks a quick-reply file and, when it passes, makes it
// the clinic's (<data>/config/macros.json, replaced atomically), with a
// "macros.install" entry in the server's audit chain under actor naming
// the file's SHA-256. A running triaged uses it from its next start.
func (a *Admin) InstallMacros(ctx context.Context, actor, file string) (int, error) {
	return a.installConfig(ctx, actor, file, MacrosConfigFile, "macros.install", func(raw []byte) (int, error) {
		ms, err := policy.ParseMacros(file, raw)
		return len(ms), err
	})
}

// InstallTemplates does for the template library what InstallMacros does
// for quick replies ("templates.install"; <data>/config/templates.json).
func (a *Admin) InstallTemplates(ctx context.Context, actor, file string) (int, error) {
	return a.installConfig(ctx, actor, file, TemplatesConfigFile, "templates.install", func(raw []byte) (int, error) {
		ts, err := policy.ParseTemplates(file, raw, a.s.now())
		return len(ts), err
	})
}

// installConfig checks file with check and, when it passes, audits and
// then atomically installs it as target under the data folder.
func (a *Admin) installConfig(ctx context.Context, actor, file, target, action string, check func([]byte) (int, error)) (int, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	n, err := check(raw)
	if err != nil {
		return 0, err
	}
	dir := filepath.Join(a.s.cfg.DataDir, filepath.Dir(target))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(dir, ".install-*.json")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	sum := sha256.Sum256(raw)
	// The audit entry first: if it cannot be written, nothing changes.
	if err := a.s.auditOnly(ctx, auditRecord{UserID: actor, Action: action, Object: "config:" + filepath.Base(target), Outcome: "ok",
		Detail: map[string]string{"sha256": hex.EncodeToString(sum[:]), "entries": fmt.Sprint(n)}}); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(a.s.cfg.DataDir, target)); err != nil {
		return 0, err
	}
	return n, nil
}
