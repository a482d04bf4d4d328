/**
 * The README as a user reads it. GIVEN every fenced code block in README.md,
 * THEN each one is either a copy of an example file that other tests run,
 * the two commands (which CI and the npm start test run), or a
 * `$ lync-edge-dns ...` command whose output is what the built CLI prints
 * now (verify against a real named serving the example zones).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { planRecords } from "../../components";
import { readStackConfig } from "../../components/testing/stack-file";
import { BindServer, zoneTexts, type ZoneText } from "../helpers/bind";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

interface Block { lang: string; body: string; line: number }

function blocks(): Block[] {
    const found: Block[] = [];
    const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
    for (const match of README.matchAll(pattern)) {
        found.push({ lang: match[1], body: match[2].replace(/\n$/, ""), line: README.slice(0, match.index).split("\n").length });
    }
    return found;
}

/** The example files other tests run (examples/ and the README fixtures). */
function exampleFiles(dir = join(ROOT, "examples")): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) for (const [k, v] of exampleFiles(path)) files.set(k, v);
        else files.set(relative(ROOT, path), readFileSync(path, "utf8").replace(/\n$/, ""));
    }
    return files;
}

describe("README code blocks", function () {
    this.timeout(120_000);
    const all = blocks();
    const examples = exampleFiles();
    const isCopy = (b: Block) => [...examples.values()].includes(b.body);
    const isCommand = (b: Block) => b.body.startsWith("$ lync-edge-dns ");

    it("has code blocks, each a copy of an example, the two commands, or a CLI run", () => {
        assert.ok(all.length >= 8);
        const unclaimed = all.filter((b) => !isCopy(b) && !isCommand(b) && b.body !== "npm ci && npm start\nnpm test");
        assert.deepEqual(unclaimed.map((b) => `line ${b.line}: ${b.body.split("\n")[0]}`), []);
    });

    it("the two commands are the package's start and test scripts, and CI runs them", () => {
        const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
        assert.ok(scripts.start && scripts.test);
        const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
        for (const command of ["npm ci", "npm test", "npm run test:install"]) assert.match(ci, new RegExp(`^\\s*${command}$`, "m"), command);
    });

    it("shows the examples that the package and schema tests run", () => {
        const shown = [...examples.entries()].filter(([, body]) => all.some((b) => b.body === body)).map(([file]) => file).sort();
        assert.deepEqual(shown, ["examples/bind/named.conf", "examples/github-actions/test/edge-dns.test.ts", "examples/policy-config.json", "examples/python/__main__.py", "examples/typescript/plan.ts", "examples/typescript/route53.ts", "examples/yaml/Pulumi.yaml"]);
    });

    for (const block of all.filter((b) => isCommand(b) && !b.body.startsWith("$ lync-edge-dns verify"))) {
        const [command, ...output] = block.body.split("\n");
        it(`line ${block.line}: ${command} prints what the README shows`, () => {
            const result = spawnSync(process.execPath, [builtCli(), ...command.replace("$ lync-edge-dns ", "").split(" ")], { cwd: ROOT, encoding: "utf8" });
            assert.equal((result.stdout + result.stderr).replace(/\n$/, ""), output.join("\n"));
        });
    }

    describe("verify, against named serving the example's zones", () => {
        const verifyBlocks = all.filter((b) => b.body.startsWith("$ lync-edge-dns verify"));
        let bind: BindServer | undefined;
        let zones: ZoneText[];
        before(async () => {
            zones = zoneTexts(planRecords(readStackConfig(join(ROOT, "Pulumi.example.yaml"))["lync-edge-dns:deployment"] as never));
            bind = await BindServer.start(zones);
        });
        after(async () => { await bind?.stop(); });

        function run(command: string): string {
            const args = command.replace("$ lync-edge-dns ", "").replace("127.0.0.1:5353", bind?.address ?? "").split(" ");
            const result = spawnSync(process.execPath, [builtCli(), ...args], { cwd: ROOT, encoding: "utf8" });
            return result.stdout.replace(/\n$/, "");
        }

        it("shows two verify runs", () => assert.equal(verifyBlocks.length, 2));

        it("the first: every record ok", () => {
            const [command, ...output] = verifyBlocks[0].body.split("\n");
            assert.equal(run(command), output.join("\n"));
        });

        it("the second: after the README's two changes to the zones", async () => {
            // "after _sip._tls.contoso.com was deleted and a pool member dropped from sip.fabrikam.com"
            await bind?.serve(zones.map((z) => ({
                zone: z.zone,
                text: z.text.replace(/^_sip\._tls\.contoso\.com\..*\n/m, "").replace(/^sip\.fabrikam\.com\..*203\.0\.113\.11\n/m, ""),
            })));
            const [command, ...output] = verifyBlocks[1].body.split("\n");
            assert.equal(run(command), output.join("\n"));
            assert.throws(() => execFileSync(process.execPath, [builtCli(), ...command.replace("$ lync-edge-dns ", "").replace("127.0.0.1:5353", bind?.address ?? "").split(" ")], { cwd: ROOT }), /status 1|Command failed/);
        });
    });
});
