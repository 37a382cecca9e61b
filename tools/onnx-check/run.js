// Runs ONNX models with ONNX Runtime and prints their outputs as JSON.
//   node run.js <model.onnx> <inputs.json>
//   node run.js --batch <jobs.json>    jobs.json: [{ "name": .., "model": <model.onnx>, "inputs": <inputs.json> }, ...]
//                                      stdout: { "<name>": <outputs as below>, ... } (one process for many models)
// inputs.json: { "<input name>": { "type": "int64" | "float32", "dims": [..], "data": [..] }, ... }
//              (entries the model does not take are ignored; a missing one is an error)
// stdout:      { "<output name>": { "dims": [..], "data": [..] }, ... }
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

function toTensor(name, spec) {
  switch (spec.type) {
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(spec.data, v => BigInt(v)), spec.dims);
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(spec.data), spec.dims);
    default:
      throw new Error(`Input ${name}: unsupported type '${spec.type}' (expected int64 or float32).`);
  }
}

async function run(modelPath, inputsPath) {
  const specs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const session = await ort.InferenceSession.create(modelPath);
  const feeds = {};
  for (const name of session.inputNames) {
    if (!(name in specs)) {
      throw new Error(`The model takes input '${name}', which ${inputsPath} does not have.`);
    }
    feeds[name] = toTensor(name, specs[name]);
  }
  const results = await session.run(feeds);
  const outputs = {};
  for (const name of session.outputNames) {
    const tensor = results[name];
    outputs[name] = { dims: tensor.dims, data: Array.from(tensor.data, Number) };
  }
  return outputs;
}

async function main() {
  const [first, second] = process.argv.slice(2);
  if (!first || !second) {
    throw new Error('Usage: node run.js <model.onnx> <inputs.json> | node run.js --batch <jobs.json>');
  }
  if (first !== '--batch') {
    process.stdout.write(JSON.stringify(await run(first, second)));
    return;
  }
  const results = {};
  for (const job of JSON.parse(fs.readFileSync(second, 'utf8'))) {
    try {
      results[job.name] = await run(job.model, job.inputs);
    } catch (error) {
      throw new Error(`${job.name} (${job.model}): ${error.message}`);
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch(error => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
