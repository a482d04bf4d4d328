/** Tables for the two small modules every name and address goes through. */
import assert from "node:assert/strict";
import { parseAddress } from "../../components/core/dns/addresses";
import { canonicalHostName, enclosingZone, lowerCase, normalizeFoundName, relativeName, upperCase, withoutTrailingDot } from "../../components/core/dns/names";
import { renderZoneFile } from "../../components/core/zonefile";
import fc from "fast-check";
import { parseSrv, formatSrv } from "../../components/core/plan/values";

/**
 * RFC 2782's presentation form read the plain way, for the property below:
 * four whitespace-separated fields, three of them whole numbers 0 to 65535
 * (at most five digits), the target lower case without its final dot.
 */
function srvByTheRule(text: string): { priority: number; weight: number; port: number; target: string } | undefined {
    const fields = text.trim().split(/\s+/);
    if (fields.length !== 4) return undefined;
    const numbers = fields.slice(0, 3).map((f) => (/^[0-9]{1,5}$/.test(f) && Number(f) <= 65535 ? Number(f) : undefined));
    const [priority, weight, port] = numbers;
    if (priority === undefined || weight === undefined || port === undefined) return undefined;
    return { priority, weight, port, target: (fields[3] as string).toLowerCase().replace(/\.$/, "") };
}

describe("canonicalHostName", () => {
    const good: [string, string][] = [
        ["contoso.com", "contoso.com"],
        ["Contoso.COM.", "contoso.com"],
        ["bücher.example", "xn--bcher-kva.example"],
        ["xn--bcher-kva.example", "xn--bcher-kva.example"],
        [`${"a".repeat(63)}.com`, `${"a".repeat(63)}.com`],
        ["a-b.c-d.example", "a-b.c-d.example"],
    ];
    for (const [given, expected] of good) {
        it(`accepts ${JSON.stringify(given)} as ${expected}`, () => assert.deepEqual(canonicalHostName(given), { ok: true, value: expected }));
    }
    const bad: [string, RegExp][] = [
        ["", /empty/], [".", /empty/], ["a..b.com", /empty label/], ["contoso", /single label/], ["1.2.3.4", /all digits/],
        ["a b.com", /a space/], ["a;b.com", /";"/], ["a$b.com", /"\$"/], ["a(b).com", /"\("/], ["a\"b.com", /double quote/],
        ["a\\b.com", /backslash/], ["a\tb.com", /tab/], ["a\u0000b.com", /control character/], ["_sip.contoso.com", /underscore/],
        ["*.contoso.com", /wildcard/], ["-a.com", /hyphen/], ["a-.com", /hyphen/],
    ];
    for (const [given, reason] of bad) {
        it(`refuses ${JSON.stringify(given)}`, () => {
            const result = canonicalHostName(given);
            assert.equal(result.ok, false);
            assert.match(result.ok ? "" : result.reason, reason);
        });
    }

    it("names the first ASCII character a host name may not hold, reading by characters as a person would", () => {
        // The rule read plainly: characters in order (code points, so an astral
        // character is one), the first ASCII one that is not a letter, digit, hyphen or dot.
        const firstForbidden = (raw: string): string | undefined => [...raw].find((ch) => ch.charCodeAt(0) < 0x80 && !/[A-Za-z0-9.-]/.test(ch));
        const character = fc.oneof(
            fc.constantFrom("a", "Z", "7", "-", ".", " ", "_", ";", "$", "\"", "\\", "\t", "\u0000", "\u007f", "*", "@", "/", ":", "(", ")"),
            fc.constantFrom("ü", "é", "\u00a0", "\u2028", "\ud800", "\udfff", "😀", "\u0130"),
            fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
        );
        fc.assert(fc.property(fc.array(character, { maxLength: 12 }).map((chars) => chars.join("")), (raw) => {
            const expected = firstForbidden(raw);
            const result = canonicalHostName(raw);
            const said = result.ok ? undefined : / contains (.*); a host name holds only/.exec(result.reason)?.[1];
            if (expected === undefined) return said === undefined;
            const alone = canonicalHostName(expected);
            return !result.ok && !alone.ok && result.reason === alone.reason;
        }), { numRuns: 400 });
    });
});

describe("zone arithmetic", () => {
    it("finds the most specific enclosing zone", () => {
        assert.equal(enclosingZone("sip.eu.contoso.com", ["contoso.com", "eu.contoso.com"]), "eu.contoso.com");
        assert.equal(enclosingZone("sip.notcontoso.com", ["contoso.com"]), undefined);
    });
    it("names records relative to their zone, @ at the apex", () => {
        assert.equal(relativeName("contoso.com", "contoso.com"), "@");
        assert.equal(relativeName("_sip._tls.eu.contoso.com", "contoso.com"), "_sip._tls.eu");
    });
    it("normalizes names found in the wild", () => {
        assert.equal(normalizeFoundName("SIP.Contoso.com."), "sip.contoso.com");
        assert.equal(normalizeFoundName("@", "contoso.com."), "contoso.com");
        assert.equal(normalizeFoundName("_sip._tls", "contoso.com"), "_sip._tls.contoso.com");
        assert.equal(normalizeFoundName("_sip._tls.contoso.com", "contoso.com"), "_sip._tls.contoso.com");
        assert.equal(normalizeFoundName("sip.fabrikam.com.", "contoso.com"), "sip.fabrikam.com");
    });
    it("changes case and drops a trailing dot as toLowerCase, toUpperCase and replace(/\\.$/, \"\") do, whatever the text", () => {
        // Beyond ASCII, case mapping changes lengths ("ß" is "SS", "İ" two characters lower case).
        const text = fc.oneof(fc.string({ unit: fc.constantFrom("a", "Z", "m", "Q", ".", "-", "_", "0", " ", "ß", "İ", "é", "Σ", "ﬁ") }), fc.string({ unit: "grapheme" }), fc.string());
        fc.assert(fc.property(text, (t) => {
            assert.equal(lowerCase(t), t.toLowerCase());
            assert.equal(upperCase(t), t.toUpperCase());
            assert.equal(withoutTrailingDot(t), t.replace(/\.$/, ""));
        }), { numRuns: 5000 });
        assert.equal(lowerCase("_SIP._tls.Contoso.COM"), "_sip._tls.contoso.com");
        assert.equal(upperCase("srv"), "SRV");
        assert.equal(withoutTrailingDot("contoso.com.."), "contoso.com.");
    });
});

