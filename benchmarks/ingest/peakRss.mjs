// Preloaded (node --import) into each measured child: prints its peak resident memory (all
// threads of the process) on exit, on stderr, as `peak-rss-kb N`.
process.on('exit', () => process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
