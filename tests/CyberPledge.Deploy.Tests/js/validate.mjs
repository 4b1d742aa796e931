// Validates Kubernetes objects offline against the Kubernetes API schemas of kubernetes-models 5.1.0.
// Usage: node validate.mjs FILE.yaml   (one or more YAML documents, as `kubectl kustomize` prints them)
// Prints one JSON line: {"validated": N, "errors": ["Kind/name: problem", ...]}; exit code 1 when any object fails
// (an unknown apiVersion or kind fails too: nothing passes unchecked), 2 when the file cannot be read.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

// The module of an apiVersion: "apps/v1" -> kubernetes-models/apps/v1, core "v1" -> kubernetes-models/v1.
async function modelClass(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return typeof module[kind] === 'function' ? module[kind] : null;
  } catch {
    return null;
  }
}

async function main() {
  let text;
  try {
    text = readFileSync(process.argv[2], 'utf8');
  } catch (error) {
    console.log(JSON.stringify({ validated: 0, errors: [`cannot read ${process.argv[2]}: ${error.message}`] }));
    return 2;
  }
  const errors = [];
  let validated = 0;
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      errors.push(`YAML: ${document.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }
    const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
    const Model = await modelClass(object.apiVersion, object.kind);
    if (Model === null) {
      errors.push(`${name}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      validated++;
    } catch (error) {
      errors.push(`${name}: ${error.message}`);
    }
  }
  console.log(JSON.stringify({ validated, errors }));
  return errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
