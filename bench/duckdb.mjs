// The four national indicators by territory, computed by DuckDB (SQL over
// read_csv), for the benchmark against indicore.
//
//   node bench/duckdb.mjs DATA_DIR YEAR [THREADS] > out.csv
//
// Reads the files of the `iso` dialect of tools/gen-data.py (`,`, YYYY-MM-DD,
// UTF-8). Prints CSV rows `kind,indicator,territory,num,den`: kind `total`
// (territory empty), `stratum`, or `detail` (territory holds the detail's
// name, its value is num/den). Only the counts are computed here; values are
// num/den, compared by bench/compare.py.
//
// What it does like indicore: codes trimmed and compared case-insensitively;
// distinct persons by person_id, once per territory and once in the total;
// age in completed months with DuckDB's `date + INTERVAL n MONTH`, which clamps
// to the end of the month exactly as the spec's add_months; the school year
// 1 Sept Y-1 to 31 Aug Y; denominators from populations.csv (period, territory);
// the IP median is DuckDB's median (mean of the two middle values).
// What it does not do: indicore validates every row and column of every file
// (types, codes, unique ids, dates order) and stops on the first invalid one;
// this script reads only the columns it needs and trusts them.
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, yearArg, threads] = process.argv.slice(2);
if (!dir || !yearArg) {
  console.error('usage: node duckdb.mjs DATA_DIR YEAR [THREADS]');
  process.exit(2);
}
const Y = Number(yearArg);
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const file = (name) => q(`${dir}/${name}`);
const csv = `header = true, delim = ',', quote = '"', dateformat = '%Y-%m-%d'`;

const options = threads ? { threads: String(threads) } : {};
const instance = await DuckDBInstance.create(':memory:', options);
const con = await instance.connect();

const setup = `
CREATE MACRO months_between(b, a) AS
  (12 * (year(a) - year(b)) + month(a) - month(b))
  - CASE WHEN b + to_months(12 * (year(a) - year(b)) + month(a) - month(b)) > a THEN 1 ELSE 0 END;

CREATE TABLE acts AS
SELECT upper(trim(act_type)) AS t, act_date AS d, person_id AS p, person_birth_date AS b,
       nullif(trim(territory), '') AS tr
FROM read_csv(${file('pmi_acts.csv')}, ${csv}, columns = {
  'act_id': 'VARCHAR', 'act_type': 'VARCHAR', 'act_date': 'DATE', 'person_id': 'VARCHAR',
  'person_birth_date': 'DATE', 'provider': 'VARCHAR', 'professional': 'VARCHAR', 'territory': 'VARCHAR'})
WHERE upper(trim(provider)) = 'PMI' AND upper(trim(act_type)) IN ('EPP', 'BSEM', 'VAD_CHILD');

CREATE TABLE ip AS
SELECT received_date AS r, evaluation_end_date AS e, nullif(trim(territory), '') AS tr
FROM read_csv(${file('ip.csv')}, ${csv}, columns = {
  'ip_id': 'VARCHAR', 'received_date': 'DATE', 'evaluation_end_date': 'DATE', 'territory': 'VARCHAR'});

CREATE TABLE pop AS
SELECT lower(trim(population)) AS population, trim(period) AS period,
       coalesce(trim(territory), '') AS tr, value
FROM read_csv(${file('populations.csv')}, ${csv}, columns = {
  'population': 'VARCHAR', 'period': 'VARCHAR', 'territory': 'VARCHAR', 'value': 'BIGINT',
  'source': 'VARCHAR'});
`;

const y0 = `DATE '${Y}-01-01'`, y1 = `DATE '${Y}-12-31'`;
const s0 = `DATE '${Y - 1}-09-01'`, s1 = `DATE '${Y}-08-31'`;
const school = `${Y - 1}-${Y}`;

