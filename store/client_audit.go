package store

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/clinicwa/triage/store/api"
)

// AuditReview fetches one page of the privacy officer's audit review
// (people by username, patients by label, reveal reasons for roles that
// may read them, sync bookkeeping left out). Reviewing is audited here
// before the request and at the central endpoint with the filter.
func (c *Client) AuditReview(ctx context.Context, f api.AuditReviewFilter) (api.AuditReviewPage, error) {
	who, token := c.actor()
	f.Export = false
	if err := c.audit(ctx, who, "audit.view", "audit", "ok", reviewDetail(f)); err != nil {
		return api.AuditReviewPage{}, err
	}
	return c.auditReviewPage(ctx, token, f)
}

func (c *Client) auditReviewPage(ctx context.Context, token string, f api.AuditReviewFilter) (api.AuditReviewPage, error) {
	var page api.AuditReviewPage
	path := "/audit/review"
	if q := f.Query().Encode(); q != "" {
		path += "?" + q
	}
	err := c.do(ctx, http.MethodGet, path, token, nil, &page)
	return page, err
}

// reviewDetail records the filter a reviewer used, in their terms.
func reviewDetail(f api.AuditReviewFilter) map[string]string {
	d := map[string]string{}
	for k, v := range f.Query() {
		if len(v) > 0 && k != "limit" && k != "after" && k != "export" {
			d["filter_"+k] = v[0]
		}
	}
	// Times to the second, as the reviewer typed them.
	if !f.From.IsZero() {
		d["filter_from"] = f.From.UTC().Format(time.RFC3339)
	}
	if !f.To.IsZero() {
		d["filter_to"] = f.To.UTC().Format(time.RFC3339)
	}
	if f.After != "" {
		d["page"] = "next"
	}
	return d
}

// Audit export formats.
const (
	ExportCSV  = "csv"
	ExportJSON = "json"
)

// MaxAuditExport bounds one export file; a wider one is cut there and
// says so (narrow the time range to take the rest).
const MaxAuditExport = 50_000

// DefaultExportDirName is the folder, under the user's home, that takes
// exports when the user names none.
const DefaultExportDirName = "triage-audit-exports"

// AuditExport is what an export wrote.
type AuditExport = api.AuditExport

// ExportAudit writes every entry matching f (newest first, at most
// MaxAuditExport) to a new file in dir ("" is ~/triage-audit-exports),
// as CSV or JSON. The file is readable by its owner only (0600), is never
// written over, and holds what the review screen shows and nothing more.
// The export is audited before anything is fetched (fail closed), and
// the central endpoint records every page it hands out for it and
// refuses roles without the export right.
func (c *Client) ExportAudit(ctx context.Context, f api.AuditReviewFilter, format, dir string) (AuditExport, error) {
	if format != ExportCSV && format != ExportJSON {
		return AuditExport{}, fmt.Errorf("export format must be %s or %s", ExportCSV, ExportJSON)
	}
	dir, err := exportDir(dir)
	if err != nil {
		return AuditExport{}, err
	}
	who, token := c.actor()
	f.Export, f.After = true, ""
	detail := reviewDetail(f)
	detail["format"] = format
	if err := c.audit(ctx, who, "audit.export", "audit", "ok", detail); err != nil {
		return AuditExport{}, err
	}
	f.Limit = api.MaxAuditReviewPage
	var (
		entries []api.AuditReviewEntry
		out     AuditExport
	)
	for {
		page, err := c.auditReviewPage(ctx, token, f)
		if err != nil {
			return AuditExport{}, err
		}
		entries = append(entries, page.Entries...)
		if len(entries) >= MaxAuditExport {
			out.Truncated = len(entries) > MaxAuditExport || page.Next != ""
			entries = entries[:MaxAuditExport]
			break
		}
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	file, path, err := createExportFile(dir, "audit-"+time.Now().UTC().Format("20060102-150405"), format)
	if err != nil {
		return AuditExport{}, err
	}
	if format == ExportCSV {
		err = WriteAuditCSV(file, entries)
	} else {
		err = WriteAuditJSON(file, f, entries, out.Truncated)
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// A half-written export is worse than none: it looks complete.
		_ = os.Remove(path)
		return AuditExport{}, fmt.Errorf("the export could not be written: %w", err)
	}
	out.Path, out.Entries = path, len(entries)
	return out, nil
}

// exportDir resolves the folder an export goes to, creating the default
// (or a named folder that does not exist yet) for its owner only.
func exportDir(dir string) (string, error) {
	dir = strings.TrimSpace(dir)
	home, herr := os.UserHomeDir()
	switch {
	case dir == "":
		if herr != nil {
			return "", errors.New("no home folder to put the export in; name a folder")
		}
		dir = filepath.Join(home, DefaultExportDirName)
	case dir == "~" || strings.HasPrefix(dir, "~/"):
		if herr != nil {
			return "", errors.New("no home folder for ~; name the folder in full")
		}
		dir = filepath.Join(home, strings.TrimPrefix(dir[1:], "/"))
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("the folder %s could not be created: %w", dir, err)
		}
		return dir, nil
	}
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("%s is not a folder", dir)
	}
	return dir, nil
}

