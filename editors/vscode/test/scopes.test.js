// The grammar's scope test (npm test; make editor-grammar-test from the checkout).
//
// 1. Every file in examples/ and test/fixtures/every-construct.wsis is tokenized as
//    VS Code would (test/tokenize.js) and compared with what the compiler's own parser
//    sees in it (test/lark_tokens.py, run with the checkout's Python): every token
//    of every block must get its construct's scope (a marker its marker scope, `{++`
//    markup.inserted, ...), every character must stand in exactly the constructs
//    (italic, insertion, bracket, ...) that the parser puts it in, and every line of
//    the front matter and of annex blocks in their embedded YAML.
// 2. Exact snippets, with the scopes they must and must not get.
// 3. Grammars broken on purpose must fail (1): the comparison can fail.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { GRAMMAR, loadGrammar, tokenize } = require('./tokenize');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'every-construct.wsis');
const FILES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.wsis')).sort()
  .map((f) => path.join(ROOT, 'examples', f)).concat([FIXTURE]);

// The scope each of the parser's tokens must get (test/lark_tokens.py names the
// pseudo-tokens AUTHOR, LABEL, STATUS, ... that it cuts out of the parser's own).
const REQUIRED = {
  OP_MARKER: 'constant.numeric.marker.operative.wsis',
  PP_MARKER: 'constant.numeric.marker.preambular.wsis',
  AUTO_MARKER: (t) => (t.text.includes('+') ? 'constant.numeric.marker.auto.inserted.wsis'
                                            : 'constant.numeric.marker.auto.next.wsis'),
  SUB_MARKER: 'constant.numeric.marker.subparagraph.wsis',
  FIRST_SUB_MARKER: 'constant.numeric.marker.subparagraph.wsis',
  SUFFIX: 'constant.other.suffix.wsis',
  HEADING_MARK: 'punctuation.definition.heading.wsis',
  ITEM_NUMBER: 'constant.numeric.item.wsis',
  ATTRS: 'meta.attributes.wsis',
  LABEL: 'entity.name.tag.label.wsis',
  STATUS: 'constant.language.status.wsis',
  BAD_STATUS: 'invalid.illegal.attribute.wsis',
  PROPOSAL_NEW: 'markup.inserted.paragraph.wsis',
  PROPOSAL_DELETE: 'markup.deleted.paragraph.wsis',
  REF: 'meta.reference.wsis',
  AUTHOR: 'entity.name.type.author.wsis',
  ESCAPE: 'constant.character.escape.wsis',
  ALTERNATIVE: 'keyword.operator.alternative.wsis',
  CMT_OPEN: 'punctuation.definition.comment.begin.wsis',
  CMT_CLOSE: 'punctuation.definition.comment.end.wsis',
  HL_OPEN: 'punctuation.definition.highlight.begin.wsis',
  HL_CLOSE: 'punctuation.definition.highlight.end.wsis',
  FN_OPEN: 'punctuation.definition.footnote.begin.wsis',
  FN_CLOSE: 'punctuation.definition.footnote.end.wsis',
  INS_OPEN: 'punctuation.definition.insertion.begin.wsis',
  INS_CLOSE: 'punctuation.definition.insertion.end.wsis',
  DEL_OPEN: 'punctuation.definition.deletion.begin.wsis',
  DEL_CLOSE: 'punctuation.definition.deletion.end.wsis',
  SUBST_OPEN: 'punctuation.definition.substitution.begin.wsis',
  SUBST_ARROW: 'punctuation.separator.substitution.wsis',
  SUBST_CLOSE: 'punctuation.definition.substitution.end.wsis',
  LBRACK: 'keyword.operator.bracket.begin.wsis',
  RBRACK: 'keyword.operator.bracket.end.wsis',
  STAR: /^punctuation\.definition\.italic\.(begin|end)\.wsis$/,
  DSTAR: /^punctuation\.definition\.bold\.(begin|end)\.wsis$/,
  TSTAR: /^punctuation\.definition\.bold-italic\.(begin|end)\.wsis$/,
  DUNDER: /^punctuation\.definition\.underline\.(begin|end)\.wsis$/,
};

