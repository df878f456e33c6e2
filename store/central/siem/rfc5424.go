package siem

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Syslog fields fixed by this package. The structured-data id uses
// enterprise number 32473, which RFC 5612 reserves for documentation and
// examples: the clinic's SIEM matches on the name, and no private number
// is claimed on the clinic's behalf.
const (
	SDID        = "triage-audit@32473"
	appName     = "triaged"
	facilityLog = 13 // RFC 5424 "log audit"
	utf8BOM     = "\xEF\xBB\xBF"
	nilValue    = "-"
)

// Severity of an entry by its outcome: refusals are what a security team
// watches, errors more so.
func severity(outcome string) int {
	switch outcome {
	case "ok":
		return 6 // informational
	case "error":
		return 4 // warning
	default:
		return 5 // notice: refused, denied and the like
	}
}

// FormatRFC5424 renders one entry as an RFC 5424 message (without the
// RFC 5425 length prefix). The structured data carries what a SIEM needs
// to check its copy against `triaged audit verify` (chain, seq, gseq,
// hash, prev); MSG is the entry as JSON, from which the hash can be
// recomputed.
func FormatRFC5424(e Entry, hostname string, pid int) ([]byte, error) {
	msg, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(256 + len(msg))
	b.WriteByte('<')
	b.WriteString(strconv.Itoa(facilityLog*8 + severity(e.Outcome)))
	b.WriteString(">1 ")
	b.WriteString(e.At.UTC().Format("2006-01-02T15:04:05.000000Z07:00"))
	b.WriteByte(' ')
	b.WriteString(headerField(hostname, 255))
	b.WriteByte(' ')
	b.WriteString(appName)
	b.WriteByte(' ')
	b.WriteString(headerField(strconv.Itoa(pid), 128))
	b.WriteByte(' ')
	b.WriteString(headerField(e.Action, 32))
	b.WriteString(" [")
	b.WriteString(SDID)
	for _, p := range [][2]string{
		{"chain", e.ConsoleID},
		{"seq", strconv.FormatInt(e.Seq, 10)},
		{"gseq", strconv.FormatInt(e.Gseq, 10)},
		{"hash", e.Hash},
		{"prev", e.PrevHash},
		{"outcome", e.Outcome},
	} {
		b.WriteByte(' ')
		b.WriteString(p[0])
		b.WriteString(`="`)
		b.WriteString(escapeParam(p[1]))
		b.WriteByte('"')
	}
	b.WriteString("] ")
	b.WriteString(utf8BOM)
	b.Write(msg)
	return []byte(b.String()), nil
}

// headerField makes s a valid header field: printable US-ASCII without
// spaces, at most n octets, "-" when empty. Anything else is replaced by
// '_' rather than dropped, so the field stays recognisable.
func headerField(s string, n int) string {
	if s == "" {
		return nilValue
	}
	out := []byte(s)
	for i, c := range out {
		if c < 33 || c > 126 {
			out[i] = '_'
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	return string(out)
}

// escapeParam escapes a PARAM-VALUE: '"', '\' and ']' take a backslash
// (RFC 5424 section 6.3.3).
func escapeParam(s string) string {
	if !strings.ContainsAny(s, "\"\\]") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '"' || r == '\\' || r == ']' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// frame is RFC 5425 octet counting: the message length in decimal, a
// space, then the message.
func frame(msg []byte) []byte {
	out := make([]byte, 0, len(msg)+8)
	out = strconv.AppendInt(out, int64(len(msg)), 10)
	out = append(out, ' ')
	return append(out, msg...)
}
