'use strict';
// The extension's logic under node --test, with a fake of VS Code's API
// and of the language client: no VS Code, no network.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createExtension, findExecutable, serverOptions, documentSelector, installURL } = require('../src/crieur');

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));

// fakeVSCode records what the extension asks of VS Code. settings is the
// crieur section; answer is the button the user clicks on an error.
function fakeVSCode({ settings = {}, answer, folder = '/work/site' } = {}) {
  const calls = { errors: [], opened: [], commands: [], watchers: [], configListeners: [] };
  const vscode = {
    calls,
    l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
    workspace: {
      workspaceFolders: folder ? [{ uri: { fsPath: folder } }] : undefined,
      getConfiguration: (section) => {
        assert.equal(section, 'crieur');
        return { get: (key, def) => (key in settings ? settings[key] : def) };
      },
      createFileSystemWatcher: (glob) => {
        const w = {
          glob,
          disposed: false,
          dispose() {
            this.disposed = true;
          },
        };
        calls.watchers.push(w);
        return w;
      },
      onDidChangeConfiguration: (listener) => {
        calls.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    window: {
      showErrorMessage: async (message, ...buttons) => {
        calls.errors.push({ message, buttons });
        return answer;
      },
    },
    env: { openExternal: async (uri) => calls.opened.push(uri) },
    commands: { executeCommand: async (...args) => calls.commands.push(args) },
    Uri: { parse: (s) => ({ toString: () => s }) },
  };
  return vscode;
}

// FakeClient stands for vscode-languageclient's LanguageClient.
function fakeClientClass({ fail } = {}) {
  const made = [];
  class FakeClient {
    constructor(id, name, server, client) {
      Object.assign(this, { id, name, server, client, started: false, stopped: false });
      made.push(this);
    }
    async start() {
      if (fail) {
        throw new Error(fail);
      }
      this.started = true;
    }
    async stop() {
      this.stopped = true;
    }
  }
  FakeClient.made = made;
  return FakeClient;
}

// settle lets the promises the extension does not wait for run.
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the server is crieur lsp, found on the PATH, in the workspace folder', async () => {
  const vscode = fakeVSCode();
  const LanguageClient = fakeClientClass();
  const asked = [];
  const find = (setting, o) => {
    asked.push({ setting, ...o });
    return '/usr/local/bin/crieur';
  };
  const ext = createExtension({ vscode, LanguageClient, find });
  const context = { subscriptions: [] };
  await ext.activate(context);
  assert.deepEqual(asked, [{ setting: 'crieur', cwd: '/work/site' }]);
  const [c] = LanguageClient.made;
  assert.equal(c.id, 'crieur');
  assert.deepEqual(c.server.run, { command: '/usr/local/bin/crieur', args: ['lsp'], options: { cwd: '/work/site' } });
  assert.deepEqual(c.server.debug, c.server.run);
  assert.equal(c.server.run.transport, undefined, 'stdio, the client’s default for an executable');
  assert.equal(c.client.documentSelector, documentSelector);
  assert.equal(c.client.synchronize.fileEvents, vscode.calls.watchers[0]);
  assert.ok(c.started);
  assert.deepEqual(vscode.calls.errors, []);
  assert.equal(vscode.calls.watchers[0].glob, '**/*.{yml,txt}');
  await ext.deactivate();
  assert.ok(c.stopped);
  assert.ok(vscode.calls.watchers[0].disposed);
});

test('extension.js wires the real modules: vscode and vscode-languageclient/node', async () => {
  const Module = require('node:module');
  const vscode = fakeVSCode();
  const LanguageClient = fakeClientClass();
  const load = Module._load;
  const asked = [];
  Module._load = function (request, ...rest) {
    if (request === 'vscode' || request === 'vscode-languageclient/node') {
      asked.push(request);
      return request === 'vscode' ? vscode : { LanguageClient };
    }
    return load.call(this, request, ...rest);
  };
  try {
    const ext = require('../src/extension');
    assert.deepEqual(asked.sort(), ['vscode', 'vscode-languageclient/node']);
    assert.equal(typeof ext.activate, 'function');
    assert.equal(typeof ext.deactivate, 'function');
    assert.equal(pkg.main, './src/extension.js');
  } finally {
    Module._load = load;
  }
});

