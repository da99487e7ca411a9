// The reference answers' child process of `npm run bench:ingest`: `node referenceChild.mjs MODE
// FILE COUNTERS` prints, as one JSON line, what csv-parse or DuckDB answers for the log. The
// benchmark bundles this file into plain JavaScript (esbuild) and runs it with node alone, as
// hostplan's CLI is run: through tsx, each reference paid ~0.3 s of TypeScript loading at start-up
// that a user of DuckDB or csv-parse does not.
import { csvParseAnswer, duckDbAnswer } from './references.js';

const [mode, file, counters] = process.argv.slice(2);
if (!file || (mode !== 'duckdb' && mode !== 'csv-parse')) throw new Error('usage: referenceChild MODE(duckdb|csv-parse) FILE COUNTERS');
const answer = mode === 'duckdb' ? await duckDbAnswer(file, Number(counters)) : await csvParseAnswer(file);
console.log(JSON.stringify(answer));
