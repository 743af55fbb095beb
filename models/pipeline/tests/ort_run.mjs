// Runs an ONNX model with onnxruntime-node: reads {"feeds": {name: {"dims": [...], "data": [...]}}} on stdin,
// writes {name: {"dims": [...], "data": [...]}} for every output on stdout. Used by the export round-trip test.
import { createRequire } from 'node:module';
const require = createRequire(process.env.MIXGUARD_ORT_NODE + '/');
const ort = require('onnxruntime-node');
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const request = JSON.parse(Buffer.concat(chunks));
const session = await ort.InferenceSession.create(process.argv[2]);
const feeds = {};
for (const [name, t] of Object.entries(request.feeds)) feeds[name] = new ort.Tensor('float32', Float32Array.from(t.data), t.dims);
const out = await session.run(feeds);
const result = {};
for (const [name, t] of Object.entries(out)) result[name] = { dims: t.dims, data: Array.from(t.data) };
process.stdout.write(JSON.stringify(result));
