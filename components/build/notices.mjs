/**
 * The notice a bundle that inlines other packages' code carries: each
 * package's name, version and license text, from its own package.json and
 * LICENSE file (their licenses ask for the notice to go with the copies).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The packages whose files went into a bundle, from esbuild's metafile: their folders under node_modules. */
function inlinedPackages(metafile) {
    const folders = new Set();
    for (const input of Object.keys(metafile.inputs)) {
        const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (match) folders.add(match[1]);
    }
    return [...folders].sort();
}

/** A comment block naming every package inlined into the bundle `metafile` describes, each with its license's text. */
export function thirdPartyNotice(metafile, root) {
    const blocks = inlinedPackages(metafile).map((folder) => {
        const { name, version, license } = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8"));
        const licenseFile = ["LICENSE", "LICENSE.md", "LICENSE.txt"].map((f) => join(root, folder, f)).find(existsSync);
        const text = licenseFile ? readFileSync(licenseFile, "utf8").trim() : "";
        if (!license || !/copyright/i.test(text)) throw new Error(`${name}: no license text with a copyright line found for the bundle's notice`);
        // Inside a block comment: a "*/" in the text would end it.
        const lines = text.replaceAll("*/", "* /").split("\n").map((line) => ` * ${line}`.trimEnd());
        return [` * ${name} ${version} (${license}):`, " *", ...lines].join("\n");
    });
    return `/*\n * Includes code of these packages, under these licenses:\n *\n${blocks.join("\n *\n")}\n */\n`;
}
