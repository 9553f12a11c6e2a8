// The six indicators by territory, computed by DuckDB (SQL over read_csv),
// for the benchmark against indicore; or, with --count, the tokenizer floor.
//
//   node bench/duckdb.mjs DATA_DIR YEAR [--dialect iso|fr|cp1252] [--threads N] > out.csv
//   node bench/duckdb.mjs DATA_DIR YEAR --count [--dialect ...]       # the floor
//
// Reads the files of tools/gen-data.py in the dialect named (`iso` by default:
// `,`, YYYY-MM-DD, UTF-8; `fr`: `;`, DD/MM/YYYY, UTF-8 with BOM; `cp1252`: the
// same in Windows-1252, read as latin-1, which is the same on these files:
// bench/run.sh checks that they hold no byte from 0x80 to 0x9F). The columns
// are taken from each file's header line, so that the shapes with extra
// columns (quoted, wide) are read as they are: the columns used are typed,
// the others read as text. Prints CSV rows `kind,indicator,territory,num,den`:
// kind `total` (territory empty), `stratum`, or `detail` (territory holds the
// detail's name, its value is num/den). Only the counts are computed here;
// values are num/den, compared by bench/compare.py.
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
//
// --count: `SELECT count(*)` over each of the four files with every column
// read as text, the bare tokenizer pass; prints `rows,seconds`, the seconds
// measured around the query alone (without node's start nor DuckDB's).
import { openSync, readSync, closeSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const count = args.includes('--count') && args.splice(args.indexOf('--count'), 1);
const dialect = flag('--dialect') ?? 'iso';
const threads = flag('--threads');
const [dir, yearArg] = args;
const DIALECTS = {
  iso: { delim: ',', dateformat: '%Y-%m-%d', encoding: 'utf-8' },
  fr: { delim: ';', dateformat: '%d/%m/%Y', encoding: 'utf-8' },
  cp1252: { delim: ';', dateformat: '%d/%m/%Y', encoding: 'latin-1' },
};
if (!dir || !yearArg || !DIALECTS[dialect]) {
  console.error('usage: node duckdb.mjs DATA_DIR YEAR [--dialect iso|fr|cp1252] [--threads N] [--count]');
  process.exit(2);
}
const Y = Number(yearArg);
const D = DIALECTS[dialect];
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const csv = `header = true, delim = ${q(D.delim)}, quote = '"', escape = '"', dateformat = ${q(D.dateformat)}, `
  + `encoding = ${q(D.encoding)}`;

// The header line of a file: its column names, lower case (gen-data's are
// ASCII and never quoted).
function header(name) {
  const fd = openSync(`${dir}/${name}`, 'r');
  const buf = Buffer.alloc(8192);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const line = buf.subarray(0, n).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').split(/\r?\n/)[0];
  return line.split(D.delim).map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
}

// read_csv over a file, the columns of its header in order, typed from @types
// (every other one VARCHAR).
function read(name, types = {}) {
  const cols = header(name).map((c) => `${q(c)}: ${q(types[c] ?? 'VARCHAR')}`).join(', ');
  return `read_csv(${q(`${dir}/${name}`)}, ${csv}, columns = {${cols}})`;
}

const options = threads ? { threads: String(threads) } : {};
const instance = await DuckDBInstance.create(':memory:', options);
const con = await instance.connect();

if (count) {
  const files = ['births.csv', 'pmi_acts.csv', 'ip.csv', 'populations.csv'];
  const t0 = process.hrtime.bigint();
  const reader = await con.runAndReadAll(
    `SELECT ${files.map((f) => `(SELECT count(*) FROM ${read(f)})`).join(' + ')}`);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`rows,seconds\n${reader.getRows()[0][0]},${seconds.toFixed(4)}\n`);
  process.exit(0);
}

const setup = `
CREATE MACRO months_between(b, a) AS
  (12 * (year(a) - year(b)) + month(a) - month(b))
  - CASE WHEN b + to_months(12 * (year(a) - year(b)) + month(a) - month(b)) > a THEN 1 ELSE 0 END;

CREATE TABLE acts AS
SELECT upper(trim(act_type)) AS t, act_date AS d, person_id AS p, person_birth_date AS b,
       nullif(trim(territory), '') AS tr
FROM ${read('pmi_acts.csv', { act_date: 'DATE', person_birth_date: 'DATE' })}
WHERE upper(trim(provider)) = 'PMI'
  AND upper(trim(act_type)) IN ('EPP', 'EPNP', 'BSEM', 'VAD_CHILD', 'CONSULTATION_CHILD');

CREATE TABLE ip AS
SELECT received_date AS r, evaluation_end_date AS e, nullif(trim(territory), '') AS tr
FROM ${read('ip.csv', { received_date: 'DATE', evaluation_end_date: 'DATE' })};

-- values may carry spaces, no-break spaces or narrow ones as thousands separators
CREATE TABLE pop AS
SELECT lower(trim(population)) AS population, trim(period) AS period,
       coalesce(trim(territory), '') AS tr,
       CAST(regexp_replace(value, '[ \\x{00A0}\\x{202F}]', '', 'g') AS BIGINT) AS value
FROM ${read('populations.csv')};
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

// Children under two with an act of @type in Y: the count over the
// population, and unknown_age (children none of whose qualifying acts
// carries a birth date).
const underTwo = (id, type) => [
  overPopulation(id,
    `SELECT p, tr FROM acts WHERE t = ${q(type)} AND d BETWEEN ${y0} AND ${y1}
       AND b IS NOT NULL AND months_between(b, d) < 24`, 'children_under_2', Y),
  `SELECT 'detail', ${q(id)}, 'unknown_age', count(*), 1
   FROM (SELECT p FROM acts WHERE t = ${q(type)} AND d BETWEEN ${y0} AND ${y1} GROUP BY p HAVING count(b) = 0)`,
];

const queries = [
  overPopulation('epp_pmi_coverage',
    `SELECT p, tr FROM acts WHERE t = 'EPP' AND d BETWEEN ${y0} AND ${y1}`, 'births', Y),
  overPopulation('epnp_pmi_coverage',
    `SELECT p, tr FROM acts WHERE t = 'EPNP' AND d BETWEEN ${y0} AND ${y1}`, 'births', Y),
  overPopulation('bsem_coverage',
    `SELECT p, tr FROM acts WHERE t = 'BSEM' AND d BETWEEN ${s0} AND ${s1}
       AND b IS NOT NULL AND months_between(b, d) BETWEEN 36 AND 59`, 'enrolled_3_4', school),
  // BSEM details: per child, the best class of her acts (in band, out of band, no birth date).
  `SELECT 'detail', 'bsem_coverage', CASE k WHEN 1 THEN 'out_of_age_band' ELSE 'unknown_age' END, count(*), 1
   FROM (SELECT p, min(CASE WHEN b IS NULL THEN 2 WHEN months_between(b, d) BETWEEN 36 AND 59 THEN 0 ELSE 1 END) AS k
         FROM acts WHERE t = 'BSEM' AND d BETWEEN ${s0} AND ${s1} GROUP BY p)
   WHERE k > 0 GROUP BY k`,
  ...underTwo('vad_child_share', 'VAD_CHILD'),
  ...underTwo('consultation_child_share', 'CONSULTATION_CHILD'),
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
