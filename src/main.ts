/* `node dist/main.js` = `registre serve`, for process managers that expect a Nest main file. */
import 'reflect-metadata';
import { run } from './cli/program';

void run([process.argv[0], process.argv[1], 'serve']).then((code) => {
  process.exitCode = code;
});
