/**
 * What the README says about installing is true. GIVEN the README, THEN the
 * tarball it tells people to install is the one `npm pack` writes (and the
 * one the package test installs into an empty project), the Node.js versions
 * it names are those package.json declares and CI tests, and the tests run
 * on one of them, and the policy pack runs after the root's
 * `npm ci` alone: from `policy/`, Node resolves the pack runner and its SDKs
 * to the root's node_modules, at the versions the pack names.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

describe("the README on installing", function () {
    this.timeout(120_000);
    const pkg = manifest(ROOT);

    it("names the tarball npm pack writes, and says the package is not on the registry", () => {
        const tarball = `${pkg.name}-${pkg.version}.tgz`;
        const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--loglevel=error"], { cwd: ROOT, encoding: "utf8" }));
        assert.equal(packed.filename, tarball);
        assert.ok(README.includes("The package is not on the npm registry yet."));
        assert.ok(README.includes(`\`npm ci\` (it builds) and then \`npm pack\` (it writes \`${tarball}\`)`));
        assert.ok(README.includes(`\`npm install /path/to/${tarball}\``));
        // prepare runs the build unless dist is already the build of these sources (npm runs it twice for a git install).
        assert.equal(pkg.scripts.prepare, "node cli/build/stamp.mjs build", "a git install builds through prepare, as the README says");
        assert.match(readFileSync(join(ROOT, "cli", "build", "stamp.mjs"), "utf8"), /execFileSync\("npm", \["run", "--silent", "build"\]/);
        assert.ok(README.includes("npm then runs the package's `prepare` script, which builds it"));
    });

    it("the package test installs exactly such a tarball: npm pack's output, by its file name", () => {
        const test = readFileSync(join(ROOT, "tests", "install", "package.test.ts"), "utf8");
        // The test builds first (npm run build, what npm pack's prepare runs), then packs without running it again.
        assert.match(test, /builtCli\(\);[\s\S]*npm\(ROOT, "pack", "--json", "--ignore-scripts", "--pack-destination", work\)/);
        assert.match(test, /npm\(project, "install", "--prefer-offline", join\(work, packed\.filename\)/);
    });

    it("names the Node.js versions package.json declares and CI tests, and the tests run on a Node engines allows", () => {
        const lines = (/^NODE_LINES=\(([\d ]+)\)$/m.exec(readFileSync(join(ROOT, ".ci", "run"), "utf8"))?.[1] ?? "").split(" ");
        assert.deepEqual(lines, ["22", "24"]);
        assert.equal(pkg.engines.node, `>=${lines[0]}`, "engines starts at the oldest line CI tests");
        assert.ok(README.includes(`\`engines\` says \`${pkg.engines.node}\`, and the tests run on Node ${lines[0]} and Node ${lines[1]}`));
        // The SDK's own floor is no higher than ours.
        const pulumi = manifest(join(ROOT, "node_modules", "@pulumi", "pulumi"));
        assert.equal(pulumi.engines.node, `>=${lines[0]}`);
        assert.ok(Number(process.versions.node.split(".")[0]) >= Number(lines[0]), `the tests run on Node ${process.versions.node}, which engines (${pkg.engines.node}) refuses: put Node ${lines.join(" or ")} first on PATH`);
        // The GitOps example's workflow sets up a line the tests run on.
        const workflow = readFileSync(join(ROOT, "examples", "github-actions", "edge-dns.yml"), "utf8");
        const used = [...workflow.matchAll(/node-version: (\S+)/g)].map((m) => m[1]);
        assert.ok(used.length === 2 && used.every((v) => lines.includes(v)), used.join(", "));
    });

    it("the policy pack needs only the root's npm ci: from policy/ Node finds the runner and the SDKs at the root, at the pack's versions", () => {
        const policy = join(ROOT, "policy");
        assert.ok(!existsSync(join(policy, "package-lock.json")), "policy/ has no lock file, so npm ci cannot run there");
        assert.ok(README.includes("after `npm ci` at its root: `policy/` has no lock file and needs no install of its own"));
        // What Pulumi's analyzer shim does: require.resolve the runner from the pack's folder.
        const resolve = (id: string) => execFileSync(process.execPath, ["-e", `console.log(require.resolve(${JSON.stringify(id)}))`], { cwd: policy, encoding: "utf8" }).trim();
        // Compared as real paths: node_modules may be a link.
        const rootModules = realpathSync(join(ROOT, "node_modules"));
        assert.equal(resolve("@pulumi/pulumi/cmd/run-policy-pack"), join(rootModules, "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js"));
        assert.ok(resolve("@pulumi/policy").startsWith(join(rootModules, "@pulumi", "policy")));
        const pack = manifest(policy);
        for (const [name, version] of Object.entries(pack.dependencies)) {
            assert.equal(version, pkg.devDependencies[name], `${name}: the pack names the root's version`);
            assert.equal(String(manifest(join(ROOT, "node_modules", name)).version).replace(/^v/, ""), version, `${name} installed at the root is the pack's version`);
        }
    });
});
