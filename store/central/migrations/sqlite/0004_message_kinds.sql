-- Every kind of patient message a provider delivers, stored faithfully.

-- Kind-specific detail as sealed JSON (store/central messageDetail): the
-- reply context and reaction, edit or revoke target (provider ids), button
-- and list choices, a location's fields, shared contacts, an order's items,
-- a Flow's answers, a number change, or an unreadable message's keyed
-- digest. Patient text, so sealed like the body.
ALTER TABLE messages ADD COLUMN detail_sealed BLOB;
-- Blind index of the provider id this message refers to (the message it
-- replies to, or the target of a reaction, edit or revoke), so the thread
-- view can join them whatever order they arrived in.
ALTER TABLE messages ADD COLUMN ref_bidx BLOB;
CREATE INDEX messages_ref ON messages(ref_bidx) WHERE ref_bidx IS NOT NULL;

-- Further identifiers of one patient: a number they changed to or from,
-- and the business-scoped user id next to the number (or the reverse), so
-- a patient known by several is one patient with one thread.
CREATE TABLE patient_contacts (
    bidx        BLOB PRIMARY KEY,                       -- blind index, as patients.contact_bidx
    patient_id  TEXT NOT NULL REFERENCES patients(id),
    kind        TEXT NOT NULL CHECK (kind IN ('phone', 'user_id')),
    added_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX patient_contacts_patient ON patient_contacts(patient_id);
