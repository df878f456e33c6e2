package records

import (
	"context"
	"strings"
	"time"

	"github.com/clinicwa/triage/policy"
	"github.com/clinicwa/triage/store/pgsql"
)

// Devices keeps the consoles' signing devices (Ed25519 public keys)
// and the accounts bound to each.
type Devices struct{}

// Register records the device; added is false when it is held already.
func (Devices) Register(ctx context.Context, q Querier, id string, pub []byte, via, by string, now time.Time) (added bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO devices (id, public_key, registered_via, registered_by, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, id, pub, via, by, now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RegisterOrRestore records the device, or lifts its withdrawal; changed
// is false when it was registered and not withdrawn.
func (Devices) RegisterOrRestore(ctx context.Context, q Querier, id string, pub []byte, via, by string, now time.Time) (changed bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO devices (id, public_key, registered_via, registered_by, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET revoked_at = NULL WHERE devices.revoked_at IS NOT NULL`,
		id, pub, via, by, now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Bind binds the account to the device; bound is false when it was.
func (Devices) Bind(ctx context.Context, q Querier, deviceID, userID, via string, now time.Time) (bound bool, err error) {
	res, err := q.ExecContext(ctx, `INSERT INTO device_accounts (device_id, user_id, via, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (device_id, user_id) DO NOTHING`, deviceID, userID, via, now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Get is the device's stored public key and whether it was withdrawn
// (sql.ErrNoRows when it was never registered).
func (Devices) Get(ctx context.Context, q Querier, id string) (pub []byte, revoked bool, err error) {
	var at *int64
	err = q.QueryRowContext(ctx, `SELECT public_key, revoked_at FROM devices WHERE id = ?`, id).Scan(&pub, &at)
	return pub, at != nil, err
}

// Accounts maps each account bound to the device to its current role.
func (Devices) Accounts(ctx context.Context, q Querier, deviceID string) (map[string]policy.Role, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.role FROM device_accounts d JOIN users u ON u.id = d.user_id
		WHERE d.device_id = ?`, deviceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]policy.Role{}
	for rows.Next() {
		var id, role string
		if err := rows.Scan(&id, &role); err != nil {
			return nil, err
		}
		out[id] = policy.Role(role)
	}
	return out, rows.Err()
}

// Revoke withdraws the device; false when there is no such device or it
// was withdrawn already.
func (Devices) Revoke(ctx context.Context, q Querier, id string, now time.Time) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, now.UnixNano(), id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// EndSessions deletes every session signed in from the device.
func (Devices) EndSessions(ctx context.Context, q Querier, id string) (int, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE console_id = ?`, id)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// list is every registered device with its bound usernames, oldest first.
//
// Dialect: group_concat is SQLite's; PostgreSQL spells it string_agg.
var listDevicesSQL = pgsql.Spelling(`SELECT d.id, d.registered_by, d.registered_via, d.revoked_at IS NOT NULL,
		COALESCE((SELECT group_concat(u.username, ',') FROM device_accounts b JOIN users u ON u.id = b.user_id WHERE b.device_id = d.id), '')
		FROM devices d ORDER BY d.created_at, d.id`,
	`SELECT d.id, d.registered_by, d.registered_via, d.revoked_at IS NOT NULL,
		COALESCE((SELECT string_agg(u.username, ',') FROM device_accounts b JOIN users u ON u.id = b.user_id WHERE b.device_id = d.id), '')
		FROM devices d ORDER BY d.created_at, d.id`)

func (Devices) List(ctx context.Context, q Querier) ([]DeviceInfo, error) {
	rows, err := q.QueryContext(ctx, listDevicesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeviceInfo
	for rows.Next() {
		var (
			d        DeviceInfo
			accounts string
		)
		if err := rows.Scan(&d.ID, &d.RegisteredBy, &d.Via, &d.Revoked, &accounts); err != nil {
			return nil, err
		}
		if accounts != "" {
			d.Accounts = strings.Split(accounts, ",")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
