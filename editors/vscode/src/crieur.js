'use strict';
// The extension's logic, given what it talks to: VS Code's API (vscode)
// and the language client's class (LanguageClient), so that the tests run
// it under node --test with fakes, without VS Code (extension.js passes
// the real ones).
//
// It starts `crieur lsp` (the crieur.path setting, else crieur on the
// PATH) for the posts and the files the repository is opened from, and
// says how to install crieur when it is not there.

const fs = require('node:fs');
const path = require('node:path');

// Where the README says how to install crieur.
const installURL = 'https://github.com/crieur/crieur#install-and-upgrade';

// The documents crieur lsp checks: the posts (Markdown under posts/,
// their front matter included: the schema.* rules are the server's), and
// the files it reads the repository from, whose saving re-checks the open
// posts. A charter or vocabulary that crieur.yml names otherwise reaches
// the server through the file watcher (fileEvents).
const documentSelector = [
  { scheme: 'file', language: 'markdown', pattern: '**/posts/**/*.md' },
  { scheme: 'file', pattern: '**/crieur.yml' },
  { scheme: 'file', pattern: '**/charte*.yml' },
  { scheme: 'file', pattern: '**/vocabulaire.txt' },
];

// The files whose change on disk (a git pull, another editor) the server
// hears of; it keeps the ones the repository is read from.
const watched = '**/*.{yml,txt}';

// findExecutable says where the program named by setting is, or '' when
// it is nowhere: a path (with a slash) is taken as it is, relative to the
// workspace folder; a bare name is looked up in the PATH, with Windows'
// extensions (PATHEXT) there.
function findExecutable(setting, { env = process.env, platform = process.platform, cwd = '', isFile = isExecutableFile } = {}) {
  const name = (setting || '').trim() || 'crieur';
  const win = platform === 'win32';
  const exts = win ? ['', ...(env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  const p = win ? path.win32 : path.posix;
  const candidates = (file) => exts.map((e) => file + e);
  if (name.includes('/') || (win && name.includes('\\'))) {
    const file = p.isAbsolute(name) || !cwd ? name : p.join(cwd, name);
    return candidates(file).find((c) => isFile(c)) || '';
  }
  const dirs = (env.PATH || env.Path || '').split(win ? ';' : ':').filter(Boolean);
  for (const dir of dirs) {
    const found = candidates(p.join(dir, name)).find((c) => isFile(c));
    if (found) {
      return found;
    }
  }
  return '';
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// serverOptions is how the client starts the server: crieur lsp on its
// standard input and output, in the workspace folder.
function serverOptions(command, cwd) {
  const run = { command, args: ['lsp'], options: cwd ? { cwd } : {} };
  return { run, debug: run };
}

function createExtension({ vscode, LanguageClient, find = findExecutable }) {
  let client;
  let watcher;
  const t = (message, ...args) => vscode.l10n.t(message, ...args);

  function workspaceFolder() {
    const folders = vscode.workspace.workspaceFolders || [];
    return folders.length > 0 ? folders[0].uri.fsPath : '';
  }

  // missing says that crieur is not there and how to get it; its buttons
  // open the install instructions or the setting.
  async function missing(setting) {
    const install = t('How to install');
    const settings = t('Open settings');
    const choice = await vscode.window.showErrorMessage(
      t('crieur was not found ({0}). Install crieur, then reload the window, or set crieur.path to where it is.', setting),
      install,
      settings,
    );
    if (choice === install) {
      await vscode.env.openExternal(vscode.Uri.parse(installURL));
    } else if (choice === settings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'crieur.path');
    }
  }

  // start starts crieur lsp; it returns whether it could.
  async function start() {
    const setting = vscode.workspace.getConfiguration('crieur').get('path', 'crieur');
    const cwd = workspaceFolder();
    const command = find(setting, { cwd });
    if (!command) {
      missing(setting);
      return false;
    }
    watcher = vscode.workspace.createFileSystemWatcher(watched);
    client = new LanguageClient('crieur', 'crieur', serverOptions(command, cwd), {
      documentSelector,
      synchronize: { fileEvents: watcher },
    });
    try {
      await client.start();
    } catch (err) {
      // The client says why in its output too; it is not running: drop it.
      client = undefined;
      watcher.dispose();
      watcher = undefined;
      vscode.window.showErrorMessage(t('crieur lsp could not start: {0}', String((err && err.message) || err)));
      return false;
    }
    return true;
  }

  async function stop() {
    const [c, w] = [client, watcher];
    client = watcher = undefined;
    if (w) {
      w.dispose();
    }
    if (c) {
      await c.stop();
    }
  }

  async function activate(context) {
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(async (e) => {
        if (e.affectsConfiguration('crieur.path')) {
          await stop();
          await start();
        }
      }),
    );
    await start();
  }

  return { activate, deactivate: stop, client: () => client };
}

module.exports = { createExtension, findExecutable, serverOptions, documentSelector, watched, installURL };
