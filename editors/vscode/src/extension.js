'use strict';
// The extension's entry point in VS Code: crieur.js with the real API and
// language client.

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { createExtension } = require('./crieur');

module.exports = createExtension({ vscode, LanguageClient });
