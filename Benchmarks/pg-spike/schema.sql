-- The grant path's tables, cut down from Bekal's SQLite schema (Sources/BekalStore/Schema.swift),
-- and a programme to pay: :n beneficiaries who completed training in cohort 2026, cash to pay
-- them all. Run with: psql -v n=110000 -f schema.sql
\set ON_ERROR_STOP on
CREATE TABLE book (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE account (
  id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL REFERENCES book, code TEXT NOT NULL, name TEXT NOT NULL,
  role TEXT, no_negative BOOLEAN NOT NULL DEFAULT false, balance BIGINT NOT NULL DEFAULT 0,
  UNIQUE (book_id, code), UNIQUE (book_id, role),
  CHECK (NOT no_negative OR balance >= 0));
CREATE TABLE cohort (
  id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, grant_amount BIGINT NOT NULL CHECK (grant_amount > 0),
  training_end DATE, budget_year INTEGER);
CREATE TABLE beneficiary (id BIGINT PRIMARY KEY, name TEXT NOT NULL, nik TEXT UNIQUE);
CREATE TABLE enrolment (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, beneficiary_id BIGINT NOT NULL REFERENCES beneficiary,
  cohort_id BIGINT NOT NULL REFERENCES cohort, status TEXT NOT NULL, status_date DATE);
CREATE INDEX enrolment_person ON enrolment (beneficiary_id);
CREATE TABLE period_closing (book_id BIGINT NOT NULL REFERENCES book, month TEXT NOT NULL, PRIMARY KEY (book_id, month));
CREATE TABLE journal_entry (
  id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL REFERENCES book, kind TEXT NOT NULL, value_date DATE NOT NULL,
  recorded_at TEXT NOT NULL, actor TEXT NOT NULL, memo TEXT NOT NULL, document_ref TEXT,
  idempotency_key TEXT NOT NULL UNIQUE, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX journal_entry_date ON journal_entry (book_id, value_date, id);
CREATE TABLE posting (
  entry_id BIGINT NOT NULL REFERENCES journal_entry, line INTEGER NOT NULL, account_id BIGINT NOT NULL REFERENCES account,
  amount BIGINT NOT NULL CHECK (amount <> 0), beneficiary_id BIGINT, cohort_id BIGINT, budget_year INTEGER,
  PRIMARY KEY (entry_id, line));
CREATE INDEX posting_account ON posting (account_id, entry_id);
CREATE TABLE grant_payment (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, beneficiary_id BIGINT NOT NULL REFERENCES beneficiary,
  cohort_id BIGINT NOT NULL REFERENCES cohort, entry_id BIGINT NOT NULL UNIQUE REFERENCES journal_entry,
  amount BIGINT NOT NULL CHECK (amount > 0));
CREATE INDEX grant_payment_person ON grant_payment (beneficiary_id, cohort_id);
CREATE TABLE case_summary (
  beneficiary_id BIGINT PRIMARY KEY REFERENCES beneficiary, grant_id BIGINT, grant_entry_id BIGINT, grant_amount BIGINT,
  grant_date DATE);
-- One row: the last entry of the hash chain. Writers lock it (FOR UPDATE) first thing.
CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), entry_id BIGINT NOT NULL, hash TEXT NOT NULL);

INSERT INTO book VALUES (1, 'KANTOR', 'Buku Kantor');
INSERT INTO account (id, book_id, code, name, role, no_negative) VALUES
  (1, 1, '1101', 'Kas di Bendahara Pengeluaran', 'cash', true),
  (2, 1, '1102', 'Bank', 'bank', true),
  (3, 1, '4101', 'Penerimaan APBD', 'budget_receipt', false),
  (4, 1, '5101', 'Belanja bantuan modal kerja', 'grant_expense', false);
INSERT INTO cohort VALUES (1, '2026', 1500000, '2026-06-30', 2026);
INSERT INTO beneficiary (id, name, nik) SELECT i, 'Peserta ' || i, lpad(i::text, 16, '0') FROM generate_series(1, :n) i;
INSERT INTO enrolment (beneficiary_id, cohort_id, status, status_date) SELECT i, 1, 'completed', '2026-06-30' FROM generate_series(1, :n) i;
INSERT INTO case_summary (beneficiary_id) SELECT i FROM generate_series(1, :n) i;

-- Entry #1: the APBD transfer into cash, enough for every grant; hashed as Grants.entryHash does.
INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref, idempotency_key, previous_hash, hash)
VALUES (1, 1, 'budget_receipt', '2026-07-01', '2026-07-01T00:00:00Z', 'seed', 'Penerimaan APBD', 'SP2D-1', 'budget:SP2D-1', '', '');
INSERT INTO posting VALUES (1, 0, 1, 1500000::bigint * :n, NULL, 1, 2026), (1, 1, 3, -1500000::bigint * :n, NULL, 1, 2026);
UPDATE journal_entry SET hash = encode(sha256(convert_to(concat_ws('|', previous_hash, id, book_id, kind, value_date, recorded_at,
  actor, memo, coalesce(document_ref, ''), idempotency_key, '1:' || 1500000::bigint * :n || ',3:' || -1500000::bigint * :n), 'UTF8')), 'hex')
WHERE id = 1;
UPDATE account SET balance = 1500000::bigint * :n WHERE id = 1;
UPDATE account SET balance = -1500000::bigint * :n WHERE id = 3;
INSERT INTO chain_head SELECT 1, id, hash FROM journal_entry WHERE id = 1;
VACUUM ANALYZE;
