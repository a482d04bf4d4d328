/**
 * The JSON Schemas shipped for editors and CI. GIVEN the schemas in schema/,
 * WHEN they are compared with what the code generates and used to validate
 * every stack file and deployment file in the project, THEN they are up to
 * date, every example validates, and a misspelled key is rejected.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { configJsonSchema, stackFileJsonSchema } from "../../components/core/config/json-schema";
import { GOLDEN_DIR, goldenCases } from "../helpers/golden";

const ROOT = join(__dirname, "..", "..");
const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, "schema", file), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateStack = ajv.compile(read("stack-file.schema.json") as object);
const validateDeployment = ajv.compile(read("edge-dns-config.schema.json") as object);

/** Every stack file the project ships: Pulumi.<stack>.yaml, anywhere. */
function stackFiles(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "Pulumi.*.yaml", "**/Pulumi.*.yaml"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").filter(Boolean);
}

describe("JSON Schemas of the config", () => {
    it("schema/ holds exactly what the code generates (npm run schema rewrites it)", () => {
        assert.deepEqual(read("edge-dns-config.schema.json"), configJsonSchema());
        assert.deepEqual(read("stack-file.schema.json"), stackFileJsonSchema());
    });

    it("there are example stack files to check", () => assert.ok(stackFiles().length >= 2, stackFiles().join(", ")));

    for (const file of stackFiles()) {
        it(`${file} points editors at the stack-file schema and validates`, () => {
            const text = readFileSync(join(ROOT, file), "utf8");
            const pointer = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
            assert.ok(pointer, "a yaml-language-server $schema comment");
            // In a consumer repo the schema sits in node_modules/lync-edge-dns; here, in schema/.
            const target = resolve(join(ROOT, file, ".."), pointer).replace(/.*node_modules\/lync-edge-dns\//, `${ROOT}/`);
            assert.equal(target, join(ROOT, "schema", "stack-file.schema.json"));
            assert.ok(validateStack(YAML.parse(text)), JSON.stringify(validateStack.errors));
        });
    }

    for (const c of goldenCases()) {
        it(`the golden deployment ${c.name}.yaml validates`, () => {
            assert.ok(validateDeployment(c.config), JSON.stringify(validateDeployment.errors));
        });
    }

    it("rejects a misspelled key, in a deployment and in a stack file", () => {
        const deployment = YAML.parse(readFileSync(join(GOLDEN_DIR, "example.yaml"), "utf8"));
        deployment.sipDomains[0].mobilty = true;
        assert.equal(validateDeployment(deployment), false);
        assert.ok(validateDeployment.errors?.some((e) => e.keyword === "additionalProperties" && e.params.additionalProperty === "mobilty"), JSON.stringify(validateDeployment.errors));
        const stack = YAML.parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8"));
        stack.config["lync-edge-dns:dns"].provder = "azure";
        assert.equal(validateStack(stack), false);
        assert.ok(validateStack.errors?.some((e) => e.params.additionalProperty === "provder"));
    });

    it("judges a stack file's keys as the program and plan do: JSON text taken, another key of the project and a missing dns refused", () => {
        const example = () => YAML.parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8"));
        const asText = example();
        asText.config["lync-edge-dns:deployment"] = JSON.stringify(asText.config["lync-edge-dns:deployment"]);
        asText.config["lync-edge-dns:dns"] = JSON.stringify(asText.config["lync-edge-dns:dns"]);
        assert.ok(validateStack(asText), JSON.stringify(validateStack.errors));
        const stray = example();
        stray.config["lync-edge-dns:adopt"] = ["sip.contoso.com A"];
        stray.config["aws:region"] = "eu-west-1";
        assert.equal(validateStack(stray), false);
        assert.deepEqual(validateStack.errors?.map((e) => e.instancePath), ["/config/lync-edge-dns:adopt"]);
        const noDns = example();
        delete noDns.config["lync-edge-dns:dns"];
        assert.equal(validateStack(noDns), false);
        assert.ok(validateStack.errors?.some((e) => e.keyword === "required" && e.params.missingProperty === "lync-edge-dns:dns"), JSON.stringify(validateStack.errors));
        const bareName = example();
        bareName.config["lync-edge-dns:dns"] = "route53";
        assert.equal(validateStack(bareName), false, "a string that is not JSON text is not a DNS target");
    });

    it("rejects a value out of range and a wrong provider", () => {
        const stack = YAML.parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8"));
        stack.config["lync-edge-dns:deployment"].ttl = 0;
        stack.config["lync-edge-dns:dns"].provider = "gcp";
        assert.equal(validateStack(stack), false);
        const paths = validateStack.errors?.map((e) => e.instancePath) ?? [];
        assert.ok(paths.includes("/config/lync-edge-dns:deployment/ttl"), paths.join(", "));
        assert.ok(paths.includes("/config/lync-edge-dns:dns/provider"), paths.join(", "));
    });
});
