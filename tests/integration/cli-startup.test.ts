/**
 * What the built CLI loads to start (docs/performance.md): `plan` costs
 * little more than starting Node only if it loads nothing it does not use
 * and finds its code compiled already. Asserted on what a process loaded,
 * never on timings.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as YAML from "yaml";
import { builtCli } from "../helpers/build";
import { GOLDEN_DIR } from "../helpers/golden";

const ROOT = join(__dirname, "..", "..");

/** Runs `script` in a fresh node and parses the JSON it prints. */
function nodeJson(script: string): unknown {
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
}

describe("the built CLI at start-up", function () {
    this.timeout(120_000);
    let cli: string;
    let work: string;
    let config: string;

    before(() => {
        cli = builtCli();
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-startup-"));
        // JSON, so that a copy of the CLI outside the package needs no module beside it (YAML loads the yaml package).
        config = join(work, "example.json");
        writeFileSync(config, JSON.stringify(YAML.parse(readFileSync(join(GOLDEN_DIR, "example.yaml"), "utf8"))));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    // node:net is left out: Node loads it for stdout and stderr when they are pipes, as here.
    it("plan loads none of the modules only verify needs: no child processes, datagram sockets or resolver", () => {
        const script = `require(${JSON.stringify(cli)}).run(["plan", "--config", ${JSON.stringify(config)}, "--format", "json"], () => {}).then((code) => {
            const loaded = process.moduleLoadList.filter((m) => /^NativeModule (child_process|dgram|dns|dns\\/promises)$/.test(m));
            console.log(JSON.stringify({ code, loaded }));
        });`;
        assert.deepEqual(nodeJson(script), { code: 0, loaded: [] });
    });

    it("verify still finds them when it runs", () => {
        const script = `require(${JSON.stringify(cli)}).run(["verify", "--config", ${JSON.stringify(config)}, "--server", "127.0.0.1:1", "--timeout", "50", "--deadline", "1"], () => {}).then(() => {
            console.log(JSON.stringify(["dgram", "dns/promises"].every((m) => process.moduleLoadList.includes("NativeModule " + m))));
        });`;
        assert.equal(nodeJson(script), true);
    });

    it("runs on the code cache the build wrote (this Node made it)", () => {
        assert.equal(nodeJson(`console.log(JSON.stringify(require(${JSON.stringify(cli)}).codeCacheUsed))`), true);
    });

    for (const [what, cache] of [["without its code cache", undefined], ["with a cache V8 refuses", "not a V8 code cache"]] as const) {
        it(`prints the same plan ${what}`, () => {
            const copy = mkdtempSync(join(work, "cli-"));
            for (const file of ["main.js", "bundle.js"]) copyFileSync(join(dirname(cli), file), join(copy, file));
            if (cache !== undefined) writeFileSync(join(copy, "bundle.v8cache"), cache);
            const args = ["plan", "--config", config];
            const cached = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
            const uncached = spawnSync(process.execPath, [join(copy, "main.js"), ...args], { encoding: "utf8" });
            assert.equal(cached.status, 0, cached.stderr);
            assert.deepEqual([uncached.status, uncached.stdout, uncached.stderr], [cached.status, cached.stdout, cached.stderr]);
            assert.equal(nodeJson(`console.log(JSON.stringify(require(${JSON.stringify(join(copy, "main.js"))}).codeCacheUsed))`), false);
        });
    }
});
