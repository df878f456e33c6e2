package central

import "github.com/clinicwa/triage/store/seal"

// sealedColumns is every column of triaged.db that holds a sealed value,
// with the names the stores bind into the seal. Rotation reseals exactly
// these and retires an old key only when none of them uses it, so a sealed
// column missing here would keep an old key alive forever, or, if it were
// retired anyway, become unreadable. TestSealedColumnsCoverSchema fails
// when a column holding sealed values is not listed.
var sealedColumns = []seal.Column{
	{Table: "patients", Column: "phone_sealed", Bind: "phone", RowID: "id"},
	{Table: "patients", Column: "user_id_sealed", Bind: "user_id", RowID: "id"},
	{Table: "patients", Column: "profile_name_sealed", Bind: "profile_name", RowID: "id"},
	{Table: "threads", Column: "handoff_note_sealed", Bind: "handoff_note", RowID: "id"},
	{Table: "threads", Column: "handoff_masked_sealed", Bind: "handoff_masked", RowID: "id"},
	{Table: "threads", Column: "escalation_reason_sealed", Bind: "escalation_reason", RowID: "id"},
	{Table: "threads", Column: "escalation_masked_sealed", Bind: "escalation_masked", RowID: "id"},
	{Table: "messages", Column: "body_sealed", Bind: "body", RowID: "id"},
	{Table: "messages", Column: "masked_sealed", Bind: "masked", RowID: "id"},
	{Table: "messages", Column: "provider_id_sealed", Bind: "provider_id", RowID: "id"},
	{Table: "messages", Column: "detail_sealed", Bind: "detail", RowID: "id"},
	{Table: "users", Column: "totp_sealed", Bind: "totp", RowID: "id"},
	{Table: "users", Column: "totp_pending_sealed", Bind: "totp_pending", RowID: "id"},
	{Table: "reveals", Column: "reason_sealed", Bind: "reason", RowID: "id"},
	{Table: "policy_acks", Column: "name_sealed", Bind: "name", RowID: "id"},
	{Table: "appointments", Column: "status_sealed", Bind: "status", RowID: "id"},
	{Table: "outbound_templates", Column: "params_sealed", Bind: "params", RowID: "message_id"},
	{Table: "scheduled_sends", Column: "request_sealed", Bind: "request", RowID: "id"},
	{Table: "incidents", Column: "description_sealed", Bind: "description", RowID: "id"},
	{Table: "incidents", Column: "assessment_sealed", Bind: "assessment", RowID: "id"},
	{Table: "incidents", Column: "steps_sealed", Bind: "steps", RowID: "id"},
	{Table: "incidents", Column: "reasoning_sealed", Bind: "reasoning", RowID: "id"},
}

// SealedColumns lists every sealed column of the central store (a copy:
// callers may not change the package's list).
func SealedColumns() []seal.Column {
	return append([]seal.Column(nil), sealedColumns...)
}
