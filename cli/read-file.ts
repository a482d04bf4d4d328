/**
 * Reads a config file the safe way: only a regular file, only up to a size
 * limit, only UTF-8 text. A FIFO must not block the CLI (opened without
 * blocking, then refused), `/dev/zero` must not fill memory (refused as a
 * device, and reads stop one byte past the limit whatever the file claims).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** The largest config file read: far beyond any real deployment (10,000 domains are about 1 MiB). */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Why a file was not read, in words for the person who named it. */
export class FileReadError extends Error {
    constructor(readonly file: string, readonly reason: string) {
        super(`${file} ${reason}`);
        this.name = "FileReadError";
    }
}

function kind(stats: Stats): string {
    if (stats.isDirectory()) return "a folder";
    if (stats.isFIFO()) return "a named pipe (FIFO)";
    if (stats.isSocket()) return "a socket";
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
    return "not a regular file";
}

function openError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case "ENOENT": return "does not exist";
        case "EACCES": case "EPERM": return "cannot be read: permission denied";
        case "ENOTDIR": return "does not exist (a part of the path is not a folder)";
        case "ELOOP": return "cannot be read: too many symbolic links";
        default: return `cannot be read (${code ?? String(error)})`;
    }
}

/** The file's text. Throws `FileReadError` for anything but a regular UTF-8 file of at most `limit` bytes. */
export function readTextFile(file: string, limit: number = MAX_CONFIG_BYTES): string {
    let fd: number;
    try {
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
        fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
        throw new FileReadError(file, openError(error));
    }
    try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) throw new FileReadError(file, `is ${kind(stats)}, not a regular file: give the path of a YAML or JSON file`);
        const tooBig = new FileReadError(file, `is larger than ${limit / (1024 * 1024)} MiB: not a deployment config`);
        if (stats.size > limit) throw tooBig;
        // The size may change under us (or lie, for special files): read at most limit + 1 bytes.
        const buffer = Buffer.alloc(Math.min(limit + 1, Math.max(stats.size + 1, 64 * 1024)));
        let length = 0;
        for (;;) {
            if (length === buffer.length) {
                if (length > limit) throw tooBig;
                throw new FileReadError(file, "grew while it was read; try again");
            }
            const read = readSync(fd, buffer, length, buffer.length - length, null);
            if (read === 0) break;
            length += read;
        }
        if (length > limit) throw tooBig;
        try {
            return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer.subarray(0, length));
        } catch {
            throw new FileReadError(file, "is not UTF-8 text: give a YAML or JSON file");
        }
    } catch (error) {
        if (error instanceof FileReadError) throw error;
        throw new FileReadError(file, openError(error));
    } finally {
        closeSync(fd);
    }
}
