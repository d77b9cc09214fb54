// Builds the Teams app package: manifest.json (from manifest.template.json) and the two icons, at the zip's root.
//
//   MicrosoftAppId=<bot app id> QUIZBOT_DOMAIN=<host> node deploy/teams/build-package.mjs [--out file.zip]
//
// Configuration comes from the environment (or `node --env-file=FILE`), named as the service names it:
//   MicrosoftAppId           required  the Azure Bot's app id (the Bicep output botAppId): the manifest's botId
//   QUIZBOT_DOMAIN           required  host name the bot is served from, e.g. quizbot-abc.azurewebsites.net
//   QUIZBOT_TEAMS_APP_ID     optional  the Teams app's own id (a GUID; keep it across versions); default MicrosoftAppId
//   QUIZBOT_PACKAGE_VERSION  optional  x.y.z, raise it for every upload of a changed package; default 1.0.0
//   QUIZBOT_DEVELOPER_NAME   optional  shown as the publisher, at most 32 characters; default QuizBot
//   QUIZBOT_WEBSITE_URL      optional  https URL; default https://<QUIZBOT_DOMAIN>/
//   QUIZBOT_PRIVACY_URL, QUIZBOT_TERMS_URL  optional  https URLs; default the website URL
//   QUIZBOT_ENTRA_CLIENT_ID  optional  the dashboard's Entra ID app registration (QuizBot:Dashboard:Entra:ClientId):
//                                      adds the Dashboard tab with Teams single sign-on; without it, no tab
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { zip } from "./binary.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const problems = [];

function setting(name, { required = false, fallback, check, hint }) {
  const raw = process.env[name]?.trim();
  if (!raw) {
    if (required) problems.push(`${name} is not set: ${hint}`);
    return fallback;
  }
  const problem = check?.(raw);
  if (problem) problems.push(`${name} '${raw}' ${problem}`);
  return raw;
}

const isGuid = (v) => (guid.test(v) && !/^0{8}-(0{4}-){3}0{12}$/.test(v) ? null : "is not an app id: it must be a GUID such as 2f0e8d1c-4b7a-4d6e-9c3b-1a2b3c4d5e6f");
const isHttps = (v) => {
  try {
    return new URL(v).protocol === "https:" ? null : "must be an https:// URL";
  } catch {
    return "is not a URL";
  }
};

const appId = setting("MicrosoftAppId", {
  required: true,
  check: isGuid,
  hint: "set it to the Azure Bot's app id (the botAppId output of deploy/azure/main.bicep)",
});
const domain = setting("QUIZBOT_DOMAIN", {
  required: true,
  check: (v) => (/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(v) ? null : "must be a host name alone, without https:// or a path"),
  hint: "set it to the host name the bot is served from (the appHostName output of deploy/azure/main.bicep)",
});
const website = setting("QUIZBOT_WEBSITE_URL", { fallback: domain && `https://${domain}/`, check: isHttps });
const values = {
  MicrosoftAppId: appId,
  QUIZBOT_DOMAIN: domain,
  QUIZBOT_TEAMS_APP_ID: setting("QUIZBOT_TEAMS_APP_ID", { fallback: appId, check: isGuid }),
  QUIZBOT_PACKAGE_VERSION: setting("QUIZBOT_PACKAGE_VERSION", {
    fallback: "1.0.0",
    check: (v) => (/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(v) ? null : "must be a version x.y.z such as 1.0.3"),
  }),
  QUIZBOT_DEVELOPER_NAME: setting("QUIZBOT_DEVELOPER_NAME", {
    fallback: "QuizBot",
    check: (v) => (v.length <= 32 ? null : "is longer than the 32 characters Teams allows"),
  }),
  QUIZBOT_WEBSITE_URL: website,
  QUIZBOT_PRIVACY_URL: setting("QUIZBOT_PRIVACY_URL", { fallback: website, check: isHttps }),
  QUIZBOT_TERMS_URL: setting("QUIZBOT_TERMS_URL", { fallback: website, check: isHttps }),
  QUIZBOT_ENTRA_CLIENT_ID: setting("QUIZBOT_ENTRA_CLIENT_ID", { check: isGuid }),
};

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
if (outAt >= 0 && !args[outAt + 1]) problems.push("--out needs a file name");
const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : `${here}build/quizbot-teams.zip`);

if (problems.length > 0) {
  console.error(`Cannot build the Teams app package:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

// Placeholders are filled inside parsed JSON strings, so no value can break the JSON around it.
const fill = (node) => {
  if (typeof node === "string") {
    return node.replace(/\$\{\{(\w+)\}\}/g, (whole, name) => {
      if (!(name in values)) throw new Error(`manifest.template.json uses ${whole}, which this script does not know`);
      return values[name];
    });
  }
  if (Array.isArray(node)) return node.map(fill);
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
  return node;
};
const template = JSON.parse(readFileSync(`${here}manifest.template.json`, "utf8"));
// The tab signs in with Teams single sign-on, which needs the dashboard's Entra ID app: without one there is no tab.
if (!values.QUIZBOT_ENTRA_CLIENT_ID) {
  delete template.staticTabs;
  delete template.webApplicationInfo;
}
const manifest = fill(template);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  zip([
    { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8") },
    { name: "color.png", data: readFileSync(`${here}color.png`) },
    { name: "outline.png", data: readFileSync(`${here}outline.png`) },
  ]),
);
console.log(`Teams app package ${manifest.version} for bot ${appId}: ${out}`);
