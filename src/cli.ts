import { runCli } from './cli-main.js';

// The `screening` command (npm run import, screen, audit, keys): everything it does is in cli-main.ts.
process.exitCode = await runCli(process.argv.slice(2));
