/**
 * One read of the stack for all the pack's policies: GIVEN the resources as
 * the policy server hands them to each policy (a fresh array, props
 * deserialized afresh, behind the unknown-checking proxy), WHEN the next
 * policy's resources have the same content where the read looked (each
 * one's type, URN, name and the props it read), THEN the previous read is
 * handed out again; when any of that differs (a value unknown at preview and
 * known at update, a setting, the very same objects possibly changed since),
 * the stack is read again.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { forgetSharedRead, readStackShared } from "../../policy/shared-read";
import { readStack, type StackInput, type StackResource } from "../../policy/stack-records";
import { fcParams } from "../helpers/arbitraries";
import { az, component, r53, r53Zone } from "../helpers/pack-fixtures";
import { atPreview, policyProxy } from "../helpers/stack";

const zone = r53Zone("contoso.com", "ZSHARED");
const srv = r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "ZSHARED");
const a = r53("sip.contoso.com", "A", ["131.107.155.10"], "ZSHARED");
const edge = component(["contoso.com"], ["contoso.com"]);
const stack = [zone, srv, a, edge];

/** What the server hands one policy: fresh objects behind the proxy. */
function asHandedOver(resources: readonly StackResource[]): StackResource[] {
    return resources.map((r) => ({ ...r, props: policyProxy.unknownCheckingProxy(structuredClone(r.props)) as Record<string, unknown> }));
}

describe("the policy pack's shared stack read", () => {
    beforeEach(() => forgetSharedRead());

    it("reads a stack with the same content once, and that read is the stack's read", () => {
        const first = readStackShared(asHandedOver(stack), {});
        const second = readStackShared(asHandedOver(stack), {});
        assert.equal(second, first);
        assert.deepEqual(first, readStack(asHandedOver(stack), {}));
        assert.deepEqual(first.input.records.map((r) => r.name), ["_sipfederationtls._tcp.contoso.com", "sip.contoso.com"]);
    });

    it("reads again when a value unknown at preview is known at the update", () => {
        const preview = readStackShared(asHandedOver(atPreview(stack)), {});
        const update = readStackShared(asHandedOver(stack), {});
        assert.notEqual(update, preview);
        assert.deepEqual(update, readStack(asHandedOver(stack), {}));
        assert.notDeepEqual(update.input.records, preview.input.records);
    });

    it("reads again when one value of one record differs", () => {
        const first = readStackShared(asHandedOver(stack), {});
        const moved = stack.map((r) => (r === a ? { ...r, props: { ...r.props, records: ["131.107.155.11"] } } : r));
        const second = readStackShared(asHandedOver(moved), {});
        assert.notEqual(second, first);
        assert.deepEqual(second.input.records.find((r) => r.name === "sip.contoso.com")?.values, ["131.107.155.11"]);
    });

    it("shares the read when only values it never looks at differ (a record's TTL, the props of a resource no reader reads)", () => {
        const other = { type: "pulumi:pulumi:Stack", name: "infra-prod", urn: "urn:pulumi:prod::infra::pulumi:pulumi:Stack::infra-prod", props: { note: "one" } };
        const first = readStackShared(asHandedOver([...stack, other]), {});
        const retuned = stack.map((r) => (r === a ? { ...r, props: { ...r.props, ttl: 60 } } : r));
        const second = readStackShared(asHandedOver([...retuned, { ...other, props: { note: "two" } }]), {});
        assert.equal(second, first);
        assert.deepEqual(second, readStack(asHandedOver(retuned), {}));
    });

    it("reads again when the settings differ", () => {
        const first = readStackShared(asHandedOver(stack), {});
        const second = readStackShared(asHandedOver(stack), { managedZones: ["fabrikam.com"] });
        assert.notEqual(second, first);
        assert.ok(second.input.managedZones.includes("fabrikam.com"));
    });

    it("reads again when handed the very same objects, which may have changed since", () => {
        const resources = asHandedOver(stack);
        const first = readStackShared(resources, {});
        assert.notEqual(readStackShared(resources, {}), first);
    });
});

/** Every path to a value inside `value` (keys of objects, indexes of arrays), the value's own (`[]`) first. */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    const paths = [path];
    if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsIn(item, [...path, i])));
    else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) paths.push(...pathsIn(item, [...path, key]));
    return paths;
}

/** What a change does at one place of a resource's props. */
type Change =
    | { kind: "set"; value: unknown }
    | { kind: "delete" }
    | { kind: "add"; key: string; value: unknown }
    | { kind: "reverse" };

