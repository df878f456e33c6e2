-- Consent with its source and wording, the first message to a new
-- number, plain-language opt-outs awaiting a person, and the provider's
-- view of the clinic's WhatsApp templates.

-- Each consent change records how it was given (channel: patient_keyword,
-- front_desk_verbal, front_desk_paper, portal, import, seed), the exact
-- consent-text version the patient was shown, and who recorded it (a user
-- id, or "patient" for a keyword the patient sent). import_key makes a
-- re-run of the same import file change nothing.
ALTER TABLE consent_events ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE consent_events ADD COLUMN text_version TEXT NOT NULL DEFAULT '';
ALTER TABLE consent_events ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE consent_events ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX consent_events_import ON consent_events(import_key) WHERE import_key IS NOT NULL;

-- The one explanation a new number receives. The primary key is what makes
-- it once: a duplicate webhook, a retry or a restart finds the row.
CREATE TABLE first_contacts (
    patient_id    TEXT PRIMARY KEY,
    message_id    TEXT NOT NULL,       -- the outbound explanation
    inbound_id    TEXT NOT NULL,       -- the patient message that prompted it
    text_version  TEXT NOT NULL,
    lang          TEXT NOT NULL,
    at            INTEGER NOT NULL
) STRICT;

-- Plain-language requests to stop ("please stop messaging me"): flagged
-- for a person to confirm or dismiss; only a confirmation opts out.
CREATE TABLE consent_flags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id  TEXT NOT NULL,
    thread_id   TEXT NOT NULL,
    message_id  TEXT NOT NULL UNIQUE,
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'dismissed')),
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  INTEGER,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX consent_flags_open ON consent_flags(thread_id) WHERE state = 'open';

-- A template message's name, language and variable values (sealed: a
-- value is checked to be non-PHI, but sealed all the same).
CREATE TABLE outbound_templates (
    message_id     TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    language       TEXT NOT NULL,
    params_sealed  BLOB NOT NULL
) STRICT;

-- The provider's status of each library template: what was submitted and
-- what the provider said (PENDING, APPROVED, REJECTED with a reason,
-- PAUSED, DISABLED).
CREATE TABLE template_status (
    name         TEXT NOT NULL,
    language     TEXT NOT NULL,
    status       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    provider_id  TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (name, language)
) STRICT;

-- A message refused for quiet hours, scheduled for the patient's next
-- allowed minute. The request (free text may be in it) is sealed. State:
-- pending → sending (claimed by the scheduler) → sent or refused (the
-- rules are decided again when it is due), or cancelled while pending.
CREATE TABLE scheduled_sends (
    id              TEXT PRIMARY KEY,
    thread_id       TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    request_sealed  BLOB NOT NULL,
    due_at          INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'refused', 'cancelled')),
    outcome         TEXT NOT NULL DEFAULT '',   -- the message id, or the refusal's rule
    decided_by      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX scheduled_sends_due ON scheduled_sends(state, due_at);
CREATE INDEX scheduled_sends_thread ON scheduled_sends(thread_id);

-- A patient's documented request to receive health details over WhatsApp:
-- who recorded the request, the advisory sent (and its wording's
-- version), and the patient's explicit confirmation. Kept with the
-- consent records; the details themselves still go through the portal.
CREATE TABLE phi_preferences (
    id                 TEXT PRIMARY KEY,
    patient_id         TEXT NOT NULL,
    thread_id          TEXT NOT NULL,
    requested_by       TEXT NOT NULL,
    requested_at       INTEGER NOT NULL,
    advisory_message   TEXT NOT NULL,
    advisory_version   TEXT NOT NULL,
    confirmed_message  TEXT NOT NULL DEFAULT '',
    confirmed_at       INTEGER,
    state              TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'confirmed'))
) STRICT;
CREATE INDEX phi_preferences_thread ON phi_preferences(thread_id, requested_at);
