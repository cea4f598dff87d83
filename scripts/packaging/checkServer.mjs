// Does a package's server folder hold what its platform needs and nothing of another platform's?
// The folder is given as a tree: relative path ('/'-separated) -> { size, head } (head: the first
// headBytes bytes), so the same check runs on a publish folder, a .vsix and a .nupkg.
import { classifyBinary, headBytes, runsOn } from './binaryKind.mjs';
import { onnxRuntimeLibrary, platformOf } from './platforms.mjs';

const modelDir = 'models/nano-csharp';
const required = ['NanoLsp.dll', 'NanoLsp.Model.dll', 'NanoLsp.deps.json', 'NanoLsp.runtimeconfig.json', 'Microsoft.ML.OnnxRuntime.dll'];

/**
 * The problems of the server tree for `rid`, as sentences ([] when it is fine). `natives`, when
 * given, lists the files of ONNX Runtime's runtimes/<rid>/native that must all be there.
 */
export function checkServerTree(rid, tree, natives) {
  const platform = platformOf(rid);
  const problems = [];
  for (const file of required) {
    if (!tree.has(file)) problems.push(`${file} is missing`);
  }
  problems.push(...checkModel(tree));

  const library = onnxRuntimeLibrary(platform.os);
  if (!tree.has(library)) problems.push(`ONNX Runtime's native library ${library} is missing`);
  for (const name of natives ?? []) {
    if (!tree.has(name)) problems.push(`${name} (from ONNX Runtime's runtimes/${rid}/native) is missing`);
  }

  for (const [file, entry] of tree) {
    if (file.startsWith('runtimes/')) {
      problems.push(`${file}: a runtimes/ folder holds other platforms' assets (a portable publish, not a ${rid} one)`);
      continue;
    }
    const kind = classifyBinary(entry.head);
    if (!runsOn(kind, platform)) {
      problems.push(`${file} is a native ${kind.os} ${kind.arch} binary, foreign to ${rid} (${platform.os} ${platform.arch})`);
    }
  }
  return problems;
}

/** The shipped model: its manifest and every file the manifest names, non-empty. */
function checkModel(tree) {
  const manifestPath = `${modelDir}/nano-model.json`;
  const manifest = tree.get(manifestPath);
  if (!manifest) return [`the model's manifest ${manifestPath} is missing`];
  if (manifest.size > headBytes) return [`${manifestPath} is larger than a manifest can be (${manifest.size} bytes)`];
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(manifest.head).toString('utf8'));
  } catch (error) {
    return [`${manifestPath} is not JSON: ${error.message}`];
  }
  const problems = [];
  // ort_model (the ORT-format conversion the engine runs from) is optional, but a named one must ship.
  if (parsed.ort_model !== undefined && !parsed.ort_model?.file) problems.push(`${manifestPath} names an ort_model without a file`);
  if (parsed.ort_model?.file) {
    const entry = tree.get(`${modelDir}/${parsed.ort_model.file}`);
    if (!entry) problems.push(`the model's ${modelDir}/${parsed.ort_model.file} is missing`);
    else if (entry.size === 0) problems.push(`the model's ${modelDir}/${parsed.ort_model.file} is empty`);
  }
  for (const name of [parsed.model_file, parsed.tokenizer?.vocab, parsed.tokenizer?.merges]) {
    if (!name) {
      problems.push(`${manifestPath} names no model file, vocabulary or merges`);
      continue;
    }
    const entry = tree.get(`${modelDir}/${name}`);
    if (!entry) problems.push(`the model's ${modelDir}/${name} is missing`);
    else if (entry.size === 0) problems.push(`the model's ${modelDir}/${name} is empty`);
  }
  return problems;
}
