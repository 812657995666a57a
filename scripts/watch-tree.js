// Calls `onChange(file)` when a file below `root` changes. It watches every folder rather than using
// fs.watch's `recursive` option, whose Linux version loses a file that an editor saves by writing a new file
// and renaming it over the old one (vim, JetBrains): a folder's watch sees those renames every time.
import { readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export function watchTree(root, onChange) {
  const watchers = new Map();
  const isFolder = (file) => statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;

  function add(dir) {
    if (watchers.has(dir)) return;
    const watcher = watch(dir, (_event, name) => {
      if (!name) return;
      const file = path.join(dir, name.toString());
      if (isFolder(file)) add(file);
      else onChange(file);
    });
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) add(path.join(dir, entry.name));
    }
  }

  add(root);
  return () => {
    for (const watcher of watchers.values()) watcher.close();
  };
}
