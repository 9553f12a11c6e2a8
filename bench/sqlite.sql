-- The six indicators by territory, computed by the sqlite3 shell (.import
-- then SQL), for the benchmark against indicore.
--
--   cd DATA_DIR && sqlite3 -csv -separator SEP -cmd '.parameter set @y 2024' :memory: \
--     < bench/sqlite.sql > out.csv
--
-- Reads the files of tools/gen-data.py in the current directory, separated by
-- SEP (`,` or `;`: the shell's mode and separator are the caller's, since a
-- script cannot take a separator as a parameter), each table created from its
-- file's header, so that extra columns (the shapes quoted and wide) are kept
-- and ignored. Dates in DD/MM/YYYY are turned into YYYY-MM-DD; a Windows-1252
-- file is read as bytes, its names written back as they are (bench/compare.py
-- decodes them). Prints the same CSV rows as bench/duckdb.mjs:
-- `kind,indicator,territory,num,den` (kind total, stratum or detail).
--
-- SQLite has no date type: dates are ISO text, which compares in date order.
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
.import pmi_acts.csv acts_raw
.import ip.csv ip_raw
.import populations.csv pop_raw
.separator ,

CREATE TEMP TABLE bounds AS
SELECT printf('%04d-01-01', @y) AS y0, printf('%04d-12-31', @y) AS y1,
       printf('%04d-09-01', @y - 1) AS s0, printf('%04d-08-31', @y) AS s1,
       printf('%d-%d', @y - 1, @y) AS school, CAST(@y AS TEXT) AS year;

-- The acts the indicators read, with the age in completed months.
CREATE TABLE acts AS
SELECT t, d, p, tr, b,
       CASE WHEN b IS NULL THEN NULL ELSE
         12 * (CAST(substr(d, 1, 4) AS INT) - CAST(substr(b, 1, 4) AS INT))
         + CAST(substr(d, 6, 2) AS INT) - CAST(substr(b, 6, 2) AS INT)
         - (CAST(substr(b, 9, 2) AS INT) > CAST(substr(d, 9, 2) AS INT)
            AND d <> date(d, 'start of month', '+1 month', '-1 day'))
       END AS age
FROM (SELECT upper(trim(act_type)) AS t,
             CASE WHEN substr(act_date, 3, 1) = '/'
                  THEN substr(act_date, 7, 4) || '-' || substr(act_date, 4, 2) || '-' || substr(act_date, 1, 2)
                  ELSE act_date END AS d,
             person_id AS p, nullif(trim(territory), '') AS tr,
             nullif(CASE WHEN substr(person_birth_date, 3, 1) = '/'
                         THEN substr(person_birth_date, 7, 4) || '-' || substr(person_birth_date, 4, 2) || '-'
                              || substr(person_birth_date, 1, 2)
                         ELSE person_birth_date END, '') AS b
      FROM acts_raw
      WHERE upper(trim(provider)) = 'PMI'
        AND upper(trim(act_type)) IN ('EPP', 'EPNP', 'BSEM', 'VAD_CHILD', 'CONSULTATION_CHILD'));
DROP TABLE acts_raw;

CREATE TABLE ip AS
SELECT r, e, tr,
       CASE WHEN CAST(substr(r, 9, 2) AS INT) > CAST(strftime('%d', r, 'start of month', '+4 months', '-1 day') AS INT)
            THEN date(r, 'start of month', '+4 months', '-1 day')
            ELSE date(r, 'start of month', '+3 months', '+' || (CAST(substr(r, 9, 2) AS INT) - 1) || ' days')
       END AS r3
FROM (SELECT CASE WHEN substr(received_date, 3, 1) = '/'
                  THEN substr(received_date, 7, 4) || '-' || substr(received_date, 4, 2) || '-'
                       || substr(received_date, 1, 2)
                  ELSE received_date END AS r,
             nullif(CASE WHEN substr(evaluation_end_date, 3, 1) = '/'
                         THEN substr(evaluation_end_date, 7, 4) || '-' || substr(evaluation_end_date, 4, 2) || '-'
                              || substr(evaluation_end_date, 1, 2)
                         ELSE evaluation_end_date END, '') AS e,
             nullif(trim(territory), '') AS tr
      FROM ip_raw);
DROP TABLE ip_raw;

CREATE TABLE pop AS
SELECT lower(trim(population)) AS population, trim(period) AS period, trim(territory) AS tr,
       -- spaces, no-break spaces (UTF-8 or a Windows-1252 byte) or narrow ones as thousands separators
       CAST(replace(replace(replace(replace(value, ' ', ''), char(160), ''), CAST(x'a0' AS TEXT), ''), char(8239), '')
            AS INT) AS value
FROM pop_raw;

-- Numerators: (indicator, territory or '' for the total, count).
CREATE TEMP TABLE counted AS
SELECT 'epp_pmi_coverage' AS id, p, tr FROM acts, bounds WHERE t = 'EPP' AND d BETWEEN y0 AND y1
UNION ALL
SELECT 'epnp_pmi_coverage', p, tr FROM acts, bounds WHERE t = 'EPNP' AND d BETWEEN y0 AND y1
UNION ALL
SELECT 'bsem_coverage', p, tr FROM acts, bounds WHERE t = 'BSEM' AND d BETWEEN s0 AND s1 AND age BETWEEN 36 AND 59
UNION ALL
SELECT 'vad_child_share', p, tr FROM acts, bounds WHERE t = 'VAD_CHILD' AND d BETWEEN y0 AND y1 AND age < 24
UNION ALL
SELECT 'consultation_child_share', p, tr FROM acts, bounds
WHERE t = 'CONSULTATION_CHILD' AND d BETWEEN y0 AND y1 AND age < 24;

CREATE TEMP TABLE num AS
SELECT id, '' AS tr, count(DISTINCT p) AS n FROM counted GROUP BY id
UNION ALL
SELECT id, tr, count(DISTINCT p) FROM counted WHERE tr IS NOT NULL GROUP BY id, tr;

CREATE TEMP TABLE den AS
SELECT 'epp_pmi_coverage' AS id, tr, value AS d FROM pop, bounds WHERE population = 'births' AND period = year
UNION ALL
SELECT 'epnp_pmi_coverage', tr, value FROM pop, bounds WHERE population = 'births' AND period = year
UNION ALL
SELECT 'bsem_coverage', tr, value FROM pop, bounds WHERE population = 'enrolled_3_4' AND period = school
UNION ALL
SELECT 'vad_child_share', tr, value FROM pop, bounds WHERE population = 'children_under_2' AND period = year
UNION ALL
SELECT 'consultation_child_share', tr, value FROM pop, bounds WHERE population = 'children_under_2' AND period = year;

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
-- VAD and consultations, unknown_age: children none of whose qualifying acts carries a birth date.
SELECT 'detail', 'vad_child_share', 'unknown_age', count(*), 1
FROM (SELECT p FROM acts, bounds WHERE t = 'VAD_CHILD' AND d BETWEEN y0 AND y1 GROUP BY p HAVING count(b) = 0);
SELECT 'detail', 'consultation_child_share', 'unknown_age', count(*), 1
FROM (SELECT p FROM acts, bounds WHERE t = 'CONSULTATION_CHILD' AND d BETWEEN y0 AND y1 GROUP BY p HAVING count(b) = 0);

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
