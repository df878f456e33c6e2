package central

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/central/storage"
)

// VendorsFileName is the vendor register in triaged's data folder: one
// entry per WhatsApp provider the clinic uses or has used, saying whether
// a Business Associate Agreement covers it (45 CFR 164.308(b),
// 164.502(e)). It holds no secret and no patient data.
const VendorsFileName = "vendors.json"

// Providers a register entry may name (the values of TRIAGED_PROVIDER).
var vendorProviders = map[string]string{
	"cloudapi":  "Meta WhatsApp Cloud API, through a named BSP",
	"360dialog": "360dialog WhatsApp Business API",
	"twilio":    "Twilio WhatsApp",
}

// Vendor is one register entry.
type Vendor struct {
	// Provider is cloudapi, 360dialog or twilio.
	Provider string `json:"provider"`
	// Vendor is the company the BAA is with (for cloudapi: the BSP).
	Vendor    string `json:"vendor"`
	BAASigned bool   `json:"baa_signed"`
	// SignedOn and NextReview are dates (YYYY-MM-DD); SignedOn is empty
	// when no BAA is signed.
	SignedOn   string `json:"signed_on,omitempty"`
	Product    string `json:"product"`
	NextReview string `json:"next_review"`
	// UpdatedAt and UpdatedBy say who last changed the entry.
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// VendorRegister is the whole file.
type VendorRegister struct {
	Vendors []Vendor `json:"vendors"`
}

// LoadVendors reads the register of a data folder; a missing file is an
// empty register (every configured provider then shows as missing).
func LoadVendors(dataDir string) (VendorRegister, error) {
	var reg VendorRegister
	raw, err := os.ReadFile(filepath.Join(dataDir, VendorsFileName))
	if errors.Is(err, os.ErrNotExist) {
		return reg, nil
	}
	if err != nil {
		return reg, fmt.Errorf("vendor register: %w", err)
	}
	if err := json.Unmarshal(raw, &reg); err != nil {
		return reg, fmt.Errorf("vendor register %s is not valid JSON: %w", VendorsFileName, err)
	}
	for _, v := range reg.Vendors {
		if err := v.validate(); err != nil {
			return reg, fmt.Errorf("vendor register %s: %s: %w", VendorsFileName, v.Provider, err)
		}
	}
	return reg, nil
}

func parseDay(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

func (v Vendor) validate() error {
	if _, ok := vendorProviders[v.Provider]; !ok {
		return fmt.Errorf("provider must be cloudapi, 360dialog or twilio (got %q)", v.Provider)
	}
	for _, f := range []struct{ name, val string }{{"vendor", v.Vendor}, {"product", v.Product}} {
		if strings.TrimSpace(f.val) == "" || utf8.RuneCountInString(f.val) > 200 || strings.ContainsFunc(f.val, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return fmt.Errorf("%s must be 1 to 200 printable characters", f.name)
		}
	}
	if v.Provider == "cloudapi" && strings.EqualFold(strings.TrimSpace(v.Vendor), "meta") {
		return errors.New("Meta signs no BAA for WhatsApp: name the Business Solution Provider that does")
	}
	if v.BAASigned {
		if _, err := parseDay(v.SignedOn); err != nil {
			return errors.New("a signed BAA needs its date, YYYY-MM-DD")
		}
	} else if v.SignedOn != "" {
		return errors.New("a date signed was given for a BAA marked not signed")
	}
	if _, err := parseDay(v.NextReview); err != nil {
		return errors.New("the next review date must be YYYY-MM-DD")
	}
	return nil
}

// VendorFinding is one thing wrong with the register for a provider.
type VendorFinding struct {
	Provider string `json:"provider"`
	Finding  string `json:"finding"` // "missing", "baa_not_signed", "review_overdue"
	Detail   string `json:"detail"`
}

// VendorFindings checks the register against the providers configured:
// each must have an entry, a signed BAA, and a review date not passed.
func VendorFindings(reg VendorRegister, configured []string, now time.Time) []VendorFinding {
	by := map[string]Vendor{}
	for _, v := range reg.Vendors {
		by[v.Provider] = v
	}
	out := []VendorFinding{}
	for _, p := range configured {
		v, ok := by[p]
		switch {
		case !ok:
			out = append(out, VendorFinding{Provider: p, Finding: "missing", Detail: "no entry in the vendor register: record the BAA with `triaged vendor set`"})
			continue
		case !v.BAASigned:
			out = append(out, VendorFinding{Provider: p, Finding: "baa_not_signed", Detail: "no Business Associate Agreement is signed with " + v.Vendor})
		}
		if d, err := parseDay(v.NextReview); err == nil && !now.Before(d.AddDate(0, 0, 1)) {
			out = append(out, VendorFinding{Provider: p, Finding: "review_overdue", Detail: "the BAA review was due " + v.NextReview})
		}
	}
	return out
}

// SetVendor adds or replaces the register entry of v.Provider in dataDir,
// and records the change in the server's audit chain. The audit entry
// and the file change together: the file is replaced (written beside it,
// then renamed) inside the audit transaction, so a change that cannot be
// audited is not made.
func SetVendor(ctx context.Context, dataDir, actor string, v Vendor, now time.Time) error {
	return SetVendorAt(ctx, dataDir, "", actor, v, now)
}

// SetVendorAt is SetVendor for a store in PostgreSQL (databaseURL,
// TRIAGED_DATABASE_URL); the register file stays in dataDir.
func SetVendorAt(ctx context.Context, dataDir, databaseURL, actor string, v Vendor, now time.Time) error {
	v.Vendor, v.Product = strings.TrimSpace(v.Vendor), strings.TrimSpace(v.Product)
	v.UpdatedAt, v.UpdatedBy = now.UTC(), actor
	if err := v.validate(); err != nil {
		return err
	}
	reg, err := LoadVendors(dataDir)
	if err != nil {
		return err
	}
	replaced := false
	for i := range reg.Vendors {
		if reg.Vendors[i].Provider == v.Provider {
			reg.Vendors[i], replaced = v, true
		}
	}
	if !replaced {
		reg.Vendors = append(reg.Vendors, v)
	}
	sort.Slice(reg.Vendors, func(i, j int) bool { return reg.Vendors[i].Provider < reg.Vendors[j].Provider })
	raw, err := json.MarshalIndent(reg, "", "  ")
	if err != nil {
		return err
	}
	db, _, err := openConfigured(ctx, dataDir, databaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	return storage.WithTx(ctx, db, func(tx *sql.Tx) error {
		detail := map[string]string{"provider": v.Provider, "baa_signed": fmt.Sprint(v.BAASigned), "next_review": v.NextReview, "source": "cli"}
		if err := appendServerAudit(ctx, tx, now.UTC(), auditRecord{UserID: actor, Role: api.Role(""), Action: "vendor.set",
			Object: "vendor:" + v.Provider, Outcome: "ok", Detail: detail}); err != nil {
			return err
		}
		return writeFileAtomic(filepath.Join(dataDir, VendorsFileName), append(raw, '\n'))
	})
}

// writeFileAtomic replaces path with data: written to a temporary file
// in the same folder, synced, then renamed over it.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ProviderDescription is how the evidence pack and the console name a
// provider.
func ProviderDescription(p string) string {
	if d, ok := vendorProviders[p]; ok {
		return d
	}
	return p
}

// handleVendors shows admins the vendor register, read-only, with its
// findings for the provider this endpoint is configured with.
func (s *Server) handleVendors(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	if !policy.Can(sess.User.Role, policy.ActionManageUsers) {
		writeError(w, http.StatusForbidden, policy.Why(sess.User.Role, policy.ActionManageUsers))
		return
	}
	reg, err := LoadVendors(s.cfg.DataDir)
	if err != nil {
		s.log.Error("vendor register unreadable", "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the vendor register could not be read; see the server log")
		return
	}
	providers := []string{s.cfg.Provider.Name()}
	out := api.VendorRegister{Vendors: []api.Vendor{}, Providers: providers, Findings: []string{}}
	for _, v := range reg.Vendors {
		out.Vendors = append(out.Vendors, api.Vendor{Provider: v.Provider, Vendor: v.Vendor, BAASigned: v.BAASigned, SignedOn: v.SignedOn,
			Product: v.Product, NextReview: v.NextReview})
	}
	for _, f := range VendorFindings(reg, providers, s.now()) {
		out.Findings = append(out.Findings, f.Provider+": "+f.Detail)
	}
	writeJSON(w, http.StatusOK, out)
}
