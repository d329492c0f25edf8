// Compiles every schema the project ships with Ajv (draft 2020-12) in strict mode, as a standard
// form library (RJSF, JSON Forms) or any integrator's validator would, and checks that the TikTok
// Shop config_schema renders as the seed's configuration dialog.
//   node check_schemas.mjs <source dir> [<seed dir>]
// Strict mode refuses unknown keywords and formats. The project's vendor keywords are declared
// here, and only these (plugin_api/schemas/README.md documents them): x-secret, x-aliases, x-ui.
// format "password" is declared as an annotation (a masked input; never validated).
import fs from "node:fs";
import path from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const [sourceDir, seedDir] = process.argv.slice(2);
if (!sourceDir) {
  console.error("usage: node check_schemas.mjs <source dir> [<seed dir>]");
  process.exit(2);
}

const VENDOR_KEYWORDS = ["x-secret", "x-aliases", "x-ui"];
let failures = 0;
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) {
    failures += 1;
    console.error(`FAIL: ${what}`);
  }
}

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("password", true);
  ajv.addVocabulary(VENDOR_KEYWORDS);
  return ajv;
}

function compile(schema, what) {
  try {
    return strictAjv().compile(schema);
  } catch (e) {
    check(false, `${what} does not compile in strict mode: ${e.message}`);
    return null;
  }
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const errorsOf = (validate) => (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");

// 1. Every schema under plugin_api/schemas.
const schemaDir = path.join(sourceDir, "plugin_api", "schemas");
const schemaFiles = fs.readdirSync(schemaDir).filter((f) => f.endsWith(".json")).sort();
check(schemaFiles.length > 0, `no schema in ${schemaDir}`);
for (const file of schemaFiles) {
  check(compile(readJson(path.join(schemaDir, file)), file) !== null, `${file} compiles`);
}
console.log(`compiled ${schemaFiles.length} schemas from plugin_api/schemas in strict mode`);

// 2. Every manifest: valid against manifest.schema.json, and its config_schema compiles.
const manifestSchema = compile(readJson(path.join(schemaDir, "manifest.schema.json")), "manifest.schema.json");
const manifestDir = path.join(sourceDir, "manifests");
const configValidators = {};
for (const file of fs.readdirSync(manifestDir).filter((f) => f.endsWith(".json")).sort()) {
  const manifest = readJson(path.join(manifestDir, file));
  if (manifestSchema) check(manifestSchema(manifest), `${file} against manifest.schema.json: ${errorsOf(manifestSchema)}`);
  configValidators[manifest.id] = compile(manifest.config_schema, `${file} config_schema`);
  console.log(`${file}: config_schema compiled in strict mode`);
}

// 3. The TikTok Shop dialog: labels, descriptions, groups, the secret field.
const tiktok = readJson(path.join(manifestDir, "tiktok_shop.json"));
const schema = tiktok.config_schema;
const props = schema.properties;
for (const field of ["region", "sync_interval"]) {
  const alternatives = props[field].oneOf ?? [];
  check(alternatives.length > 0, `${field} lists its values as oneOf of const/title`);
  for (const alt of alternatives) check(typeof alt.const === "string" && typeof alt.title === "string" && alt.title.length > 0,
                                        `${field} value ${JSON.stringify(alt)} has a const and a human title`);
}
check(props.region.oneOf.some((a) => a.const === "GB" && a.title === "United Kingdom (GB)"), "GB reads United Kingdom (GB)");
check(props.sync_interval.oneOf.some((a) => a.const === "15m" && a.title === "Every 15 minutes (recommended)"),
      "15m reads Every 15 minutes (recommended)");
for (const [id, feature] of Object.entries(props.features.properties)) {
  check(typeof feature.description === "string" && feature.description.length > 10, `feature ${id} has a description`);
  const declared = tiktok.features.find((f) => f.id === id);
  check(declared && declared.name === feature.title && declared.default === feature.default,
        `feature ${id}: the config_schema's title and default equal the manifest's feature`);
}
check(props.app_secret.writeOnly === true && props.app_secret.format === "password" && props.app_secret["x-secret"] === true,
      "app_secret is writeOnly, format password and x-secret");

const groups = schema["x-ui"]?.groups ?? [];
check(JSON.stringify(groups.map((g) => g.title)) ===
      JSON.stringify(["Authentication", "Region", "Features", "Webhook & Sync", "Advanced"]),
      `x-ui groups are Authentication, Region, Features, Webhook & Sync, Advanced (got ${groups.map((g) => g.title)})`);
const grouped = groups.flatMap((g) => g.fields);
check(JSON.stringify([...grouped].sort()) === JSON.stringify(Object.keys(props).sort()),
      "every property is in exactly one x-ui group and every grouped field exists");
check(new Set(grouped).size === grouped.length, "no field is in two groups");
check(JSON.stringify(grouped) === JSON.stringify(Object.keys(props)), "properties are listed in the groups' order");

// 4. The seed's dialog with its defaults: what a form submits before the operator types anything
// but the credentials. It must validate; a wrong region must be refused naming the field.
const validate = configValidators.tiktok_shop;
if (validate) {
  const features = Object.fromEntries(Object.entries(props.features.properties).map(([id, f]) => [id, f.default]));
  const seedDefault = { app_key: "demo_app_key", app_secret: "demo_app_secret", region: "US", features,
                        sync_interval: props.sync_interval.default };
  check(validate(seedDefault), `the seed-default config validates: ${errorsOf(validate)}`);
  check(validate({ ...seedDefault, region: "UK" }), "the alias UK validates");
  check(!validate({ ...seedDefault, region: "XX" }) && errorsOf(validate).includes("/region"), "region XX is refused at /region");
  check(!validate({ ...seedDefault, sync_interval: "10m" }) && errorsOf(validate).includes("/sync_interval"),
        "sync_interval 10m is refused at /sync_interval");
  check(!validate({ ...seedDefault, features: { ...features, video: true } }) && errorsOf(validate).includes("/features"),
        "an unknown feature is refused at /features");

  // The seed itself (../shared/seed, when present): its recommended features object matches the defaults.
  if (seedDir && fs.existsSync(seedDir)) {
    for (const file of fs.readdirSync(seedDir)) {
      const text = fs.readFileSync(path.join(seedDir, file), "utf8");
      const match = text.match(/"features":\s*(\{[^}]*\})/);
      if (!match) continue;
      const seedFeatures = JSON.parse(match[1]);
      for (const [id, on] of Object.entries(seedFeatures))
        check(props.features.properties[id]?.default === on, `seed feature ${id} defaults to ${on}`);
      check(validate({ ...seedDefault, features: seedFeatures }), `the seed's features object validates: ${errorsOf(validate)}`);
      console.log(`seed ${file}: ${Object.keys(seedFeatures).length} feature defaults agree with the schema`);
    }
  }
}

console.log(`${checks} checks, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
