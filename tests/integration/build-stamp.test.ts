/**
 * The build stamp (cli/build/stamp.mjs): `prepare` and the tests skip the
 * build only when dist is the build of the sources as they are. GIVEN a
 * small project with the stamp script and a build that copies a source
 * into dist, WHEN its sources or dist change, or a source changes while it
 * is being built, THEN the next `stamp.mjs build` builds again; and it skips
 * only when nothing changed since a whole build.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** A build like the real one: begin, read the sources, write dist, write the stamp. The source may change after it was read. */
const MAKE = `
const fs = require("fs");
fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/a.js", fs.readFileSync("components/a.ts", "utf8"));
if (process.env.EDIT_DURING_BUILD) fs.appendFileSync("components/a.ts", "// edited while it was built\\n");
`;

describe("the build stamp", function () {
    this.timeout(60_000);
    let project: string;

    before(() => {
        project = mkdtempSync(join(tmpdir(), "lync-edge-dns-stamp-"));
        mkdirSync(join(project, "cli", "build"), { recursive: true });
        mkdirSync(join(project, "components"));
        copyFileSync(join(ROOT, "cli", "build", "stamp.mjs"), join(project, "cli", "build", "stamp.mjs"));
        writeFileSync(join(project, "make.js"), MAKE);
        writeFileSync(join(project, "components", "a.ts"), "export const a = 1;\n");
        writeFileSync(join(project, "package.json"), JSON.stringify({
            name: "stamped",
            private: true,
            scripts: { build: "node -e \"require('fs').rmSync('dist', { recursive: true, force: true })\" && node cli/build/stamp.mjs begin && node make.js && node cli/build/stamp.mjs write" },
        }));
    });
    after(() => rmSync(project, { recursive: true, force: true }));

    /** `stamp.mjs build` as prepare runs it: whether it built, and what it said. */
    function prepare(env: Record<string, string> = {}): { built: boolean; stderr: string } {
        const run = spawnSync(process.execPath, [join("cli", "build", "stamp.mjs"), "build"], { cwd: project, encoding: "utf8", env: { ...process.env, ...env } });
        assert.equal(run.status, 0, run.stderr);
        return { built: !run.stderr.includes("not built again"), stderr: run.stderr };
    }

    const built = (): string => readFileSync(join(project, "dist", "a.js"), "utf8");

    it("builds when there is no dist, then skips while nothing changes", () => {
        assert.equal(prepare().built, true);
        assert.equal(built(), "export const a = 1;\n");
        assert.ok(existsSync(join(project, "dist", "build-stamp.json")));
        assert.ok(!existsSync(join(project, "dist", "build-begun.json")), "the build's own note is gone");
        assert.equal(prepare().built, false);
    });

    it("builds again after a source changes", () => {
        writeFileSync(join(project, "components", "a.ts"), "export const a = 2;\n");
        assert.equal(prepare().built, true);
        assert.equal(built(), "export const a = 2;\n");
        assert.equal(prepare().built, false);
    });

    it("builds again after dist is changed by hand", () => {
        appendFileSync(join(project, "dist", "a.js"), "// by hand\n");
        assert.equal(prepare().built, true);
        assert.equal(built(), "export const a = 2;\n");
    });

    it("leaves dist unstamped when a source changes during the build, so the next run builds it again", () => {
        writeFileSync(join(project, "components", "a.ts"), "export const a = 3;\n");
        const during = prepare({ EDIT_DURING_BUILD: "1" });
        assert.equal(during.built, true);
        assert.match(during.stderr, /a source changed while it was built/);
        assert.ok(!existsSync(join(project, "dist", "build-stamp.json")));
        assert.equal(built(), "export const a = 3;\n", "dist holds the source as it was read");
        assert.equal(prepare().built, true);
        assert.equal(built(), "export const a = 3;\n// edited while it was built\n");
        assert.equal(prepare().built, false);
    });
});
