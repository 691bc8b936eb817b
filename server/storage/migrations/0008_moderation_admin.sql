-- Moderation for staff (admin API): case history, who decided a case, ban approvals (second
-- approver), lifted sanctions, editable canned reasons, and the indexes behind the case queue's
-- sorts (keyset on (sort key, id), fast at a million cases).

-- Every change of a case, in order: report added, claimed, released, escalated, note, action,
-- ban proposal and its decision, appeal, appeal decision, reopening after a suspension.
CREATE TABLE case_history (
    id @PK@,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_history_case ON case_history (case_id, id);

-- The staff member who took the case's action (for a ban: the proposer), and what it was.
-- Appeals are decided by someone else.
ALTER TABLE cases ADD COLUMN decided_by BIGINT REFERENCES users (id);
ALTER TABLE cases ADD COLUMN resolution TEXT;

-- A ban needs a second approver (senior_moderator or admin) who is not the proposer. One
-- pending proposal per member.
CREATE TABLE ban_approvals (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    case_id BIGINT REFERENCES cases (id),
    proposed_by BIGINT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by BIGINT REFERENCES users (id),
    decision_reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE UNIQUE INDEX ban_approvals_one_pending ON ban_approvals (user_id) WHERE status = 'pending';
CREATE INDEX ban_approvals_status ON ban_approvals (status, id);
CREATE INDEX ban_approvals_case ON ban_approvals (case_id);

-- Who lifted a sanction (reinstatement, overturned appeal, suspension end) and why.
ALTER TABLE sanctions ADD COLUMN lifted_by BIGINT REFERENCES users (id);
ALTER TABLE sanctions ADD COLUMN lift_reason TEXT;
-- When the suspension end job handled an ended suspension (its strike stays live: not lifted).
ALTER TABLE sanctions ADD COLUMN ended_at BIGINT;
CREATE INDEX sanctions_active_ends ON sanctions (kind, ends_at);

-- Reasons staff pick instead of typing: templates with {member_name}, {category},
-- {duration_days}, {case_id} filled in when used. Deleted ones are kept (history names them).
CREATE TABLE canned_reasons (
    id @PK@,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    actions TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
INSERT INTO canned_reasons (title, template, actions, created_at, updated_at) VALUES
('No violation found', 'We looked into the reports on case {case_id} and found no breach of the community rules.', 'dismiss', 0, 0),
('Harassment warning', '{member_name}, your messages were reported for {category}. This is a formal warning: keep conversations respectful.', 'warn', 0, 0),
('Content removed', 'Content by {member_name} was removed for {category} (case {case_id}).', 'remove_content', 0, 0),
('Off-platform payment', '{member_name} asked for payment outside Skillex. The account is suspended for {duration_days} days.', 'suspend', 0, 0),
('Repeated violations', '{member_name} kept breaking the community rules after earlier strikes (case {case_id}).', 'suspend,ban', 0, 0),
('Fraud', '{member_name} was found to defraud other members ({category}, case {case_id}).', 'ban', 0, 0);

-- The queue's sorts: with a status filter the status-led indexes serve it; without, the
-- global ones. Each ends in id, the keyset's tie-breaker.
CREATE INDEX cases_status_priority ON cases (status, priority, id);
CREATE INDEX cases_status_sla ON cases (status, sla_due_at, id);
CREATE INDEX cases_status_opened ON cases (status, opened_at, id);
CREATE INDEX cases_priority_id ON cases (priority, id);
CREATE INDEX cases_sla_id ON cases (sla_due_at, id);
CREATE INDEX cases_opened_id ON cases (opened_at, id);
CREATE INDEX cases_subject_user ON cases (subject_user_id, id);
CREATE INDEX cases_category ON cases (category, status);
