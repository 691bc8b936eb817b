-- Admin API (users, sessions, audit, staff): keyset indexes for the admin lists and searches,
-- and a version for staff records (roles, status) so that role edits can use If-Match.
-- staff_version rather than version: it versions only what PATCH /admin/staff/{id} changes.
ALTER TABLE users ADD COLUMN staff_version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX users_kind_id ON users (kind, id);
CREATE INDEX users_created ON users (created_at, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
CREATE INDEX sessions_starts ON sessions (starts_at, id);
CREATE INDEX cases_subject_user_opened ON cases (subject_user_id, opened_at);
