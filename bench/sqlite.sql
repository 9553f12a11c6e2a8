-- The four national indicators by territory, computed by the sqlite3 shell
-- (.import then SQL), for the benchmark against indicore.
--
--   cd DATA_DIR && sqlite3 -cmd '.parameter set @y 2024' :memory: < bench/sqlite.sql > out.csv
--
-- Reads the `iso` dialect of tools/gen-data.py (`,`, YYYY-MM-DD, UTF-8), in the
-- current directory. Prints the same CSV rows as bench/duckdb.mjs:
-- `kind,indicator,territory,num,den` (kind total, stratum or detail).
--
-- SQLite has no date type: dates stay ISO text, which compares in date order.
-- Its date('+N months') does not clamp (2024-01-31 +1 month is 2024-03-02), so
-- the spec's add_months is written out by hand: the first of the target month,
-- then the day of the month, or the target month's last day when it is shorter.
-- The age in completed months is 12*years + months, minus one when the birth
-- day of the month is past the act's and the act is not on its month's last
-- day. Both are exact, only longer to write. The median is taken with window
-- functions (SQLite has no median). Like the DuckDB script, it validates
-- nothing: indicore checks every value of every file.
.bail on
.headers off
.mode csv

CREATE TABLE acts_raw (act_id TEXT, act_type TEXT, act_date TEXT, person_id TEXT,
                       person_birth_date TEXT, provider TEXT, professional TEXT, territory TEXT);
CREATE TABLE ip_raw (ip_id TEXT, received_date TEXT, evaluation_end_date TEXT, territory TEXT);
CREATE TABLE pop_raw (population TEXT, period TEXT, territory TEXT, value TEXT, source TEXT);
.import --csv --skip 1 pmi_acts.csv acts_raw
.import --csv --skip 1 ip.csv ip_raw
.import --csv --skip 1 populations.csv pop_raw

CREATE TEMP TABLE bounds AS
SELECT printf('%04d-01-01', @y) AS y0, printf('%04d-12-31', @y) AS y1,
       printf('%04d-09-01', @y - 1) AS s0, printf('%04d-08-31', @y) AS s1,
       printf('%d-%d', @y - 1, @y) AS school, CAST(@y AS TEXT) AS year;

-- The acts the four indicators read, with the age in completed months.
CREATE TABLE acts AS
SELECT t, d, p, tr, b,
       CASE WHEN b IS NULL THEN NULL ELSE
         12 * (CAST(substr(d, 1, 4) AS INT) - CAST(substr(b, 1, 4) AS INT))
         + CAST(substr(d, 6, 2) AS INT) - CAST(substr(b, 6, 2) AS INT)
         - (CAST(substr(b, 9, 2) AS INT) > CAST(substr(d, 9, 2) AS INT)
            AND d <> date(d, 'start of month', '+1 month', '-1 day'))
       END AS age
FROM (SELECT upper(trim(act_type)) AS t, act_date AS d, person_id AS p,
             nullif(trim(territory), '') AS tr, nullif(person_birth_date, '') AS b
      FROM acts_raw
      WHERE upper(trim(provider)) = 'PMI' AND upper(trim(act_type)) IN ('EPP', 'BSEM', 'VAD_CHILD'));
DROP TABLE acts_raw;

CREATE TABLE ip AS
SELECT r, e, tr,
       CASE WHEN CAST(substr(r, 9, 2) AS INT) > CAST(strftime('%d', r, 'start of month', '+4 months', '-1 day') AS INT)
            THEN date(r, 'start of month', '+4 months', '-1 day')
            ELSE date(r, 'start of month', '+3 months', '+' || (CAST(substr(r, 9, 2) AS INT) - 1) || ' days')
       END AS r3
FROM (SELECT received_date AS r, nullif(evaluation_end_date, '') AS e, nullif(trim(territory), '') AS tr
      FROM ip_raw);
DROP TABLE ip_raw;

CREATE TABLE pop AS
SELECT lower(trim(population)) AS population, trim(period) AS period, trim(territory) AS tr,
       CAST(replace(value, ' ', '') AS INT) AS value