// createExportFile makes a new owner-only file named base.ext in dir,
// adding -2, -3, … rather than writing over an earlier export.
func createExportFile(dir, base, ext string) (*os.File, string, error) {
	for n := 1; n < 100; n++ {
		name := base + "." + ext
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + "." + ext
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		// The mode given to OpenFile passes through the umask, which can
		// only take rights away; Chmod makes 0600 exact all the same.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			os.Remove(path)
			return nil, "", err
		}
		return f, path, nil
	}
	return nil, "", fmt.Errorf("too many exports named %s in %s", base, dir)
}

// AuditCSVHeader is the export's first line: the review screen's columns.
var AuditCSVHeader = []string{"time_utc", "user", "role", "action", "outcome", "object", "patient", "subject", "source", "reveal_reason", "detail"}

// WriteAuditCSV writes entries as CSV. Every cell that a spreadsheet
// would read as a formula (starting with = + - @, a tab or a carriage
// return) is prefixed with ' so that opening the export runs nothing.
func WriteAuditCSV(w io.Writer, entries []api.AuditReviewEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(AuditCSVHeader); err != nil {
		return err
	}
	for _, e := range entries {
		reason := e.Reason
		if e.ReasonWithheld {
			reason = "(withheld)"
		}
		row := []string{e.At.UTC().Format(time.RFC3339), e.User, string(e.Role), e.Action, e.Outcome, e.Object,
			e.Patient, e.Subject, e.Source, reason, api.AuditDetailLine(e.Detail)}
		for i, cell := range row {
			row[i] = csvSafe(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses a cell a spreadsheet would evaluate (OWASP's CSV
// injection guidance).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// auditJSONExport is the JSON export's shape.
type auditJSONExport struct {
	ExportedAt time.Time              `json:"exported_at"`
	Filter     map[string]string      `json:"filter,omitempty"`
	Truncated  bool                   `json:"truncated,omitempty"`
	Entries    []api.AuditReviewEntry `json:"entries"`
}

// WriteAuditJSON writes entries as one JSON document with the filter
// that chose them.
func WriteAuditJSON(w io.Writer, f api.AuditReviewFilter, entries []api.AuditReviewEntry, truncated bool) error {
	filter := map[string]string{}
	for k, v := range f.Query() {
		if len(v) > 0 && k != "limit" && k != "after" && k != "export" {
			filter[k] = v[0]
		}
	}
	if entries == nil {
		entries = []api.AuditReviewEntry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(auditJSONExport{ExportedAt: time.Now().UTC(), Filter: filter, Truncated: truncated, Entries: entries})
}
