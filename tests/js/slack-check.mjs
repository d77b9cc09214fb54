// NDJSON bridge that checks Slack Web API bodies for the .NET tests: one request per line on stdin,
// {"op":"check","method":"chat.postMessage"|"chat.update"|"chat.postEphemeral"|"views.publish"|"views.open"|"response_url","body":{...}},
// one answer per line on stdout, in order: {"errors":["$.blocks[0].type: ...", ...]} (empty when the body is fine).
// {"op":"info"} answers how the schemas were obtained. A broken request answers {"error":"..."} and the process goes on.
//
// Two layers: JSON Schemas generated from @slack/web-api's argument types (slack-schemas.mjs), checked by ajv, and
// the Block Kit limits Slack only states in doc comments, checked by hand below.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { argumentTypes, loadSlackSchemas } from "./slack-schemas.mjs";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");

const loaded = loadSlackSchemas();
const compileStarted = performance.now();
const schema = prepare(loaded.schema);
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, "slack");

// The generator spreads an intersection of unions (ChatPostMessageArguments = MessageContents & ReplyInThread &
// Authorship & ...) into one anyOf of every combination: 24 for chat.postMessage. Ajv would report a nested mistake
// once per combination next to "must NOT have additional properties" from every combination that does not fit, so
// each combination gets its own validator and only the best-fitting ones speak (see schemaErrors).
const validators = Object.fromEntries(Object.entries(argumentTypes).map(([method, type]) => {
  const definition = schema.definitions[type];
  const refs = definition.anyOf
    ? definition.anyOf.map((_, i) => `slack#/definitions/${type}/anyOf/${i}`)
    : [`slack#/definitions/${type}`];
  return [method, refs.map((ref) => ajv.compile({ $ref: ref }))];
}));
const compileMs = performance.now() - compileStarted;

// Two changes to the generated schema, both about how ajv reads it, documented here because they narrow or
// reshape what the SDK's types say:
// 1. Block lists are typed (KnownBlock | Block)[], where Block is the generic base {type: string, block_id?}. With
//    additionalProperties false that branch still accepts any bare {"type": "<anything>"}, so {"type": "dividr"}
//    would pass; Slack answers invalid_blocks for unknown types, so block lists are narrowed to KnownBlock.
// 2. Unions whose members all fix a required `type` (blocks, elements, text objects, views) become if/then on
//    `type`: same acceptance, but a wrong `type` reports one "must be one of ..." and a right `type` reports only
//    that member's mistakes. The generated schema rejects a misspelt block type, a bare-string button text or
//    "markdown" in a section on its own too, but with 500 to 2,000 ajv errors each, one per union member tried.
function prepare(generated) {
  const s = structuredClone(generated);
  const defs = s.definitions;
  const isRef = (node, name) => node && node.$ref === `#/definitions/${name}`;
  const narrow = (node) => {
    if (Array.isArray(node)) return node.forEach(narrow);
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node.anyOf) && node.anyOf.some((b) => isRef(b, "KnownBlock")) && node.anyOf.some((b) => isRef(b, "Block"))) {
      node.anyOf = node.anyOf.filter((b) => !isRef(b, "Block"));
      if (node.anyOf.length === 1) {
        node.$ref = node.anyOf[0].$ref;
        delete node.anyOf;
      }
    }
    Object.values(node).forEach(narrow);
  };
  narrow(defs);

  const deref = (node) => {
    while (node && node.$ref) node = defs[node.$ref.replace("#/definitions/", "")];
    return node;
  };
  // Members of a union, through refs and nested unions (already rewritten or not), each as {ref or inline schema,
  // its `type` constant}.
  const rewritten = new Map();
  const members = (node, out = []) => {
    const target = deref(node);
    if (rewritten.has(target)) {
      out.push(...rewritten.get(target));
    } else if (target && Array.isArray(target.anyOf) && Object.keys(target).length === 1) {
      target.anyOf.forEach((b) => members(b, out));
    } else {
      const tag = target?.properties?.type?.const;
      out.push({ schema: node, tag: target?.required?.includes("type") ? tag : undefined });
    }
    return out;
  };
  const discriminate = (node) => {
    if (Array.isArray(node)) return node.forEach(discriminate);
    if (!node || typeof node !== "object") return;
    Object.values(node).forEach(discriminate);
    if (!Array.isArray(node.anyOf)) return;
    const all = members(node);
    if (all.length < 2 || all.some((m) => typeof m.tag !== "string")) return;
    const byTag = new Map();
    for (const m of all) byTag.set(m.tag, [...(byTag.get(m.tag) ?? []), m.schema]);
    rewritten.set(node, all);
    delete node.anyOf;
    Object.assign(node, {
      type: "object",
      required: ["type"],
      properties: { type: { enum: [...byTag.keys()] } },
      allOf: [...byTag].map(([tag, schemas]) => ({
        if: { properties: { type: { const: tag } }, required: ["type"] },
        then: schemas.length === 1 ? schemas[0] : { anyOf: schemas },
      })),
    });
  };
  // Children before parents, so a union made of unions sees its members already sorted by `type`.
  discriminate(defs);
  return s;
}

