// Imported into every process that `npm run dev` starts: they run detached from the terminal (Ctrl-C reaches
// only dev.js, which stops them in order), so when dev.js is gone they stop as on SIGTERM.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
