'use strict';
// Reads crieur lint's text output with the problem matcher the extension
// contributes (package.json, contributes.problemMatchers "crieur"), as
// VS Code does, and prints one problem a line:
//
//	node scripts/problems.js LINT-OUTPUT
//	posts/2026/11/coulisses-salle.md:4:5 Error media.alt image … has no alt text
//
// The end-to-end test (cmd/crieur/testdata/script/vscode_matcher.txtar)
// runs it on real `crieur lint` output; test/matcher.test.js on samples.

const fs = require('node:fs');
const path = require('node:path');

function matcher() {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  return pkg.contributes.problemMatchers.find((m) => m.name === 'crieur');
}

// severity is the one VS Code gives a problem: the matched word when it
// is one VS Code knows (error, warning, warn, info; E, W, I; hint, note),
// else the matcher's own severity, else Error. crieur's "suggestion" is
// none of those: the matcher's severity ("info") is what makes it Info.
function severity(word, m) {
  const known = { error: 'Error', warning: 'Warning', warn: 'Warning', info: 'Info', hint: 'Info', note: 'Info' };
  const letters = { E: 'Error', W: 'Warning', I: 'Info' };
  const s = known[(word || '').toLowerCase()] || letters[word];
  if (s) {
    return s;
  }
  return known[(m.severity || '').toLowerCase()] || 'Error';
}

// problems reads text line by line, as VS Code does with a task's
// output, and returns the problems the matcher finds.
function problems(text, m = matcher()) {
  const re = new RegExp(m.pattern.regexp);
  const p = m.pattern;
  const found = [];
  for (const line of text.split(/\r?\n/)) {
    const g = re.exec(line);
    if (!g) {
      continue;
    }
    found.push({
      file: g[p.file],
      line: Number(g[p.line]),
      column: Number(g[p.column]),
      severity: severity(g[p.severity], m),
      code: g[p.code],
      message: g[p.message],
    });
  }
  return found;
}

if (require.main === module) {
  if (process.argv.length !== 3) {
    console.error('usage: node scripts/problems.js LINT-OUTPUT');
    process.exit(2);
  }
  for (const p of problems(fs.readFileSync(process.argv[2], 'utf8'))) {
    console.log(`${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
  }
}

module.exports = { matcher, problems, severity };