// The constructs that wrap words (grammar/wsis.lark's rules) and their scopes.
const CONSTRUCT_SCOPES = {
  italic: ['markup.italic.wsis'], bold: ['markup.bold.wsis'], underline: ['markup.underline.wsis'],
  bold_italic: ['markup.bold.wsis', 'markup.italic.wsis'],
  comment: ['comment.block.wsis'], highlight: ['markup.highlight.wsis'],
  insertion: ['markup.inserted.wsis'], deletion: ['markup.deleted.wsis'], substitution: ['markup.changed.wsis'],
  substitution_old: ['markup.deleted.wsis'], substitution_new: ['markup.inserted.wsis'],
  footnote: ['meta.footnote.wsis'], bracket: ['meta.bracket.wsis'], heading: ['heading'],
};
const CONSTRUCT = new Set(Object.values(CONSTRUCT_SCOPES).flat());
const constructsOf = (scopes) => [...new Set(scopes.map((s) => (/^markup\.heading\.\d\.wsis$/.test(s) ? 'heading' : s))
  .filter((s) => CONSTRUCT.has(s)))].sort();
// Plain words carry none of these.
const NOT_IN_TEXT = /^(punctuation\.definition|punctuation\.separator|keyword\.operator|constant\.numeric|constant\.other\.suffix|constant\.character\.escape|constant\.language\.status|invalid|entity\.name\.(?!section)|meta\.attributes|meta\.reference|variable\.)/;

// What the compiler's parser sees in these files (test/lark_tokens.py).
function parsed(files) {
  const python = process.env.WSISC_PYTHON
    || [path.join(ROOT, '.venv', 'bin', 'python')].find((p) => fs.existsSync(p)) || 'python3';
  const run = spawnSync(python, [path.join(__dirname, 'lark_tokens.py'), ...files],
                        { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) {
    throw new Error(`${python} test/lark_tokens.py failed (make setup in the checkout, or set WSISC_PYTHON ` +
                    `to a Python that imports wsis20):\n${run.error || ''}${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

// The scopes of each UTF-16 column of each line.
function scopeGrid(tokens) {
  const grid = [];
  for (const t of tokens) {
    const row = (grid[t.line] ||= []);
    for (let c = t.start; c < t.end; c++) row[c] = t.scopes;
  }
  return grid;
}

// The comparison of one file: a list of failures, and the count of each token type checked.
function compare(grammar, dumped) {
  const text = fs.readFileSync(dumped.file, 'utf8');
  const lines = text.split('\n');
  const grid = scopeGrid(tokenize(grammar, text));
  const name = path.relative(ROOT, dumped.file);
  const failures = dumped.errors.map((e) => `the parser failed: ${e}`);
  const counts = {};
  const at = (line, c) => (grid[line] && grid[line][c]) || [];
  const where = (t) => `${name}:${t.line + 1}:${t.start + 1} ${t.type} ${JSON.stringify(t.text)}`;
  for (const t of dumped.tokens) {
    const line = lines[t.line];
    const columns = [];
    for (let c = t.start; c < t.end; c++) if (!/\s/.test(line[c])) columns.push(c);
    if (!columns.length) continue;
    counts[t.type] = (counts[t.type] || 0) + 1;
    let required = REQUIRED[t.type];
    if (typeof required === 'function') required = required(t);
    const expected = [...new Set(t.within.flatMap((w) => CONSTRUCT_SCOPES[w]))].sort();
    for (const c of columns) {
      const scopes = at(t.line, c);
      const problem = [];
      if (required && !scopes.some((s) => (required instanceof RegExp ? required.test(s) : s === required))) {
        problem.push(`no ${required}`);
      }
      const got = constructsOf(scopes);
      if (got.join(' ') !== expected.join(' ')) problem.push(`in [${got}], the parser says [${expected}]`);
      if (t.type === 'TEXT' && scopes.some((s) => NOT_IN_TEXT.test(s))) {
        problem.push(`plain text scoped ${scopes.filter((s) => NOT_IN_TEXT.test(s))}`);
      }
      if (scopes.some((s) => s.startsWith('meta.front-matter') || s.startsWith('meta.annex'))) {
        problem.push('inside a front matter or annex block');
      }
      if (problem.length) {
        failures.push(`${where(t)} column ${c + 1}: ${problem.join('; ')} (scopes: ${scopes.slice(1).join(' ')})`);
        break;
      }
    }
  }
  // The front matter and annex blocks: YAML, every line of them; body blocks: a paragraph or a heading.
  const fenced = new Set();
  for (const f of dumped.fenced) {
    const scope = f.kind === 'front-matter' ? 'meta.front-matter.wsis' : 'meta.annex.wsis';
    for (let line = f.first; line <= f.last; line++) {
      fenced.add(line);
      counts[f.kind + ' line'] = (counts[f.kind + ' line'] || 0) + 1;
      for (let c = 0; c < lines[line].length; c++) {
        if (!at(line, c).includes(scope)) {
          failures.push(`${name}:${line + 1}:${c + 1}: not in ${scope} (${at(line, c).slice(1).join(' ')})`);
          break;
        }
      }
    }
  }
  for (const b of dumped.blocks) {
    for (let line = b.first; line <= b.last; line++) {
      const c = lines[line].search(/\S/);
      if (c < 0 || fenced.has(line)) continue;
      if (!at(line, c).some((s) => s.startsWith('meta.paragraph.') || s.startsWith('markup.heading.'))) {
        failures.push(`${name}:${line + 1}:${c + 1}: a block's line outside any paragraph or heading scope`);
      }
    }
  }
  return { failures, counts };
}

