// Preloaded (node --import) into each measured child: prints its peak resident memory and its
// CPU time (all threads of the process) on exit, on stderr, as `peak-rss-kb N cpu-ms M`.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\npeak-rss-kb ${usage.maxRSS} cpu-ms ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
