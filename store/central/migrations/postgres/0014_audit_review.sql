-- PostgreSQL twin of ../sqlite/0014_audit_review.sql (package store/central/migrations: the rules).
-- The privacy officer's audit review (GET /api/v1/audit/review) pages the
-- trail newest first by (at_ns, gseq) and filters by patient. These
-- indexes let a page stop after its 50 entries instead of sorting the
-- whole trail, and find one patient's entries without reading every one:
-- by the object they name ("thread:…", "patient:…", "message:…",
-- "incident:…") and by the thread named in their detail (a JSON object
-- kept as text, as SQLite keeps it).
CREATE INDEX audit_review ON audit (at_ns, gseq);
CREATE INDEX audit_object ON audit (object, at_ns);
CREATE INDEX audit_detail_thread ON audit (((detail::jsonb) ->> 'thread_id'), at_ns)
    WHERE ((detail::jsonb) ->> 'thread_id') IS NOT NULL;
