/** Mocha's global setup (every config's `require`): the build every tier's tests run against, made once before them. */
import { buildOnce } from "./build";

export function mochaGlobalSetup(): void {
    buildOnce();
}
