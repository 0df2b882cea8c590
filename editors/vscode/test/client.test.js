// The extension's client, without VS Code: extension.js run against a recording
// stand-in for the `vscode` module and for vscode-languageclient (which command it
// starts, for which documents, when it restarts), and the protocol library the .vsix
// ships (vscode-languageserver-protocol, under vscode-languageclient) talking to the
// real `wsisc lsp` on the zero draft.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { spawn, spawnSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'wsis20-zero-draft.wsis');

// extension.js with `vscode` and `vscode-languageclient/node` replaced by recorders.
function loadExtension(settings, workspaceFolder) {
  const calls = { clients: [], errors: [], configListeners: [] };
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      workspaceFolders: workspaceFolder ? [{ uri: { fsPath: workspaceFolder } }] : undefined,
      onDidChangeConfiguration: (listener) => { calls.configListeners.push(listener); return { dispose() {} }; },
    },
    window: { showErrorMessage: (message) => calls.errors.push(message) },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
      calls.clients.push(this);
    }
    async start() {
      if (settings.fail) throw new Error('spawn wsisc ENOENT');
      this.started = true;
    }
    async stop() { this.stopped = true; }
  }
  const fakes = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0 } } };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request in fakes ? fakes[request] : load.call(this, request, ...rest);
  };
  const file = require.resolve('../extension.js');
  try {
    delete require.cache[file];
    return { extension: require(file), calls };
  } finally {
    Module._load = load;
  }
}

test('the client starts `wsisc lsp` for wsis documents, from wsisc.path', async () => {
  const { extension, calls } = loadExtension({ 'wsisc.path': undefined }, '/drafts');
  await extension.activate({ subscriptions: [] });
  assert.equal(calls.clients.length, 1);
  const [client] = calls.clients;
  assert.equal(client.id, 'wsisc');  // vscode-languageclient reads wsisc.trace.server through this id
  assert.deepEqual(client.serverOptions.run, { command: 'wsisc', args: ['lsp'], transport: 0 });
  assert.deepEqual(client.clientOptions.documentSelector, [{ language: 'wsis' }]);
  assert.ok(client.started);
});

test('wsisc.path: a name, an absolute path, or a path relative to the workspace folder', async () => {
  for (const [configured, expected] of [['wsisc', 'wsisc'], ['/opt/wsisc/bin/wsisc', '/opt/wsisc/bin/wsisc'],
                                         ['.venv/bin/wsisc', path.join('/drafts', '.venv/bin/wsisc')]]) {
    const { extension, calls } = loadExtension({ 'wsisc.path': configured }, '/drafts');
    await extension.activate({ subscriptions: [] });
    assert.equal(calls.clients[0].serverOptions.run.command, expected);
  }
});

test('changing wsisc.path restarts the server; other settings do not', async () => {
  const settings = { 'wsisc.path': 'wsisc' };
  const { extension, calls } = loadExtension(settings, '/drafts');
  await extension.activate({ subscriptions: [] });
  const [listener] = calls.configListeners;
  await listener({ affectsConfiguration: (section) => section === 'editor.fontSize' });
  assert.equal(calls.clients.length, 1);
  settings['wsisc.path'] = '/usr/local/bin/wsisc';
  await listener({ affectsConfiguration: (section) => section === 'wsisc.path' });
  assert.equal(calls.clients.length, 2);
  assert.ok(calls.clients[0].stopped);
  assert.equal(calls.clients[1].serverOptions.run.command, '/usr/local/bin/wsisc');
  await extension.deactivate();
  assert.ok(calls.clients[1].stopped);
});

test('a server that cannot start is reported with the command and the way to install it', async () => {
  const { extension, calls } = loadExtension({ 'wsisc.path': 'wsisc', fail: true }, undefined);
  await extension.activate({ subscriptions: [] });
  assert.equal(calls.errors.length, 1);
  assert.match(calls.errors[0], /`wsisc lsp`.*ENOENT.*pip install 'wsisc\[lsp\]'.*wsisc\.path/);
});

test('the packaged protocol library and the real wsisc lsp: the zero draft\'s diagnostics', async () => {
  const rpc = require('vscode-languageserver-protocol/node');
  const wsisc = process.env.WSISC_PATH
    || [path.join(ROOT, '.venv', 'bin', 'wsisc')].find((p) => fs.existsSync(p)) || 'wsisc';
  const server = spawn(wsisc, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout),
                                                  new rpc.StreamMessageWriter(server.stdin));
  try {
    const uri = pathToFileURL(EXAMPLE).href;
    const published = new Promise((resolve) => {
      connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === uri) resolve(params);
      });
    });
    connection.listen();
    const init = await connection.sendRequest(rpc.InitializeRequest.type,
      { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {} });
    assert.equal(init.serverInfo.name, 'wsisc');
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'wsis', version: 1, text: fs.readFileSync(EXAMPLE, 'utf8') },
    });
    const { diagnostics } = await published;
    // The same diagnostics as `wsisc check` (7 warnings today), at the same places (LSP counts from 0).
    const checked = JSON.parse(spawnSync(wsisc, ['check', '--format', 'json', EXAMPLE], { encoding: 'utf8' }).stdout)
      .files[0].diagnostics;
    assert.ok(checked.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line + 1, d.severity === 1 ? 'error' : 'warning']),
                     checked.map((d) => [d.code, d.line, d.severity]));
    assert.ok(diagnostics.every((d) => d.source === 'wsisc'));
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
  } finally {
    connection.dispose();
    server.kill();
  }
});
