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
import { forgetSharedRead, readStackShared } from "../../policy/shared-read";
import { readStack, type StackResource } from "../../policy/stack-records";
import { component, r53, r53Zone } from "../helpers/pack-fixtures";
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
