/**
 * English words in a text meant for the clerk, with what legitimately stays Latin removed:
 * quoted material (file names in 《》, cell texts and names in 「」 and “”), product and format
 * names, units. Whatever remains is a leak (a library's exception text, an untranslated word).
 */

/** Names the clerk sees in Latin letters on purpose. */
const ALLOWED = new Set(
  [
    'Excel',
    'Word',
    'WPS',
    'LibreOffice',
    'OpenDocument',
    'Office',
    'PDF',
    'ZIP',
    'RAR',
    'OLE',
    'MIME',
    'VBA',
    'DDE',
    'XML',
    'HTML',
    'CSV',
    'TNEF',
    'Outlook',
    'xlsx',
    'xlsm',
    'xls',
    'xlsb',
    'docx',
    'docm',
    'doc',
    'dotx',
    'rtf',
    'odt',
    'ods',
    'pdf',
    'zip',
    'rar',
    'txt',
    'eml',
    'msg',
    'wps',
    'numbers',
    'fods',
    'pptx',
    'ppt',
    'pdftotext',
    'poppler',
    'utils',
    'decisions',
    'campaign',
    'yaml',
    'roster',
    'huizong',
    'merge',
    'retry',
    'failed',
    'limits',
    'analysisMemoryMB',
    'analysisTimeoutSeconds',
    'maxAttachmentMB',
    'maxOfficeXmlMB',
    'maxExpandedMB',
    'maxArchiveFiles',
    'maxArchiveDepth',
    'conversionTimeoutSeconds',
    'GBK',
    'UTF',
    'BIFF',
    'Unicode',
    'IMAP',
    'SMTP',
    'KB',
    'MB',
    'GB',
    'TRUE',
    'FALSE',
    'Sheet',
    'Normal',
    'dotm',
    'Numbers',
    'Apple',
    'Lotus',
    'Quattro',
    'Works',
    'Calc',
    'Writer',
    'XLSB',
    'HTTP',
    'HTTPS',
    'URL',
  ].map((word) => word.toLowerCase()),
);

/** Latin words of 3+ letters outside quotes and the file's own name. */
export function englishIn(text: string, fileName: string): string[] {
  let rest = text;
  if (fileName) rest = rest.split(fileName).join(' ');
  rest = rest
    .replace(/《[^》]*》/g, ' ')
    .replace(/「[^」]*」/g, ' ')
    .replace(/“[^”]*”/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, ' ')
    // Paths and links are data the file holds (an outside link's target), not words.
    .replace(/\S*[/\\%]\S*/g, ' ')
    // A file's extension, as in 「.png 文件」.
    .replace(/\.[A-Za-z0-9]{1,8}\b/g, ' ')
    .replace(/\b(?:https?|file|ftp):\/\/\S+/g, ' ')
    .replace(/\b[\w-]+\.(?:xlsx|xlsm|xls|xlsb|docx|docm|doc|dotm|dotx|pdf|zip|rar|7z|eml|rtf|odt|ods|txt|csv|bin|xml|yaml)\b/gi, ' ');
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => !ALLOWED.has(word.toLowerCase()));
}
