const m = await import(process.argv[2]);
const tc = m.Queue ? m : m.default;
const c = process.cpuUsage(); const t = performance.now();
new tc.Queue({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'a', accessToken: 'b' } });
const wall = performance.now() - t; const cpu = process.cpuUsage(c);
console.log(process.argv[2], 'wall', wall.toFixed(2), 'cpu', ((cpu.user + cpu.system) / 1000).toFixed(2));
