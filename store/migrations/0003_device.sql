-- The console's device: the Ed25519 key pair that signs its sign-ins and
-- every audit batch it uploads. The id is derived from the public key
-- (store/device) and is also the console's id, and so its audit chain's
-- id. The private key is sealed with the console's keys, whose custody is
-- the OS keyring (or the passphrase fallback); until they first open it
-- is held in memory only.
CREATE TABLE device (
    id             TEXT PRIMARY KEY,
    public_key     BLOB NOT NULL,
    private_sealed BLOB,
    created_at     TEXT NOT NULL
);
