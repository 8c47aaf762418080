-- After a client's run: what it wrote must hold together. Each line prints ok or a count of failures.
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
SELECT 'entries ' || count(*) || ', postings ' || (SELECT count(*) FROM posting) || ', grants ' || (SELECT count(*) FROM grant_payment)
  || ', cash ' || (SELECT balance FROM account WHERE id = 1) FROM journal_entry;
SELECT 'every entry sums to zero: ' || CASE WHEN count(*) = 0 THEN 'ok' ELSE count(*) || ' FAIL' END
  FROM (SELECT entry_id FROM posting GROUP BY entry_id HAVING sum(amount) <> 0) x;
SELECT 'account balances = their postings: ' || CASE WHEN count(*) = 0 THEN 'ok' ELSE count(*) || ' FAIL' END
  FROM account a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM posting p WHERE p.account_id = a.id);
SELECT 'entry ids 1..n without gaps: ' || CASE WHEN max(id) = count(*) THEN 'ok' ELSE 'FAIL' END FROM journal_entry;
SELECT 'chain head is the last entry: ' || CASE WHEN h.entry_id = e.id AND h.hash = e.hash THEN 'ok' ELSE 'FAIL' END
  FROM chain_head h, (SELECT id, hash FROM journal_entry ORDER BY id DESC LIMIT 1) e;
SELECT 'hash chain recomputed with sha256(): ' || CASE WHEN count(*) = 0 THEN 'ok' ELSE count(*) || ' FAIL' END FROM (
  SELECT e.id FROM journal_entry e
  JOIN (SELECT entry_id, string_agg(account_id || ':' || amount, ',' ORDER BY line) AS lines FROM posting GROUP BY entry_id) p
    ON p.entry_id = e.id
  WHERE e.hash <> encode(sha256(convert_to(concat_ws('|', e.previous_hash, e.id, e.book_id, e.kind, e.value_date, e.recorded_at,
          e.actor, e.memo, coalesce(e.document_ref, ''), e.idempotency_key, p.lines), 'UTF8')), 'hex')
     OR e.previous_hash <> coalesce((SELECT hash FROM journal_entry q WHERE q.id = e.id - 1), '')) x;
SELECT 'one grant per beneficiary: ' || CASE WHEN count(*) = 0 THEN 'ok' ELSE count(*) || ' FAIL' END
  FROM (SELECT beneficiary_id FROM grant_payment GROUP BY beneficiary_id HAVING count(*) > 1) x;
SELECT 'case summaries moved: ' || CASE WHEN count(*) = (SELECT count(*) FROM grant_payment) THEN 'ok' ELSE 'FAIL' END
  FROM case_summary WHERE grant_id IS NOT NULL;
