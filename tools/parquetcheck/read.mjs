// read.mjs reads a Parquet file with DuckDB, an implementation independent
// of the Go writer, and prints it as one JSON object on stdout:
//
//   {"columns": [names], "types": [DuckDB types], "rows": [[values], ...]}
//
// Values keep their Parquet type: BIGINT as a decimal string (JSON numbers
// cannot hold every 64-bit integer), DOUBLE as a JSON number (the shortest
// text that reads back to the same double), VARCHAR as a string, and a null
// as null. A non-finite double is written as the string "NaN", "Infinity" or
// "-Infinity".
//
// Usage: node read.mjs FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';

function jsonValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node read.mjs FILE.parquet\n');
    process.exit(2);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const literal = "'" + file.replaceAll("'", "''") + "'";
  const result = await conn.runAndReadAll(`SELECT * FROM read_parquet(${literal})`);
  const out = {
    columns: result.columnNames(),
    types: result.columnTypes().map((t) => t.toString()),
    rows: result.getRowsJS().map((row) => row.map(jsonValue)),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  conn.closeSync();
  instance.closeSync();
}

main().catch((err) => {
  process.stderr.write(`parquetcheck: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
