// The two tools `npm run bench:ingest` measures hostplan against, each answering the question
// of the log in a child process: csv-parse counting and summing each column, and DuckDB (all
// cores) computing count, min, max, mean, population stddev and exact (type 7) p50/p90/p95/p99
// per column. Each prints one JSON line: per column count, mean and, for DuckDB, p95.
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parse } from 'csv-parse';

/** Per column: values counted, their mean, and the 95th percentile where the tool computes it. */
export interface ColumnAnswer {
  readonly count: number;
  readonly mean: number | null;
  readonly p95?: number | null;
}

/** csv-parse, the reference parser: every record, every cell to a number, count and sum per column (blank cells `" "` and `""` skipped). */
export async function csvParseAnswer(file: string): Promise<ColumnAnswer[]> {
  let counts: number[] = [];
  let sums: number[] = [];
  let header = true;
  for await (const record of createReadStream(file).pipe(parse({ relax_column_count: false })) as AsyncIterable<string[]>) {
    if (header) {
      header = false;
      counts = new Array(record.length - 1).fill(0);
      sums = new Array(record.length - 1).fill(0);
      continue;
    }
    for (let i = 1; i < record.length; i++) {
      const cell = record[i]!;
      if (cell === '' || cell === ' ') continue;
      counts[i - 1]!++;
      sums[i - 1]! += Number(cell);
    }
  }
  return counts.map((count, i) => ({ count, mean: count ? sums[i]! / count : null }));
}

/** DuckDB on every core (`threads` = os.availableParallelism()): one query over the CSV file. */
export async function duckDbAnswer(file: string, columns: number): Promise<ColumnAnswer[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(availableParallelism()) });
  const connection = await instance.connect();
  const names = Array.from({ length: columns }, (_, i) => `c${i + 1}`);
  const types = `{'t': 'VARCHAR', ${names.map((c) => `'${c}': 'DOUBLE'`).join(', ')}}`;
  const aggregates = names.map((c) => `count(${c}), min(${c}), max(${c}), avg(${c}), stddev_pop(${c}), quantile_cont(${c}, [0.5, 0.9, 0.95, 0.99])`).join(', ');
  const sql = `SELECT ${aggregates} FROM read_csv('${file.replaceAll("'", "''")}', header = true, delim = ',', quote = '"', nullstr = [' ', ''], columns = ${types})`;
  const row = (await connection.runAndReadAll(sql)).getRowsJS()[0]!;
  connection.closeSync();
  return names.map((_, i) => {
    const quantiles = row[i * 6 + 5] as number[] | null;
    return { count: Number(row[i * 6]), mean: row[i * 6 + 3] as number | null, p95: quantiles ? quantiles[2]! : null };
  });
}
