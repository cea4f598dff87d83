// The official OpenAI Node library (npm `openai`) against a real nanolsp-serve process: the models list, completions
// with `suffix` (fill-in-the-middle), streaming, stop strings, and the errors the library maps to its own classes.
// Ends with "serve-node: N passed, M failed" (scripts/test.sh's run_suite convention).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serveDll = process.env.NANOLSP_SERVE || path.join(root, 'src/NanoLsp.Serve/bin/Release/net10.0/NanoLsp.Serve.dll');

/** Starts nanolsp-serve on a free loopback port; resolves with its base URL and a stop function. */
function startServe(env = {}) {
  const child = spawn('dotnet', [serveDll, '--http', '127.0.0.1:0'], {
    env: { ...process.env, NANOLSP_SERVE_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nanolsp-serve printed no address in 60 s:\n${stderr}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`nanolsp-serve exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({ baseURL: `${match[1].replace(/\/$/, '')}/v1`, stderr: () => stderr, stop: () => child.kill() });
    });
  });
}

const checks = [];
const check = (name, body) => checks.push({ name, body });

const prefix = 'public static int Add(int a, int b)\n{\n    return a';
const suffix = ';\n}\n';
const request = (extra = {}) => ({ model: 'nano-csharp', prompt: prefix, suffix, max_tokens: 10, temperature: 0, ...extra });

check('models.list names the served model', async ({ client }) => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.deepEqual(ids, ['nano-csharp']);
  const model = await client.models.retrieve('nano-csharp');
  assert.equal(model.owned_by, 'nanolsp');
});

check('completions.create with suffix fills the middle, the same way twice at temperature 0', async ({ client }) => {
  const first = await client.completions.create(request());
  const second = await client.completions.create(request());
  assert.equal(first.object, 'text_completion');
  assert.equal(first.choices.length, 1);
  assert.equal(typeof first.choices[0].text, 'string');
  assert.ok(['stop', 'length'].includes(first.choices[0].finish_reason));
  assert.equal(first.usage.total_tokens, first.usage.prompt_tokens + first.usage.completion_tokens);
  assert.equal(second.choices[0].text, first.choices[0].text);
});

check('the suffix changes the answer', async ({ client }) => {
  const a = await client.completions.create(request({ prompt: 'var total = ', suffix: ';\nConsole.WriteLine(total);\n', max_tokens: 6 }));
  const b = await client.completions.create(request({ prompt: 'var total = ', suffix: '.ToString("0.00");\n', max_tokens: 6 }));
  assert.notEqual(a.choices[0].text, b.choices[0].text);
});

check('a stream joins to the text of one answer and ends with its finish_reason', async ({ client }) => {
  const whole = await client.completions.create(request({ max_tokens: 12 }));
  const stream = await client.completions.create(request({ max_tokens: 12, stream: true }));
  let text = '';
  let chunks = 0;
  let finish = null;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0].text;
    finish = chunk.choices[0].finish_reason ?? finish;
  }
  assert.ok(chunks >= 2, `expected several chunks, got ${chunks}`);
  assert.equal(text, whole.choices[0].text);
  assert.equal(finish, whole.choices[0].finish_reason);
});

check('a stop string ends the completion before it', async ({ client }) => {
  const prompt = 'int[] primes = { 2, 3, 5, 7, 11, 13, ';
  const free = (await client.completions.create(request({ prompt, suffix: undefined, max_tokens: 16 }))).choices[0].text;
  const at = free.indexOf(',');
  assert.ok(at > 0, `no comma to stop at in '${free}'`);
  const stopped = await client.completions.create(request({ prompt, suffix: undefined, max_tokens: 16, stop: [','] }));
  assert.equal(stopped.choices[0].text, free.slice(0, at));
  assert.equal(stopped.choices[0].finish_reason, 'stop');
});

check('an unknown model is a NotFoundError (404)', async ({ client }) => {
  await assert.rejects(client.completions.create(request({ model: 'gpt-3.5-turbo-instruct' })),
    (e) => e instanceof OpenAI.NotFoundError && e.status === 404);
});

check('a bad request is a BadRequestError (400)', async ({ client }) => {
  await assert.rejects(client.completions.create(request({ max_tokens: 100000 })),
    (e) => e instanceof OpenAI.BadRequestError && e.status === 400);
});

check('with a key set, a wrong key is an AuthenticationError (401) and the right one is served', async () => {
  const key = 'sk-node-test-81d2';
  const keyed = await startServe({ NANOLSP_SERVE_API_KEY: key });
  try {
    const wrong = new OpenAI({ baseURL: keyed.baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (e) => e instanceof OpenAI.AuthenticationError && e.status === 401);
    const right = new OpenAI({ baseURL: keyed.baseURL, apiKey: key, maxRetries: 0 });
    const answer = await right.completions.create(request({ max_tokens: 3 }));
    assert.equal(answer.choices.length, 1);
    assert.ok(!keyed.stderr().includes(key), 'the key appeared in the server log');
  } finally {
    keyed.stop();
  }
});

let passed = 0;
let failed = 0;
let serve;
try {
  serve = await startServe();
  const client = new OpenAI({ baseURL: serve.baseURL, apiKey: 'no-key', maxRetries: 0, timeout: 120_000 });
  for (const { name, body } of checks) {
    try {
      await body({ client });
      passed++;
      console.log(`ok   ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack ?? e}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL start: ${e.stack ?? e}`);
} finally {
  serve?.stop();
}
console.log(`serve-node: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
