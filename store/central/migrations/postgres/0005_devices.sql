-- PostgreSQL twin of ../sqlite/0005_devices.sql (package store/central/migrations: the rules).
-- Consoles as devices. A device is a console's Ed25519 key pair; its id is
-- derived from the public key (store/device), so it cannot be chosen. A
-- console's audit chain is named by its device id: the endpoint accepts a
-- chain only in batches signed by that device's key.
CREATE TABLE devices (
    id             TEXT PRIMARY KEY,            -- "dev-" + hex(SHA-256(public key))[:32]
    public_key     BYTEA NOT NULL UNIQUE,        -- 32-byte Ed25519 public key
    registered_via TEXT NOT NULL CHECK (registered_via IN ('admin', 'first_sign_in')),
    registered_by  TEXT NOT NULL,               -- a user id, or "cli:<os user>" for an admin's command
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT                      -- set: sign-ins and uploads from it are refused
);

-- Which accounts have signed in on (or were registered to) which device.
-- An entry in a device's chain may name only its session's user, or one
-- of the accounts bound here: a console shared by a desk holds several
-- people's entries.
CREATE TABLE device_accounts (
    device_id  TEXT NOT NULL REFERENCES devices(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    via        TEXT NOT NULL CHECK (via IN ('admin', 'first_sign_in')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, user_id)
);