// "$.blocks[1].elements[0].text" from ajv's "/blocks/1/elements/0/text".
function jsonPath(pointer, extra) {
  const parts = pointer.split("/").slice(1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (extra !== undefined) parts.push(String(extra));
  return "$" + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_][\w]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("");
}

const shown = (v) =>
  typeof v === "string" ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)
  : Array.isArray(v) ? "an array"
  : v !== null && typeof v === "object" ? "an object"
  : v === undefined ? "nothing" : JSON.stringify(v);

function valueAt(body, pointer) {
  let v = body;
  for (const p of pointer.split("/").slice(1)) v = v?.[p.replaceAll("~1", "/").replaceAll("~0", "~")];
  return v;
}

// Ajv errors as "<path>: <problem>" lines. "if"/"anyOf" summaries are dropped when a member's own errors say more.
function describe(errors, body) {
  const lines = [];
  const specific = new Set(errors.filter((e) => e.keyword !== "if" && e.keyword !== "anyOf").map((e) => e.instancePath));
  for (const e of errors) {
    const value = valueAt(body, e.instancePath);
    switch (e.keyword) {
      case "if":
        continue;
      case "anyOf":
        if (![...specific].some((p) => p === e.instancePath || p.startsWith(e.instancePath + "/"))) {
          lines.push(`${jsonPath(e.instancePath)}: ${shown(value)} matches none of the allowed shapes`);
        }
        continue;
      case "additionalProperties":
        lines.push(`${jsonPath(e.instancePath, e.params.additionalProperty)}: unknown property (not in the SDK's type)`);
        continue;
      case "required":
        lines.push(`${jsonPath(e.instancePath, e.params.missingProperty)}: required property is missing`);
        continue;
      case "enum":
        lines.push(`${jsonPath(e.instancePath)}: ${shown(value)} is not one of ${e.params.allowedValues.map((a) => JSON.stringify(a)).join(", ")}`);
        continue;
      case "const":
        lines.push(`${jsonPath(e.instancePath)}: must be ${JSON.stringify(e.params.allowedValue)}, not ${shown(value)}`);
        continue;
      case "type":
        lines.push(`${jsonPath(e.instancePath)}: must be ${[e.params.type].flat().join(" or ")}, not ${shown(value)}`);
        continue;
      default:
        lines.push(`${jsonPath(e.instancePath)}: ${e.message}`);
    }
  }
  return [...new Set(lines)];
}

// The body passes when any combination accepts it. Otherwise the combinations whose top level fits best speak:
// fewest problems at the top level (missing or unknown properties), then fewest problems overall.
function schemaErrors(method, body) {
  const candidates = [];
  for (const validate of validators[method]) {
    if (validate(body)) return [];
    const errors = validate.errors ?? [];
    const top = errors.filter((e) => e.instancePath === "" && e.keyword !== "if" && e.keyword !== "anyOf").length;
    candidates.push({ top, lines: describe(errors, body) });
  }
  const best = Math.min(...candidates.map((c) => c.top));
  const fitting = candidates.filter((c) => c.top === best);
  const fewest = Math.min(...fitting.map((c) => c.lines.length));
  return [...new Set(fitting.filter((c) => c.lines.length === fewest).flatMap((c) => c.lines))];
}

// Slack counts characters; code points are the closest a plain string length gets.
const length = (s) => [...s].length;

