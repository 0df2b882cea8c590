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
  const calls = { clients: [], errors: [], configListeners: [], commands: {}, selectionListeners: [], opened: [] };
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      workspaceFolders: workspaceFolder ? [{ uri: { fsPath: workspaceFolder } }] : undefined,
      onDidChangeConfiguration: (listener) => { calls.configListeners.push(listener); return { dispose() {} }; },
    },
    window: {
      showErrorMessage: (message) => calls.errors.push(message),
      activeTextEditor: undefined,
      onDidChangeTextEditorSelection: (listener) => { calls.selectionListeners.push(listener); return { dispose() {} }; },
    },
    commands: {
      registerCommand: (id, callback) => { calls.commands[id] = callback; return { dispose() {} }; },
    },
    env: { openExternal: async (uri) => { calls.opened.push(uri); return true; } },
    Uri: { parse: (text) => ({ parsed: text }) },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false,
                            requests: [], notifications: [] });
      calls.clients.push(this);
    }
    async start() {
      if (settings.fail) throw new Error('spawn wsisc ENOENT');
      this.started = true;
    }
    async stop() { this.stopped = true; }
    async sendRequest(method, params) {
      this.requests.push([method, params]);
      return 'http://127.0.0.1:43117/';
    }
    sendNotification(method, params) { this.notifications.push([method, params]); }
  }
  const fakes = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0 } } };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request in fakes ? fakes[request] : load.call(this, request, ...rest);
  };
  const file = require.resolve('../extension.js');
  try {
    delete require.cache[file];
    return { extension: require(file), calls, vscode };
  } finally {
    Module._load = load;
  }
}

// A text editor on a document of `languageId`, as VS Code's API gives it.
function editorOn(file, languageId) {
  return { document: { languageId, uri: { toString: () => pathToFileURL(file).href } } };
}

const MANIFEST = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));

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

test('package.json contributes "wsisc: Open live preview" to the palette and the title bar of .wsis editors', () => {
  const { commands, menus } = MANIFEST.contributes;
  assert.deepEqual(commands.map((c) => [c.command, `${c.category}: ${c.title}`]),
                   [['wsisc.openPreview', 'wsisc: Open live preview']]);
  assert.deepEqual(menus.commandPalette, [{ command: 'wsisc.openPreview', when: 'editorLangId == wsis' }]);
  assert.deepEqual(menus['editor/title'],
                   [{ command: 'wsisc.openPreview', when: 'resourceLangId == wsis', group: 'navigation' }]);
});

test('Open live preview asks the server for wsisc.preview of the active draft and opens the address', async () => {
  const { extension, calls, vscode } = loadExtension({ 'wsisc.path': 'wsisc' }, '/drafts');
  await extension.activate({ subscriptions: [] });
  // the command the manifest contributes is the one registered, and it is not the server's
  assert.deepEqual(Object.keys(calls.commands), MANIFEST.contributes.commands.map((c) => c.command));
  vscode.window.activeTextEditor = editorOn('/drafts/zero draft.wsis', 'wsis');
  const url = await calls.commands['wsisc.openPreview']();
  const [client] = calls.clients;
  assert.deepEqual(client.requests, [['workspace/executeCommand',
    { command: 'wsisc.preview', arguments: ['file:///drafts/zero%20draft.wsis'] }]]);
  assert.equal(url, 'http://127.0.0.1:43117/');
  assert.deepEqual(calls.opened, [{ parsed: 'http://127.0.0.1:43117/' }]);
  assert.deepEqual(calls.errors, []);
});

test('Open live preview without a draft, or without a server, says why and asks nothing', async () => {
  const { extension, calls, vscode } = loadExtension({ 'wsisc.path': 'wsisc' }, '/drafts');
  await extension.activate({ subscriptions: [] });
  vscode.window.activeTextEditor = editorOn('/drafts/notes.md', 'markdown');
  assert.equal(await calls.commands['wsisc.openPreview'](), undefined);
  assert.match(calls.errors[0], /open one first/);
  const failing = loadExtension({ 'wsisc.path': 'wsisc', fail: true }, '/drafts');
  await failing.extension.activate({ subscriptions: [] });
  failing.vscode.window.activeTextEditor = editorOn('/drafts/a.wsis', 'wsis');
  assert.equal(await failing.calls.commands['wsisc.openPreview'](), undefined);
  assert.match(failing.calls.errors[1], /not running/);
  assert.deepEqual([...calls.clients, ...failing.calls.clients].flatMap((c) => c.requests), []);
  assert.deepEqual([...calls.opened, ...failing.calls.opened], []);
});

test('selection changes in a draft send wsisc/cursor, at most every 100 ms, the last one kept', async () => {
  const { extension, calls } = loadExtension({ 'wsisc.path': 'wsisc' }, '/drafts');
  await extension.activate({ subscriptions: [] });
  const [listener] = calls.selectionListeners;
  const draft = editorOn('/drafts/a.wsis', 'wsis');
  const select = (textEditor, line, character) => listener({
    textEditor, selections: [{ active: { line, character }, anchor: { line: 0, character: 0 } }] });
  select(draft, 3, 1);                               // sent at once
  select(editorOn('/drafts/notes.md', 'markdown'), 9, 9); // not a draft: never sent
  select(draft, 4, 2);                               // dropped: within 100 ms, not the last
  select(draft, 5, 7);                               // sent when the 100 ms are over
  const [client] = calls.clients;
  const uri = 'file:///drafts/a.wsis';
  assert.deepEqual(client.notifications, [['wsisc/cursor', { uri, position: { line: 3, character: 1 } }]]);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(client.notifications.length, 1);      // not before the 100 ms
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(client.notifications, [['wsisc/cursor', { uri, position: { line: 3, character: 1 } }],
                                          ['wsisc/cursor', { uri, position: { line: 5, character: 7 } }]]);
  await new Promise((resolve) => setTimeout(resolve, 150));
  select(draft, 6, 0);                               // a while later: at once again
  assert.deepEqual(client.notifications[2], ['wsisc/cursor', { uri, position: { line: 6, character: 0 } }]);
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
    // The server's command is wsisc.preview, which vscode-languageclient registers itself:
    // the extension's own command must have another id.
    const announced = init.capabilities.executeCommandProvider.commands;
    assert.ok(announced.includes('wsisc.preview'));
    for (const { command } of MANIFEST.contributes.commands) assert.ok(!announced.includes(command));
    // What Open live preview sends: the address it returns serves the draft's page.
    const url = await connection.sendRequest(rpc.ExecuteCommandRequest.type,
      { command: 'wsisc.preview', arguments: [uri] });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    await connection.sendNotification('wsisc/cursor', { uri, position: { line: 40, character: 0 } });
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
  } finally {
    connection.dispose();
    server.kill();
  }
});
