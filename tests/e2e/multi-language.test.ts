/**
 * The component for every Pulumi language. GIVEN the TypeScript sources,
 * WHEN the SDK's component provider builds the package schema in-process
 * (what `pulumi package add` does), THEN it has the type token, every input
 * with its description and required-ness, and every output; and the YAML and
 * Python examples use exactly the names that schema gives them.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as YAML from "yaml";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { LyncEdgeDns } from "../../components";
import { runUnderMocks } from "../../components/testing/engine";

const ROOT = join(__dirname, "..", "..");
const TOKEN = "lync-edge-dns:index:LyncEdgeDns";

interface Property { type?: string; $ref?: string; items?: Property; additionalProperties?: Property; description?: string }
interface ObjectType { type: string; properties?: Record<string, Property>; required?: string[]; enum?: { name: string; value: string }[]; description?: string }
interface PackageSchema {
    name: string;
    resources: Record<string, { isComponent: boolean; inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property>; required: string[]; description: string }>;
    types: Record<string, ObjectType>;
}

function snake(name: string): string {
    return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

describe("the component's schema for every Pulumi language", function () {
    this.timeout(120_000);
    let schema: PackageSchema;

    before(async () => {
        const provider = new ComponentProvider({ components: [LyncEdgeDns], name: "lync-edge-dns", dirname: ROOT } as ConstructorParameters<typeof ComponentProvider>[0]);
        schema = JSON.parse(await provider.getSchema()) as PackageSchema;
    });

    it("has the token lync-edge-dns:index:LyncEdgeDns, a component", () => {
        assert.equal(schema.name, "lync-edge-dns");
        assert.deepEqual(Object.keys(schema.resources), [TOKEN]);
        assert.equal(schema.resources[TOKEN].isComponent, true);
        assert.match(schema.resources[TOKEN].description, /Lync Server 2013 \/ Skype for Business Server/);
    });

    it("has every input, each described, and sipDomains and dns required (edge only while a domain is on premises)", () => {
        const resource = schema.resources[TOKEN];
        assert.deepEqual(Object.keys(resource.inputProperties).sort(), ["allowPrivateAddresses", "dns", "edge", "hostnames", "microsoft365", "serverVersion", "sipDomains", "srv", "ttl"]);
        assert.deepEqual([...resource.requiredInputs].sort(), ["dns", "sipDomains"]);
        for (const [name, property] of Object.entries(resource.inputProperties)) assert.ok((property.description ?? "").length > 10, `${name} has a description`);
    });

    it("has every output, each described", () => {
        const resource = schema.resources[TOKEN];
        assert.deepEqual(Object.keys(resource.properties).sort(), ["allowPrivateAddresses", "certificateSubjectNames", "domainHosting", "federationSrvFqdns", "microsoft365Cloud", "mobilityDomains", "records", "warnings"]);
        assert.deepEqual([...resource.required].sort(), ["allowPrivateAddresses", "certificateSubjectNames", "domainHosting", "federationSrvFqdns", "microsoft365Cloud", "mobilityDomains", "records", "warnings"]);
        for (const [name, property] of Object.entries(resource.properties)) assert.ok((property.description ?? "").length > 10, `${name} has a description`);
    });

    it("describes the nested types and the enums with the values users write", () => {
        const types = schema.types;
        for (const name of ["SipDomain", "EdgeEndpoints", "EdgeRole", "ReverseProxy", "Hostnames", "SrvSettings", "DnsTarget", "PlannedZone", "PlannedRecordSet", "Microsoft365"]) {
            assert.ok(types[`lync-edge-dns:index:${name}`], name);
        }
        assert.deepEqual(types["lync-edge-dns:index:SipDomain"].properties && Object.keys(types["lync-edge-dns:index:SipDomain"].properties).sort(), ["externalAccess", "federationDiscovery", "hosting", "mobility", "name", "xmpp", "zone"]);
        assert.deepEqual(types["lync-edge-dns:index:DnsProvider"].enum?.map((e) => e.value), ["route53", "azure"]);
        assert.deepEqual(types["lync-edge-dns:index:ServerVersion"].enum?.map((e) => e.value), ["2013", "2015", "2019", "SE"]);
        assert.deepEqual(types["lync-edge-dns:index:Hosting"].enum?.map((e) => e.value), ["onPremises", "hybrid", "online"]);
        assert.deepEqual(types["lync-edge-dns:index:Microsoft365Cloud"].enum?.map((e) => e.value), ["worldwide", "gccHigh", "dod", "china"]);
        assert.deepEqual(types["lync-edge-dns:index:EdgeEndpoints"].properties && Object.keys(types["lync-edge-dns:index:EdgeEndpoints"].properties).sort(), ["accessEdgeClientPort", "accessEdgeIps", "av", "reverseProxy", "webConferencing"]);
        const dns = types["lync-edge-dns:index:DnsTarget"].properties ?? {};
        assert.equal(dns.hostedZoneIds.additionalProperties?.type, "string", "zone ids are a map of strings");
    });

    /** Every key of a YAML/Python value must be a property of the schema type it is given to. */
    function checkAgainst(value: unknown, property: Property, path: string, nameOf: (key: string) => string = (k) => k): string[] {
        if (property.items && Array.isArray(value)) return value.flatMap((v, i) => checkAgainst(v, property.items as Property, `${path}[${i}]`, nameOf));
        const ref = property.$ref?.replace("#/types/", "");
        const type = ref ? schema.types[ref] : undefined;
        if (type?.enum) return type.enum.some((e) => e.value === value) ? [] : [`${path}: ${String(value)} is not one of ${type.enum.map((e) => e.value).join(", ")}`];
        if (!type?.properties || value === null || typeof value !== "object") return [];
        const known = new Map(Object.entries(type.properties).map(([k, p]) => [nameOf(k), p]));
        return Object.entries(value).flatMap(([key, v]) => (known.has(key) ? checkAgainst(v, known.get(key) as Property, `${path}.${key}`, nameOf) : [`${path}.${key}: not in the schema`]));
    }

    it("the Pulumi YAML example uses the schema's names, and its properties build the component", async () => {
        const program = YAML.parse(readFileSync(join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8"));
        const edge = program.resources.edgeDns;
        assert.equal(edge.type, TOKEN);
        const resource = schema.resources[TOKEN];
        const problems = Object.entries(edge.properties).flatMap(([key, value]) =>
            (resource.inputProperties[key] ? checkAgainst(value, resource.inputProperties[key], key) : [`${key}: not an input`]));
        assert.deepEqual(problems, []);
        for (const required of resource.requiredInputs) assert.ok(required in edge.properties, required);
        for (const output of Object.values(program.outputs as Record<string, string>)) {
            assert.ok(output.replace(/^\$\{edgeDns\.(\w+)\}$/, "$1") in resource.properties, output);
        }
        const run = await runUnderMocks(() => new LyncEdgeDns("edgeDns", edge.properties));
        assert.equal(run.resources.filter((r) => r.type === "aws:route53/record:Record").length, 10);
    });

    it("the Python example compiles and passes only the schema's inputs, in snake_case", () => {
        const file = join(ROOT, "examples", "python", "__main__.py");
        // Python's own parser lists every call into the SDK with its keyword arguments.
        const calls = JSON.parse(execFileSync("python3", ["-c", [
            "import ast, json, sys",
            "tree = ast.parse(open(sys.argv[1]).read())",
            "calls = [{'name': n.func.attr, 'kwargs': [k.arg for k in n.keywords]} for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and n.func.value.id == 'lync_edge_dns']",
            "attrs = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == 'edge_dns']",
            "print(json.dumps({'calls': calls, 'outputs': attrs}))",
        ].join("\n"), file], { encoding: "utf8" })) as { calls: { name: string; kwargs: string[] }[]; outputs: string[] };
        const resource = schema.resources[TOKEN];
        const component = calls.calls.find((c) => c.name === "LyncEdgeDns");
        assert.deepEqual(component?.kwargs.sort(), ["dns", "edge", "sip_domains"]);
        for (const name of component?.kwargs ?? []) assert.ok(Object.keys(resource.inputProperties).map(snake).includes(name), name);
        const argsCalls = calls.calls.filter((c) => c.name.endsWith("Args"));
        assert.ok(argsCalls.length >= 4);
        for (const { name, kwargs } of argsCalls) {
            const type = schema.types[`lync-edge-dns:index:${name.replace(/Args$/, "")}`];
            assert.ok(type?.properties, `${name} is a schema type`);
            for (const kwarg of kwargs) assert.ok(Object.keys(type.properties ?? {}).map(snake).includes(kwarg), `${name} has ${kwarg}`);
        }
        const source = readFileSync(file, "utf8");
        assert.match(source, /lync_edge_dns\.DnsProvider\.AZURE/);
        for (const output of calls.outputs) assert.ok(Object.keys(resource.properties).map(snake).includes(output), output);
    });
});
