-- The marketplace: members, taxonomy, sessions, the double-entry credit ledger, payments,
-- reviews, chat, reports and cases, and the event log (transactional outbox).
-- Credits are integers; money is integer minor units with an ISO currency code.

-- Members ---------------------------------------------------------------------------------
CREATE TABLE member_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    bio TEXT NOT NULL DEFAULT '',
    referral_code TEXT NOT NULL UNIQUE,
    referred_by BIGINT REFERENCES users (id),
    email_verified_at BIGINT,
    last_active_at BIGINT,
    deleted_at BIGINT,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Messages to members (verification, sanctions, refunds); no mail leaves from here.
CREATE TABLE notifications (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

CREATE TABLE availability_slots (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440)
);
CREATE INDEX availability_user ON availability_slots (user_id);

-- Taxonomy --------------------------------------------------------------------------------
CREATE TABLE skill_categories (
    id @PK@,
    slug TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_de TEXT NOT NULL DEFAULT '',
    name_it TEXT NOT NULL DEFAULT '',
    name_hi TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE skills (
    id @PK@,
    category_id BIGINT NOT NULL REFERENCES skill_categories (id),
    slug TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_de TEXT NOT NULL DEFAULT '',
    name_it TEXT NOT NULL DEFAULT '',
    name_hi TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated')),
    merged_into BIGINT REFERENCES skills (id),
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX skills_category ON skills (category_id, position);

CREATE TABLE skill_aliases (
    skill_id BIGINT NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (skill_id, alias)
);
CREATE INDEX skill_aliases_alias ON skill_aliases (alias);

CREATE TABLE member_skills (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill_id BIGINT NOT NULL REFERENCES skills (id),
    direction TEXT NOT NULL CHECK (direction IN ('teach', 'learn')),
    proficiency INTEGER NOT NULL CHECK (proficiency BETWEEN 0 AND 100),
    verified_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, skill_id, direction)
);
CREATE INDEX member_skills_skill ON member_skills (skill_id, direction);

CREATE TABLE skill_assessments (
    id @PK@,
    member_skill_id BIGINT NOT NULL REFERENCES member_skills (id) ON DELETE CASCADE,
    assessor_id BIGINT NOT NULL REFERENCES users (id),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    created_at BIGINT NOT NULL,
    UNIQUE (member_skill_id, assessor_id)
);

-- Sessions --------------------------------------------------------------------------------
CREATE TABLE sessions (
    id @PK@,
    teacher_id BIGINT NOT NULL REFERENCES users (id),
    skill_id BIGINT NOT NULL REFERENCES skills (id),
    title TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    price INTEGER NOT NULL CHECK (price > 0),
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 8),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'booked', 'completed', 'cancelled', 'no_show')),
    meeting_url TEXT NOT NULL DEFAULT '',
    hidden_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sessions_teacher ON sessions (teacher_id, starts_at);
CREATE INDEX sessions_skill ON sessions (skill_id, starts_at);
CREATE INDEX sessions_status ON sessions (status, starts_at);

CREATE TABLE bookings (
    id @PK@,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    learner_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('booked', 'completed', 'cancelled', 'no_show')),
    price INTEGER NOT NULL,
    hold_transfer_id TEXT NOT NULL,
    cancelled_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX bookings_one_per_learner ON bookings (session_id, learner_id);
CREATE INDEX bookings_learner ON bookings (learner_id, status);
CREATE INDEX bookings_status ON bookings (status);

CREATE TABLE reviews (
    id @PK@,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    reviewer_id BIGINT NOT NULL REFERENCES users (id),
    reviewee_id BIGINT NOT NULL REFERENCES users (id),
    knowledge INTEGER NOT NULL CHECK (knowledge BETWEEN 1 AND 5),
    communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    professionalism INTEGER NOT NULL CHECK (professionalism BETWEEN 1 AND 5),
    body TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    hidden_at BIGINT,
    deleted_at BIGINT,
    UNIQUE (session_id, reviewer_id)
);
CREATE INDEX reviews_reviewee ON reviews (reviewee_id, created_at);

-- Ledger (owned by server/domain/ledger; nothing else writes these tables) ------------------
CREATE TABLE ledger_accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    debits_posted BIGINT NOT NULL DEFAULT 0,
    credits_posted BIGINT NOT NULL DEFAULT 0,
    debits_pending BIGINT NOT NULL DEFAULT 0,
    credits_pending BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- Immutable. id is the idempotency key. A pending transfer is resolved by a later transfer
-- whose pending_id names it and whose kind is post_pending or void_pending.
CREATE TABLE ledger_transfers (
    seq @PK@,
    id TEXT NOT NULL UNIQUE,
    debit_account TEXT NOT NULL REFERENCES ledger_accounts (id),
    credit_account TEXT NOT NULL REFERENCES ledger_accounts (id),
    amount BIGINT NOT NULL CHECK (amount >= 0),
    code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('posted', 'pending', 'post_pending', 'void_pending')),
    pending_id TEXT,
    ref_type TEXT NOT NULL DEFAULT '',
    ref_id TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX ledger_transfers_debit ON ledger_transfers (debit_account, seq);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (credit_account, seq);
