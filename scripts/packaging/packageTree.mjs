// A package's files as a tree (relative path -> { size, head }) for checkServer.mjs: from a folder
// (a publish), or from a zip (.vsix and .nupkg are zips), read with yauzl as vsce itself does.
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yauzl from 'yauzl';
import { headBytes } from './binaryKind.mjs';

export function treeFromDir(dir) {
  const tree = new Map();
  const walk = current => {
    for (const item of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, item.name);
      if (item.isDirectory()) { walk(full); continue; }
      const head = Buffer.alloc(headBytes);
      const fd = openSync(full, 'r');
      const read = readSync(fd, head, 0, headBytes, 0);
      closeSync(fd);
      tree.set(relative(dir, full).split(sep).join('/'), { size: statSync(full).size, head: head.subarray(0, read) });
    }
  };
  walk(dir);
  return tree;
}

export async function treeFromZip(file) {
  const tree = new Map();
  const zip = await yauzl.openPromise(file, { autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      tree.set(entry.fileName, { size: entry.uncompressedSize, head: await readHead(zip, entry) });
    }
  } finally {
    zip.close();
  }
  return tree;
}

async function readHead(zip, entry) {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= headBytes) break; // leaving the loop destroys the stream: the rest is not inflated
  }
  return Buffer.concat(chunks).subarray(0, headBytes);
}

/** The part of a tree under `prefix` (e.g. 'extension/server/'), with the prefix taken off. */
export function subtree(tree, prefix) {
  const result = new Map();
  for (const [file, entry] of tree) {
    if (file.startsWith(prefix)) result.set(file.slice(prefix.length), entry);
  }
  return result;
}
