/**
 * What a LyncEdgeDns component's outputs tell the pack: its mobility
 * domains, the zones it creates records in, the Access Edge client port its
 * `_sip._tls` records use, where each domain's users are (and the Microsoft
 * 365 cloud of the online ones), and, when it
 * allowed private addresses, the ones it publishes. Read through
 * the context's `get`, as the records are (props-read.ts).
 */
import { UnknownValueError } from "@pulumi/policy";
import { normalizeFoundName } from "../components/core/dns/names";
import { SRV_KINDS } from "../components/core/plan/catalogue";
import { parseSrv } from "../components/core/plan/values";
import { items, noObjects, text, UNKNOWN, type Known, type ReadContext } from "../components/providers/stack-reader";
import { isUnknownValue } from "./plain-props";

/** The external access SRV kind: its port may be the Access Edge's own client port. */
const SIP_EXTERNAL = SRV_KINDS.find((k) => k.portSetting === "accessEdgeClientPort") as (typeof SRV_KINDS)[number];
const SIP_EXTERNAL_OWNER = `${SIP_EXTERNAL.service}.`;

/** Where what the components tell is gathered. */
export interface ComponentFacts {
    mobilityDomains: Set<string>;
    managedZones: Set<string>;
    accessEdgeClientPorts: Set<number>;
    /** The same ports by the SIP domain whose `_sip._tls` uses them. */
    accessEdgeClientPortsByDomain: Map<string, number[]>;
    domainHosting: Record<string, string>;
    /** The Microsoft 365 cloud of each online domain, from its component's `microsoft365Cloud`. */
    domainCloud: Record<string, string>;
    /** The A/AAAA values of components that allowed private addresses (a lab or internal zone). */
    allowedPrivateAddresses: Set<string>;
}

/** The zone of one entry of a component's `records` output. */
function zoneOfEntry(entry: Record<string, unknown>, context: ReadContext): Known<string | undefined> {
    return text(context, entry, "zone");
}

/**
 * Visits each string value of the records of `type` in one entry of a
 * component's `records` output, with the record's name when `named` (read
 * only then, and only records whose name it takes are visited). UNKNOWN as
 * soon as something it reads is not known yet.
 */
function eachValueOfEntry(
    entry: Record<string, unknown>,
    context: ReadContext,
    types: readonly string[],
    visit: (value: string, name: string) => void,
    named?: (name: string) => boolean,
): Known<true> {
    const records = context.get(entry, "records");
    if (records === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(records)) return true;
    for (let i = 0; i < records.length; i++) {
        const record = context.get(records, i);
        if (record === UNKNOWN) return UNKNOWN;
        const type = context.get(record, "type");
        if (type === UNKNOWN) return UNKNOWN;
        if (typeof type !== "string" || !types.includes(type)) continue;
        let name = "";
        if (named) {
            const given = context.get(record, "name");
            if (given === UNKNOWN) return UNKNOWN;
            if (typeof given !== "string" || !named(given)) continue;
            name = given;
        }
        const values = context.get(record, "values");
        if (values === UNKNOWN) return UNKNOWN;
        if (!Array.isArray(values)) continue;
        for (let j = 0; j < values.length; j++) {
            const value = context.get(values, j);
            if (value === UNKNOWN) return UNKNOWN;
            if (typeof value === "string") visit(value, name);
        }
    }
    return true;
}

/**
 * The ports of the `_sip._tls` SRV values in one entry of a component's
 * `records` output (443 unless a single-IP Edge set edge.accessEdgeClientPort),
 * each with the SIP domain of its record, as `[domain, port]`.
 */
function clientPortsOfEntry(entry: Record<string, unknown>, context: ReadContext): Known<[string, number][]> {
    // Made with the first port: as a rule one, and [] then push takes room for 17.
    let ports: [string, number][] | undefined;
    const read = eachValueOfEntry(entry, context, ["SRV"], (value, name) => {
        const port = parseSrv(value)?.port;
        if (port === undefined) return;
        const pair: [string, number] = [normalizeFoundName(name.slice(SIP_EXTERNAL_OWNER.length)), port];
        if (ports === undefined) ports = [pair];
        else ports.push(pair);
    }, (name) => name.startsWith(SIP_EXTERNAL_OWNER));
    return read === UNKNOWN ? UNKNOWN : ports ?? [];
}

