// Preloaded into the benchmarked server with NODE_OPTIONS=--require (which refuses --cpu-prof):
// profiles the process from start to exit and writes a .cpuprofile into CPU_PROFILE_DIR.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  // An in-process inspector session answers synchronously, so this runs inside the exit handler.
  session.post('Profiler.stop', (err, result) => {
    if (!err) fs.writeFileSync(path.join(process.env.CPU_PROFILE_DIR, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
