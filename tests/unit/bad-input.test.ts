/**
 * The bad-input corpus: GIVEN a config with one mistake (or a few), WHEN it
 * is planned, THEN a ConfigError lists exactly those problems, each with its
 * field path and a message that says what is wrong and what is allowed.
 */
import assert from "node:assert/strict";
import { ConfigError, planRecords } from "../../components";
import { configWith } from "../helpers/configs";

interface BadCase {
    name: string;
    config: unknown;
    /** Every expected issue: exact path, message pattern. */
    issues: [path: string, message: RegExp][];
}

const cases: BadCase[] = [
    { name: "not an object", config: "contoso.com", issues: [["(root)", /a deployment must be an object with sipDomains and edge, got "contoso.com"/]] },
    { name: "sipDomains missing", config: configWith((c) => { delete c.sipDomains; }), issues: [["sipDomains", /is required/]] },
    { name: "sipDomains empty", config: configWith((c) => { c.sipDomains = []; }), issues: [["sipDomains", /must list at least one SIP domain/]] },
    { name: "edge missing", config: configWith((c) => { delete c.edge; }), issues: [["edge", /is required/]] },
    { name: "double dot in a domain", config: configWith((c) => { c.sipDomains[1].name = "fabrikam..com"; }), issues: [["sipDomains[1].name", /^"fabrikam\.\.com" is not a valid DNS name: it has an empty label/]] },
    { name: "space in a domain", config: configWith((c) => { c.sipDomains[0].name = "contoso .com"; }), issues: [["sipDomains[0].name", /"contoso \.com" is not a valid DNS name: it contains a space/]] },
    { name: "newline in a domain (zone-file injection)", config: configWith((c) => { c.sipDomains[0].name = "contoso.com\n$INCLUDE /etc/passwd"; }), issues: [["sipDomains[0].name", /"contoso\.com\\n\$INCLUDE \/etc\/passwd" is not a valid DNS name: it contains a newline/]] },
    { name: "semicolon in a string shorthand domain", config: configWith((c) => { c.sipDomains[1] = "fabrikam.com;"; }), issues: [["sipDomains[1]", /contains ";" \(a zone-file comment\)/]] },
    { name: "label longer than 63", config: configWith((c) => { c.sipDomains[1].name = `${"a".repeat(64)}.com`; }), issues: [["sipDomains[1].name", /has 64 characters; at most 63 are allowed/]] },
    { name: "name longer than 253", config: configWith((c) => { c.sipDomains[1].name = `${Array(5).fill("a".repeat(60)).join(".")}.com`; }), issues: [["sipDomains[1].name", /has 308 characters; at most 253 are allowed/]] },
    { name: "label starting with a hyphen", config: configWith((c) => { c.sipDomains[1].name = "-fabrikam.com"; }), issues: [["sipDomains[1].name", /label "-fabrikam" must be letters, digits and hyphens, not starting or ending with a hyphen/]] },
    { name: "single-label domain", config: configWith((c) => { c.sipDomains[1].name = "fabrikam"; }), issues: [["sipDomains[1].name", /has a single label/]] },
    { name: "IP address given as a domain", config: configWith((c) => { c.sipDomains[1].name = "131.107.155.10"; }), issues: [["sipDomains[1].name", /last label is all digits \(an IP address is not a DNS name\)/]] },
    { name: "duplicate domain, other case", config: configWith((c) => { c.sipDomains[1].name = "CONTOSO.com"; }), issues: [["sipDomains[1].name", /"CONTOSO\.com" is given twice \(also at sipDomains\[0\]\.name\)/]] },
    { name: "domain outside its zone", config: configWith((c) => { c.sipDomains[1].zone = "contoso.com"; }), issues: [["sipDomains[1].zone", /the domain fabrikam\.com is not inside the zone "contoso\.com"/]] },
    { name: "host outside every zone", config: configWith((c) => { c.edge.av.fqdn = "av.litware.com"; }), issues: [["edge.av.fqdn", /av\.litware\.com is not inside any zone of this deployment \(contoso\.com, fabrikam\.com\)/]] },
    { name: "misspelled key with a suggestion", config: configWith((c) => { c.sipDomains[0].mobilty = true; }), issues: [["sipDomains[0].mobilty", /unknown key; did you mean "mobility"\?/]] },
    { name: "unknown top-level key lists the allowed ones", config: configWith((c) => { c.zones = ["contoso.com"]; }), issues: [["zones", /unknown key; allowed here: sipDomains, edge, microsoft365, hostnames, ttl, srv, serverVersion, allowPrivateAddresses/]] },
    { name: "misspelled edge key", config: configWith((c) => { c.edge.acessEdgeIps = c.edge.accessEdgeIps; delete c.edge.accessEdgeIps; }), issues: [["edge.accessEdgeIps", /is required/], ["edge.acessEdgeIps", /did you mean "accessEdgeIps"/]] },
    { name: "invalid IPv4", config: configWith((c) => { c.edge.accessEdgeIps[1] = "131.107.155.256"; }), issues: [["edge.accessEdgeIps[1]", /"131\.107\.155\.256" is not a valid IP address/]] },
    { name: "IPv4 with a leading zero", config: configWith((c) => { c.edge.accessEdgeIps[0] = "131.107.155.010"; }), issues: [["edge.accessEdgeIps[0]", /is not a valid IP address/]] },
    { name: "IPv6 with a zone index", config: configWith((c) => { c.edge.av.ips = ["fe80::1%eth0"]; }), issues: [["edge.av.ips[0]", /"fe80::1%eth0" is not a valid IP address/]] },
    { name: "IPv4-mapped IPv6", config: configWith((c) => { c.edge.av.ips = ["::ffff:131.107.155.30"]; }), issues: [["edge.av.ips[0]", /IPv4-mapped IPv6 address; give the IPv4 address 131\.107\.155\.30 instead/]] },
    { name: "private address", config: configWith((c) => { c.edge.accessEdgeIps[0] = "10.0.0.5"; }), issues: [["edge.accessEdgeIps[0]", /"10\.0\.0\.5" is a private address, not a public one.*allowPrivateAddresses: true/]] },
    { name: "loopback address", config: configWith((c) => { c.edge.accessEdgeIps[0] = "127.0.0.1"; }), issues: [["edge.accessEdgeIps[0]", /is a loopback address/]] },
    { name: "link-local address", config: configWith((c) => { c.edge.webConferencing.ips[0] = "169.254.10.1"; }), issues: [["edge.webConferencing.ips[0]", /is a link-local address/]] },
    { name: "CGNAT address", config: configWith((c) => { c.edge.reverseProxy.ips[0] = "100.64.1.1"; }), issues: [["edge.reverseProxy.ips[0]", /is a carrier-grade NAT \(100\.64\.0\.0\/10\) address/]] },
    { name: "multicast address", config: configWith((c) => { c.edge.accessEdgeIps[0] = "224.0.0.5"; }), issues: [["edge.accessEdgeIps[0]", /is a multicast address/]] },
    { name: "unspecified address", config: configWith((c) => { c.edge.accessEdgeIps[0] = "0.0.0.0"; }), issues: [["edge.accessEdgeIps[0]", /^"0\.0\.0\.0" is an unspecified address, not a public one; Edge records are published in public DNS \(set allowPrivateAddresses: true for a lab or internal zone\)$/]] },
    { name: "IPv6 unique local address", config: configWith((c) => { c.edge.accessEdgeIps[0] = "fd12:3456::1"; }), issues: [["edge.accessEdgeIps[0]", /is a unique-local address/]] },
    { name: "duplicate address", config: configWith((c) => { c.edge.accessEdgeIps[1] = "131.107.155.10"; }), issues: [["edge.accessEdgeIps[1]", /"131\.107\.155\.10" is listed twice \(also at edge\.accessEdgeIps\[0\]\)/]] },
    { name: "empty Access Edge list", config: configWith((c) => { c.edge.accessEdgeIps = []; }), issues: [["edge.accessEdgeIps", /must list at least one Access Edge address/]] },
    { name: "empty reverse proxy list", config: configWith((c) => { c.edge.reverseProxy.ips = []; }), issues: [["edge.reverseProxy.ips", /must list at least one reverse proxy address/]] },
    { name: "ttl zero", config: configWith((c) => { c.ttl = 0; }), issues: [["ttl", /must be a whole number from 1 to 2147483647 .*got 0$/]] },
    { name: "ttl not whole", config: configWith((c) => { c.ttl = 60.5; }), issues: [["ttl", /must be a whole number from 1 to 2147483647 .*got 60\.5$/]] },
    // JSON has no NaN or Infinity; YAML does (.nan, .inf), and the message must show what was given, not null.
    { name: "ttl NaN (YAML .nan)", config: configWith((c) => { c.ttl = NaN; }), issues: [["ttl", /must be a whole number from 1 to 2147483647 .*got NaN$/]] },
    { name: "srv weight Infinity (YAML .inf)", config: configWith((c) => { c.srv = { weight: Infinity }; }), issues: [["srv.weight", /must be a whole number from 0 to 65535 \(RFC 2782\), got Infinity$/]] },
    { name: "ttl as a string", config: configWith((c) => { c.ttl = "3600"; }), issues: [["ttl", /must be a whole number .*got "3600"$/]] },
    { name: "srv priority out of range", config: configWith((c) => { c.srv = { priority: 70000 }; }), issues: [["srv.priority", /must be a whole number from 0 to 65535 \(RFC 2782\), got 70000$/]] },
    { name: "srv weight negative", config: configWith((c) => { c.srv = { weight: -1 }; }), issues: [["srv.weight", /must be a whole number from 0 to 65535 \(RFC 2782\), got -1$/]] },
    { name: "unknown server version", config: configWith((c) => { c.serverVersion = "2016"; }), issues: [["serverVersion", /must be one of "2013", "2015", "2019", "SE", got "2016"$/]] },
    { name: "hosting in the wrong case: the near miss is named", config: configWith((c) => { c.sipDomains[0].hosting = "onpremises"; }), issues: [["sipDomains[0].hosting", /^must be one of "onPremises", "hybrid", "online", got "onpremises"; did you mean "onPremises"\?$/]] },
    { name: "a cloud a few letters off another: no guess", config: configWith((c) => { c.microsoft365 = { cloud: "gov" }; }), issues: [["microsoft365.cloud", /^must be one of "worldwide", "gccHigh", "dod", "china", got "gov"$/]] },
    { name: "server version in lower case: named; a release a digit off: not", config: configWith((c) => { c.serverVersion = "se"; c.sipDomains[0].xmpp = false; }), issues: [["serverVersion", /^must be one of "2013", "2015", "2019", "SE", got "se"; did you mean "SE"\?$/]] },
    { name: "an object given as true, with its article", config: configWith((c) => { c.microsoft365 = true; }), issues: [["microsoft365", /^must be an object, got true$/]] },
    { name: "one SIP domain in Unicode and in xn-- spelling: named as the same name", config: configWith((c) => { c.sipDomains.push("bücher.example", "xn--bcher-kva.example"); }), issues: [[`sipDomains[3]`, /is given twice \(also at sipDomains\[2\]\); SIP domain names are compared as DNS compares them: case, a trailing dot and the Unicode or xn-- spelling of a name ignored$/]] },
    { name: "xmpp with Skype for Business Server 2019", config: configWith((c) => { c.serverVersion = "2019"; }), issues: [["sipDomains[0].xmpp", /Skype for Business Server 2019 has no XMPP gateway/]] },
    { name: "host label with a dot at the end", config: configWith((c) => { c.hostnames = { accessEdge: "sip." }; }), issues: [["hostnames.accessEdge", /"sip\." is not a valid host label: it ends with a dot/]] },
    { name: "host label with an underscore", config: configWith((c) => { c.hostnames = { xmpp: "_xmpp" }; }), issues: [["hostnames.xmpp", /contains an underscore/]] },
    { name: "sip domain entry of the wrong type", config: configWith((c) => { c.sipDomains[1] = 42; }), issues: [["sipDomains[1]", /must be a domain name or an object with a name, got 42/]] },
    { name: "boolean flag given as a string", config: configWith((c) => { c.sipDomains[0].mobility = "yes"; }), issues: [["sipDomains[0].mobility", /must be a boolean, got "yes"/]] },
    { name: "two hosts with one name and different addresses", config: configWith((c) => { c.edge.reverseProxy.hosts = ["sip.contoso.com"]; }), issues: [["edge.reverseProxy.hosts[0]", /sip\.contoso\.com A would hold 131\.107\.155\.40 here and 131\.107\.155\.10, 131\.107\.155\.11 from edge\.accessEdgeIps/]] },
    {
        name: "a shape problem and semantic problems at once, all reported",
        config: configWith((c) => { c.sipDomains[1].name = "fabrikam..com"; c.edge.accessEdgeIps[0] = "10.0.0.1"; c.ttl = -5; }),
        issues: [
            ["ttl", /must be a whole number/],
            ["sipDomains[1].name", /not a valid DNS name/],
            ["edge.accessEdgeIps[0]", /is a private address/],
        ],
    },
    {
        name: "a misspelled key and a bad domain at once, all reported",
        config: configWith((c) => { c.sipDomains[0].mobilty = true; c.sipDomains[1].name = "fabrikam..com"; }),
        issues: [["sipDomains[0].mobilty", /did you mean "mobility"/], ["sipDomains[1].name", /not a valid DNS name/]],
    },
    {
        name: "a wrong type in a SIP domain object, a domain given twice and a private address at once, all reported",
        config: configWith((c) => { c.sipDomains[0].xmpp = 1; c.sipDomains.push("Contoso.com"); c.edge.accessEdgeIps[0] = "10.0.0.1"; }),
        issues: [
            ["sipDomains[0].xmpp", /must be a boolean, got 1/],
            ["sipDomains[2]", /"Contoso\.com" is given twice \(also at sipDomains\[0\]\.name\)/],
            ["edge.accessEdgeIps[0]", /is a private address/],
        ],
    },
    {
        name: "an unknown hosting value beside a bad domain name, both reported",
        config: configWith((c) => { c.sipDomains[0].hosting = "cloud"; c.sipDomains[1].name = "fabrikam..com"; }),
        issues: [["sipDomains[0].hosting", /"cloud"/], ["sipDomains[1].name", /not a valid DNS name/]],
    },
    {
        name: "a bad list item stops at the shape: later indexes would not be trustworthy",
        config: configWith((c) => { c.sipDomains[0] = 42; c.sipDomains[1].name = "fabrikam..com"; }),
        issues: [["sipDomains[0]", /must be a domain name or an object with a name, got 42/]],
    },
    {
        name: "several semantic problems at once, all reported",
        config: configWith((c) => { c.sipDomains[1].zone = "contoso.com"; c.edge.accessEdgeIps[0] = "10.0.0.1"; c.edge.av.ips = ["131.107.155.30", "131.107.155.30"]; }),
        issues: [
            ["sipDomains[1].zone", /not inside the zone "contoso\.com"/],
            ["edge.accessEdgeIps[0]", /is a private address/],
            ["edge.av.ips[1]", /is listed twice/],
        ],
    },
    {
        name: "no follow-on errors: hosts are not checked against zones while a domain is in error",
        config: configWith((c) => { c.sipDomains[0].name = "contoso..com"; }),
        issues: [["sipDomains[0].name", /not a valid DNS name/]],
    },
];

