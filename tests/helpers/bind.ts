/**
 * A real BIND `named`, authoritative only, on 127.0.0.1 at a free high port,
 * with its own named.conf, zone files, pid and key files in a temp dir.
 * Zones change by rewriting their files and restarting named (no rndc).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Resolver } from "node:dns/promises";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as dgram from "node:dgram";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EdgeDnsPlan } from "../../components/core/plan/model";
import { renderZoneFile } from "../../components/core/zonefile";
import { requireTool } from "./tools";

/** One zone to serve: its name and its master file text. */
export interface ZoneText {
    zone: string;
    text: string;
}

/** The zones of a plan as BIND loads them (placeholder SOA and NS at the apex). */
export function zoneTexts(plan: EdgeDnsPlan): ZoneText[] {
    return plan.zones.map((z) => ({ zone: z.zone, text: renderZoneFile(z, { soa: true, comment: "lync-edge-dns verify test" }) }));
}

/** How long named may take to load its zones and answer. */
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/** True when the port is free on 127.0.0.1 for both UDP and TCP. */
async function portFree(port: number): Promise<boolean> {
    const tcp = net.createServer();
    const tcpOk = await new Promise<boolean>((resolve) => {
        tcp.once("error", () => resolve(false));
        tcp.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (tcpOk) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    if (!tcpOk) return false;
    const udp = dgram.createSocket("udp4");
    const udpOk = await new Promise<boolean>((resolve) => {
        udp.once("error", () => resolve(false));
        udp.bind(port, "127.0.0.1", () => resolve(true));
    });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    return udpOk;
}

/** A port from 20000 to 59999 that is free for UDP and TCP right now. */
export async function freePort(): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
        const port = 20_000 + Math.floor(Math.random() * 40_000);
        if (await portFree(port)) return port;
    }
    throw new Error("no free port for named on 127.0.0.1");
}

function namedConf(dir: string, port: number, zones: readonly ZoneText[]): string {
    return [
        "options {",
        `    directory "${dir}";`,
        `    pid-file "${join(dir, "named.pid")}";`,
        `    session-keyfile "${join(dir, "session.key")}";`,
        `    managed-keys-directory "${dir}";`,
        `    listen-on port ${port} { 127.0.0.1; };`,
        "    listen-on-v6 { none; };",
        "    recursion no;",
        "    dnssec-validation no;",
        "    notify no;",
        "    allow-query { 127.0.0.1; };",
        "};",
        // No rndc control channel: it would listen on 127.0.0.1:953 with the system's key.
        "controls { };",
        ...zones.map((z) => `zone "${z.zone}" { type primary; file "${join(dir, `${z.zone}.zone`)}"; };`),
        "",
    ].join("\n");
}

/** A running named. Stop it with `stop()`; it is restarted with other zones by `serve()`. */
export class BindServer {
    private child: ChildProcess | undefined;
    private log = "";

    private constructor(readonly dir: string, readonly port: number) {}

    /** Starts named serving `zones`. Throws, with named's log, if it does not answer. */
    static async start(zones: readonly ZoneText[]): Promise<BindServer> {
        const named = requireTool("named");
        const server = new BindServer(mkdtempSync(join(tmpdir(), "lync-edge-dns-bind-")), await freePort());
        try {
            await server.launch(named, zones);
        } catch (error) {
            await server.stop();
            throw error;
        }
        return server;
    }

    /** `127.0.0.1:PORT`, as `verifyPlan` takes a server. */
    get address(): string {
        return `127.0.0.1:${this.port}`;
    }

    /** Replaces the zones and restarts named on the same port, waiting until it answers again. */
    async serve(zones: readonly ZoneText[]): Promise<void> {
        await this.halt();
        await this.launch(requireTool("named"), zones);
    }

    /** Stops named (SIGTERM, then SIGKILL if it lingers) and removes the temp dir. */
    async stop(): Promise<void> {
        await this.halt();
        rmSync(this.dir, { recursive: true, force: true });
    }

    private async launch(named: string, zones: readonly ZoneText[]): Promise<void> {
        for (const z of zones) writeFileSync(join(this.dir, `${z.zone}.zone`), z.text);
        const conf = join(this.dir, "named.conf");
        writeFileSync(conf, namedConf(this.dir, this.port, zones));
        this.log = "";
        // -g: foreground, log to stderr; -4: IPv4 only; no -u: the tests run as whoever runs them.
        const child = spawn(named, ["-g", "-4", "-n", "2", "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
        this.child = child;
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => { this.log += chunk; });
        await this.waitUntilServing(child, zones);
    }

    /** Polls each zone's SOA until every zone answers, named exits or the time is up. */
    private async waitUntilServing(child: ChildProcess, zones: readonly ZoneText[]): Promise<void> {
        const resolver = new Resolver({ timeout: 200, tries: 1 });
        resolver.setServers([this.address]);
        const deadline = Date.now() + START_TIMEOUT_MS;
        const pending = zones.map((z) => z.zone);
        while (pending.length > 0) {
            if (child.exitCode !== null || child.signalCode !== null) throw new Error(`named exited (${child.exitCode ?? child.signalCode}):\n${this.log}`);
            if (/not loaded due to errors/.test(this.log)) throw new Error(`named could not load a zone:\n${this.log}`);
            if (Date.now() > deadline) throw new Error(`named did not serve ${pending.join(", ")} within ${START_TIMEOUT_MS} ms:\n${this.log}`);
            const answered = await resolver.resolveSoa(pending[0]).then(() => true, () => false);
            if (answered) pending.shift();
            else await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }

    private async halt(): Promise<void> {
        const child = this.child;
        this.child = undefined;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
    }
}
