// The wsisc extension: the .wsis language (package.json, the grammar in syntaxes/) and a
// client for the wsisc language server, started as `wsisc lsp` over stdio.
//
// Settings: wsisc.path (the executable, default `wsisc`), wsisc.trace.server (read by
// vscode-languageclient itself, from the client's id `wsisc`). Commands that the
// server announces (executeCommandProvider) are registered by vscode-languageclient.
'use strict';
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

// `wsisc`, `/usr/local/bin/wsisc`, or `.venv/bin/wsisc` relative to the first workspace folder.
function executable() {
  const configured = vscode.workspace.getConfiguration('wsisc').get('path') || 'wsisc';
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (path.isAbsolute(configured) || !/[\\/]/.test(configured) || !folder) return configured;
  return path.join(folder.uri.fsPath, configured);
}

async function start() {
  const command = executable();
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient('wsisc', 'wsisc', { run, debug: run }, {
    documentSelector: [{ language: 'wsis' }],
  });
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    vscode.window.showErrorMessage(
      `wsisc: could not start the language server \`${command} lsp\` (${error.message || error}). ` +
      "Install it with pip install 'wsisc[lsp]', or set wsisc.path to the wsisc executable.");
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration('wsisc.path')) {
      await stop();
      await start();
    }
  }));
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
