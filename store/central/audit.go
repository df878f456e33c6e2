package central

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/clinicwa/triage/store/api"
	"github.com/clinicwa/triage/store/audit"
	"github.com/clinicwa/triage/store/central/auditlog"
)

// auditRecord is one action for the server's own chain. Detail holds ids,
// rule names, macro ids and span types only, never patient text, names or
// numbers.
type auditRecord struct {
	UserID  string
	Role    api.Role
	Action  string
	Object  string
	Outcome string
	Detail  map[string]string
}

// appendServerAudit appends rec to the server's own chain inside q, for
// work done without a Server (the vendor register, tests of several
// nodes).
func appendServerAudit(ctx context.Context, q Querier, now time.Time, rec auditRecord) error {
	return auditlog.AppendServer(ctx, q, now, api.AuditEntry{UserID: rec.UserID, Role: rec.Role,
		Action: rec.Action, Object: rec.Object, Outcome: rec.Outcome, Detail: rec.Detail})
}

// auditServer appends rec to the server's chain inside q, the same
// transaction as the action it records: if the entry cannot be written
// the transaction fails and the action does not happen.
func (s *Server) auditServer(ctx context.Context, q Querier, rec auditRecord) error {
	head, err := s.store.Audit.Head(ctx, q, ServerConsoleID)
	if err != nil {
		return fmt.Errorf("central: audit head: %w", err)
	}
	now := s.now()
	at := audit.NextTime(head, now)
	detail := rec.Detail
	if sess, ok := ctx.Value(sessionKey{}).(*session); ok && sess.ConsoleID != "" && detail["console"] == "" {
		// Where: the console the signed-in user acted from.
		detail = make(map[string]string, len(rec.Detail)+1)
		for k, v := range rec.Detail {
			detail[k] = v
		}
		detail["console"] = sess.ConsoleID
	}
	e := audit.Link(head, api.AuditEntry{
		ConsoleID: ServerConsoleID, At: at, UserID: rec.UserID, Role: rec.Role,
		Action: rec.Action, Object: rec.Object, Outcome: rec.Outcome, Detail: detail,
	})
	if err := s.store.Audit.Insert(ctx, q, e, now); err != nil {
		return fmt.Errorf("central: audit write: %w", err)
	}
	return nil
}

// auditHMAC is the keyed hash an entry carries in place of a value that
// must not be written in clear (a malformed webhook's body, say):
// equal values give equal hashes, so an investigator can correlate them,
// and only someone holding the store's keys can test a guess.
func (s *Server) auditHMAC(domain, value string) string {
	return audit.KeyedHash(s.keys.Subkey("audit-hmac"), domain, value)
}

// auditOnly records an action that changes nothing else (a refusal, a
// failed login) in its own transaction.
func (s *Server) auditOnly(ctx context.Context, rec auditRecord) error {
	return s.store.Tx(ctx, func(q Querier) error { return s.auditServer(ctx, q, rec) })
}

// maxAuditBatch bounds one upload; the console sends the rest next time.
const maxAuditBatch = 1000

