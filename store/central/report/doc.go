// Package report computes the program report: what the messaging
// program did for the clinic's patients, per clinic day and over a range
// of days. It answers `triaged report` (text, JSON or CSV) and the
// supervisor's metrics screen.
//
//   - Build (report.go) reads consent changes, messages, portal links and
//     their opens, hand-offs and their first answers, refused sends,
//     delivery failures and appointments, and folds them into the clinic's
//     days (midnight to midnight in the clinic's zone) and the range.
//     incidents.go adds urgent messages and the incident register.
//   - WriteText, WriteCSV and WriteJSON (format.go) print it. Text and CSV
//     are for sharing: counts from 1 to 10 print as <11 and rates built on
//     them are withheld, so no one patient can be picked out. JSON keeps
//     exact counts for the clinic's own use and says so.
//
// The report holds counts, rates, rule names, consent sources and PHI
// types only: no patient, thread or message is named in it, and its
// statements (sql_report.go) read only columns that are not sealed. An
// appointment's status is sealed, so the store that holds the keys opens
// it and hands it in (Appointments: package central's Store). The caller
// also hands in the targets it measures against, the server's hand-off
// SLA and portal link lifetime. The package depends on store/central/
// storage and store/central/auditlog, never on package central.
package report
