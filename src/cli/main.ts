#!/usr/bin/env node
import 'reflect-metadata';
import { run } from './program';

// exitCode, not exit(): a large export piped to another program must be flushed before the end.
// `serve` keeps the process alive through its server.
void run(process.argv).then((code) => {
  process.exitCode = code;
});
