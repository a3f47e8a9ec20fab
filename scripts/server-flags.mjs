// Node flags of the sync server's process, wherever it is started: `npm start` (start.mjs),
// `npm run sync-server` (package.json, which cannot import this: a test checks it carries the
// same flags) and the benchmarks that start it as a child process (bench/intake-server.ts).
//
// --max-semi-space-size=64: V8's young generation (default at most 16 MB per semi-space on
// 64-bit) fills every few dozen requests under the website intake's load, so the server
// stopped for a scavenge dozens of times a second; with 64 MB it scavenges about a third as
// often (bench:intake prints the pauses per kind), and short-lived request garbage dies young
// instead of being promoted. It costs up to 3 × 48 MB more address space, reserved only as used.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
