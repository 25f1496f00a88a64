/**
 * 活动设置 (issue 21): the page, one action per part (each checked as `check` checks, written
 * under the data lock, journalled, merged again), the rules checked as typed (JSON: the messages
 * `check` would give), and 测试连接 (JSON: the server's answer in Chinese).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CampaignEdit } from '../../../../intake/kernel/campaign/campaign-yaml-edit.js';
import type { RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { readPasswordFromEnv } from '../../../../intake/kernel/password-from-env.js';
import { withStoredPasswords } from '../../../../intake/kernel/stored-passwords.js';
import { loadMailTemplate } from '../../../mail/mail-templates.js';
import { campaignTextAfter, editCampaign, editRoster, saveMailTemplate, storePassword } from '../actions/campaign-settings.js';
import { type ServerForm, testImap, testSmtp } from '../actions/connection-test.js';
import type { ActionResult } from '../actions/output-changes.js';
import { ruleMessage } from '../actions/rule-messages.js';
import {
  checklistEdits,
  deadlineEdits,
  type FormEdits,
  materialsEdits,
  roundsEdits,
  rulesEdits,
  serverEdits,
} from '../actions/settings-forms.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import { pageData, sendPage } from '../pages/page-reply.js';
import { settingsBody } from '../pages/settings-page.js';
import { actionFlash, back, journal, refuse } from './answers.js';

type Form = Record<string, unknown>;
const field = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
const list = (text: string) => text.split(/[;；,，\s]+/u).filter((item) => item !== '');

async function answer(
  context: ConsoleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  to: string,
  action: string,
  done: string,
  work: () => Promise<ActionResult>,
) {
  try {
    const result = await work();
    await journal(context, request, action, { ...(request.body as Form), _csrf: undefined, password: undefined });
    return back(request, reply, to, actionFlash(done, result, context.state.currentContext));
  } catch (error) {
    if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED')) {
      await journal(context, request, action, { refused: error.message });
      return refuse(request, reply, to, error.message, error.details);
    }
    throw error;
  }
}

function unitChange(form: Form): (units: RosterUnit[]) => RosterUnit[] {
  const name = field(form, 'name');
  const changed: RosterUnit = { name, aliases: list(field(form, 'aliases')), emails: list(field(form, 'emails')) };
  return (units) => {
    if (form.intent === 'add') return [...units, changed];
    if (form.intent === 'remove') return units.filter((unit) => unit.name !== name);
    return units.map((unit) => (unit.name === name ? { ...unit, aliases: changed.aliases, emails: changed.emails } : unit));
  };
}

/** The server as typed in the page, the 授权码 typed, else stored, else from the environment. */
function serverForm(context: ConsoleContext, kind: 'imap' | 'smtp', form: Form): ServerForm {
  const tls = field(form, 'tls') === 'on';
  const typed = field(form, 'password');
  const prefix = kind === 'imap' ? 'HUIZONG_IMAP' : 'HUIZONG_SMTP';
  let password = typed;
  if (password === '')
    try {
      const env = withStoredPasswords(process.env, context.state.currentContext.storeDir);
      password = readPasswordFromEnv(env, {
        variable: `${prefix}_PASSWORD`,
        fileVariable: `${prefix}_PASSWORD_FILE`,
        missing: '',
        hint: '',
      });
    } catch {
      password = '';
    }
  const port = Number(field(form, 'port')) || (kind === 'imap' ? (tls ? 993 : 143) : tls ? 465 : 25);
  const file = context.state.currentContext.campaign.file;
  const untrusted = (kind === 'imap' ? file.mailbox.allowUntrustedCertificate : file.smtp.allowUntrustedCertificate) ?? false;
  return { host: field(form, 'host'), port, tls, user: field(form, 'user'), password, allowUntrustedCertificate: untrusted };
}

