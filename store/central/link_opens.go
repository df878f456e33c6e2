package central

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/clinicwa/triage/store/central/records"

	"github.com/clinicwa/triage/policy"
)

// linkTokenID is how a link is known in handoff_links: a digest of its
// token, so the table never holds a usable link.
func linkTokenID(token string) string {
	sum := sha256.Sum256([]byte("handoff-link-id\x00" + token))
	return hex.EncodeToString(sum[:16])
}

// claimLinkOpen counts one open of link and reports whether it was
// allowed: the first open inserts the row, every later one is a
// conditional UPDATE that only succeeds while opens < max_opens. One
// statement decides, so simultaneous opens of a once-only link (a
// forwarded link raced by two phones) let exactly one through, on one
// node or many. The audit entry is written in the same transaction: no
// entry, no open.
func (s *Server) claimLinkOpen(ctx context.Context, token string, link policy.HandoffLink, now time.Time) (allowed bool, opens int, err error) {
	max := link.MaxOpens
	if max <= 0 {
		max = s.cfg.LinkMaxOpens // a version 1 link, sent before links were counted
	}
	id := linkTokenID(token)
	err = s.store.Tx(ctx, func(q Querier) error {
		var err error
		allowed, opens, err = records.Links{}.ClaimOpen(ctx, q, id, link.ThreadID, link.MessageID, max, link.ExpiresAt, now)
		if err != nil {
			return err
		}
		if !allowed {
			return nil // the refusal is audited through the rate-limited refusals log
		}
		return s.auditServer(ctx, q, auditRecord{UserID: "patient", Action: "handoff.open", Object: "thread:" + link.ThreadID, Outcome: "ok",
			Detail: map[string]string{"message": link.MessageID, "opens": strconv.Itoa(opens), "max_opens": strconv.Itoa(max)}})
	})
	return allowed, opens, err
}

// linkMessages adds to a thread's messages when the portal link each one
// carried was first opened, and how often. It wraps the interface, so
// methods the store gains pass straight through.
type linkMessages struct{ Messages }

func (l linkMessages) ListThread(ctx context.Context, q Querier, threadID string) ([]records.Message, error) {
	msgs, err := l.Messages.ListThread(ctx, q, threadID)
	if err != nil || len(msgs) == 0 {
		return msgs, err
	}
	byMsg, err := records.Links{}.OpenedInThread(ctx, q, threadID)
	if err != nil {
		return nil, err
	}
	for i := range msgs {
		if o, ok := byMsg[msgs[i].ID]; ok {
			msgs[i].LinkOpenedAt, msgs[i].LinkOpens = o.At, o.Opens
		}
	}
	return msgs, nil
}
