// Preloaded into the benchmarked server with NODE_OPTIONS=--import (which refuses --cpu-prof):
// profiles the process from start to exit and writes a .cpuprofile into CPU_PROFILE_DIR.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  // An in-process inspector session answers synchronously, so this runs inside the exit handler.
  session.post('Profiler.stop', (err, result) => {
    if (!err)
      fs.writeFileSync(
        path.join(process.env.CPU_PROFILE_DIR, `${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
  });
});