describe("parseAddress", () => {
    const table: [string, string, 4 | 6, string][] = [
        ["131.107.155.10", "131.107.155.10", 4, "public"],
        ["203.0.113.5", "203.0.113.5", 4, "documentation"],
        ["192.0.2.1", "192.0.2.1", 4, "documentation"],
        ["198.51.100.1", "198.51.100.1", 4, "documentation"],
        ["2001:DB8::1", "2001:db8::1", 6, "documentation"],
        ["2001:4898:0:0:0:0:0:10", "2001:4898::10", 6, "public"],
        ["10.1.2.3", "10.1.2.3", 4, "private"],
        ["172.16.0.1", "172.16.0.1", 4, "private"],
        ["192.168.1.1", "192.168.1.1", 4, "private"],
        ["127.0.0.1", "127.0.0.1", 4, "loopback"],
        ["::1", "::1", 6, "loopback"],
        ["169.254.0.1", "169.254.0.1", 4, "link-local"],
        ["fe80::1", "fe80::1", 6, "link-local"],
        ["100.64.0.1", "100.64.0.1", 4, "CGNAT"],
        ["224.0.0.1", "224.0.0.1", 4, "multicast"],
        ["ff02::1", "ff02::1", 6, "multicast"],
        ["0.0.0.0", "0.0.0.0", 4, "unspecified"],
        ["::", "::", 6, "unspecified"],
        ["fc00::1", "fc00::1", 6, "unique-local"],
        ["240.0.0.1", "240.0.0.1", 4, "reserved"],
    ];
    for (const [given, address, family, kind] of table) {
        it(`${given} is ${kind} IPv${family}`, () => {
            const result = parseAddress(given);
            assert.ok(result.ok, JSON.stringify(result));
            assert.deepEqual([result.value.address, result.value.family, result.value.class], [address, family, kind]);
        });
    }
    for (const given of ["1.2.3", "1.2.3.4.5", "01.2.3.4", "0x7f.0.0.1", "fe80::1%eth0", "::ffff:1.2.3.4", "2001:db8::g", " 1.2.3.4", ""]) {
        it(`refuses ${JSON.stringify(given)}`, () => assert.equal(parseAddress(given).ok, false));
    }
});

describe("SRV values and zone files", () => {
    it("round-trips SRV presentation form", () => {
        const value = { priority: 10, weight: 20, port: 5061, target: "sip.contoso.com" };
        assert.equal(formatSrv(value), "10 20 5061 sip.contoso.com.");
        assert.deepEqual(parseSrv("10 20 5061 SIP.contoso.com."), value);
        assert.equal(parseSrv("10 20 70000 sip.contoso.com."), undefined);
        assert.equal(parseSrv("10 20 sip.contoso.com."), undefined);
    });
    it("reads any text as RFC 2782's form does: the usual form's quick path and the general reading agree", () => {
        // Texts near the usual form: digits of any length, one or more spaces or tabs, targets with
        // upper case, dots, non-ASCII and control characters, or nothing.
        const number = fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), fc.stringMatching(/^[0-9]{0,7}$/), fc.constantFrom("-1", "1.5", "x"));
        const gap = fc.constantFrom(" ", "  ", "\t", " \t");
        const target = fc.oneof(fc.constantFrom("sip.contoso.com.", "SIP.Contoso.COM", ".", "", "sipfed.online.lync.com.", "bücher.example.", "a\u0001b."), fc.string({ maxLength: 12 }));
        const edge = fc.constantFrom("", " ", "\n");
        fc.assert(fc.property(edge, number, gap, number, gap, number, gap, target, edge, (a, p, g1, w, g2, o, g3, t, b) => {
            const text = `${a}${p}${g1}${w}${g2}${o}${g3}${t}${b}`;
            assert.deepEqual(parseSrv(text), srvByTheRule(text), JSON.stringify(text));
        }), { numRuns: 5000 });
    });
    it("writes $ORIGIN, $TTL and absolute names, one value a line", () => {
        const text = renderZoneFile({ zone: "contoso.com", records: [
            { name: "_sip._tls.contoso.com", type: "SRV", ttl: 300, values: ["0 0 443 sip.contoso.com."] },
            { name: "sip.contoso.com", type: "A", ttl: 300, values: ["131.107.155.10", "131.107.155.11"] },
        ] });
        assert.equal(text, [
            "$ORIGIN contoso.com.",
            "$TTL 300",
            "_sip._tls.contoso.com. 300 IN SRV  0 0 443 sip.contoso.com.",
            "sip.contoso.com.       300 IN A    131.107.155.10",
            "sip.contoso.com.       300 IN A    131.107.155.11",
            "",
        ].join("\n"));
    });
});
