import { AdminCommandError, type AdminCommand, type AdminIo } from './admin/admin_command.js';

/**
 * `npm run admin -- COMMAND [ARGS]`: operator commands run on the server, against the store and
 * configuration fitgate itself uses (the same environment: FITGATE_DATA_DIR, REDIS_URL, ...).
 * Each command is a module in scripts/admin/ exporting `command: AdminCommand`; adding one is one
 * more row below. Modules load only when their command runs.
 */
const COMMANDS: Readonly<Record<string, () => Promise<{ command: AdminCommand }>>> = {
  'reset-password': () => import('./admin/reset_password.js'),
  'remove-admin': () => import('./admin/remove_admin.js'),
  reseal: () => import('./admin/reseal.js'),
  backup: () => import('./admin/backup.js'),
};

const io: AdminIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function usage(): Promise<string> {
  const rows = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => {
      const { command } = await load();
      return { synopsis: `${name} ${command.args}`, summary: command.summary };
    }),
  );
  // The summaries line up after the longest synopsis.
  const width = Math.max(...rows.map((row) => row.synopsis.length)) + 2;
  return ['usage: npm run admin -- COMMAND [ARGS]', '', 'commands:', ...rows.map((row) => `  ${row.synopsis.padEnd(width)}${row.summary}`)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(await usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`fitgate admin: unknown command "${name}"`);
    io.err(await usage());
    return 2;
  }
  const { command } = await load();
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof AdminCommandError;
    io.err(`fitgate admin: ${known ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`}`);
    process.exitCode = known ? error.exitCode : 1;
  },
);
