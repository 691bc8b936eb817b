-- Chat and moderation intake: who uploaded an attachment (so they may fetch it before it is
-- attached to a message), one conversation per pair of members, one appeal per case.

-- An attachment is stored once by hash, but each member who uploaded those bytes is recorded:
-- only they (and, once attached, the conversation's members) may download it.
CREATE TABLE attachment_uploads (
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (sha256, user_id)
);
CREATE INDEX attachment_uploads_user ON attachment_uploads (user_id, created_at);

-- "<lower id>:<higher id>" for a two-member conversation; NULL for any other kind.
ALTER TABLE conversations ADD COLUMN pair_key TEXT;
CREATE UNIQUE INDEX conversations_pair ON conversations (pair_key);
CREATE INDEX conversations_activity ON conversations (last_message_at, id);

CREATE INDEX message_attachments_sha ON message_attachments (sha256);

CREATE UNIQUE INDEX appeals_one_per_case ON appeals (case_id);
CREATE INDEX sanctions_case ON sanctions (case_id, user_id);
CREATE INDEX reports_subject ON reports (subject_type, subject_id);
CREATE INDEX messages_sender ON messages (sender_id, created_at);
