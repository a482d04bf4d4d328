/**
 * The notice a bundle that inlines other packages' code carries: each
 * package's name, version, license and copyright line, from its own
 * package.json and LICENSE file (their licenses ask for the notice to go
 * with the copies).
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

/** A comment block naming every package inlined into the bundle `metafile` describes. */
export function thirdPartyNotice(metafile, root) {
    const lines = inlinedPackages(metafile).map((folder) => {
        const { name, version, license } = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8"));
        const licenseFile = ["LICENSE", "LICENSE.md", "LICENSE.txt"].map((f) => join(root, folder, f)).find(existsSync);
        const copyright = licenseFile ? readFileSync(licenseFile, "utf8").split("\n").find((l) => /copyright/i.test(l))?.trim() : undefined;
        if (!license || !copyright) throw new Error(`${name}: no license or copyright line found for the bundle's notice`);
        return ` * ${name} ${version}, ${license} License, ${copyright}`;
    });
    return `/*\n * Includes code of these packages (each one's license is in its own package):\n${lines.join("\n")}\n */\n`;
}
