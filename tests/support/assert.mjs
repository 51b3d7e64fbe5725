// node:assert/strict, counting the assertions each test file makes. The count is
// written to test-output/assert-counts/<file>.json when the process exits
// (node --test runs every test file in its own process).
import strict from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let count = 0;
const counted = (fn) => function countedAssert(...args) {
  count += 1;
  return fn.apply(this, args);
};

const assert = counted(strict);
for (const key of Object.keys(strict)) {
  assert[key] = typeof strict[key] === 'function' && key !== 'AssertionError' ? counted(strict[key]) : strict[key];
}
assert.strict = assert;
export default assert;
export const assertionCount = () => count;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.on('exit', () => {
  try {
    const file = path.basename(process.argv[1] ?? 'unknown');
    const dir = path.join(root, 'test-output', 'assert-counts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ file, assertions: count }) + '\n');
  } catch {
    // best effort only
  }
});
