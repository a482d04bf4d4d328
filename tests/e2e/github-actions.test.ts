/**
 * The GitOps example. GIVEN examples/github-actions/edge-dns.yml, WHEN it is
 * read as GitHub Actions reads it, THEN a pull request plans every changed
 * stack file, comments the diff of each against the base branch and
 * previews with the policy pack, a merge runs `pulumi up` and then verifies
 * live DNS; and the lync-edge-dns commands it runs are accepted by the CLI
 * (plan runs for real on the example stack file, and the comment step's
 * script runs in a git repository with a base branch and a pull request's
 * commit, with `gh` and `npx` replaced by stand-ins that record the call and
 * run the built CLI).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as YAML from "yaml";
import { builtCli } from "../helpers/build";

const ROOT = join(__dirname, "..", "..");
const DIR = join(ROOT, "examples", "github-actions");

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; name?: string; env?: Record<string, string> }
interface Workflow { on: Record<string, { branches?: string[]; paths?: string[] }>; jobs: Record<string, { if: string; steps: Step[]; permissions?: Record<string, string> }> }

describe("the GitHub Actions example", () => {
    const workflow = YAML.parse(readFileSync(join(DIR, "edge-dns.yml"), "utf8")) as Workflow;
    const runs = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? "").join("\n");
    const pulumiCommands = (job: string) => workflow.jobs[job].steps.filter((s) => s.uses?.startsWith("pulumi/actions@")).map((s) => s.with ?? {});

    it("on a pull request, runs the program's unit tests (test/, through lync-edge-dns/testing) before it plans", () => {
        const steps = workflow.jobs.plan.steps.map((s) => s.run ?? "");
        const tests = steps.findIndex((run) => run === "npx mocha -r ts-node/register 'test/**/*.test.ts'");
        assert.ok(tests > steps.indexOf("npm ci") && tests < steps.findIndex((run) => /lync-edge-dns plan/.test(run)), steps.join("\n"));
        assert.ok(existsSync(join(DIR, "test", "edge-dns.test.ts")));
        assert.ok(workflow.on.pull_request.paths?.includes("test/**"));
    });

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

    describe("the pull request's diff comment", function () {
        this.timeout(120_000);
        const step = () => workflow.jobs.plan.steps.find((s) => /lync-edge-dns diff/.test(s.run ?? "")) as Step;
        let repo: string;
        let temp: string;
        let bin: string;
        const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" });

        before(() => {
            repo = mkdtempSync(join(tmpdir(), "lync-edge-dns-gha-"));
            temp = join(repo, ".runner-temp");
            bin = join(repo, ".bin");
            mkdirSync(temp);
            mkdirSync(bin);
            // Stand-ins: npx runs the built CLI; gh records its arguments and the comment's body.
            writeFileSync(join(bin, "npx"), `#!/bin/sh\n[ "$1" = lync-edge-dns ] || exit 99\nshift\nexec "${process.execPath}" "${builtCli()}" "$@"\n`);
            writeFileSync(join(bin, "gh"), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(temp, "gh-calls")}"\nwhile [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "${join(temp, "gh-body.md")}"; shift; done\n`);
            chmodSync(join(bin, "npx"), 0o755);
            chmodSync(join(bin, "gh"), 0o755);
            git("init", "-q", "-b", "main");
            writeFileSync(join(repo, ".gitignore"), ".bin/\n.runner-temp/\n");
            writeFileSync(join(repo, "Pulumi.prod.yaml"), readFileSync(join(DIR, "Pulumi.prod.yaml"), "utf8"));
            writeFileSync(join(repo, "Pulumi.lab.yaml"), readFileSync(join(DIR, "Pulumi.prod.yaml"), "utf8"));
            git("add", "-A");
            git("commit", "-qm", "base");
            // What actions/checkout with fetch-depth 0 leaves: the base branch as a remote-tracking ref.
            git("update-ref", "refs/remotes/origin/main", "HEAD");
            git("checkout", "-qb", "pr");
        });
        after(() => rmSync(repo, { recursive: true, force: true }));

        const planStep = () => workflow.jobs.plan.steps.find((s) => /lync-edge-dns plan/.test(s.run ?? "")) as Step;

        function runStep(which: () => Step = step): { status: number | null; stdout: string; stderr: string; calls: string; body: string } {
            rmSync(join(temp, "gh-calls"), { force: true });
            rmSync(join(temp, "gh-body.md"), { force: true });
            const { env, run } = which();
            // Actions expands ${{ ... }} in the script before bash sees it.
            const script = (run ?? "").replaceAll("${{ github.base_ref }}", "main");
            const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
                cwd: repo,
                encoding: "utf8",
                env: {
                    ...process.env,
                    PATH: `${bin}:${process.env.PATH}`,
                    RUNNER_TEMP: temp,
                    GH_TOKEN: "token",
                    BASE: env?.BASE === "${{ github.base_ref }}" ? "main" : "unexpected",
                    PR: env?.PR === "${{ github.event.pull_request.number }}" ? "42" : "unexpected",
                },
            });
            const read = (f: string) => (existsSync(join(temp, f)) ? readFileSync(join(temp, f), "utf8") : "");
            return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls: read("gh-calls"), body: read("gh-body.md") };
        }

        it("may write pull-request comments, with the job's own token", () => {
            assert.equal(workflow.jobs.plan.permissions?.["pull-requests"], "write");
            assert.equal(step().env?.GH_TOKEN, "${{ github.token }}");
        });

        it("comments the diff of each changed stack file, base branch against the pull request, as diff --format markdown prints it", () => {
            const prod = join(repo, "Pulumi.prod.yaml");
            writeFileSync(prod, readFileSync(prod, "utf8").replace("131.107.155.11]", "131.107.155.12]"));
            // A new stack file has no base version: planned, not diffed.
            writeFileSync(join(repo, "Pulumi.new.yaml"), readFileSync(prod, "utf8"));
            git("add", "-A");
            git("commit", "-qm", "move a pool member");
            const { status, stderr, calls, body } = runStep();
            assert.equal(status, 0, stderr);
            assert.equal(calls, `pr comment 42 --body-file ${join(temp, "edge-dns-diff.md")}\n`);
            const base = join(temp, "expected-before.yaml");
            writeFileSync(base, git("show", "main:Pulumi.prod.yaml"));
            const expected = spawnSync(process.execPath, [builtCli(), "diff", base, "Pulumi.prod.yaml", "--format", "markdown", "--title", "Pulumi.prod.yaml"], { cwd: repo, encoding: "utf8" });
            assert.equal(expected.status, 3);
            assert.equal(body, `${expected.stdout}\n`);
            assert.match(body, /^### Edge DNS changes: `Pulumi\.prod\.yaml`$/m);
            assert.match(body, /^\| changed \| contoso\.com \| A \| `sip\.contoso\.com` \| `131\.107\.155\.10, 131\.107\.155\.11` \| `131\.107\.155\.10, 131\.107\.155\.12` \|$/m);
            assert.doesNotMatch(body, /Pulumi\.new\.yaml|Pulumi\.lab\.yaml/);
        });

        it("reads the base version as the same project's: a stack file with another project's keys beside the program's is diffed, not refused", () => {
            git("reset", "-q", "--hard", "main");
            writeFileSync(join(repo, "Pulumi.yaml"), "name: lync-edge-dns\nruntime: nodejs\n");
            const lab = join(repo, "Pulumi.lab.yaml");
            writeFileSync(lab, `${readFileSync(lab, "utf8").replace(/\n*$/, "\n")}  myinfra:deployment: { sipDomains: [fabrikam.com] }\n`);
            git("add", "-A");
            git("commit", "-qm", "another project's keys");
            git("update-ref", "refs/remotes/origin/main", "HEAD");
            writeFileSync(lab, readFileSync(lab, "utf8").replace("131.107.155.11]", "131.107.155.12]"));
            git("commit", "-qam", "move a pool member");
            const { status, stderr, body } = runStep();
            git("update-ref", "refs/remotes/origin/main", "main~0");
            assert.equal(status, 0, stderr);
            assert.match(body, /^### Edge DNS changes: `Pulumi\.lab\.yaml`$/m);
        });

        it("posts nothing when the changed stack files publish the same records", () => {
            git("reset", "-q", "--hard", "main");
            const lab = join(repo, "Pulumi.lab.yaml");
            writeFileSync(lab, `${readFileSync(lab, "utf8")}# a comment changes no record\n`);
            git("commit", "-qam", "comment only");
            const { status, stderr, calls } = runStep();
            assert.equal(status, 0, stderr);
            assert.equal(calls, "");
        });

        it("plans each changed stack file, and not one the pull request deletes", () => {
            git("reset", "-q", "--hard", "main");
            const lab = join(repo, "Pulumi.lab.yaml");
            writeFileSync(lab, `${readFileSync(lab, "utf8")}# reviewed\n`);
            git("rm", "-q", "Pulumi.prod.yaml");
            git("commit", "-qam", "retire prod, touch lab");
            const { status, stdout, stderr } = runStep(planStep);
            assert.equal(status, 0, stderr);
            assert.deepEqual([...stdout.matchAll(/^::group::(.*)$/gm)].map((m) => m[1]), ["Pulumi.lab.yaml"]);
        });

        it("fails the job when a changed stack file is invalid", () => {
            git("reset", "-q", "--hard", "main");
            const lab = join(repo, "Pulumi.lab.yaml");
            writeFileSync(lab, readFileSync(lab, "utf8").replace("131.107.155.10,", "131.107.155.300,"));
            git("commit", "-qam", "a typo");
            const { status, stderr, calls } = runStep();
            assert.equal(status, 1);
            assert.match(stderr, /\(the after file\)/);
            assert.equal(calls, "");
        });
    });
});
