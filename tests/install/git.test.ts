/**
 * Installing from git, as the README offers until the package is on the
 * registry. GIVEN a bare clone of this repository (its HEAD commit: what
 * is committed, not the working tree), WHEN an empty project runs
 * `npm install git+file://<clone>#<commit>` — the same path as a
 * `git+https://` URL, without the network — THEN npm has run the
 * package's `prepare` script (the build) and the installed command runs:
 * `--version`, and a plan of the example stack.
 *
 * Slow by npm's design: to build a git dependency npm installs all its dev
 * dependencies in a temporary clone (the provider SDKs among them) and runs
 * `prepare` there twice; the second finds dist built from the same sources
 * (cli/build/stamp.mjs) and does not build again. Packages come from the npm
 * cache, the registry only for what it lacks (as in the package test).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");

describe("the package, installed from a git URL", function () {
    this.timeout(600_000);
    let work: string;
    let project: string;
    let commit: string;

    before(() => {
        work = mkdtempSync(join(tmpdir(), "lync-edge-dns-git-"));
        commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
        execFileSync("git", ["clone", "--quiet", "--bare", ROOT, join(work, "lync-edge-dns.git")]);
        project = join(work, "consumer");
        execFileSync("mkdir", ["-p", project]);
        writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
        // @types/node pinned as the package test pins it: a dependency's open range
        // would otherwise ask for the newest, which the cache may not hold.
        execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error",
            `git+file://${join(work, "lync-edge-dns.git")}#${commit}`, "@types/node@22.20.7"], { cwd: project, encoding: "utf8" });
        copyFileSync(join(ROOT, "Pulumi.example.yaml"), join(project, "Pulumi.example.yaml"));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    it("is what the README offers: a git URL, built by the prepare script", () => {
        assert.ok(README.includes("Or install straight from git, `npm install git+https://<host>/<owner>/lync-edge-dns.git` (add `#<tag or commit>` to pin it): npm then runs the package's `prepare` script, which builds it — in a temporary clone where npm first installs the package's dev dependencies for the build (the slow part), so your project gets only the built package and its dependencies."));
        const installed = join(project, "node_modules", "lync-edge-dns");
        // Built in the clone: nothing under dist/ is committed.
        assert.equal(execFileSync("git", ["ls-files", "dist"], { cwd: ROOT, encoding: "utf8" }), "");
        for (const file of ["dist/cli/main.js", "dist/components/index.js", "dist/components/core/index.d.ts"]) assert.ok(existsSync(join(installed, file)), file);
        // The build's tools and the dev-only provider SDKs stayed behind in the clone.
        for (const dev of ["typescript", "esbuild", "@pulumi/aws", "@pulumi/azure-native"]) assert.ok(!existsSync(join(project, "node_modules", dev)), dev);
        assert.ok(existsSync(join(project, "node_modules", "@pulumi", "pulumi")), "a dependency is installed");
        const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8"));
        assert.match(lock.packages["node_modules/lync-edge-dns"].resolved, new RegExp(`^git\\+file://.*#${commit}$`));
    });

    it("its lync-edge-dns command prints the version and plans the example stack", () => {
        const bin = join(project, "node_modules", ".bin", "lync-edge-dns");
        const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
        assert.equal(execFileSync(bin, ["--version"], { cwd: project, encoding: "utf8" }), `${version}\n`);
        const plan = spawnSync(bin, ["plan", "--config", "Pulumi.example.yaml"], { cwd: project, encoding: "utf8" });
        assert.equal(plan.status, 0, plan.stderr);
        assert.match(plan.stdout, /^Zone contoso\.com \(11 record sets, TTL 3600\)$/m);
        assert.match(plan.stdout, /^13 record sets in 2 zones; 4 warnings; 0 mandatory violations\.$/m);
    });
});
