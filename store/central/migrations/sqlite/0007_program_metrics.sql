-- The clinic's appointment book, imported from its scheduling system so
-- the program can measure show rates and late cancellations against the
-- messages patients received. The external id is held only as a keyed
-- blind index (re-imports find the row, nothing can read it back); the
-- status and the cancellation time are sealed. start_at stays plain
-- (Unix nanoseconds, UTC), next to an opaque patient id, exactly as a
-- message's time does, because the report selects appointments by it.
CREATE TABLE appointments (
    id               TEXT PRIMARY KEY,
    external_bidx    BLOB NOT NULL UNIQUE,
    patient_id       TEXT NOT NULL REFERENCES patients(id),
    start_at         INTEGER NOT NULL,
    status_sealed    BLOB NOT NULL,    -- JSON {"status":"booked|fulfilled|noshow|cancelled","cancelled_at":ns}
    imported_at      INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX appointments_start ON appointments(start_at);
CREATE INDEX appointments_patient ON appointments(patient_id, start_at);

-- The program report and the supervisor's metrics screen select messages
-- by time across every thread; without this each report would read the
-- whole table.
CREATE INDEX messages_at ON messages(at);