test('crieur.path is the program started, and changing it restarts the server', async () => {
  const settings = { path: '/opt/crieur/crieur' };
  const vscode = fakeVSCode({ settings });
  const LanguageClient = fakeClientClass();
  const ext = createExtension({ vscode, LanguageClient, find: (s) => s });
  await ext.activate({ subscriptions: [] });
  assert.equal(LanguageClient.made[0].server.run.command, '/opt/crieur/crieur');

  settings.path = '/home/camille/bin/crieur';
  const [listener] = vscode.calls.configListeners;
  await listener({ affectsConfiguration: (s) => s === 'editor.fontSize' });
  assert.equal(LanguageClient.made.length, 1, 'another setting restarts nothing');
  await listener({ affectsConfiguration: (s) => s === 'crieur.path' });
  assert.equal(LanguageClient.made.length, 2);
  assert.ok(LanguageClient.made[0].stopped);
  assert.equal(LanguageClient.made[1].server.run.command, '/home/camille/bin/crieur');
  assert.deepEqual(vscode.calls.watchers.map((w) => w.disposed), [true, false]);
});

test('without crieur: no server, an error that says how to install it', async () => {
  for (const [answer, want] of [
    ['How to install', (calls) => assert.deepEqual(calls.opened.map(String), [installURL])],
    ['Open settings', (calls) => assert.deepEqual(calls.commands, [['workbench.action.openSettings', 'crieur.path']])],
    [undefined, (calls) => assert.deepEqual([calls.opened, calls.commands], [[], []])],
  ]) {
    const vscode = fakeVSCode({ answer });
    const LanguageClient = fakeClientClass();
    const ext = createExtension({ vscode, LanguageClient, find: () => '' });
    await ext.activate({ subscriptions: [] });
    await settle();
    assert.equal(LanguageClient.made.length, 0);
    assert.equal(vscode.calls.errors.length, 1);
    const { message, buttons } = vscode.calls.errors[0];
    assert.match(message, /^crieur was not found \(crieur\)\. Install crieur/);
    assert.deepEqual(buttons, ['How to install', 'Open settings']);
    want(vscode.calls);
  }
});

test('a server that cannot start is said, not thrown', async () => {
  const vscode = fakeVSCode();
  const LanguageClient = fakeClientClass({ fail: 'spawn EACCES' });
  const ext = createExtension({ vscode, LanguageClient, find: () => '/usr/bin/crieur' });
  await ext.activate({ subscriptions: [] });
  assert.deepEqual(vscode.calls.errors.map((e) => e.message), ['crieur lsp could not start: spawn EACCES']);
  assert.equal(ext.client(), undefined);
  assert.ok(vscode.calls.watchers[0].disposed);
  await ext.deactivate();
  assert.equal(LanguageClient.made[0].stopped, false, 'a client that did not start is not stopped');
});

test('the runtime messages are translated in French and Dutch, with their placeholders', () => {
  const src = fs.readFileSync(path.join(__dirname, '..', 'src', 'crieur.js'), 'utf8');
  const used = [...src.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
  assert.ok(used.length >= 4, `messages found in crieur.js: ${used}`);
  for (const lang of ['fr', 'nl']) {
    const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, '..', pkg.l10n, `bundle.l10n.${lang}.json`), 'utf8'));
    assert.deepEqual(Object.keys(bundle).sort(), used, `l10n/bundle.l10n.${lang}.json`);
    for (const [en, tr] of Object.entries(bundle)) {
      assert.deepEqual(tr.match(/\{\d+\}/g), en.match(/\{\d+\}/g), `${lang}: ${tr}`);
      assert.notEqual(tr, en, `${lang}: not translated: ${en}`);
    }
  }
});

