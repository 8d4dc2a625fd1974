// Package main (dist/index.js): the protocol core for scripts and tools. n8n loads the nodes and
// the credential from the paths in package.json and never needs this file.
export * from './core';
