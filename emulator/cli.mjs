#!/usr/bin/env node
// Starts the emulator and keeps it running until killed:
//   node emulator/cli.mjs [--port 8090] [--no-seed] [--log] [--clock-offset-sec N]
import { startEmulator } from './index.mjs';

function parseArgs(argv) {
  const options = { port: 0, seed: true, log: false, clockOffsetSec: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--port') options.port = Number(value());
    else if (arg === '--no-seed') options.seed = false;
    else if (arg === '--log') options.log = true;
    else if (arg === '--clock-offset-sec') options.clockOffsetSec = Number(value());
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node emulator/cli.mjs [--port N] [--no-seed] [--log] [--clock-offset-sec N]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('--port must be 0..65535');
  return options;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(2);
}
const emulator = await startEmulator(options);
const { root, limited } = emulator.clients;
process.stdout.write([
  `Taskcluster emulator listening: TASKCLUSTER_ROOT_URL=${emulator.rootUrl}`,
  '',
  'Demo credentials (valid until this process exits):',
  `  root:    TASKCLUSTER_CLIENT_ID=${root.clientId} TASKCLUSTER_ACCESS_TOKEN=${root.accessToken}`,
  `  limited: TASKCLUSTER_CLIENT_ID=${limited.clientId} TASKCLUSTER_ACCESS_TOKEN=${limited.accessToken}`,
  `           scopes: ${limited.scopes.join(' ')}`,
  emulator.state.demo.taskGroupId ? `Demo task group: ${emulator.rootUrl}/api/queue/v1/task-group/${emulator.state.demo.taskGroupId}/list` : '',
  '',
].join('\n'));

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
