// JSON Schemas for the Slack Web API bodies QuizBot sends, generated from the argument types that Slack's official
// Node SDK (npm @slack/web-api) declares, so the tests check our JSON against Slack's own typing of Block Kit.
// Generation compiles the SDK's .d.ts files with TypeScript (several seconds), so the result is cached in
// node_modules/.cache (git-ignored: a clean clone generates once). Run directly to (re)build the cache and print timings.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const argumentTypes = {
  "chat.postMessage": "ChatPostMessageArguments",
  "chat.update": "ChatUpdateArguments",
  "chat.postEphemeral": "ChatPostEphemeralArguments",
  "views.publish": "ViewsPublishArguments",
  "views.open": "ViewsOpenArguments",
};

// The generator's own default already gives every object without an index signature `additionalProperties: false`
// (config.additionalProperties = false), so misspelt or unknown properties fail; it is spelt out because the checks
// depend on it. skipTypeCheck: the SDK's published declarations are already type-checked; checking them again gives
// the same schema a few seconds later (about 8.5 s against 6 s here). jsDoc "none": descriptions would only bloat
// the schema; the limits that live in doc comments are checked by hand in slack-check.mjs. expose "export" keeps the
// SDK's exported names (SectionBlock, Button, ...) as definitions, which slack-check.mjs relies on to narrow block
// lists.
const generatorConfig = {
  type: Object.values(argumentTypes),
  additionalProperties: false,
  expose: "export",
  jsDoc: "none",
  skipTypeCheck: true,
  topRef: true,
};

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}

function generate() {
  const tsj = require("ts-json-schema-generator");
  const generator = tsj.createGenerator({
    ...generatorConfig,
    path: require.resolve("@slack/web-api/dist/types/request/index.d.ts"),
  });
  return generator.createSchema(generatorConfig.type);
}

// {schema, webApi, source: "cache" | "generated", ms}. The cache file records what it was made from; a different
// generator, @slack/types or config regenerates it even when the @slack/web-api version is unchanged.
export function loadSlackSchemas() {
  const started = performance.now();
  const webApi = versionOf("@slack/web-api");
  const made = {
    webApi,
    slackTypes: versionOf("@slack/types"),
    generator: versionOf("ts-json-schema-generator"),
    config: generatorConfig,
  };
  const file = join(here, "node_modules", ".cache", `quizbot-slack-schemas-${webApi}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, "utf8"));
    if (JSON.stringify(cached.made) === JSON.stringify(made)) {
      return { schema: cached.schema, webApi, source: "cache", ms: performance.now() - started };
    }
  } catch {
    // Missing or unreadable cache: generate below.
  }
  const schema = generate();
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so a test run that starts meanwhile never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify({ made, schema }));
  renameSync(partial, file);
  return { schema, webApi, source: "generated", ms: performance.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { schema, webApi, source, ms } = loadSlackSchemas();
  const definitions = Object.keys(schema.definitions ?? {}).length;
  console.log(JSON.stringify({ webApi, source, ms: Math.round(ms), definitions }));
}