describe("bad input corpus", () => {
    it("holds at least 25 cases", () => assert.ok(cases.length >= 25, `${cases.length} cases`));

    for (const c of cases) {
        it(c.name, () => {
            let thrown: unknown;
            try {
                planRecords(c.config as never);
            } catch (error) {
                thrown = error;
            }
            assert.ok(thrown instanceof ConfigError, `expected a ConfigError, got ${String(thrown)}`);
            const got = thrown.issues.map((i) => `${i.path}: ${i.message}`);
            assert.deepEqual(thrown.issues.map((i) => i.path).sort(), c.issues.map(([path]) => path).sort(), got.join("\n"));
            for (const [path, message] of c.issues) {
                const issue = thrown.issues.find((i) => i.path === path);
                assert.match(issue?.message ?? "", message, got.join("\n"));
                assert.ok(thrown.message.includes(`${path}: ${issue?.message}`), "the error's message lists every issue");
            }
        });
    }

    it("allowPrivateAddresses lets private, loopback, CGNAT and ULA addresses through", () => {
        const config = configWith((c) => {
            c.allowPrivateAddresses = true;
            c.edge.accessEdgeIps = ["10.0.0.5", "127.0.0.1", "100.64.1.1", "fd12:3456::1", "169.254.1.1"];
        });
        const plan = planRecords(config as never);
        const sip = plan.zones[0].records.find((r) => r.name === "sip.contoso.com" && r.type === "A");
        assert.deepEqual(sip?.values, ["10.0.0.5", "100.64.1.1", "127.0.0.1", "169.254.1.1"]);
    });

    it("a ConfigError is a Pulumi RunError, so pulumi prints it without a stack trace", () => {
        const error = new ConfigError([{ path: "ttl", message: "x" }]);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { RunError } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        assert.ok(RunError.isInstance(error));
    });
});