// Block Kit limits from Slack's reference (and the SDK's doc comments), which no type expresses.
function limitErrors(blocks, at, maxBlocks, surface) {
  const errors = [];
  if (!Array.isArray(blocks)) return errors;
  if (blocks.length > maxBlocks) errors.push(`${at}: ${blocks.length} blocks, at most ${maxBlocks} in ${surface}`);
  const max = (value, limit, path, what) => {
    if (typeof value === "string" && length(value) > limit) errors.push(`${path}: ${what} is ${length(value)} characters, at most ${limit}`);
  };
  const count = (list, limit, path, what) => {
    if (Array.isArray(list) && list.length > limit) errors.push(`${path}: ${list.length} ${what}, at most ${limit}`);
  };
  // Slack refuses a message where a block_id repeats, or an action_id repeats within one block.
  const unique = (seen, value, path, scope) => {
    if (typeof value !== "string") return;
    if (seen.has(value)) errors.push(`${path}: ${shown(value)} repeats ${seen.get(value)} (unique within ${scope})`);
    else seen.set(value, path);
  };
  const blockIds = new Map();
  let actionIds;
  const visit = (node, path) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (!node || typeof node !== "object") return;
    max(node.block_id, 255, `${path}.block_id`, "block_id");
    max(node.action_id, 255, `${path}.action_id`, "action_id");
    unique(blockIds, node.block_id, `${path}.block_id`, surface);
    unique(actionIds, node.action_id, `${path}.action_id`, "a block");
    switch (node.type) {
      case "section":
        if (node.text === undefined && node.fields === undefined) errors.push(`${path}: a section needs text or fields`);
        max(node.text?.text, 3000, `${path}.text.text`, "section text");
        count(node.fields, 10, `${path}.fields`, "fields");
        if (Array.isArray(node.fields)) node.fields.forEach((f, i) => max(f?.text, 2000, `${path}.fields[${i}].text`, "a section field"));
        break;
      case "header":
        max(node.text?.text, 150, `${path}.text.text`, "header text");
        break;
      case "actions":
        count(node.elements, 25, `${path}.elements`, "elements in an actions block");
        break;
      case "context":
        count(node.elements, 10, `${path}.elements`, "elements in a context block");
        break;
      case "button":
        max(node.text?.text, 75, `${path}.text.text`, "button text");
        max(node.value, 2000, `${path}.value`, "button value");
        max(node.url, 3000, `${path}.url`, "button url");
        max(node.accessibility_label, 75, `${path}.accessibility_label`, "button accessibility_label");
        break;
      case "plain_text":
      case "mrkdwn":
        if (node.text === "") errors.push(`${path}.text: text objects need at least 1 character`);
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === "object") visit(value, path + jsonPath("/" + key).slice(1));
    }
  };
  blocks.forEach((block, i) => {
    actionIds = new Map();
    visit(block, `${at}[${i}]`);
  });
  return errors;
}

function fallbackTextErrors(body) {
  if (!Array.isArray(body.blocks) || (typeof body.text === "string" && body.text.trim() !== "")) return [];
  return ["$.text: must be present and non-empty when blocks are sent (the notification and accessibility fallback)"];
}

const responseUrlFields = new Set(["text", "blocks", "attachments", "thread_ts", "mrkdwn", "response_type", "replace_original", "delete_original"]);

// A response_url body is a message without channel or token plus three instructions. Its message part is checked as
// the chat.postMessage body it would be with a placeholder channel; paths stay the same since no key is renamed.
function checkResponseUrl(body) {
  const errors = [];
  for (const key of Object.keys(body)) {
    if (!responseUrlFields.has(key)) errors.push(`${jsonPath("", key)}: unknown property for a response_url message`);
  }
  if ("response_type" in body && body.response_type !== "in_channel" && body.response_type !== "ephemeral") {
    errors.push(`$.response_type: ${shown(body.response_type)} is not one of "in_channel", "ephemeral"`);
  }
  for (const key of ["replace_original", "delete_original"]) {
    if (key in body && typeof body[key] !== "boolean") errors.push(`${jsonPath("", key)}: must be boolean, not ${shown(body[key])}`);
  }
  if (body.delete_original === true) return errors;
  const message = { channel: "C0RESPONSEURL" };
  for (const key of ["text", "blocks", "attachments", "thread_ts", "mrkdwn"]) if (key in body) message[key] = body[key];
  return [...errors, ...schemaErrors("chat.postMessage", message), ...fallbackTextErrors(body), ...limitErrors(body.blocks, "$.blocks", 50, "a message")];
}

// A request the bridge cannot check at all: answered with its message alone, no stack.
class BadRequest extends Error {}

function check(method, body) {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadRequest("body must be a JSON object");
  if (method === "response_url") return checkResponseUrl(body);
  if (!Object.hasOwn(validators, method)) throw new BadRequest(`unknown method ${JSON.stringify(method)}; known: ${[...Object.keys(validators), "response_url"].join(", ")}`);
  if (method === "views.publish" || method === "views.open") {
    const surface = body.view?.type === "home" ? "a Home tab" : "a view";
    return [...schemaErrors(method, body), ...limitErrors(body.view?.blocks, "$.view.blocks", 100, surface)];
  }
  return [...schemaErrors(method, body), ...fallbackTextErrors(body), ...limitErrors(body.blocks, "$.blocks", 50, "a message")];
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    const req = JSON.parse(line);
    if (req.op === "check") answer = { errors: check(req.method, req.body) };
    else if (req.op === "info") answer = { webApi: loaded.webApi, schemas: loaded.source, schemaMs: Math.round(loaded.ms), compileMs: Math.round(compileMs) };
    else answer = { error: `unknown op ${JSON.stringify(req.op)}` };
  } catch (e) {
    answer = { error: e instanceof BadRequest ? e.message : String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
