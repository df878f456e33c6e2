package central

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/assets"
	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/migrate"
)

// The evidence pack: one dated folder a privacy officer hands to an
// auditor, produced by the system itself. Every file is listed in
// MANIFEST.json with its SHA-256, and the manifest is signed with the
// audit checkpoint key (Ed25519), so a file changed, removed or slipped in
// after the pack was made is named by `triaged evidence verify`. No file
// holds PHI: counts, ids, usernames, dates, and staff-written text passed
// through the PHI detector.

// Manifest and signature file names inside a pack.
const (
	ManifestFile          = "MANIFEST.json"
	ManifestSignatureFile = "MANIFEST.sig"
	// manifestContext separates evidence signatures from checkpoint
	// signatures made with the same key: neither can pass for the other.
	manifestContext = "clinicwa-triage evidence manifest v1\n"
)

// ConsentStatsSource computes the consent statistics of a period. The
// default reads today's opt-in/opt-out records (patients and
// consent_events); a store with richer consent tables provides its own.
type ConsentStatsSource func(ctx context.Context, q Querier, from, to time.Time) (records.ConsentStats, error)

// TemplateReview is one outbound text's review status.
type TemplateReview struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"` // "macro"
	Title    string   `json:"title"`
	Lang     string   `json:"lang"`
	Category string   `json:"category"`
	Roles    []string `json:"roles"`
	SHA256   string   `json:"sha256"`
	// PHICheck is "clean" or the span types the detector found.
	PHICheck string `json:"phi_check"`
	Status   string `json:"status"`
	// For WhatsApp templates: the last legal review, when the next is
	// due (quarterly), whether it is overdue (then it cannot be sent),
	// and the provider's approval status.
	LastReview     string `json:"last_review,omitempty"`
	NextReview     string `json:"next_review,omitempty"`
	ReviewOverdue  bool   `json:"review_overdue,omitempty"`
	ProviderStatus string `json:"provider_status,omitempty"`
}

// TemplateReviewSource lists the review status of every outbound text.
// The default reads the embedded macros; a store with a template table
// and human sign-offs provides its own.
type TemplateReviewSource func(ctx context.Context, q Querier) ([]TemplateReview, error)

// EvidenceOptions says what goes in a pack.
type EvidenceOptions struct {
	From, To time.Time // [From, To)
	OutDir   string    // the pack folder is made inside it
	// Configuration is the effective configuration, secrets already
	// redacted by the caller (it knows which settings are secret).
	Configuration any
	// Binaries is the asset inventory's list of programs.
	Binaries []BinaryInfo
	// Providers configured (cloudapi, 360dialog, twilio).
	Providers []string
	// SafeguardMap is the README's safeguard table (assets.SafeguardMap
	// when nil).
	SafeguardMap []byte
	// DormantDays for the access review.
	DormantDays int
	// Actor is who made the pack ("os:<user>"), for its audit entry.
	Actor string
	// ConsentStats and TemplateReviews override the defaults.
	ConsentStats    ConsentStatsSource
	TemplateReviews TemplateReviewSource
}

// BinaryInfo is one program in the asset inventory.
type BinaryInfo struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	Version string `json:"version"`
	SHA256  string `json:"sha256,omitempty"`
}

// ManifestEntry is one file of a pack.
type ManifestEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest lists a pack's files.
type Manifest struct {
	Format      string          `json:"format"`
	GeneratedAt time.Time       `json:"generated_at"`
	From        string          `json:"from"`
	To          string          `json:"to"`
	StoreID     string          `json:"store_id"`
	KeyID       string          `json:"key_id"`
	Files       []ManifestEntry `json:"files"`
}

// EvidenceResult says where the pack went.
type EvidenceResult struct {
	Dir      string
	Files    int
	Findings []string // what the privacy officer must act on
}

