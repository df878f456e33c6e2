-- The privacy officer's audit review (GET /api/v1/audit/review) pages the
-- trail newest first by (at_ns, gseq) and filters by patient. These
-- indexes let a page stop after its 50 entries instead of sorting the
-- whole trail, and find one patient's entries without reading every one:
-- by the object they name ("thread:…", "patient:…", "message:…",
-- "incident:…") and by the thread named in their detail.
CREATE INDEX audit_review ON audit (at_ns, gseq);
CREATE INDEX audit_object ON audit (object, at_ns);
CREATE INDEX audit_detail_thread ON audit (json_extract(detail, '$.thread_id'), at_ns)
    WHERE json_extract(detail, '$.thread_id') IS NOT NULL;