function compareAll(grammar, dumps) {
  const failures = [];
  const counts = {};
  for (const d of dumps) {
    const result = compare(grammar, d);
    failures.push(...result.failures);
    for (const [k, v] of Object.entries(result.counts)) counts[k] = (counts[k] || 0) + v;
  }
  return { failures, counts };
}

const DUMPS = parsed(FILES);

test('every token of the examples and the fixture gets its construct\'s scope', async () => {
  const { failures, counts } = compareAll(await loadGrammar(), DUMPS);
  const total = Object.entries(counts).filter(([k]) => !k.endsWith(' line')).reduce((n, [, v]) => n + v, 0);
  console.log(`${FILES.length} files, ${total} tokens compared with the parser's: ` +
              Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', '));
  assert.deepEqual(failures.slice(0, 20), []);
  // The fixture holds every kind of token the grammar scopes.
  const fixture = compare(await loadGrammar(), DUMPS.find((d) => d.file === FIXTURE)).counts;
  const missing = Object.keys(REQUIRED).filter((k) => k !== 'BAD_STATUS' && !fixture[k]);
  assert.deepEqual(missing, [], 'token types the fixture lacks');
  assert.ok(fixture['front-matter line'] && fixture['annex line']);
});

// [snippet, words in it (the first occurrence, or [words, n] for the n-th), scopes that
// every character of them must have, scopes that none may have].
const SNIPPETS = [
  ['12. We decide.', '12.', ['constant.numeric.marker.operative.wsis', 'meta.paragraph.operative.wsis']],
  ['103ter. We add.', 'ter', ['constant.numeric.marker.operative.wsis', 'constant.other.suffix.wsis']],
  ['12 bis. We add.', 'bis', ['constant.other.suffix.wsis']],
  ['OP12quat. We add.', 'OP12quat.', ['constant.numeric.marker.operative.wsis']],
  ['C. *Recalling*,', 'C.', ['constant.numeric.marker.preambular.wsis', 'meta.paragraph.preambular.wsis']],
  ['Cbis. *Recalling*,', 'bis', ['constant.other.suffix.wsis']],
  ['PP3bis. *Recalling*,', 'PP3bis.', ['constant.numeric.marker.preambular.wsis']],
  ['#. Next.', '#.', ['constant.numeric.marker.auto.next.wsis']],
  ['#+. Inserted.', '#+.', ['constant.numeric.marker.auto.inserted.wsis']],
  ['PP#+. *Noting*,', 'PP#+.', ['constant.numeric.marker.auto.inserted.wsis']],
  ['PP#. *Noting*,', 'PP#.', ['constant.numeric.marker.auto.next.wsis']],
  // Markers only open a block: not in a line that continues one, nor `Mr.`, nor escaped.
  ['12. We decide\n13. that this is text.', '13.', ['meta.paragraph.operative.wsis'],
   ['constant.numeric.marker.operative.wsis']],
  ['Mr. Smith spoke.', 'Mr.', ['meta.paragraph.unnumbered.wsis'], ['constant.numeric.marker.preambular.wsis']],
  ['\\12. was a year', '\\1', ['constant.character.escape.wsis'], ['constant.numeric.marker.operative.wsis']],
  ['12. *Requests*:\n  (a) {#sub} To report;\n  (#) To act.', '(a)', ['constant.numeric.marker.subparagraph.wsis']],
  ['12. *Requests*:\n  (a) {#sub} To report;', 'sub', ['entity.name.tag.label.wsis']],
  ['12. *Requests*:\n      (iii) To act.', '(iii)', ['constant.numeric.marker.subparagraph.wsis']],
  ['12. *Requests*:\n  (#) To act.', '(#)', ['constant.numeric.marker.subparagraph.wsis']],
  ['(b) After a blank line.', '(b)', ['constant.numeric.marker.subparagraph.wsis', 'meta.paragraph.continuation.wsis']],
  ['12. See (a) above.', '(a)', [], ['constant.numeric.marker.subparagraph.wsis']],
  ['12. {#sovereignty .ad-ref} We ...', 'sovereignty', ['entity.name.tag.label.wsis', 'meta.attributes.wsis']],
  ['12. {#sovereignty .ad-ref} We ...', 'ad-ref', ['constant.language.status.wsis']],
  ...['agreed', 'closure', 'reopened', 'pending'].map((status) =>
    [`12. {.${status}} We ...`, status, ['constant.language.status.wsis']]),
  ['12. {.agred} We ...', '.agred', ['invalid.illegal.attribute.wsis']],
  ['12bis. {+G77} A new paragraph.', 'G77', ['markup.inserted.paragraph.wsis', 'entity.name.type.author.wsis']],
  ['14. {-EU} To delete.', '-EU', ['markup.deleted.paragraph.wsis']],
  ['# Information and communications technologies', 'Information', ['markup.heading.1.wsis', 'entity.name.section.wsis']],
  ['## Bridging', '##', ['markup.heading.2.wsis', 'punctuation.definition.heading.wsis']],
  ['### Action #. We will.', 'Action #.', ['markup.heading.3.wsis', 'constant.numeric.item.wsis']],
  ['# IV. Follow-up', 'IV.', ['constant.numeric.item.wsis']],
  ['# IIII. Not a numeral', 'IIII.', ['entity.name.section.wsis'], ['constant.numeric.item.wsis']],
  ['# A\\. B. Smith', 'A', ['entity.name.section.wsis'], ['constant.numeric.item.wsis']],
  ['# Section 1 words', 'Section 1', [], ['constant.numeric.item.wsis']],
  ['12. *Recalling*', 'Recalling', ['markup.italic.wsis'], ['markup.bold.wsis']],
  ['12. **Decides**', 'Decides', ['markup.bold.wsis'], ['markup.italic.wsis']],
  ['12. ***Decides***', 'Decides', ['markup.bold.wsis', 'markup.italic.wsis']],
  ['12. __inter alia__', 'inter alia', ['markup.underline.wsis']],
  ['12. *Recalling **also** its*', 'also', ['markup.italic.wsis', 'markup.bold.wsis']],
  ['12. *Recalling **also** its*', 'its', ['markup.italic.wsis'], ['markup.bold.wsis']],
  ['12. Agenda_T and \\*', 'Agenda_T', [], ['markup.underline.wsis', 'markup.italic.wsis']],
  ['12. a {>>ПW: text<<}', 'ПW', ['comment.block.wsis', 'entity.name.type.author.wsis']],
  ['12. a {>>ПW: text<<}', 'text', ['comment.block.wsis'], ['entity.name.type.author.wsis']],
  ['12. a {>>Note\\: text<<}', 'Note', ['comment.block.wsis'], ['entity.name.type.author.wsis']],
  ['12. a {>>see http://x.org<<}', 'see', ['comment.block.wsis'], ['entity.name.type.author.wsis']],
  ['12. {==inequalities==}{>>ПW: We proceed<<}', 'inequalities', ['markup.highlight.wsis']],
  ['12. {++EU: of all States++}', 'of all States', ['markup.inserted.wsis']],
  ['12. {++EU: of all States++}', 'EU', ['markup.inserted.wsis', 'entity.name.type.author.wsis']],
  ['12. {--EU: strongly--}', 'strongly', ['markup.deleted.wsis']],
  ['12. {~~ПW: gender divides~>digital divide~~}', 'gender divides', ['markup.changed.wsis', 'markup.deleted.wsis'],
   ['markup.inserted.wsis']],
  ['12. {~~ПW: gender divides~>digital divide~~}', 'digital divide', ['markup.changed.wsis', 'markup.inserted.wsis'],
   ['markup.deleted.wsis']],
  ['12. {~~ПW: gender divides~>digital divide~~}', '~>', ['punctuation.separator.substitution.wsis']],
  ['12. {~~ПW: gender\ndivides~>digital\ndivide~~} after', ['divide', 1], ['markup.inserted.wsis']],
  ['12. {~~ПW: gender\ndivides~>digital\ndivide~~} after', 'divides', ['markup.deleted.wsis'], ['markup.inserted.wsis']],
  ['12. {~~ПW: gender\ndivides~>digital\ndivide~~} after', 'after', [], ['markup.changed.wsis']],
  ['12. {++EU: *emphasis*++}', 'emphasis', ['markup.inserted.wsis', 'markup.italic.wsis']],
  ['12. We [shall/should] act', 'shall', ['meta.bracket.wsis']],
  ['12. We [shall/should] act', '/', ['keyword.operator.alternative.wsis']],
  ['12. We [shall/should] act', '[', ['keyword.operator.bracket.begin.wsis']],
  ['12. We [strongly [encourage/urge]] all', '/', ['keyword.operator.alternative.wsis']],
  ['12. See [A/RES/70/1] now', '/', ['meta.bracket.wsis'], ['keyword.operator.alternative.wsis']],
  ['12. \\[not a bracket\\]', 'not a bracket', [], ['meta.bracket.wsis']],
  ['12. a [b \\/ c]', '/', ['constant.character.escape.wsis'], ['keyword.operator.alternative.wsis']],
  ['12. {@definition} and', 'definition', ['variable.other.constant.reference.wsis']],
  ['12. Recalling,{^See A/60/687.^}', 'See A/60/687.', ['meta.footnote.wsis', 'string.other.footnote.wsis']],
  ['12. \\{++not++\\}', 'not', [], ['markup.inserted.wsis']],
  // Nothing crosses a blank line: an unclosed construct stops at the block's end.
  ['12. {++EU: never closed\n\n13. Next.', '13.', ['constant.numeric.marker.operative.wsis'], ['markup.inserted.wsis']],
  ['12. *never closed\n\n# Heading', 'Heading', ['markup.heading.1.wsis'], ['markup.italic.wsis']],
  ['12. a [never closed\n---\nannex: Annex\n---\n\n1. Annex.', 'annex', ['meta.annex.wsis'], ['meta.bracket.wsis']],
  // Front matter (first line only) and annex blocks: YAML.
  ['---\ntitle: A draft\n---\n\n1. Text.', 'title', ['meta.front-matter.wsis', 'entity.name.tag.yaml']],
  ['---\ntitle: A draft\n---\n\n1. Text.', '1.', ['constant.numeric.marker.operative.wsis'], ['meta.front-matter.wsis']],
  ['1. Text.\n\n---\nannex: Annex I\n---\n\n1. Annex text.', 'annex', ['meta.annex.wsis', 'entity.name.tag.yaml']],
  ['1. Text.\n\n---\nannex: Annex I\n---\n\n1. Annex text.', ['---', 0], ['keyword.control.annex.begin.wsis']],
  ['1. Text.\n\n---\nannex: Annex I\n---\n\n1. Annex text.', ['1.', 1], ['constant.numeric.marker.operative.wsis'],
   ['meta.annex.wsis']],
];