// Evidence writes an evidence pack for the period. The folder is made
// fresh (evidence_<from>_<to>_<generated>); an existing one is never
// written into.
func (a *Admin) Evidence(ctx context.Context, opt EvidenceOptions) (EvidenceResult, error) {
	s := a.s
	if !opt.From.Before(opt.To) {
		return EvidenceResult{}, errors.New("--from must be before --to")
	}
	if opt.OutDir == "" {
		return EvidenceResult{}, errors.New("--out is required: the folder the pack is written in")
	}
	if opt.ConsentStats == nil {
		opt.ConsentStats = records.OptInConsentStats
	}
	if opt.TemplateReviews == nil {
		opt.TemplateReviews = s.libraryTemplateReviews(opt.To)
	}
	if opt.SafeguardMap == nil {
		opt.SafeguardMap = assets.SafeguardMap()
	}
	now := s.now()
	// The pack is made from sealed data (reveal reasons): its making is
	// audited first, and fails closed when the entry cannot be written.
	if err := s.auditOnly(ctx, auditRecord{UserID: actorOr(opt.Actor), Action: "evidence.generate", Object: "evidence", Outcome: "ok",
		Detail: map[string]string{"source": "cli", "from": opt.From.Format(time.DateOnly), "to": opt.To.Format(time.DateOnly)}}); err != nil {
		return EvidenceResult{}, err
	}
	dir := filepath.Join(opt.OutDir, fmt.Sprintf("evidence_%s_%s_%s", opt.From.Format(time.DateOnly), opt.To.Format(time.DateOnly), now.Format("20060102T150405Z")))
	if err := os.MkdirAll(opt.OutDir, 0o700); err != nil {
		return EvidenceResult{}, err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return EvidenceResult{}, fmt.Errorf("evidence folder: %w", err)
	}
	res := EvidenceResult{Dir: dir}
	write := func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(dir, name), data, 0o600)
	}
	writeJSON := func(name string, v any) error {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		return write(name, append(b, '\n'))
	}

	// 1. The safeguard map.
	if err := write("01-safeguard-map.md", opt.SafeguardMap); err != nil {
		return res, err
	}
	// 2. The effective configuration.
	custody := map[string]any{"kek": string(s.keySource.Kind), "recovery": s.keySource.Recovery, "weaker_than_keyring": s.keySource.Warning != ""}
	if s.keySource.Warning != "" {
		custody["warning"] = s.keySource.Warning
	}
	if err := writeJSON("02-configuration.json", map[string]any{
		"encryption_at_rest": map[string]any{"cipher": "AES-256-GCM per column, bound to table, column and row", "blind_indexes": "HMAC-SHA256",
			"sealed_columns": sealedColumnNames(), "key_custody": custody, "can_be_disabled": false},
		"effective_settings": opt.Configuration,
	}); err != nil {
		return res, err
	}
	// 3. Audit verification with the newest signed checkpoint.
	priv, err := auditlog.CheckpointSigner(s.keys)
	if err != nil {
		return res, err
	}
	pub := priv.Public().(ed25519.PublicKey)
	// A checkpoint signed now covers everything up to this pack, its own
	// audit entry included (beside a running server the write
	// transaction orders it with the server's checkpoints).
	id, err := storeID(ctx, s.db)
	if err != nil {
		return res, err
	}
	if _, _, err := auditlog.NewCheckpointer(s.db, storage.NewWriteGate(), id, priv, s.now).Checkpoint(ctx); err != nil {
		return res, fmt.Errorf("sign a checkpoint for the pack: %w", err)
	}
	verifyText, ok := auditVerifyText(ctx, s.db, pub)
	if !ok {
		res.Findings = append(res.Findings, "the audit log did not verify: see 03-audit-verify.txt")
	}
	if err := write("03-audit-verify.txt", []byte(verifyText)); err != nil {
		return res, err
	}
	if err := write("03-audit-checkpoint.pub", []byte(audit.EncodePublicKey(pub)+"\n")); err != nil {
		return res, err
	}
	// 4. The access review, with the acknowledgments of the policy.
	rep, err := s.accessReview(ctx, AccessReviewOptions{From: opt.From, To: opt.To, DormantDays: opt.DormantDays})
	if err != nil {
		return res, err
	}
	if err := writeJSON("04-access-review.json", rep); err != nil {
		return res, err
	}
	var txt bytes.Buffer
	WriteAccessReviewText(&txt, rep)
	if err := write("04-access-review.txt", txt.Bytes()); err != nil {
		return res, err
	}
	if len(rep.DisabledWithSessions) > 0 {
		res.Findings = append(res.Findings, "disabled accounts still hold sessions: "+strings.Join(rep.DisabledWithSessions, ", "))
	}
	if rep.Due {
		res.Findings = append(res.Findings, "the quarterly access review is due: run `triaged access-review done`")
	}
	acks, err := s.acknowledgments(ctx, opt.From, opt.To)
	if err != nil {
		return res, err
	}
	pol, err := s.messagingPolicy()
	if err != nil {
		return res, err
	}
	if err := writeJSON("04-policy-acknowledgments.json", map[string]any{
		"policy_in_force":           map[string]string{"version": pol.Version, "sha256": pol.SHA256, "source": pol.Source},
		"acknowledgments_in_period": acks,
		"note":                      "each acknowledgment was made by typing the user's full name, kept sealed in the store; kept at least six years (never purged)",
	}); err != nil {
		return res, err
	}
	// 5. Template review status.
	tmpl, err := opt.TemplateReviews(ctx, s.db)
	if err != nil {
		return res, err
	}
	if err := writeJSON("05-template-review.json", tmpl); err != nil {
		return res, err
	}
	// 6. The incident register of the period: kinds, dates, the 60-day
	// clock, steps done and outcomes; no free text (see IncidentRegister).
	incReg, err := s.store.IncidentRegister(ctx, opt.From, opt.To, s.now())
	if err != nil {
		return res, err
	}
	if err := write("06-incidents.txt", []byte(incReg)); err != nil {
		return res, err
	}
	// 7. Consent statistics.
	cs, err := opt.ConsentStats(ctx, s.db, opt.From, opt.To)
	if err != nil {
		return res, err
	}
	if err := writeJSON("07-consent-statistics.json", cs); err != nil {
		return res, err
	}
	// 8. Key rotation dates.
	keys, err := records.KeyHistory(ctx, s.db)
	if err != nil {
		return res, err
	}
	if err := writeJSON("08-key-rotation.json", keys); err != nil {
		return res, err
	}
	// 9. Asset inventory.
	inv, err := s.assetInventory(ctx, opt)
	if err != nil {
		return res, err
	}
	if err := writeJSON("09-asset-inventory.json", inv); err != nil {
		return res, err
	}
	// 10. Vendor register and its findings.
	reg, err := LoadVendors(s.cfg.DataDir)
	if err != nil {
		return res, err
	}
	vf := VendorFindings(reg, opt.Providers, now)
	for _, f := range vf {
		res.Findings = append(res.Findings, "vendor "+f.Provider+": "+f.Detail)
	}
	if err := writeJSON("10-vendor-register.json", map[string]any{"register": reg.Vendors, "providers_configured": opt.Providers, "findings": vf}); err != nil {
		return res, err
	}
	if res.Findings == nil {
		res.Findings = []string{}
	}
	if err := writeJSON("00-summary.json", map[string]any{"period": map[string]string{"from": opt.From.Format(time.DateOnly), "to": opt.To.Format(time.DateOnly)},
		"generated_at": now, "findings": res.Findings}); err != nil {
		return res, err
	}

	man := Manifest{Format: "clinicwa-triage-evidence/1", GeneratedAt: now, From: opt.From.Format(time.DateOnly), To: opt.To.Format(time.DateOnly),
		StoreID: id, KeyID: audit.KeyID(pub)}
	if man.Files, err = hashFiles(dir); err != nil {
		return res, err
	}
	raw, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return res, err
	}
	raw = append(raw, '\n')
	sig := ed25519.Sign(priv, append([]byte(manifestContext), raw...))
	if err := write(ManifestFile, raw); err != nil {
		return res, err
	}
	if err := write(ManifestSignatureFile, []byte(base64.StdEncoding.EncodeToString(sig)+"\n")); err != nil {
		return res, err
	}
	res.Files = len(man.Files)
	return res, nil
}

