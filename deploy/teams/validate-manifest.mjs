// Validates a Teams app package's manifest against the published JSON schema of its manifestVersion, offline:
// the schemas come from the npm package @microsoft/app-manifest installed in tests/js (the same validator
// the Microsoft 365 Agents Toolkit runs).
//
//   node deploy/teams/validate-manifest.mjs path/to/quizbot-teams.zip|manifest.json
//
// Prints one problem per line and exits 1 when there are any; exits 0 and prints "valid ..." otherwise.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const toolsRequire = createRequire(fileURLToPath(new URL("../../tests/js/package.json", import.meta.url)));
let appManifest;
try {
  appManifest = toolsRequire("@microsoft/app-manifest");
} catch {
  console.error("@microsoft/app-manifest is not installed: run npm ci --prefix tests/js");
  process.exit(2);
}

const input = process.argv[2];
if (!input) {
  console.error("usage: node validate-manifest.mjs <package.zip | manifest.json>");
  process.exit(2);
}
const manifest = JSON.parse(input.endsWith(".zip") ? entry(readFileSync(input), "manifest.json") : readFileSync(input, "utf8"));

const version = manifest.manifestVersion;
const packageRoot = dirname(toolsRequire.resolve("@microsoft/app-manifest/package.json"));
const schemaFile = join(packageRoot, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
if (!existsSync(schemaFile)) {
  console.error(`no schema for manifestVersion ${version} in @microsoft/app-manifest`);
  process.exit(1);
}
const problems = await appManifest.ManifestUtil.validateManifestAgainstSchema(manifest, JSON.parse(readFileSync(schemaFile, "utf8")));
if (!String(manifest.$schema).endsWith(`/teams/v${version}/MicrosoftTeams.schema.json`)) {
  problems.push(`/$schema ${manifest.$schema} does not name the schema of manifestVersion ${version}`);
}
for (const p of problems) console.log(p);
if (problems.length > 0) process.exit(1);
console.log(`valid against the Teams manifest schema v${version}`);

// One stored or deflated entry of a zip, found through the central directory.
function entry(zip, name) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the package`);
}