/** The A and AAAA values in one entry of a component's `records` output. */
function addressesOfEntry(entry: Record<string, unknown>, context: ReadContext): Known<string[]> {
    const addresses: string[] = [];
    const read = eachValueOfEntry(entry, context, ["A", "AAAA"], (value) => { addresses.push(value); });
    return read === UNKNOWN ? UNKNOWN : addresses;
}

/** Adds what one component's props tell to `facts`; a list not known yet adds nothing. */
export function readComponent(props: Record<string, unknown>, context: ReadContext, facts: ComponentFacts): void {
    const domains = items<string>(context, context.get(props, "mobilityDomains"), noObjects);
    if (domains !== UNKNOWN && domains !== undefined) for (let i = 0; i < domains.length; i++) facts.mobilityDomains.add(normalizeFoundName(domains[i] as string));
    const entries = context.get(props, "records");
    const zones = items(context, entries, zoneOfEntry);
    if (zones !== UNKNOWN && zones !== undefined) for (let i = 0; i < zones.length; i++) facts.managedZones.add(normalizeFoundName(zones[i] as string));
    // The Access Edge client port the component's _sip._tls records use (443 unless a
    // single-IP Edge set edge.accessEdgeClientPort): the ports rule accepts it, as the component did.
    const clientPorts = items(context, entries, clientPortsOfEntry);
    if (clientPorts !== UNKNOWN && clientPorts !== undefined) {
        for (let i = 0; i < clientPorts.length; i++) {
            const ports = clientPorts[i];
            if (!Array.isArray(ports)) continue;
            for (let j = 0; j < ports.length; j++) {
                const [domain, port] = ports[j] as [string, number];
                facts.accessEdgeClientPorts.add(port);
                const known = facts.accessEdgeClientPortsByDomain.get(domain);
                if (known === undefined) facts.accessEdgeClientPortsByDomain.set(domain, [port]);
                else if (!known.includes(port)) known.push(port);
            }
        }
    }
    // A lab or internal zone: the private addresses this component publishes were allowed in its
    // config, and the public-addresses rule accepts them as the component did (those, no others).
    if (context.get(props, "allowPrivateAddresses") === true) {
        const addresses = items(context, entries, addressesOfEntry);
        if (addresses !== UNKNOWN && addresses !== undefined) {
            for (let i = 0; i < addresses.length; i++) {
                const list = addresses[i] as string[] | string;
                if (Array.isArray(list)) for (let j = 0; j < list.length; j++) facts.allowedPrivateAddresses.add(list[j] as string);
                else facts.allowedPrivateAddresses.add(list);
            }
        }
    }
    // Where each domain's users are, as the component declares it (plain data, known at preview).
    const hosting = context.get(props, "domainHosting");
    if (hosting !== UNKNOWN && hosting !== null && typeof hosting === "object") {
        for (const domain of Object.keys(hosting)) {
            const where = (hosting as Record<string, unknown>)[domain];
            // Unknown here stops the policy, as the proxy's error did reading it.
            if (isUnknownValue(where)) throw new UnknownValueError(where, ["domainHosting", domain]);
            if (typeof where === "string") facts.domainHosting[normalizeFoundName(domain)] = where;
        }
        // The tenant's cloud names the hosts this component's online domains point to; a stack made before the
        // output existed has none, and the rule then takes the service's host in any cloud.
        const cloud = context.get(props, "microsoft365Cloud");
        if (cloud !== UNKNOWN && typeof cloud === "string") {
            for (const domain of Object.keys(hosting)) {
                if ((hosting as Record<string, unknown>)[domain] === "online") facts.domainCloud[normalizeFoundName(domain)] = cloud;
            }
        }
    }
}
