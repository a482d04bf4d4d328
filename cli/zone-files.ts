/** Writes one `<zone>.zone` master file per zone into a folder (`plan --out`, `npm start`). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PlannedZone } from "../components/core/plan/model";
import { InputError } from "./errors";

/** Writes the files; returns their paths. Throws `InputError` when the folder or a file cannot be written. */
export function writeZoneFiles(dir: string, zones: readonly PlannedZone[], render: (zone: PlannedZone) => string): string[] {
    const written: string[] = [];
    let target = dir;
    try {
        mkdirSync(dir, { recursive: true });
        for (const zone of zones) {
            target = join(dir, `${zone.zone}.zone`);
            writeFileSync(target, render(zone));
            written.push(target);
        }
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === "EACCES" || code === "EPERM" ? "permission denied"
            : code === "EEXIST" || code === "ENOTDIR" ? "a file is in the way of the folder"
                : code === "EISDIR" ? "a folder is in the way of the file"
                    : code === "ENOSPC" ? "no space left on the device"
                        : code ?? String(error);
        throw new InputError(`cannot write ${target}: ${why}`);
    }
    return written;
}
