'use strict';
// Packages the extension as a .vsix with the official tool, @vscode/vsce,
// from a temporary copy of this folder, so that no node_modules is ever
// left in the Go tree (go's ./... walks it, and some npm packages hold
// .go files):
//
//	node scripts/package.js --modules DIR --out FILE.vsix
//
// DIR holds node_modules with @vscode/vsce and vscode-languageclient at
// the versions package.json names (scripts/deps.sh --tests installs them
// in $CRIEUR_REFERENCE). The copy gets:
//   - the extension's own files (package.json and its translations,
//     src/, l10n/, README.md; .vscodeignore leaves test/ and scripts/
//     out of the .vsix);
//   - schemas/: crieur.yml's and charte.yml's schemas, copied from the
//     repository's schemas/ (the one place they live; they are not
//     committed here);
//   - node_modules/: the runtime dependencies and theirs, copied from DIR,
//     found as node finds them (a package's own node_modules first).
// Run it with Node 22 or newer (what @vscode/vsce 4 wants).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const here = path.resolve(__dirname, '..');
// The schemas the extension ships (contributes.yamlValidation).
const schemas = ['crieur.schema.json', 'charte.schema.json'];
// What of this folder is not copied: made here at packaging time.
const made = new Set(['node_modules', 'schemas']);

function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['modules', 'out', 'schemas'].includes(key) || i + 1 >= argv.length) {
      throw new Error(`usage: node scripts/package.js --modules DIR --out FILE.vsix [--schemas DIR] (at ${argv[i]})`);
    }
    o[key] = path.resolve(argv[i + 1]);
  }
  if (!o.modules || !o.out) {
    throw new Error('usage: node scripts/package.js --modules DIR --out FILE.vsix [--schemas DIR]');
  }
  o.schemas = o.schemas || path.resolve(here, '..', '..', 'schemas');
  return o;
}

// copyDependencies copies the packages named in deps (a package.json's
// dependencies) that the package at dir (a folder under from, '' for the
// extension itself) needs, and theirs, from from/node_modules to
// to/node_modules, at the same places. A dependency is looked up as node
// does: in dir/node_modules, then in each node_modules above it.
function copyDependencies(from, to, dir, deps, seen = new Set()) {
  for (const name of Object.keys(deps || {})) {
    const found = resolve(from, dir, name);
    if (!found) {
      throw new Error(`${name} (needed by ${dir || 'the extension'}) is not in ${path.join(from, 'node_modules')}: run scripts/deps.sh --tests`);
    }
    if (seen.has(found)) {
      continue;
    }
    seen.add(found);
    copyPackage(path.join(from, found), path.join(to, found));
    const pkg = JSON.parse(fs.readFileSync(path.join(from, found, 'package.json'), 'utf8'));
    copyDependencies(from, to, found, pkg.dependencies, seen);
  }
}

// resolve says where, relative to from, the package name that dir needs
// is, or '' when it is nowhere.
function resolve(from, dir, name) {
  for (let d = dir; ; ) {
    const candidate = path.join(d, 'node_modules', name);
    if (fs.existsSync(path.join(from, candidate, 'package.json'))) {
      return candidate;
    }
    if (d === '') {
      return '';
    }
    // Up past the node_modules/<name> (or node_modules/@scope/<name>) d is in.
    const parts = d.split(path.sep);
    const at = parts.lastIndexOf('node_modules');
    d = at <= 0 ? '' : parts.slice(0, at).join(path.sep);
  }
}

// copyPackage copies a package without its own node_modules: the ones it
// needs are copied by copyDependencies, at their places.
function copyPackage(src, dst) {
  fs.cpSync(src, dst, {
    recursive: true,
    dereference: true,
    filter: (p) => path.relative(src, p).split(path.sep)[0] !== 'node_modules',
  });
}

function main() {
  const o = args(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crieur-vscode-'));
  try {
    fs.cpSync(here, work, {
      recursive: true,
      filter: (p) => {
        const rel = path.relative(here, p);
        return !made.has(rel.split(path.sep)[0]) && !rel.endsWith('.vsix');
      },
    });
    fs.mkdirSync(path.join(work, 'schemas'));
    for (const s of schemas) {
      fs.copyFileSync(path.join(o.schemas, s), path.join(work, 'schemas', s));
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
    copyDependencies(o.modules, work, '', pkg.dependencies);
    const vsce = path.join(o.modules, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--skip-license', '--out', o.out], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}

module.exports = { copyDependencies, resolve };
