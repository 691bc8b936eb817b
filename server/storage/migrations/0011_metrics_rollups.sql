-- Dashboard rollups: per-day aggregates kept current by server/domain/metrics/metricsrollup.
-- day is the UTC day number (milliseconds since the epoch / 86400000), the same on both dialects.

-- One figure per day, metric and dimension (provider/currency, bonus kind, sanction kind; ''
-- when the metric has none). Levels (escrow, wallets) are stored as daily changes. Distinct
-- actives over windows are stored where the window ends (wau, mau) or starts (active_week on
-- an ISO week's Monday, active_month on the 1st).
CREATE TABLE metrics_daily (
    day BIGINT NOT NULL,
    metric TEXT NOT NULL,
    dimension TEXT NOT NULL DEFAULT '',
    value BIGINT NOT NULL,
    PRIMARY KEY (day, metric, dimension)
);
CREATE INDEX metrics_daily_metric ON metrics_daily (metric, day);

-- Which members were active on which day, so weekly and monthly actives are distinct counts.
CREATE TABLE member_activity_days (
    day BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (day, user_id)
);
-- "Was this member active between two days" is one index seek: distinct actives over a long
-- range cost one seek per member rather than a pass over every day's rows.
CREATE INDEX member_activity_days_user ON member_activity_days (user_id, day);

-- Where the rollup pass got to: the last event seq it saw and when it last ran.
CREATE TABLE metrics_rollup_state (
    id INTEGER PRIMARY KEY,
    event_seq BIGINT NOT NULL,
    passed_at BIGINT NOT NULL
);

-- Recomputing a day reads each source table by time; these make that a range scan. users and
-- ledger_transfers have theirs from 0012 (created_at, id) and 0009 (created_at, seq).
CREATE INDEX token_families_created ON token_families (created_at);
CREATE INDEX bookings_created ON bookings (created_at);
CREATE INDEX bookings_updated ON bookings (updated_at);
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX refunds_completed ON refunds (completed_at);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX cases_opened ON cases (opened_at);
CREATE INDEX cases_closed ON cases (closed_at);
CREATE INDEX cases_first_action ON cases (first_action_at);
CREATE INDEX cases_sla_due ON cases (sla_due_at);
CREATE INDEX sanctions_created ON sanctions (created_at);
CREATE INDEX appeals_decided ON appeals (decided_at);
