// Lint: typescript-eslint's recommended rules over the project's TypeScript,
// and the architecture's import rules (docs/architecture.md).
import tseslint from "typescript-eslint";

/** The Pulumi SDK and provider packages: only the component and the renderers load them. */
const PULUMI = { group: ["@pulumi/*"], allowTypeImports: true, message: "The core and the provider modules are pure: no Pulumi module at run time (type imports are fine). See docs/architecture.md." };
/** The component, the renderers, the loader that requires them, and the mock-engine runner (testing/). */
const PULUMI_SIDE = {
    regex: "(^|/)(component/[^/]+|providers/[^/]+/render|providers/load|testing(/[^/]+)?|components(/index)?)$",
    message: "This side must not reach the Pulumi component or a renderer: it would load the Pulumi SDK. Import from components/core instead. See docs/architecture.md.",
};

export default tseslint.config(
    { ignores: ["dist/", "out/", "node_modules/", "scratch/"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
        },
    },
    {
        // The pure core and the provider modules (all but their renderers and the loader).
        files: ["components/core/**/*.ts", "components/providers/**/*.ts"],
        ignores: ["components/providers/*/render.ts", "components/providers/load.ts", "components/providers/renderer.ts"],
        rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [PULUMI, PULUMI_SIDE] }] },
    },
    {
        // CommonJS as it is shipped (the CLI's launcher): require is how it loads anything.
        files: ["**/*.cjs"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The CLI (plan, verify, schema) runs without Pulumi.
        files: ["cli/**/*.ts"],
        rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [PULUMI, PULUMI_SIDE] }] },
    },
);