/** The page, and the rules checked as typed: what `huizong check` would say of campaign.yaml with them. */
const pageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  app.get('/settings', async (request, reply) => {
    const data = await pageData(context, request, links);
    const dir = data.snapshot.context.campaign.dir;
    const view = { receipt: (await loadMailTemplate(dir, 'receipt')).source, reminder: (await loadMailTemplate(dir, 'reminder')).source };
    return sendPage(context, request, reply, data, { title: '活动设置', nav: 'settings', live: 'note', body: settingsBody(data, view) });
  });

  app.post('/actions/settings-check', async (request, reply) => {
    const parsed = rulesEdits((request.body ?? {}) as Form);
    const edits: CampaignEdit[] = parsed.ok ? parsed.edits : [];
    const { mistakes } = await campaignTextAfter(context.state, edits);
    return reply.header('Cache-Control', 'no-store').send({ mistakes: mistakes.map(ruleMessage) });
  });
};

/** campaign.yaml's parts, the roster's units, the mail templates. */
const editRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  const page = links.to('/settings');
  const edit = (action: string, done: string, parse: (form: Form) => FormEdits) =>
    app.post(links.action(action), async (request, reply) => {
      const parsed = parse((request.body ?? {}) as Form);
      if (!parsed.ok) return refuse(request, reply, page, '未保存：填写有误', parsed.mistakes);
      return answer(context, request, reply, page, action, done, () => editCampaign(context.state, parsed.edits));
    });
  edit('settings-deadline', '已保存截止时间，并重新汇总', deadlineEdits);
  edit('settings-rules', '已保存校验规则，并重新汇总', rulesEdits);
  edit('settings-checklist', '已保存检查目录，并重新汇总', checklistEdits);
  edit('settings-materials', '已保存报送材料，并重新汇总', materialsEdits);
  edit('settings-rounds', '已保存催报轮次', roundsEdits);

  app.post('/actions/settings-unit', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const name = field(form, 'name');
    if (name === '') return refuse(request, reply, page, '请填写单位名称');
    const done =
      form.intent === 'add'
        ? `已把${name}加入名单`
        : form.intent === 'remove'
          ? `已把${name}移出名单（来信仍在存档中）`
          : `已保存${name}的别名和邮箱`;
    return answer(context, request, reply, page, 'settings-unit', `${done}，并重新汇总`, () => editRoster(context.state, unitChange(form)));
  });

  app.post('/actions/settings-mail-template', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const kind = form.kind === 'reminder' ? 'reminder' : 'receipt';
    const source = typeof form.source === 'string' ? form.source : '';
    const done = `已保存${kind === 'receipt' ? '回执' : '催报'}邮件模板`;
    return answer(context, request, reply, page, 'settings-mail-template', done, () => saveMailTemplate(context.state, kind, source));
  });
};

/** The mailbox and SMTP settings with their 授权码, and 测试连接. */
const serverRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  const page = links.to('/settings');
  for (const [section, kind] of [
    ['mailbox', 'imap'],
    ['smtp', 'smtp'],
  ] as const) {
    app.post(`/actions/settings-${section}`, async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const parsed = serverEdits(section, form);
      if (!parsed.ok) return refuse(request, reply, page, '未保存：填写有误', parsed.mistakes);
      const password = field(form, 'password');
      // The console finds its mailbox anew for each poll: once it polls at all, the new settings apply from the next one.
      const applies = section === 'mailbox' && context.schedule.polls ? '（下一次收信起按新设置收信）' : '（重新启动控制台后按新设置收发）';
      const done = `已保存${section === 'mailbox' ? '收信邮箱' : '发信'}设置${password !== '' ? '和授权码' : ''}${applies}`;
      return answer(context, request, reply, page, `settings-${section}`, done, async () => {
        const result = await editCampaign(context.state, parsed.edits);
        if (password !== '') await storePassword(context.state, kind, password);
        // 总览 says at once whether the mailbox can be polled now.
        if (kind === 'imap') context.schedule.currentSource();
        return result;
      });
    });
    app.post(`/actions/settings-test-${section}`, async (request, reply) => {
      const form = serverForm(context, kind, (request.body ?? {}) as Form);
      if (form.host === '') return reply.send({ ok: false, text: '请先填写服务器地址' });
      const result = kind === 'imap' ? await testImap(form) : await testSmtp(form);
      await journal(context, request, `settings-test-${section}`, { host: form.host, port: form.port, ok: result.ok });
      return reply.header('Cache-Control', 'no-store').send(result);
    });
  }
};

export const settingsRoutes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  await app.register(pageRoutes, options);
  await app.register(editRoutes, options);
  await app.register(serverRoutes, options);
};