/** A copy of `props` with `change` made at `path` (a path to an object or array for add, delete and reverse). */
function changed(props: Record<string, unknown>, path: (string | number)[], change: Change): Record<string, unknown> {
    const copy = structuredClone(props);
    if (path.length === 0) {
        if (change.kind === "add") copy[change.key] = change.value;
        if (change.kind === "reverse") return Object.fromEntries(Object.entries(copy).reverse());
        return copy;
    }
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    const at = parent[last];
    if (change.kind === "set") parent[last] = change.value;
    else if (change.kind === "delete") {
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
    } else if (Array.isArray(at)) {
        if (change.kind === "add") at.push(change.value);
        else at.reverse();
    } else if (at !== null && typeof at === "object") {
        const entries = Object.entries(at);
        if (change.kind === "add") entries.push([change.key, change.value]);
        else entries.reverse();
        parent[last] = Object.fromEntries(entries);
    }
    return copy;
}

/** A stack read, or the message of what it threw (a value unknown at preview where the read cannot leave it). */
function outcome(read: () => StackInput): StackInput | string {
    try {
        return read();
    } catch (error) {
        return (error as Error).message;
    }
}

describe("the policy pack's shared stack read, over changed stacks", () => {
    // Every reader's shapes: Route 53 zones and records, Azure DNS record
    // sets of each type (lists of objects, an object), a component's outputs.
    const mixed: StackResource[] = [
        r53Zone("contoso.com", "ZMIXED"),
        r53("_sipfederationtls._tcp.contoso.com", "SRV", ["0 0 5061 sip.contoso.com."], "ZMIXED"),
        r53("sip", "A", ["131.107.155.10", "131.107.155.11"], "ZMIXED"),
        r53("meet.contoso.com.", "CNAME", ["web.contoso.com"], "ZMIXED"),
        az("fabrikam.com", "_sip._tls", "SRV", ["0 0 443 sip.fabrikam.com.", "10 5 443 sip2.fabrikam.com."]),
        az("fabrikam.com", "sip", "A", ["131.107.155.20"]),
        az("fabrikam.com", "sip6", "AAAA", ["2001:db8::1"]),
        az("fabrikam.com", "av", "CNAME", ["sip.fabrikam.com"]),
        {
            ...component(["contoso.com", "fabrikam.com"], []),
            props: {
                mobilityDomains: ["contoso.com", "fabrikam.com"],
                records: [
                    { zone: "contoso.com", records: [{ name: "_sip._tls.contoso.com", type: "SRV", ttl: 3600, values: ["0 0 443 sip.contoso.com."] }, { name: "sip.contoso.com", type: "A", ttl: 3600, values: ["131.107.155.10"] }] },
                    { zone: "fabrikam.com", records: [] },
                ],
                domainHosting: { "contoso.com": "onPremises", "fabrikam.com": "hybrid" },
                warnings: ["none"],
            },
        },
    ];
    const stacks = [mixed, atPreview(mixed, (r) => r.type !== "aws:route53/zone:Zone")];
    const values: unknown[] = ["x", "SIP.CONTOSO.COM.", "sip.contoso.com", "0 0 5062 sip.contoso.com.", "", 0, 5061, 443, true, null, undefined, [], {}, ["a"], { cname: "x.contoso.com" }, policyProxy.unknownStringValue, policyProxy.unknownArrayValue];
    const value = fc.constantFrom(...values);
    const change: fc.Arbitrary<Change> = fc.oneof(
        value.map((v): Change => ({ kind: "set", value: v })),
        fc.constant<Change>({ kind: "delete" }),
        fc.tuple(fc.constantFrom("zoneId", "name", "records", "fqdn", "type", "target", "extra"), value).map(([key, v]): Change => ({ kind: "add", key, value: v })),
        fc.constant<Change>({ kind: "reverse" }),
    );
    // Which stack, which resource, which place in its props (an index into its paths), what change.
    const cases = fc.tuple(fc.nat(stacks.length - 1), fc.nat(mixed.length - 1), fc.nat(), change);

    beforeEach(() => forgetSharedRead());

    it("gives each policy's stack its own read's content, whatever one change anywhere in one resource's props", () => {
        let sharedReads = 0;
        let freshReads = 0;
        fc.assert(fc.property(cases, ([s, r, p, c]) => {
            const stack = stacks[s] as StackResource[];
            const resource = stack[r] as StackResource;
            const paths = pathsIn(resource.props);
            const other = stack.map((x) => (x === resource ? { ...x, props: changed(x.props, paths[p % paths.length] as (string | number)[], c) } : x));
            forgetSharedRead();
            const first = outcome(() => readStackShared(asHandedOver(stack), {}));
            const shared = outcome(() => readStackShared(asHandedOver(other), {}));
            assert.deepEqual(shared, outcome(() => readStack(asHandedOver(other), {})));
            if (typeof first !== "string" && shared === first) sharedReads++;
            else freshReads++;
        }), fcParams(2_000));
        // Both ways were taken: changes where the read looked, and where it did not.
        assert.ok(sharedReads > 100 && freshReads > 100, `${sharedReads} shared, ${freshReads} read afresh`);
    });

    it("shares the read of a stack unchanged, at update and at preview", () => {
        for (const stack of stacks) {
            forgetSharedRead();
            const first = readStackShared(asHandedOver(stack), {});
            assert.equal(readStackShared(asHandedOver(stack), {}), first);
        }
    });
});