// handleAuditBatch stores a run of a console's chain. A batch must
// continue the chain already held for the session's console; entries
// already held are accepted again without being stored twice (a retry
// after a lost answer); a gap is refused with 409 and the held head so the
// console resends from there.
func (s *Server) handleAuditBatch(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r)
	var batch api.AuditBatch
	if !decodeJSON(w, r, &batch, 8<<20) {
		return
	}
	if len(batch.Entries) > maxAuditBatch {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("at most %d entries per batch", maxAuditBatch))
		return
	}
	// Every check on who may write this chain, and under which names, is
	// made before the chain is touched: a refused batch changes nothing,
	// so it cannot block or fork the chain of the console it imitates.
	if no := s.checkBatch(r.Context(), sess, &batch); no != nil {
		if no.reason != "" {
			s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "audit.batch",
				Object: consoleObject(sess.ConsoleID), Outcome: "refused", Detail: map[string]string{"reason": no.reason}})
			s.log.Warn("audit batch refused", "console", sess.ConsoleID, "user", sess.User.ID, "reason", no.reason)
		}
		writeError(w, no.status, no.msg)
		return
	}
	var (
		res      api.AuditBatchResult
		conflict bool
		broken   *audit.BreakError
		stored   int
	)
	err := s.store.Tx(r.Context(), func(q Querier) error {
		conflict, broken, stored = false, nil, 0
		head, err := s.store.Audit.Head(r.Context(), q, sess.ConsoleID)
		if err != nil {
			return err
		}
		res = headResult(head)
		var fresh []api.AuditEntry
		for i, e := range batch.Entries {
			if head != nil && e.Seq <= head.Seq {
				held, err := s.store.Audit.At(r.Context(), q, sess.ConsoleID, e.Seq)
				if err != nil {
					return err
				}
				if held.Hash != e.Hash || audit.Hash(e) != e.Hash {
					broken = &audit.BreakError{ConsoleID: e.ConsoleID, Seq: e.Seq, Damage: audit.DamageEdited}
					return nil
				}
				continue
			}
			fresh = batch.Entries[i:]
			break
		}
		if len(fresh) == 0 {
			return nil
		}
		if err := audit.Verify(head, fresh); err != nil {
			var be *audit.BreakError
			if errors.As(err, &be) && be.Damage == audit.DamageGap && be.Seq == nextSeq(head) {
				conflict = true
				return nil
			}
			if errors.As(err, &be) {
				broken = be
				return nil
			}
			return err
		}
		now := s.now()
		for _, e := range fresh {
			if err := s.store.Audit.Insert(r.Context(), q, e, now); err != nil {
				return err
			}
		}
		stored = len(fresh)
		last := fresh[len(fresh)-1]
		res = headResult(&last)
		return s.auditServer(r.Context(), q, auditRecord{
			UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "audit.batch", Object: consoleObject(sess.ConsoleID), Outcome: "ok",
			Detail: map[string]string{"from_seq": strconv.FormatInt(fresh[0].Seq, 10), "to_seq": strconv.FormatInt(last.Seq, 10),
				"count": strconv.Itoa(len(fresh))},
		})
	})
	if err != nil {
		s.log.Error("audit batch not stored", "console", sess.ConsoleID, "err", err.Error())
		writeError(w, http.StatusServiceUnavailable, "the audit batch could not be stored; send it again")
		return
	}
	switch {
	case conflict:
		writeJSON(w, http.StatusConflict, res)
	case broken != nil:
		s.auditOnly(r.Context(), auditRecord{UserID: sess.User.ID, Role: api.Role(sess.User.Role), Action: "audit.batch",
			Object: consoleObject(sess.ConsoleID), Outcome: "refused",
			Detail: map[string]string{"damage": string(broken.Damage), "seq": strconv.FormatInt(broken.Seq, 10)}})
		s.log.Warn("audit batch refused: chain broken", "console", sess.ConsoleID, "seq", broken.Seq, "damage", string(broken.Damage))
		writeError(w, http.StatusUnprocessableEntity, broken.Error())
	default:
		if stored > 0 {
			s.log.Info("audit batch stored", "console", sess.ConsoleID, "entries", stored, "head", res.HeadSeq)
		}
		writeJSON(w, http.StatusOK, res)
	}
}

func nextSeq(head *api.AuditEntry) int64 {
	if head == nil {
		return 1
	}
	return head.Seq + 1
}

func headResult(head *api.AuditEntry) api.AuditBatchResult {
	if head == nil {
		return api.AuditBatchResult{HeadSeq: 0, HeadHash: audit.GenesisHash}
	}
	return api.AuditBatchResult{HeadSeq: head.Seq, HeadHash: head.Hash}
}

// consoleObject names a console in the server's chain; a session without
// a device has none.
func consoleObject(id string) string {
	if id == "" {
		return ""
	}
	return "console:" + id
}
