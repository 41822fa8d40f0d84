// Runs one posrecon CLI command in this process and prints its wall time and peak RSS as JSON on the
// last line, so the bench needs no external `time` command.
import { performance } from 'node:perf_hooks';
import { main } from '../dist/cli/main.js';

const started = performance.now();
const code = await main(process.argv.slice(2));
const ms = performance.now() - started;
process.stdout.write(`\n${JSON.stringify({ code, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