CREATE INDEX ledger_transfers_ref ON ledger_transfers (ref_type, ref_id);
CREATE INDEX ledger_transfers_code ON ledger_transfers (code, seq);
CREATE UNIQUE INDEX ledger_transfers_resolved_once ON ledger_transfers (pending_id);

-- Each grant of credits is a lot with an expiry; spending consumes the soonest-expiring first.
CREATE TABLE credit_lots (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    source TEXT NOT NULL,
    transfer_id TEXT NOT NULL,
    ref_type TEXT NOT NULL DEFAULT '',
    ref_id TEXT NOT NULL DEFAULT '',
    amount BIGINT NOT NULL,
    remaining BIGINT NOT NULL CHECK (remaining >= 0),
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX credit_lots_user ON credit_lots (user_id, expires_at);
CREATE INDEX credit_lots_expiry ON credit_lots (expires_at);

-- Which lots a debit drew on, so a void can give the credits back to the same lots.
CREATE TABLE lot_draws (
    transfer_id TEXT NOT NULL,
    lot_id BIGINT NOT NULL REFERENCES credit_lots (id),
    amount BIGINT NOT NULL,
    PRIMARY KEY (transfer_id, lot_id)
);

-- Payments --------------------------------------------------------------------------------
CREATE TABLE payments (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
    package_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('created', 'captured', 'failed', 'refund_requested', 'refunded', 'partially_refunded')),
    provider_order_id TEXT NOT NULL UNIQUE,
    provider_payment_id TEXT NOT NULL DEFAULT '',
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX payments_user ON payments (user_id, created_at);
CREATE INDEX payments_status ON payments (status, created_at);

CREATE TABLE webhook_events (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payment_id BIGINT REFERENCES payments (id),
    received_at BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX webhook_events_payment ON webhook_events (payment_id, received_at);

CREATE TABLE refunds (
    id @PK@,
    payment_id BIGINT NOT NULL REFERENCES payments (id),
    credits INTEGER NOT NULL,
    amount_minor BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'completed', 'failed')),
    reason TEXT NOT NULL,
    requested_by BIGINT REFERENCES users (id),
    transfer_id TEXT,
    created_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX refunds_payment ON refunds (payment_id);

-- Chat ------------------------------------------------------------------------------------
CREATE TABLE conversations (
    id @PK@,
    created_at BIGINT NOT NULL,
    last_message_at BIGINT NOT NULL
);

CREATE TABLE conversation_members (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user ON conversation_members (user_id);

CREATE TABLE messages (
    id @PK@,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT,
    hidden_at BIGINT
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- Attachments are stored once by content hash; evidence refers to them by hash too, so they
-- outlive the message they came with.
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    size BIGINT NOT NULL,
    data @BLOB@ NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE message_attachments (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    file_name TEXT NOT NULL,
    PRIMARY KEY (message_id, sha256)
);

-- Reports and cases -----------------------------------------------------------------------
CREATE TABLE cases (
    id @PK@,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('user', 'message', 'session', 'review', 'listing')),
    subject_id BIGINT NOT NULL,
    subject_user_id BIGINT REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'escalated', 'resolved', 'dismissed', 'appealed', 'appeal_upheld', 'appeal_overturned')),
    category TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
    priority DOUBLE PRECISION NOT NULL DEFAULT 0,
    report_count INTEGER NOT NULL DEFAULT 0,
    reporter_count INTEGER NOT NULL DEFAULT 0,
    assignee_id BIGINT REFERENCES users (id),
    previous_case_id BIGINT REFERENCES cases (id),
    opened_at BIGINT NOT NULL,
    sla_due_at BIGINT NOT NULL,
    first_action_at BIGINT,
    closed_at BIGINT,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_subject ON cases (subject_type, subject_id, status);
CREATE INDEX cases_queue ON cases (status, priority);
CREATE INDEX cases_sla ON cases (status, sla_due_at);
CREATE INDEX cases_assignee ON cases (assignee_id, status);

CREATE TABLE reports (
    id @PK@,
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    subject_type TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('harassment', 'scam', 'off_platform_payment', 'inappropriate_content', 'impersonation', 'no_show', 'spam', 'other')),
    description TEXT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX reports_case ON reports (case_id);
CREATE INDEX reports_reporter ON reports (reporter_id, created_at);

-- Snapshotted when a report is filed and never changed.
CREATE TABLE evidence (
    id @PK@,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    report_id BIGINT NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX evidence_case ON evidence (case_id);

CREATE TABLE evidence_attachments (
    evidence_id BIGINT NOT NULL REFERENCES evidence (id),
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (evidence_id, sha256)
);

-- Strikes and sanctions (written by moderation actions; read by booking and sign-in rules).
CREATE TABLE sanctions (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('warning', 'content_removed', 'suspension', 'ban')),
    case_id BIGINT REFERENCES cases (id),
    strike INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    ends_at BIGINT,
    lifted_at BIGINT
);
CREATE INDEX sanctions_user ON sanctions (user_id, created_at);

CREATE TABLE appeals (
    id @PK@,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'upheld', 'overturned')),
    decided_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX appeals_case ON appeals (case_id);

-- Events: the transactional outbox. seq is gap-free and commit-ordered (see domain/events).
CREATE TABLE events (
    seq BIGINT PRIMARY KEY,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX events_at ON events (at);
