import { createCore } from '../core/create-core';
import { runShell } from './shell-app';

// The Electron app's entry (package.json "main": dist/src-main/shell/main.js). All the work is
// in runShell, which tests drive with a fake electron and a fake core.
runShell({ createCore, shellDir: __dirname, env: process.env });