func sealedColumnNames() []string {
	var out []string
	for _, c := range sealedColumns {
		out = append(out, c.Table+"."+c.Column)
	}
	return out
}

// hashFiles lists every file of dir but the manifest and its signature.
func hashFiles(dir string) ([]ManifestEntry, error) {
	var out []ManifestEntry
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if rel == ManifestFile || rel == ManifestSignatureFile {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out = append(out, ManifestEntry{Name: rel, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// EvidenceProblem is one thing wrong with a pack.
type EvidenceProblem struct {
	File string
	What string // "altered", "missing", "extra", "signature"
}

// VerifyEvidence checks a pack: the manifest's signature under pub, and
// every file against the manifest. It returns the manifest and every
// problem found (none: the pack is as it was made); err is for a pack
// that could not be checked at all.
func VerifyEvidence(dir string, pub ed25519.PublicKey) (Manifest, []EvidenceProblem, error) {
	var man Manifest
	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return man, nil, fmt.Errorf("read the manifest: %w", err)
	}
	sigText, err := os.ReadFile(filepath.Join(dir, ManifestSignatureFile))
	if err != nil {
		return man, nil, fmt.Errorf("read the manifest signature: %w", err)
	}
	var problems []EvidenceProblem
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sigText)))
	if err != nil || !ed25519.Verify(pub, append([]byte(manifestContext), raw...), sig) {
		problems = append(problems, EvidenceProblem{File: ManifestFile, What: "signature"})
	}
	if err := json.Unmarshal(raw, &man); err != nil {
		return man, append(problems, EvidenceProblem{File: ManifestFile, What: "altered"}), nil
	}
	have, err := hashFiles(dir)
	if err != nil {
		return man, nil, err
	}
	got := map[string]ManifestEntry{}
	for _, e := range have {
		got[e.Name] = e
	}
	for _, want := range man.Files {
		e, ok := got[want.Name]
		switch {
		case !ok:
			problems = append(problems, EvidenceProblem{File: want.Name, What: "missing"})
		case e.SHA256 != want.SHA256 || e.Size != want.Size:
			problems = append(problems, EvidenceProblem{File: want.Name, What: "altered"})
		}
		delete(got, want.Name)
	}
	for _, e := range have {
		if _, extra := got[e.Name]; extra {
			problems = append(problems, EvidenceProblem{File: e.Name, What: "extra"})
		}
	}
	return man, problems, nil
}