// Numerator by territory and in total, joined to the denominator rows.
const overPopulation = (id, counted, population, period) => `
WITH n AS (
  SELECT CASE WHEN grouping(tr) = 1 THEN '' ELSE tr END AS tr, count(DISTINCT p) AS num
  FROM (${counted}) c
  GROUP BY GROUPING SETS ((tr), ())
  HAVING grouping(tr) = 1 OR tr IS NOT NULL),
d AS (SELECT tr, value AS den FROM pop WHERE population = ${q(population)} AND period = ${q(period)})
SELECT CASE WHEN coalesce(n.tr, d.tr) = '' THEN 'total' ELSE 'stratum' END AS kind, ${q(id)} AS indicator,
       coalesce(n.tr, d.tr) AS territory, coalesce(n.num, 0) AS num, d.den AS den
FROM n FULL OUTER JOIN d ON n.tr = d.tr`;

const queries = [
  overPopulation('epp_pmi_coverage',
    `SELECT p, tr FROM acts WHERE t = 'EPP' AND d BETWEEN ${y0} AND ${y1}`, 'births', Y),
  overPopulation('bsem_coverage',
    `SELECT p, tr FROM acts WHERE t = 'BSEM' AND d BETWEEN ${s0} AND ${s1}
       AND b IS NOT NULL AND months_between(b, d) BETWEEN 36 AND 59`, 'enrolled_3_4', school),
  overPopulation('vad_child_share',
    `SELECT p, tr FROM acts WHERE t = 'VAD_CHILD' AND d BETWEEN ${y0} AND ${y1}
       AND b IS NOT NULL AND months_between(b, d) < 24`, 'children_under_2', Y),
  // BSEM details: per child, the best class of her acts (in band, out of band, no birth date).
  `SELECT 'detail', 'bsem_coverage', CASE k WHEN 1 THEN 'out_of_age_band' ELSE 'unknown_age' END, count(*), 1
   FROM (SELECT p, min(CASE WHEN b IS NULL THEN 2 WHEN months_between(b, d) BETWEEN 36 AND 59 THEN 0 ELSE 1 END) AS k
         FROM acts WHERE t = 'BSEM' AND d BETWEEN ${s0} AND ${s1} GROUP BY p)
   WHERE k > 0 GROUP BY k`,
  // VAD unknown_age: children none of whose qualifying visits carries a birth date.
  `SELECT 'detail', 'vad_child_share', 'unknown_age', count(*), 1
   FROM (SELECT p FROM acts WHERE t = 'VAD_CHILD' AND d BETWEEN ${y0} AND ${y1} GROUP BY p HAVING count(b) = 0)`,
  `SELECT CASE WHEN grouping(tr) = 1 THEN 'total' ELSE 'stratum' END, 'ip_eval_3m_rate',
          CASE WHEN grouping(tr) = 1 THEN '' ELSE tr END,
          count(*) FILTER (WHERE e <= r + INTERVAL 3 MONTH), count(*)
   FROM ip WHERE e BETWEEN ${y0} AND ${y1}
   GROUP BY GROUPING SETS ((tr), ()) HAVING grouping(tr) = 1 OR tr IS NOT NULL`,
  `SELECT 'detail', 'ip_eval_3m_rate', 'received', count(*), 1 FROM ip WHERE r BETWEEN ${y0} AND ${y1}`,
  `SELECT 'detail', 'ip_eval_3m_rate', 'mean_delay_days', sum(e - r), count(*)
   FROM ip WHERE e BETWEEN ${y0} AND ${y1}`,
  `SELECT 'detail', 'ip_eval_3m_rate', 'median_delay_days', CAST(2 * median(e - r) AS BIGINT), 2
   FROM ip WHERE e BETWEEN ${y0} AND ${y1}`,
];

await con.run(setup);
const reader = await con.runAndReadAll(queries.map((s) => `(${s})`).join('\nUNION ALL\n'));
const lines = ['kind,indicator,territory,num,den'];
for (const row of reader.getRows()) {
  lines.push(row.map((v) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }).join(','));
}
process.stdout.write(lines.join('\n') + '\n');
