#!/usr/bin/env node
/**
 * The `lync-edge-dns` command: runs the bundled CLI (bundle.js) compiled
 * with the V8 code cache `npm run build` wrote beside it (bundle.v8cache), so
 * that a run does not parse and compile the whole bundle before its first
 * line of work. V8 accepts the cache only from the same Node version and V8
 * flags that made it; otherwise it says so (cachedDataRejected) and compiles
 * the bundle as usual, which is exactly what a plain `require` would do.
 */
"use strict";
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

const file = join(__dirname, "bundle.js");
let cachedData;
try {
    cachedData = readFileSync(join(__dirname, "bundle.v8cache"));
} catch {
    // No cache (a build without one): compile as usual.
}
// The CommonJS wrapper on a line of its own, so that stack traces keep the bundle's line numbers.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${readFileSync(file, "utf8")}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData,
});
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname);

module.exports = {
    ...bundle.exports,
    /** Whether V8 took the cache (false when there is none). */
    codeCacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    /** V8's code cache of the bundle as compiled so far: the build writes it after a warm-up run. */
    createCodeCache: () => script.createCachedData(),
};

if (require.main === module) bundle.exports.main();