test('the contributed strings exist in English, French and Dutch', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]).sort();
  assert.ok(keys.includes('config.path'));
  for (const file of ['package.nls.json', 'package.nls.fr.json', 'package.nls.nl.json']) {
    const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '..', file), 'utf8'));
    assert.deepEqual(Object.keys(nls).sort(), keys, file);
  }
});

test('the document selector: posts under posts/, crieur.yml, the charters, the vocabulary', () => {
  const post = documentSelector.find((d) => d.language === 'markdown');
  assert.deepEqual(post, { scheme: 'file', language: 'markdown', pattern: '**/posts/**/*.md' });
  const patterns = documentSelector.map((d) => d.pattern);
  for (const want of ['**/crieur.yml', '**/charte*.yml', '**/vocabulaire.txt']) {
    assert.ok(patterns.includes(want), want);
  }
  assert.ok(documentSelector.every((d) => d.scheme === 'file'), 'crieur lsp reads the repository from disk');
});

test('the package: the setting, the schemas for the YAML extension, the activation', () => {
  const prop = pkg.contributes.configuration.properties['crieur.path'];
  assert.equal(prop.type, 'string');
  assert.equal(prop.default, 'crieur');
  assert.deepEqual(
    pkg.contributes.yamlValidation.map((v) => [v.fileMatch, v.url]),
    [
      ['crieur.yml', './schemas/crieur.schema.json'],
      ['charte*.yml', './schemas/charte.schema.json'],
    ],
  );
  assert.deepEqual(pkg.activationEvents, ['workspaceContains:**/crieur.yml']);
  // crieur.path names a program to run: not in a workspace VS Code does
  // not trust (its settings could name any), nor a virtual one (no files).
  assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: false }, virtualWorkspaces: false });
  assert.equal(pkg.main, './src/extension.js');
  assert.deepEqual(serverOptions('crieur', '').run, { command: 'crieur', args: ['lsp'], options: {} });
});

test('findExecutable: a name in the PATH, a path, Windows extensions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crieur-find-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const exe = path.join(bin, 'crieur');
    fs.writeFileSync(exe, '#!/bin/sh\n');
    fs.chmodSync(exe, 0o755);
    fs.writeFileSync(path.join(bin, 'notexec'), '');
    const env = { PATH: ['/nowhere', bin].join(':') };
    if (process.platform !== 'win32') {
      assert.equal(findExecutable('crieur', { env, platform: 'linux' }), exe);
      assert.equal(findExecutable('', { env, platform: 'linux' }), exe, 'empty: crieur');
      assert.equal(findExecutable('notexec', { env, platform: 'linux' }), '', 'not executable');
      assert.equal(findExecutable('bin/crieur', { env: {}, platform: 'linux', cwd: dir }), exe, 'relative to the workspace');
      assert.equal(findExecutable(exe, { env: {}, platform: 'linux' }), exe);
    }
    assert.equal(findExecutable('crieur', { env: { PATH: '/nowhere' }, platform: 'linux' }), '');
    assert.equal(findExecutable('/nowhere/crieur', { env, platform: 'linux' }), '');
    // Windows: PATHEXT's extensions, ; between folders; files told by a fake.
    const seen = [];
    const isFile = (f) => seen.push(f) && f === 'C:\\tools\\crieur.EXE';
    assert.equal(findExecutable('crieur', { env: { Path: 'C:\\x;C:\\tools', PATHEXT: '.COM;.EXE' }, platform: 'win32', isFile }), 'C:\\tools\\crieur.EXE');
    assert.deepEqual(seen.slice(0, 3), ['C:\\x\\crieur', 'C:\\x\\crieur.COM', 'C:\\x\\crieur.EXE']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
