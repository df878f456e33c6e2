package maintenance

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
	"github.com/clinicwa/triage/store/central/storage"
	"github.com/clinicwa/triage/store/migrate"

	_ "modernc.org/sqlite" // OpenReadOnly opens files with the pure-Go "sqlite" driver
)

// BackupReport describes a backup or a restore.
type BackupReport struct {
	Path          string
	Bytes         int64
	AuditEntries  int64
	AuditChains   int
	Checkpoints   int
	SchemaVersion int
}

// Backup writes a consistent copy of dataDir's triaged.db to out with
// SQLite's VACUUM INTO: one read transaction, so the copy is a single
// moment of the store even while triaged serves, and it holds no WAL to
// carry along. Sealed columns stay sealed: the copy is readable only with
// the store's keys (OS keyring or passphrase), which must be kept apart
// from it. out must not exist.
func Backup(ctx context.Context, dataDir, out string) (BackupReport, error) {
	if out == "" {
		return BackupReport{}, errors.New("name the backup file (--out)")
	}
	if _, err := os.Stat(out); err == nil {
		return BackupReport{}, fmt.Errorf("%s exists; a backup never overwrites a file", out)
	}
	src := filepath.Join(dataDir, storage.DBFileName)
	if _, err := os.Stat(src); err != nil {
		return BackupReport{}, fmt.Errorf("no store to back up: %w", err)
	}
	db, err := OpenReadOnly(ctx, src)
	if err != nil {
		return BackupReport{}, err
	}
	defer db.Close()
	if err := (sqlBackup{}).copyTo(ctx, db, out); err != nil {
		os.Remove(out)
		return BackupReport{}, fmt.Errorf("backup: %w", err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		return BackupReport{}, err
	}
	return checkCopy(ctx, out, nil)
}

// Restore puts a backup made by Backup in place as dataDir's triaged.db.
// It refuses a data folder that already holds a store (move it away
// first: a restore must never destroy the only copy of anything), checks
// the backup's integrity and every audit chain (and the signed
// checkpoints, when pub is given) before it is moved in, and copies
// through a temporary file so an interrupted restore leaves no half
// store.
func Restore(ctx context.Context, backup, dataDir string, pub ed25519.PublicKey) (BackupReport, error) {
	dst := filepath.Join(dataDir, storage.DBFileName)
	for _, p := range []string{dst, dst + "-wal"} {
		if _, err := os.Stat(p); err == nil {
			return BackupReport{}, fmt.Errorf("%s exists; move the current store away before restoring over it", p)
		}
	}
	if _, err := checkCopy(ctx, backup, pub); err != nil {
		return BackupReport{}, fmt.Errorf("the backup did not check out, nothing restored: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return BackupReport{}, err
	}
	in, err := os.Open(backup)
	if err != nil {
		return BackupReport{}, err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dataDir, ".restore-*")
	if err != nil {
		return BackupReport{}, err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return BackupReport{}, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return BackupReport{}, err
	}
	if err := tmp.Close(); err != nil {
		return BackupReport{}, err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return BackupReport{}, err
	}
	return checkCopy(ctx, dst, pub)
}

// checkCopy opens a store file read-only and checks it: SQLite's
// integrity check, every audit chain, and the checkpoints under pub.
func checkCopy(ctx context.Context, path string, pub ed25519.PublicKey) (BackupReport, error) {
	rep := BackupReport{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return rep, err
	}
	rep.Bytes = fi.Size()
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	ok, err := sqlBackup{}.integrity(ctx, db)
	if err != nil {
		return rep, err
	}
	if ok != "ok" {
		return rep, fmt.Errorf("SQLite integrity check: %s", strings.TrimSpace(ok))
	}
	if rep.SchemaVersion, err = migrate.Version(ctx, db); err != nil {
		return rep, err
	}
	if pub != nil {
		vr, err := auditlog.VerifyLog(ctx, db, pub, nil)
		if err != nil {
			return rep, describeBreak(err)
		}
		rep.AuditEntries, rep.AuditChains, rep.Checkpoints = vr.Entries, vr.Chains, vr.Checkpoints
		return rep, nil
	}
	heads, entries, err := auditlog.VerifyChains(ctx, db)
	if err != nil {
		return rep, describeBreak(err)
	}
	rep.AuditEntries, rep.AuditChains = entries, len(heads)
	return rep, nil
}

func describeBreak(err error) error {
	var be *audit.BreakError
	if errors.As(err, &be) {
		return fmt.Errorf("audit chain %s, entry %d: %s", be.ConsoleID, be.Seq, be.Damage)
	}
	return err
}

// OpenReadOnly opens an existing triaged.db (or a backup of one) for
// reading only, without migrating it: verification, export and a
// backup's check must not change what they check.
func OpenReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no central store at %s", path)
	}
	u := url.URL{Scheme: "file", Path: path}
	db, err := sql.Open("sqlite", u.String()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	v, err := migrate.Version(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if v < 2 {
		db.Close()
		return nil, fmt.Errorf("%s predates signed audit checkpoints (schema %d): start triaged once to upgrade it", path, v)
	}
	return db, nil
}
