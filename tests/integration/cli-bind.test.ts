/**
 * The README's "Serve the zone files with BIND" as a DNS admin follows it:
 * GIVEN the files `plan --format zone --out out` writes and the README's
 * named.conf (examples/bind/named.conf, with a free port for 5353), WHEN the
 * real named is started as the README says, THEN it loads the files as they
 * are and `lync-edge-dns verify --server 127.0.0.1:PORT` finds every record.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Resolver } from "node:dns/promises";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../helpers/bind";
import { builtCli } from "../helpers/build";
import { requireTool } from "../helpers/tools";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const NAMED_CONF = readFileSync(join(ROOT, "examples", "bind", "named.conf"), "utf8");

describe("serving plan's zone files with named, as the README shows", function () {
    this.timeout(120_000);
    let work: string;
    let named: ChildProcess | undefined;
    let log = "";

    before(() => { work = mkdtempSync(join(tmpdir(), "lync-edge-dns-named-")); });
    after(async () => {
        if (named && named.exitCode === null && named.signalCode === null) {
            const exited = new Promise((resolve) => named?.once("exit", resolve));
            named.kill("SIGTERM");
            await exited;
        }
        rmSync(work, { recursive: true, force: true });
    });

    it("the README shows the named.conf, the command that writes the files and the one that starts named", () => {
        assert.ok(README.includes(`\`\`\`\n${NAMED_CONF}\`\`\``), "examples/bind/named.conf, verbatim");
        assert.match(README, /^\$ lync-edge-dns plan --config Pulumi\.example\.yaml --format zone --out out$/m);
        assert.match(README, /`named -g -c examples\/bind\/named\.conf`/);
        assert.match(README, /^\$ lync-edge-dns verify --config Pulumi\.example\.yaml --server 127\.0\.0\.1:5353$/m);
    });

    it("named loads the files with no edits and verify finds every record (exit 0)", async () => {
        const cli = builtCli();
        cpSync(join(ROOT, "Pulumi.example.yaml"), join(work, "Pulumi.example.yaml"));
        const plan = spawnSync(process.execPath, [cli, "plan", "--config", "Pulumi.example.yaml", "--format", "zone", "--out", "out"], { cwd: work, encoding: "utf8" });
        assert.equal(plan.status, 0, plan.stderr);
        assert.equal(plan.stdout, "out/contoso.com.zone\nout/fabrikam.com.zone\n");

        const port = await freePort();
        mkdirSync(join(work, "examples", "bind"), { recursive: true });
        assert.match(NAMED_CONF, /port 5353/);
        writeFileSync(join(work, "examples", "bind", "named.conf"), NAMED_CONF.replace("port 5353", `port ${port}`));
        named = spawn(requireTool("named"), ["-g", "-c", "examples/bind/named.conf"], { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
        named.stderr?.setEncoding("utf8").on("data", (chunk: string) => { log += chunk; });

        const resolver = new Resolver({ timeout: 200, tries: 1 });
        resolver.setServers([`127.0.0.1:${port}`]);
        for (const zone of ["contoso.com", "fabrikam.com"]) {
            for (let attempt = 0; ; attempt++) {
                assert.equal(named.exitCode, null, `named exited:\n${log}`);
                assert.doesNotMatch(log, /not loaded due to errors/, log);
                if (await resolver.resolveSoa(zone).then(() => true, () => false)) break;
                assert.ok(attempt < 300, `named does not serve ${zone}:\n${log}`);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        }

        const verify = spawnSync(process.execPath, [cli, "verify", "--config", "Pulumi.example.yaml", "--server", `127.0.0.1:${port}`], { cwd: work, encoding: "utf8" });
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);
        assert.match(verify.stdout, /^13 record sets: 13 ok$/m);
    });
});
