/**
 * The systemd unit `huizong serve --print-systemd-unit` writes, for Debian, UOS and Kylin: the
 * same command line with absolute paths, restarted when it fails, stopped with SIGTERM (serve
 * finishes the step in progress). Pure: the paths and options in, the file's text out.
 */

export interface UnitInput {
  description: string;
  user: string;
  workingDirectory: string;
  /** node, then its options, then the CLI's main.js and its arguments. */
  command: readonly string[];
  /** Environment the service needs (password file variables); never a password itself. */
  environment: Readonly<Record<string, string>>;
}

/** One word of ExecStart=: quoted when it holds spaces or quotes; `%` doubled (systemd specifiers). */
export function systemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function systemdUnit(input: UnitInput): string {
  const environment = Object.entries(input.environment).map(([key, value]) => `Environment=${systemdWord(`${key}=${value}`)}`);
  return [
    '[Unit]',
    `Description=${input.description.replace(/%/g, '%%')}`,
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${input.user}`,
    `WorkingDirectory=${systemdWord(input.workingDirectory)}`,
    `ExecStart=${input.command.map(systemdWord).join(' ')}`,
    ...environment,
    'Restart=on-failure',
    'RestartSec=10',
    'KillSignal=SIGTERM',
    'TimeoutStopSec=300',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
