// Runs bcoin's bin/node inside this Node.js process and exits as soon as the process that started it (the test
// JVM) is gone, so a test JVM that dies (even by kill -9) leaves no bcoin behind, reparented to init.
// Usage: node bcoin-watchdog.js PARENT_PID PATH_TO_BCOIN_BIN_NODE [bcoin options...]
'use strict';

const parent = Number(process.argv[2]);
const bin = process.argv[3];
if (!Number.isInteger(parent) || parent <= 1 || !bin) {
  console.error('usage: node bcoin-watchdog.js PARENT_PID PATH_TO_BCOIN_BIN_NODE [options...]');
  process.exit(2);
}
// Once the parent has died this process is reparented, so its parent pid changes (pid reuse cannot fool this).
setInterval(() => {
  if (process.ppid !== parent) {
    console.error(`bcoin-watchdog: parent ${parent} is gone, stopping bcoin`);
    process.exit(1);
  }
}, 500).unref();
// bcoin reads its options from process.argv: make it look as if bin/node had been run directly.
process.argv.splice(1, 3, bin);
require(bin);
