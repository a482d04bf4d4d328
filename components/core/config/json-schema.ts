/**
 * The JSON Schemas of a deployment and of a whole stack file, for editors
 * and CI linting (`lync-edge-dns schema`, the files under `schema/`), made
 * from the one zod schema in `schema.ts`. A module of its own so that the
 * public declarations reach only these plain signatures, never zod's types.
 */
import { jsonSchemaBodies } from "./schema";

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** The JSON Schema (draft 2020-12) of a deployment description, for editors and CI linting. */
export function configJsonSchema(): Record<string, unknown> {
    return { $schema: DRAFT, title: "lync-edge-dns deployment", ...jsonSchemaBodies().deployment };
}

/**
 * The JSON Schema of a Pulumi stack file (`Pulumi.<stack>.yaml`) that holds a
 * deployment under `lync-edge-dns:deployment` and its target under
 * `lync-edge-dns:dns`, as the program and `lync-edge-dns plan` read it: both
 * required, either as an object or as the JSON text `pulumi config set`
 * stores (which a schema cannot look into), and no other key of the
 * project. Other projects' keys and stack file fields are left free.
 */
export function stackFileJsonSchema(project = "lync-edge-dns"): Record<string, unknown> {
    const bodies = jsonSchemaBodies();
    const escaped = project.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return {
        $schema: DRAFT,
        title: `Pulumi stack file with a ${project} deployment`,
        type: "object",
        properties: {
            config: {
                type: "object",
                properties: {
                    // if/then/else rather than anyOf: an editor then reports a typo in an object as such, not beside "must be a string".
                    [`${project}:deployment`]: { if: { type: "string" }, then: { $ref: "#/$defs/jsonText" }, else: { $ref: "#/$defs/deployment" } },
                    [`${project}:dns`]: { if: { type: "string" }, then: { $ref: "#/$defs/jsonText" }, else: { $ref: "#/$defs/dns" } },
                },
                patternProperties: { [`^${escaped}:(?!(deployment|dns)$)`]: false },
                required: [`${project}:deployment`, `${project}:dns`],
            },
        },
        required: ["config"],
        $defs: {
            deployment: bodies.deployment,
            dns: bodies.dns,
            jsonText: { type: "string", pattern: "^\\s*\\{", description: "The value as JSON text, as `pulumi config set` stores a structured value." },
        },
    };
}
