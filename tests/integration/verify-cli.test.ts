/**
 * `lync-edge-dns verify` as a user runs it, the built CLI as a process:
 * GIVEN the example's zones served by a real named on 127.0.0.1, THEN a
 * server given by host name (`localhost:PORT`) works like its address, a
 * name that does not resolve and a deadline out of range are usage errors
 * (exit 2, one line, no stack), and on a terminal a long run shows its
 * progress on stderr and wipes it before the report.
 *
 * Only 127.0.0.1 is queried; named and the fault server are stopped by the suites that started them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRecords } from "../../components/core/plan/planner";
import { readStackConfig } from "../../components/testing/stack-file";
import { startProgress } from "../../cli/verify/progress";
import { BindServer, zoneTexts } from "../helpers/bind";
import { builtCli } from "../helpers/build";
import { recordsFromPlan, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { unwrapped } from "../helpers/cli-text";
import { requireTool } from "../helpers/tools";

const ROOT = join(__dirname, "..", "..");
const CONFIG = join(ROOT, "Pulumi.example.yaml");

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const { status, stdout, stderr } = spawnSync(process.execPath, [builtCli(), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    return { status, stdout, stderr };
}

describe("verify on the command line", function () {
    this.timeout(60_000);
    const plan = planRecords(readStackConfig(CONFIG)["lync-edge-dns:deployment"] as never);
    let bind: BindServer | undefined;

    before(async () => {
        builtCli();
        bind = await BindServer.start(zoneTexts(plan));
    });
    after(async () => { await bind?.stop(); });

    it("takes --server localhost:PORT, asks the address it resolves to, and finds every record ok", () => {
        const { status, stdout, stderr } = cli("verify", "--config", CONFIG, "--server", `localhost:${bind!.port}`, "--json");
        assert.equal(status, 0, stderr);
        assert.equal(stderr, "");
        const report = JSON.parse(stdout);
        assert.deepEqual(report.servers, [bind!.address]);
        assert.deepEqual(report.summary.byStatus.ok, 13);
        assert.deepEqual(report.checks.map((c: { foundTtl: number }) => c.foundTtl), Array(13).fill(3600));
    });

    it("refuses a server name that does not resolve: exit 2, the reason and the usage line on stderr, nothing on stdout", () => {
        const { status, stdout, stderr } = cli("verify", "--config", CONFIG, "--server", "ns1.nowhere.invalid:5353");
        assert.equal(status, 2);
        assert.equal(stdout, "");
        assert.equal(stderr, [
            // As every other wrong option value: the sentence, the usage line and where help is.
            'error: --server "ns1.nowhere.invalid:5353": the host name ns1.nowhere.invalid does not resolve',
            "  (ENOTFOUND); give a name that resolves, or an IP address",
            "Usage: lync-edge-dns verify --config <file> [--server <host[:port]>] [--json] [--timeout <ms>]",
            "                            [--deadline <seconds>] [--adopt]",
            '(run "lync-edge-dns verify --help" for the options and examples)',
            "",
        ].join("\n"));
    });

    it("refuses a server that is neither an address nor a host name", () => {
        const { status, stderr } = cli("verify", "--config", CONFIG, "--server", "ns_1.example.net");
        assert.equal(status, 2);
        assert.match(unwrapped(stderr), /^error: --server "ns_1\.example\.net" is not a server: give HOST\[:PORT\] with an IPv4 address or a host name/);
    });

    for (const deadline of ["0", "-5", "1.5", "soon", "86401"]) {
        it(`refuses --deadline ${deadline} (exit 2)`, () => {
            const { status, stderr } = cli("verify", "--config", CONFIG, "--server", bind!.address, "--deadline", deadline);
            assert.equal(status, 2);
            assert.match(stderr, /give a whole number of seconds from 1 to 86400/);
        });
    }

    it("--help shows host names and the deadline", () => {
        const { status, stdout } = cli("verify", "--help");
        assert.equal(status, 0);
        // Help text wraps with the terminal's width: compare it with its white space folded.
        const text = stdout.replace(/\s+/g, " ");
        assert.match(text, /--server <host\[:port\]> DNS server to ask, an IP address or a host name \(repeatable\)/);
        assert.match(text, /--deadline <seconds> time for the whole run; what is not checked by then is reported unchecked \(default: 300\)/);
    });
});

describe("verify's progress line on a terminal", function () {
    this.timeout(60_000);
    let server: FaultServer | undefined;
    let dir = "";
    after(async () => {
        await server?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("shows `checked N/M record sets` on stderr while a slow run goes on, and wipes it before the report", async () => {
        const script = requireTool("script");
        const plan = planRecords(readStackConfig(CONFIG)["lync-edge-dns:deployment"] as never);
        // Every name dropped, so the run lasts until its 1 s deadline: long enough for the line to show.
        server = await startFaultServer({ records: recordsFromPlan(plan), faultPatterns: [{ pattern: /./, fault: "drop" }], recordQueries: false });
        dir = mkdtempSync(join(tmpdir(), "lync-edge-dns-tty-"));
        const command = [process.execPath, builtCli(), "verify", "--config", CONFIG, "--server", server.address, "--timeout", "10000", "--deadline", "1"]
            .map((a) => `'${a}'`).join(" ");
        // script(1) runs the command on a pseudo-terminal: stdout and stderr both reach it, as in a user's shell.
        const log = join(dir, "typescript");
        writeFileSync(log, "");
        const { status, stdout } = spawnSync(script, ["-q", "-e", "-c", command, log], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
        assert.equal(status, 1, stdout);
        const output = stdout.replace(/\r\n/g, "\n");
        assert.match(output, /^\r\x1b\[Kchecked 0\/13 record sets/);
        // The line is wiped (CR, erase line) before the report starts.
        assert.match(output, /checked 0\/13 record sets(\r\x1b\[Kchecked 0\/13 record sets)*\r\x1b\[KSTATUS +TYPE +NAME/);
        assert.match(output, /\n13 record sets: 13 unchecked\n$/);
    });

    it("writes nothing when the stream is not a terminal, and only after the first interval when it is", async () => {
        const written: string[] = [];
        const quiet = startProgress({ isTTY: false, write: (t) => written.push(t) }, 5);
        quiet.update(1, 2);
        await new Promise((resolve) => setTimeout(resolve, 30));
        quiet.stop();
        assert.equal(written.join(""), "");

        const quick = startProgress({ isTTY: true, write: (t) => written.push(t) }, 10_000);
        quick.update(2, 2);
        quick.stop();
        assert.equal(written.join(""), "", "a run quicker than the interval shows nothing");
    });
});
