// The wsisc extension: the .wsis language (package.json, the grammar in syntaxes/) and a
// client for the wsisc language server, started as `wsisc lsp` over stdio.
//
// Settings: wsisc.path (the executable, default `wsisc`), wsisc.trace.server (read by
// vscode-languageclient itself, from the client's id `wsisc`). Commands that the
// server announces (executeCommandProvider: `wsisc.preview`) are registered by
// vscode-languageclient under their own ids, so the extension's command has another:
// `wsisc.openPreview` asks the server for the live preview of the active draft
// (`wsisc.preview` with its URI) and opens the address it returns in the browser.
// Each change of selection in a draft tells the server where the cursor is
// (`wsisc/cursor`, at most every CURSOR_INTERVAL ms), and the page scrolls there.
'use strict';
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

const OPEN_PREVIEW = 'wsisc.openPreview';   // package.json contributes it
const SERVER_PREVIEW = 'wsisc.preview';     // the server's command
const CURSOR = 'wsisc/cursor';
const CURSOR_INTERVAL = 100;                // ms between two wsisc/cursor notifications, at least

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

function isDraft(document) {
  return document && document.languageId === 'wsis';
}

async function openPreview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDraft(editor.document)) {
    vscode.window.showErrorMessage('wsisc: the live preview is of a .wsis draft: open one first.');
    return undefined;
  }
  if (!client) {
    vscode.window.showErrorMessage('wsisc: the language server is not running, so there is no preview.');
    return undefined;
  }
  try {
    const url = await client.sendRequest('workspace/executeCommand',
      { command: SERVER_PREVIEW, arguments: [editor.document.uri.toString()] });
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  } catch (error) {
    vscode.window.showErrorMessage(`wsisc: the preview did not start (${error.message || error}).`);
    return undefined;
  }
}

// `send` at most once every `interval` ms: the first call at once, the last of a burst
// when the interval is over (so the page ends where the cursor stopped), the rest dropped.
function throttled(send, interval) {
  let last = -Infinity;
  let timer;
  let pending;
  return (value) => {
    pending = value;
    if (timer) return;
    const wait = last + interval - Date.now();
    const fire = () => {
      timer = undefined;
      last = Date.now();
      send(pending);
    };
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
}

const sendCursor = throttled((params) => {
  if (client) client.sendNotification(CURSOR, params);
}, CURSOR_INTERVAL);

function selectionChanged(event) {
  const document = event.textEditor.document;
  if (!isDraft(document) || !event.selections.length) return;
  const { line, character } = event.selections[0].active;
  sendCursor({ uri: document.uri.toString(), position: { line, character } });
}

async function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_PREVIEW, openPreview));
  context.subscriptions.push(vscode.window.onDidChangeTextEditorSelection(selectionChanged));
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
