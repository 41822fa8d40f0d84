#!/usr/bin/env node
// The compiled CLI decides the exit code; this shim only hands it to the process.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
