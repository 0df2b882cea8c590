// Tokenize .wsis text with the extension's grammar, as VS Code does: vscode-textmate
// with the Oniguruma engine VS Code uses, and YAML's grammar (tm-grammars' copy of
// VS Code's) for the front matter and annex blocks that the grammar embeds.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'wsis.tmLanguage.json');
const YAML = require.resolve('tm-grammars/grammars/yaml.json');

async function registry(grammarPath = GRAMMAR) {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = { 'text.wsis': grammarPath, 'source.yaml': YAML }[scopeName];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
}

async function loadGrammar(grammarPath = GRAMMAR) {
  const grammar = await (await registry(grammarPath)).loadGrammar('text.wsis');
  if (!grammar) throw new Error(`no grammar in ${grammarPath}`);
  return grammar;
}

// Every line's tokens: {line, start, end, text, scopes}.
function tokenize(grammar, text) {
  const out = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, number) => {
    const result = grammar.tokenizeLine(line, stack, 10000);
    if (result.stoppedEarly) throw new Error(`line ${number + 1}: tokenizing stopped early`);
    for (const t of result.tokens) {
      out.push({ line: number, start: t.startIndex, end: Math.min(t.endIndex, line.length),
                 text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return out;
}

module.exports = { GRAMMAR, loadGrammar, tokenize };

if (require.main === module) {
  // node test/tokenize.js FILE: every token with its scopes, for looking at.
  (async () => {
    const grammar = await loadGrammar();
    for (const t of tokenize(grammar, fs.readFileSync(process.argv[2], 'utf8'))) {
      if (t.text.trim()) console.log(`${t.line + 1}:${t.start} ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`);
    }
  })().catch((e) => { console.error(e); process.exit(1); });
}