function scopesOfWords(grammar, source, words) {
  const [needle, nth] = Array.isArray(words) ? words : [words, 0];
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not in ${JSON.stringify(source)}`);
  const before = source.slice(0, offset).split('\n');
  const line = before.length - 1;
  const column = before[line].length;
  const grid = scopeGrid(tokenize(grammar, source));
  const out = [];
  for (let c = column; c < column + needle.length; c++) {
    if (needle[c - column] !== ' ') out.push((grid[line] && grid[line][c]) || []);
  }
  return out;
}

function checkSnippets(grammar) {
  const failures = [];
  for (const [source, words, must, mustNot = []] of SNIPPETS) {
    for (const scopes of scopesOfWords(grammar, source, words)) {
      const missing = must.filter((s) => !scopes.includes(s));
      const extra = mustNot.filter((s) => scopes.includes(s));
      if (missing.length || extra.length) {
        failures.push(`${JSON.stringify(source)} ${JSON.stringify(words)}: ` +
                      `${missing.length ? `lacks ${missing}` : ''}${extra.length ? ` has ${extra}` : ''} ` +
                      `(scopes: ${scopes.slice(1).join(' ')})`);
        break;
      }
    }
  }
  return failures;
}

test('snippets get exactly their scopes', async () => {
  console.log(`${SNIPPETS.length} snippets`);
  assert.deepEqual(checkSnippets(await loadGrammar()), []);
});

// Grammars broken on purpose: each must fail both checks.
const BREAKAGES = {
  'insertions not recognised': (g) => { g.repository.inline.patterns = g.repository.inline.patterns.filter((p) => p.include !== '#insertion'); },
  'italic scoped as bold': (g) => { g.repository.italic.name = 'markup.bold.wsis'; },
  'markers read anywhere in a block': (g) => {
    g.repository['text-block'].patterns.unshift({ include: '#paragraph' });
    for (const p of g.repository.paragraph.patterns) p.patterns.unshift({ include: '#paragraph' });
  },
  'blocks that do not end at a blank line': (g) => {
    for (const p of g.repository.paragraph.patterns) p.end = '^(?=---[ \\t]*$)';
    g.repository['text-block'].end = '^(?=---[ \\t]*$)';
  },
  'no author in comments': (g) => { g.repository.comment.begin = '(\\{>>)'; },
  'no alternatives in brackets': (g) => { g.repository.bracket.patterns.shift(); },
  'front matter not embedded': (g) => { g.repository['front-matter'].begin = '\\A(-{4})[ \\t]*$'; },
};

test('a broken grammar fails the comparison and the snippets', async () => {
  const raw = fs.readFileSync(GRAMMAR, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsis-grammar-'));
  try {
    for (const [what, breakIt] of Object.entries(BREAKAGES)) {
      const g = JSON.parse(raw);
      breakIt(g);
      const file = path.join(dir, 'broken.tmLanguage.json');
      fs.writeFileSync(file, JSON.stringify(g));
      const grammar = await loadGrammar(file);
      assert.ok(compareAll(grammar, DUMPS).failures.length > 0, `the comparison missed: ${what}`);
      assert.ok(checkSnippets(grammar).length > 0, `the snippets missed: ${what}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