// auditVerifyText runs the audit log check and writes its result as
// `triaged audit verify` does, with the newest signed checkpoint.
func auditVerifyText(ctx context.Context, db *sql.DB, pub ed25519.PublicKey) (string, bool) {
	var b strings.Builder
	start := time.Now()
	rep, err := auditlog.VerifyLog(ctx, db, pub, nil)
	var be *audit.BreakError
	switch {
	case errors.As(err, &be):
		fmt.Fprintf(&b, "BROKEN: chain %s, entry %d: %s\n  %s\n", be.ConsoleID, be.Seq, be.Damage, audit.Describe(be.Damage))
		return b.String(), false
	case err != nil:
		fmt.Fprintf(&b, "NOT CHECKED: %v\n", err)
		return b.String(), false
	}
	fmt.Fprintf(&b, "OK: %d entries in %d chains verified in %s\n", rep.Entries, rep.Chains, time.Since(start).Round(time.Millisecond))
	if rep.Latest != nil {
		fmt.Fprintf(&b, "OK: %d signed checkpoints hold (key %s); the latest, #%d of %s, covers %d entries with root %s\n",
			rep.Checkpoints, audit.KeyID(pub), rep.Latest.Number, rep.Latest.At.Format(time.RFC3339), rep.Latest.Size, hex.EncodeToString(rep.Latest.Root[:]))
	} else {
		b.WriteString("NOTE: no checkpoint has been signed yet\n")
	}
	if rep.Uncovered > 0 {
		fmt.Fprintf(&b, "NOTE: %d entries arrived after the latest checkpoint; their chains protect them until the next one\n", rep.Uncovered)
	}
	if cp, err := auditlog.Latest(ctx, db); err == nil && cp != nil {
		b.WriteString("\nNewest signed checkpoint (verify with the published key, see 03-audit-checkpoint.pub):\n\n")
		b.WriteString(audit.FormatSignedCheckpoint(cp.Body, cp.Signature, cp.KeyID))
	}
	return b.String(), true
}

