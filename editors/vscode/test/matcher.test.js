'use strict';
// The problem matcher the extension contributes ($crieur) against lines
// in crieur lint's text format (linters/output/text.go); the end-to-end
// test on real output is cmd/crieur/testdata/script/vscode_matcher.txtar.

const test = require('node:test');
const assert = require('node:assert/strict');

const { matcher, problems } = require('../scripts/problems');

test('the matcher is named crieur and reads files relative to the workspace', () => {
  const m = matcher();
  assert.equal(m.owner, 'crieur');
  assert.deepEqual(m.fileLocation, ['relative', '${workspaceFolder}']);
});

test('each finding line is one problem with its place, severity, rule and message', () => {
  const out = [
    'posts/2026/12/saison.md:4:12: error charte.forbidden: « gratuit » est interdit',
    '  hint: écrivez « offert »',
    '  fix: replace with «offert»',
    'posts/2026/11/jeudi jazz.md:11:33: warning charte.hashtags.max: 4 hashtags on mastodon, bluesky: the charter allows at most 3',
    'posts/2026/11/festival.md:5:9: suggestion post.draft: this post is a draft: it will not go out',
    'posts/x.md:9:1: error length: the text is too long for bluesky: 357/300 graphemes',
    '3 errors, 1 warning, 1 suggestion in 5 files',
    '3 erreurs, 1 avertissement, 1 suggestion dans 5 fichiers',
  ].join('\r\n');
  assert.deepEqual(problems(out), [
    { file: 'posts/2026/12/saison.md', line: 4, column: 12, severity: 'Error', code: 'charte.forbidden', message: '« gratuit » est interdit' },
    { file: 'posts/2026/11/jeudi jazz.md', line: 11, column: 33, severity: 'Warning', code: 'charte.hashtags.max', message: '4 hashtags on mastodon, bluesky: the charter allows at most 3' },
    { file: 'posts/2026/11/festival.md', line: 5, column: 9, severity: 'Info', code: 'post.draft', message: 'this post is a draft: it will not go out' },
    { file: 'posts/x.md', line: 9, column: 1, severity: 'Error', code: 'length', message: 'the text is too long for bluesky: 357/300 graphemes' },
  ]);
});

test('a suggestion is Info only through the matcher’s own severity', () => {
  const m = { ...matcher(), severity: undefined };
  const [p] = problems('posts/a.md:1:1: suggestion post.draft: a draft', m);
  assert.equal(p.severity, 'Error', 'VS Code does not know the word suggestion');
});

test('lines that are not findings match nothing', () => {
  for (const line of [
    'no findings in 30 files',
    'crieur: /work: no crieur.yml here: run crieur in a content repository',
    'posts/a.md:4: error media.alt: no column',
    'posts/a.md:4:5: fatal media.alt: not a severity',
    '  hint: posts/a.md:4:5: error x: in a hint',
  ]) {
    assert.deepEqual(problems(line), [], line);
  }
});
