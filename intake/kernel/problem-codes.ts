/**
 * Every problem code huizong can report, with its severity and what it means to the clerk.
 * `error()` and `warning()` accept only codes declared here, so a code cannot be invented at a
 * call site; the README's table of problem codes is this list (a test keeps the two equal).
 *
 * An error means the material cannot be used as sent (the unit must resend, or the clerk must
 * decide); a warning means it was used, and says how.
 */
export const PROBLEM_CODES = {
  'mail.not_a_message': { severity: 'error', meaning: '文件不是邮件' },
  'mail.unreadable': { severity: 'error', meaning: '邮件无法解析' },
  'mail.too_complex': { severity: 'error', meaning: '邮件过于复杂，在限定内存或时间内无法读取，只读取了邮件头' },
  'mail.forward_unreadable': { severity: 'error', meaning: '转发的邮件无法解析，其中的附件未读取' },
  'mail.unidentified': { severity: 'error', meaning: '无法确定报送单位，需秘书科认定' },
  'mail.raw_8bit_header': { severity: 'warning', meaning: '邮件标题未按标准编码，已按 GBK 解读' },
  'mail.raw_8bit_filename': { severity: 'warning', meaning: '附件名未按标准编码，已按 GBK/UTF-8 解读' },
  'mail.forward_too_deep': { severity: 'warning', meaning: '转发嵌套过深，内层未打开' },
  'mail.no_server_time': { severity: 'warning', meaning: '没有服务器接收时间，按发件人电脑时间计' },
  'mail.no_time': { severity: 'warning', meaning: '没有任何时间信息，无法判断是否逾期' },
  'mail.smime_encrypted': { severity: 'error', meaning: '邮件经 S/MIME 加密，无法读取' },
  'mail.large_attachment': { severity: 'error', meaning: '材料是超大附件（网盘链接），不在邮件中，需下载' },
  'mail.picture_only': { severity: 'error', meaning: '统计表以图片（截图、照片）报送，无法读取数字' },
  'archive.empty': { severity: 'error', meaning: '压缩包中没有文件' },
  'archive.encrypted': { severity: 'error', meaning: '压缩包中的文件设有密码' },
  'archive.entry_unreadable': { severity: 'error', meaning: '压缩包中的文件无法解压' },
  'archive.too_large': { severity: 'error', meaning: '解压后超过大小限制' },
  'archive.multi_volume': { severity: 'error', meaning: '分卷压缩包的一部分，无法单独解压' },
  'archive.unsupported_method': { severity: 'error', meaning: '压缩方式无法解压' },
  'archive.too_deep': { severity: 'warning', meaning: '压缩包嵌套过深，内层未打开' },
  'archive.too_many_files': { severity: 'warning', meaning: '压缩包中文件过多，其余未读取' },
  'file.too_large': { severity: 'error', meaning: '附件超过大小限制' },
  'file.content_too_large': { severity: 'error', meaning: 'Excel/Word 文件解压后的内容超过限制' },
  'file.not_recognised': { severity: 'error', meaning: '文件内容与文件名不符或已损坏' },
  'file.unreadable': { severity: 'error', meaning: '文件无法打开（可能已损坏）' },
  'file.too_complex': { severity: 'error', meaning: '文件过于复杂，在限定内存或时间内无法读取' },
  'file.encrypted': { severity: 'error', meaning: '文件设有密码' },
  'file.conversion_failed': { severity: 'error', meaning: '旧版格式转换失败' },
  'file.conversion_timeout': { severity: 'error', meaning: '旧版格式转换超时' },
  'file.libreoffice_unavailable': { severity: 'error', meaning: '需要 LibreOffice 才能读取' },
  'file.pdftotext_unavailable': { severity: 'error', meaning: '需要 pdftotext 才能读取 PDF 文字' },
  'file.sheet_truncated': { severity: 'warning', meaning: '工作表过大，只读取了前面部分' },
  'file.repaired': { severity: 'warning', meaning: '文件格式有错误，已用 LibreOffice 修复后读取' },
  'file.not_read': {
    severity: 'warning',
    meaning: '未读取其中内容的文件（图片、不支持的格式）；按文件名认作要求报送的材料（如签字盖章扫描件）的图片不提示',
  },
  'file.macros_ignored': { severity: 'warning', meaning: '文件含宏，未运行' },
  'file.external_content_ignored': { severity: 'warning', meaning: '文件引用外部内容，未更新' },
  'file.dde_ignored': { severity: 'warning', meaning: '文件含 DDE 公式或域，未执行' },
  'table.no_data': { severity: 'error', meaning: '统计表只有表头' },
  'table.several_rows': { severity: 'error', meaning: '统计表有几行数据，无法确定本单位的一行' },
  'table.missing_column': { severity: 'error', meaning: '统计表缺少一列' },
  'table.several_rows_total_used': { severity: 'warning', meaning: '统计表有几行数据，取了合计行（或合计行之外唯一的一行）' },
  'table.unit_field_blank': { severity: 'warning', meaning: '统计表未填写填报单位' },
  'table.not_found': { severity: 'warning', meaning: 'Excel 文件中没有找到统计表' },
  'table.header_matched': { severity: 'warning', meaning: '表头用词与通知不同，已按相近的列读取' },
  'table.header_unsure': { severity: 'error', meaning: '表头与几列都相近或都不够接近，不能确定是哪一列' },
  'table.extra_column': { severity: 'warning', meaning: '统计表中多出的列，未读取' },
  'table.extra': { severity: 'warning', meaning: '同一封来信中另有统计表，未采用' },
  'table.list_empty': { severity: 'warning', meaning: '明细表（台账、清单）没有填写任何一行' },
  'value.invalid': { severity: 'error', meaning: '填写的内容不符合这一栏的类型（如应为非负整数、小数、日期）' },
  'value.required': { severity: 'error', meaning: '必填的栏目没有填写' },
  'value.out_of_range': { severity: 'error', meaning: '数值或日期超出这一栏允许的范围' },
  'value.not_an_option': { severity: 'error', meaning: '填写的内容不在这一栏的可选项中' },
  'value.date_ambiguous': { severity: 'error', meaning: '日期写法有歧义（如 5/6），无法确定是哪一天' },
  'value.unit_converted': { severity: 'warning', meaning: '金额的单位与表头不同（如元填在万元栏），已换算' },
  'value.normalised': { severity: 'warning', meaning: '数值按规则读取（全角、单位、“无”、中文数字等）' },
  'value.formula_computed': { severity: 'warning', meaning: '公式没有保存计算结果，已按公式算出' },
  'value.formula_uncomputed': { severity: 'error', meaning: '公式没有计算结果，也无法计算' },
  'rule.lte': { severity: 'error', meaning: '违反校验规则（如封存数大于检查数）' },
  'rule.failed': { severity: 'error', meaning: '违反校验规则（如合计不等于各项之和、整改时限早于发现日期）' },
  'report.scanned': { severity: 'warning', meaning: 'PDF 报告为扫描件，需人工查看' },
  'unit.no_table': { severity: 'error', meaning: '来信中没有统计表' },
  'unit.no_report': { severity: 'error', meaning: '来信中没有书面报告' },
  'unit.no_material': { severity: 'error', meaning: '来信中没有要求报送的其他材料（如签字盖章的扫描件）' },
  'unit.late': { severity: 'warning', meaning: '首次报送晚于截止时间' },
  'unit.maybe_more': { severity: 'warning', meaning: '另有待核实的来信可能属于本单位' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; meaning: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
type CodeOf<S> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['severity'] extends S ? C : never }[ProblemCode];
export type ErrorCode = CodeOf<'error'>;
export type WarningCode = CodeOf<'warning'>;
