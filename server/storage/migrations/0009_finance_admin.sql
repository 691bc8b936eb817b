-- Admin finance: staff credit adjustments (a second approver above a threshold), settlement
-- report reconciliation runs and their rows, and indexes for the ledger and payment browsers.

-- A staff credit adjustment. Versioned (If-Match); posted by a ledger transfer
-- adjustment:<id>, never by an edit.
CREATE TABLE credit_adjustments (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES users (id),
    amount BIGINT NOT NULL CHECK (amount <> 0),
    reason TEXT NOT NULL,
    case_id BIGINT REFERENCES cases (id),
    status TEXT NOT NULL CHECK (status IN ('pending_approval', 'posted', 'rejected')),
    maker_id BIGINT NOT NULL REFERENCES users (id),
    checker_id BIGINT REFERENCES users (id),
    decision_reason TEXT NOT NULL DEFAULT '',
    transfer_id TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX credit_adjustments_status ON credit_adjustments (status, id);
CREATE INDEX credit_adjustments_user ON credit_adjustments (user_id, id);
CREATE INDEX credit_adjustments_maker ON credit_adjustments (maker_id, id);

-- One upload of a provider's settlement report and what matching it against payments found.
CREATE TABLE reconciliation_runs (
    id @PK@,
    provider TEXT NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
    layout TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_bytes BIGINT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    period_from BIGINT,
    period_to BIGINT,
    report_rows INTEGER NOT NULL DEFAULT 0,
    matched INTEGER NOT NULL DEFAULT 0,
    missing_internal INTEGER NOT NULL DEFAULT 0,
    missing_in_report INTEGER NOT NULL DEFAULT 0,
    differing INTEGER NOT NULL DEFAULT 0,
    bad_rows INTEGER NOT NULL DEFAULT 0,
    ignored INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX reconciliation_runs_provider ON reconciliation_runs (provider, id);

CREATE TABLE reconciliation_rows (
    id @PK@,
    run_id BIGINT NOT NULL REFERENCES reconciliation_runs (id),
    line INTEGER,
    outcome TEXT NOT NULL CHECK (outcome IN ('matched', 'missing_internal', 'missing_in_report', 'differing', 'bad_row', 'ignored')),
    kind TEXT NOT NULL DEFAULT '',
    report_id TEXT NOT NULL DEFAULT '',
    order_id TEXT NOT NULL DEFAULT '',
    payment_id BIGINT REFERENCES payments (id),
    report_amount_minor BIGINT,
    report_currency TEXT NOT NULL DEFAULT '',
    report_at BIGINT,
    internal_amount_minor BIGINT,
    internal_currency TEXT NOT NULL DEFAULT '',
    internal_status TEXT NOT NULL DEFAULT '',
    differences TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reconciliation_rows_run ON reconciliation_rows (run_id, id);
CREATE INDEX reconciliation_rows_outcome ON reconciliation_rows (run_id, outcome, id);

-- Ledger browser filters, newest first by seq.
CREATE INDEX ledger_transfers_ref_seq ON ledger_transfers (ref_type, ref_id, seq);
CREATE INDEX ledger_transfers_created ON ledger_transfers (created_at, seq);
CREATE INDEX ledger_transfers_kind ON ledger_transfers (kind, seq);
CREATE INDEX ledger_accounts_kind ON ledger_accounts (kind, id);

-- Payment browser and reconciliation lookups.
CREATE INDEX payments_provider ON payments (provider, id);
CREATE INDEX payments_provider_created ON payments (provider, created_at);
CREATE INDEX payments_provider_payment ON payments (provider, provider_payment_id);
