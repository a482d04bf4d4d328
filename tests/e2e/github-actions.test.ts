/**
 * The GitOps example. GIVEN examples/github-actions/edge-dns.yml, WHEN it is
 * read as GitHub Actions reads it, THEN a pull request plans every changed
 * stack file and previews with the policy pack, a merge runs `pulumi up` and
 * then verifies live DNS; and the lync-edge-dns commands it runs are
 * accepted by the CLI (plan runs for real on the example stack file).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as YAML from "yaml";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const DIR = join(ROOT, "examples", "github-actions");

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; name?: string }
interface Workflow { on: Record<string, { branches?: string[]; paths?: string[] }>; jobs: Record<string, { if: string; steps: Step[] }> }

describe("the GitHub Actions example", () => {
    const workflow = YAML.parse(readFileSync(join(DIR, "edge-dns.yml"), "utf8")) as Workflow;
    const runs = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? "").join("\n");
    const pulumiCommands = (job: string) => workflow.jobs[job].steps.filter((s) => s.uses?.startsWith("pulumi/actions@")).map((s) => s.with ?? {});

    it("runs on pull requests and on pushes to main", () => {
        assert.ok(workflow.on.pull_request.paths?.includes("Pulumi.*.yaml"));
        assert.deepEqual(workflow.on.push.branches, ["main"]);
    });

    it("on a pull request: plans every changed stack file, then previews with the policy pack", () => {
        assert.match(workflow.jobs.plan.if, /pull_request/);
        assert.match(runs("plan"), /git diff --name-only .* -- 'Pulumi\.\*\.yaml' \| while read -r stack; do/);
        assert.match(runs("plan"), /npx lync-edge-dns plan --config "\$stack"/);
        const [preview] = pulumiCommands("plan");
        assert.equal(preview.command, "preview");
        assert.equal(preview.policyPacks, "policy");
        assert.ok(existsSync(join(DIR, String(preview.policyPacks), "PulumiPolicy.yaml")), "the policy pack folder it names exists");
    });

    it("on merge: pulumi up, then verify", () => {
        assert.match(workflow.jobs.deploy.if, /push/);
        const steps = workflow.jobs.deploy.steps;
        const up = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up");
        const verify = steps.findIndex((s) => /npx lync-edge-dns verify --config Pulumi\.prod\.yaml/.test(s.run ?? ""));
        assert.ok(up >= 0 && verify > up, "verify follows up");
    });

    it("the plan it runs passes on the example stack file", () => {
        const out = execFileSync(process.execPath, [builtCli(), "plan", "--config", join(DIR, "Pulumi.prod.yaml")], { encoding: "utf8" });
        assert.match(out, /0 mandatory violations\.$/m);
    });

    it("the verify options it uses are accepted", () => {
        const line = /npx lync-edge-dns (verify .*)$/m.exec(runs("deploy"))?.[1] ?? "";
        const args = line.replace("Pulumi.prod.yaml", join(DIR, "Pulumi.prod.yaml")).split(" ");
        // Against a closed loopback port: every lookup fails, but the command line itself is valid (exit 1, not 2).
        const result = (() => {
            try {
                execFileSync(process.execPath, [builtCli(), ...args, "--server", "127.0.0.1:9", "--timeout", "100"], { encoding: "utf8" });
                return 0;
            } catch (error) {
                return (error as { status: number }).status;
            }
        })();
        assert.equal(result, 1);
    });
});
