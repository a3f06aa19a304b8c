// Lint: TypeScript rules, React hooks rules, and the import boundaries of
// STYLE.md (app → server/client/components → core; db implements core; worker
// uses core + db), so nobody has to remember them.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const prisma = [{ group: ["@prisma/*", "**/generated/**"], message: "Only lib/db talks to Prisma." }];
const framework = [
  {
    group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "react/*"],
    message: "lib/core is framework-free.",
  },
];
const layer = (names, why) => [{ regex: `(^@/|/)(${names})(/|$)`, message: why }];

function boundary(files, patterns, extra = {}) {
  return { files, rules: { "no-restricted-imports": ["error", { patterns }], ...extra } };
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "generated/",
      "data/",
      "test-results/",
      "playwright-report/",
      ".test-output/",
      "next-env.d.ts",
      "packages/client/schema.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  boundary(
    ["lib/core/**"],
    [
      ...prisma,
      ...framework,
      ...layer(
        "lib/db|lib/server|lib/client|lib/worker|app|components|db|server|client|worker",
        "lib/core depends on nothing but itself and plain libraries.",
      ),
    ],
    {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "lib/core reads no configuration; pass it in.",
        },
      ],
    },
  ),
  boundary(
    ["lib/db/**"],
    [
      ...framework,
      ...layer(
        "lib/server|lib/client|lib/worker|app|components",
        "lib/db implements core's ports; it knows nothing above it.",
      ),
    ],
  ),
  boundary(
    ["lib/worker/**"],
    [...prisma, ...framework, ...layer("lib/server|lib/client|app|components", "The worker runs without Next.js.")],
  ),
  boundary(
    ["lib/server/**"],
    [...prisma, ...layer("lib/client|components", "Server adapters do not import browser code.")],
  ),
  boundary(
    ["lib/client/**", "components/**"],
    [...prisma, ...layer("lib/db|lib/server|lib/worker", "Browser code reaches the server only through the HTTP API.")],
  ),
  boundary(
    ["app/**"],
    [...prisma, ...layer("lib/db|lib/worker", "Routes and pages go through lib/server, never the store directly.")],
  ),
);
