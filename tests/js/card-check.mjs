// NDJSON bridge to the official Adaptive Cards libraries for the .NET tests: one request per line on stdin,
// one answer per line on stdout, in order. Errors become {"error": "..."} so one bad request never ends the process.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
// The package's main entry is ESM that Node cannot resolve; the UMD bundle works without a DOM for parsing.
const AC = require("adaptivecards/dist/adaptivecards.js");
const ACData = require("adaptivecards-templating");
// The Markdown processor the Adaptive Cards JS SDK documents for hosts (AdaptiveCard.onProcessMarkdown), with its
// defaults, as a host would plug it in: TextBlock markdown as a web client shows it.
const markdownit = require("markdown-it");
const md = markdownit();

// Parse events (unknown types, bad values, features newer than 1.5) are errors; the renderer's own
// validation pass (too many actions, duplicate ids, inputs without labels) gives warnings.
function parse(card) {
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const describe = (e) => `${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`;
  const errors = [];
  for (let i = 0; i < ctx.eventCount; i++) errors.push(describe(ctx.getEventAt(i)));
  const warnings = parsed.validateProperties().validationEvents.map(describe);
  return { errors, warnings };
}

function expand(template, data) {
  return { card: new ACData.Template(template).expand({ $root: data }) };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    const req = JSON.parse(line);
    if (req.op === "parse") answer = parse(req.card);
    else if (req.op === "expand") answer = expand(req.template, req.data);
    else if (req.op === "markdown") answer = { html: md.render(req.text) };
    else answer = { error: `unknown op ${req.op}` };
  } catch (e) {
    answer = { error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
