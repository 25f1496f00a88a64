/**
 * The system programs the integration tests use for real (Dovecot, LibreOffice, pdftotext,
 * CJK fonts). `npm test` installs the missing ones once, before any test, when it runs as root
 * on Debian (as on CI); otherwise it stops with a message saying how to install them.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface SystemRequirement {
  /** A command (or file) whose presence shows the package is installed. */
  probe: { command: string } | { path: string };
  debianPackages: string[];
  why: string;
}

export const REQUIREMENTS: SystemRequirement[] = [
  { probe: { path: '/usr/lib/dovecot/imap' }, debianPackages: ['dovecot-imapd'], why: 'IMAP 集成测试使用真实的 Dovecot 服务器' },
  {
    probe: { path: '/usr/lib/python3/dist-packages/aiosmtpd' },
    debianPackages: ['python3-aiosmtpd'],
    why: '发信（回执、催报）集成测试使用真实的 SMTP 服务器（aiosmtpd，投递到测试用 Dovecot 的邮箱）',
  },
  {
    probe: { command: 'soffice' },
    debianPackages: ['libreoffice-calc-nogui', 'libreoffice-writer-nogui'],
    why: '旧版 .xls/.doc/.et/.wps 文件的转换与公文转 PDF 的检查使用 LibreOffice',
  },
  { probe: { command: 'pdftotext' }, debianPackages: ['poppler-utils'], why: '读取 PDF 文字层与检查生成的 PDF 使用 pdftotext' },
  { probe: { command: '7z' }, debianPackages: ['p7zip-full'], why: '7z 测试压缩包由真实的 7-Zip 制作，测试用的 RAR 文件由 7-Zip 核验' },
  { probe: { command: 'tnef' }, debianPackages: ['tnef'], why: '测试用的 Outlook winmail.dat（TNEF）文件由 tnef 程序核验' },
  {
    probe: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc' },
    debianPackages: ['fonts-noto-cjk'],
    why: '生成含中文的 PDF 需要中文字体；版面测量中代替仿宋、宋体、小标宋（Noto Serif CJK）和黑体（Noto Sans CJK）',
  },
  {
    probe: { path: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf' },
    debianPackages: ['fonts-liberation'],
    why: '版面测量中代替 Times New Roman 的等宽度字体（Liberation Serif），数字和字母的宽度与办公电脑一致',
  },
  {
    probe: { path: '/usr/share/fonts/truetype/arphic/ukai.ttc' },
    debianPackages: ['fonts-arphic-ukai'],
    why: '版面测量中代替楷体（AR PL UKai）',
  },
  {
    probe: { path: '/usr/lib/python3/dist-packages/openpyxl' },
    debianPackages: ['python3-openpyxl'],
    why: '汇总表的页眉页脚由另一种真实的读取程序（openpyxl）读回核对：缺少分区代码（&C）的页脚会被它丢弃',
  },
  {
    probe: { command: 'systemd-analyze' },
    debianPackages: ['systemd'],
    why: 'huizong serve --print-systemd-unit 写出的服务文件由 systemd-analyze verify 核验（程序路径、用户、写法）',
  },
  {
    probe: { path: '/usr/bin/chromium' },
    debianPackages: ['chromium'],
    why: '控制台的端到端测试在真实的 Chromium 中操作页面（playwright-core）',
  },
];

function present(requirement: SystemRequirement): boolean {
  if ('command' in requirement.probe)
    return spawnSync('sh', ['-c', `command -v ${requirement.probe.command}`], { stdio: 'ignore' }).status === 0;
  return spawnSync('test', ['-e', requirement.probe.path]).status === 0;
}

export function missingRequirements(): SystemRequirement[] {
  return REQUIREMENTS.filter((requirement) => !present(requirement));
}

/** Installs what is missing (root + apt-get), or throws a message saying what to install. */
export function provisionSystemPackages(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const missing = missingRequirements();
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((requirement) => requirement.debianPackages))];
  const reasons = missing.map((requirement) => `  - ${requirement.debianPackages.join(' ')}：${requirement.why}`).join('\n');
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `测试需要以下系统软件包，但尚未安装：\n${reasons}\n请以 root 身份运行：apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    );
  }
  log(`[npm test] 正在安装测试所需的系统软件包：${packages.join(' ')}\n${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=600'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...packages], {
    stdio: 'inherit',
    env,
  });
  const still = missingRequirements();
  if (still.length > 0) throw new Error(`安装后仍缺少：${still.map((requirement) => requirement.debianPackages.join(' ')).join('、')}`);
  log('[npm test] 系统软件包已安装。');
}