// libraryTemplateReviews is the default TemplateReviewSource: the quick
// replies and the WhatsApp template library this data folder serves
// (its own files, or the shipped ones), each with the PHI detector's
// verdict, and each template with its legal review dates as of asOf and
// the provider's approval status.
func (s *Server) libraryTemplateReviews(asOf time.Time) TemplateReviewSource {
	return func(ctx context.Context, q Querier) ([]TemplateReview, error) {
		macros, err := loadMacros(s.cfg.DataDir)
		if err != nil {
			return nil, err
		}
		out := macroReviews(macros)
		lib, err := loadTemplates(s.cfg.DataDir, asOf)
		if err != nil {
			return nil, err
		}
		statuses, err := s.templateStatuses(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, t := range lib.list {
			sum := sha256.Sum256([]byte(t.Body))
			r := TemplateReview{ID: t.Key(), Kind: "whatsapp_template", Title: t.Name, Lang: t.Language, Category: t.Category,
				SHA256: hex.EncodeToString(sum[:]), PHICheck: "variables checked by kind at every send (" + strings.Join(t.Variables, ",") + ")",
				Status:     "legal review recorded by the owner " + t.Owner,
				LastReview: t.LastReview, NextReview: t.NextReview().Format(time.DateOnly), ReviewOverdue: t.ReviewOverdue(asOf),
				ProviderStatus: statusNotSubmitted}
			if st, ok := statuses[t.Key()]; ok && st[0] != "" {
				r.ProviderStatus = st[0]
			}
			out = append(out, r)
		}
		return out, nil
	}
}

// MacroTemplateReviews reviews the embedded quick-reply macros alone,
// with the PHI detector run over their text.
func MacroTemplateReviews(context.Context, Querier) ([]TemplateReview, error) {
	macros, err := assets.Macros()
	if err != nil {
		return nil, err
	}
	return macroReviews(macros), nil
}

func macroReviews(macros []assets.Macro) []TemplateReview {
	out := make([]TemplateReview, 0, len(macros))
	for _, m := range macros {
		sum := sha256.Sum256([]byte(m.Body))
		r := TemplateReview{ID: m.ID, Kind: "macro", Title: m.Title, Lang: m.Lang, Category: m.Category, Roles: m.Roles,
			SHA256: hex.EncodeToString(sum[:]), PHICheck: "clean",
			Status: "automated PHI check only; no human sign-off is recorded in this version"}
		d := policy.Detect(strings.ReplaceAll(m.Body, assets.PortalLinkPlaceholder, ""))
		if len(d.Spans) > 0 {
			var types []string
			for _, sp := range d.Spans {
				types = append(types, string(sp.Type))
			}
			r.PHICheck = "flagged: " + strings.Join(types, ",")
		}
		out = append(out, r)
	}
	return out
}

func (s *Server) assetInventory(ctx context.Context, opt EvidenceOptions) (map[string]any, error) {
	schema, err := migrate.Version(ctx, s.db)
	if err != nil {
		return nil, err
	}
	data, _ := filepath.Abs(s.cfg.DataDir)
	var files []map[string]any
	entries, err := os.ReadDir(s.cfg.DataDir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			files = append(files, map[string]any{"name": e.Name(), "size": fi.Size(), "dir": e.IsDir(), "mode": fi.Mode().String()})
		}
	}
	var providers []map[string]string
	for _, p := range opt.Providers {
		providers = append(providers, map[string]string{"provider": p, "description": ProviderDescription(p)})
	}
	return map[string]any{
		"binaries":     opt.Binaries,
		"data_folders": []map[string]any{{"path": data, "holds": "triaged.db (threads, users, audit), keys wrapped in it, vendor register, policy file", "files": files}},
		"database":     map[string]any{"backend": "SQLite (modernc.org/sqlite, pure Go), WAL, synchronous=FULL", "schema_version": schema},
		"providers":    providers,
	}, nil
}