FROM pop_raw;

-- Numerators: (indicator, territory or '' for the total, count).
CREATE TEMP TABLE counted AS
SELECT 'epp_pmi_coverage' AS id, p, tr FROM acts, bounds WHERE t = 'EPP' AND d BETWEEN y0 AND y1
UNION ALL
SELECT 'bsem_coverage', p, tr FROM acts, bounds WHERE t = 'BSEM' AND d BETWEEN s0 AND s1 AND age BETWEEN 36 AND 59
UNION ALL
SELECT 'vad_child_share', p, tr FROM acts, bounds WHERE t = 'VAD_CHILD' AND d BETWEEN y0 AND y1 AND age < 24;

CREATE TEMP TABLE num AS
SELECT id, '' AS tr, count(DISTINCT p) AS n FROM counted GROUP BY id
UNION ALL
SELECT id, tr, count(DISTINCT p) FROM counted WHERE tr IS NOT NULL GROUP BY id, tr;

CREATE TEMP TABLE den AS
SELECT 'epp_pmi_coverage' AS id, tr, value AS d FROM pop, bounds WHERE population = 'births' AND period = year
UNION ALL
SELECT 'bsem_coverage', tr, value FROM pop, bounds WHERE population = 'enrolled_3_4' AND period = school
UNION ALL
SELECT 'vad_child_share', tr, value FROM pop, bounds WHERE population = 'children_under_2' AND period = year;

-- Strata: every territory of the numerator or of the denominator.
SELECT CASE WHEN k.tr = '' THEN 'total' ELSE 'stratum' END, k.id, k.tr, coalesce(num.n, 0), den.d
FROM (SELECT id, tr FROM num UNION SELECT id, tr FROM den) k
LEFT JOIN num ON num.id = k.id AND num.tr = k.tr
LEFT JOIN den ON den.id = k.id AND den.tr = k.tr;

-- BSEM details: per child, the best class of her acts (0 in band, 1 out of band, 2 no birth date).
SELECT 'detail', 'bsem_coverage', CASE k WHEN 1 THEN 'out_of_age_band' ELSE 'unknown_age' END, count(*), 1
FROM (SELECT p, min(CASE WHEN b IS NULL THEN 2 WHEN age BETWEEN 36 AND 59 THEN 0 ELSE 1 END) AS k
      FROM acts, bounds WHERE t = 'BSEM' AND d BETWEEN s0 AND s1 GROUP BY p)
WHERE k > 0 GROUP BY k;
-- VAD unknown_age: children none of whose qualifying visits carries a birth date.
SELECT 'detail', 'vad_child_share', 'unknown_age', count(*), 1
FROM (SELECT p FROM acts, bounds WHERE t = 'VAD_CHILD' AND d BETWEEN y0 AND y1 GROUP BY p HAVING count(b) = 0);

-- IP evaluated in the year, within three months.
SELECT 'total', 'ip_eval_3m_rate', '', sum(e <= r3), count(*) FROM ip, bounds WHERE e BETWEEN y0 AND y1;
SELECT 'stratum', 'ip_eval_3m_rate', tr, sum(e <= r3), count(*)
FROM ip, bounds WHERE e BETWEEN y0 AND y1 AND tr IS NOT NULL GROUP BY tr;
SELECT 'detail', 'ip_eval_3m_rate', 'received', count(*), 1 FROM ip, bounds WHERE r BETWEEN y0 AND y1;
SELECT 'detail', 'ip_eval_3m_rate', 'mean_delay_days',
       CAST(sum(julianday(e) - julianday(r)) AS INT), count(*)
FROM ip, bounds WHERE e BETWEEN y0 AND y1;
SELECT 'detail', 'ip_eval_3m_rate', 'median_delay_days', CAST(sum(dl) AS INT), count(*)
FROM (SELECT dl, row_number() OVER (ORDER BY dl) AS rn, count(*) OVER () AS n
      FROM (SELECT julianday(e) - julianday(r) AS dl FROM ip, bounds WHERE e BETWEEN y0 AND y1))
WHERE rn IN ((n + 1) / 2, (n + 2) / 2);
