#!/usr/bin/python3
"""
A real SMTP server for huizong's tests (Debian's python3-aiosmtpd), on 127.0.0.1.

It delivers every accepted message into a maildir (one copy per recipient, with Delivered-To and
Return-Path added as a local delivery agent would), so the test reads what was sent back over IMAP
from the test Dovecot that serves that maildir. And it answers what the test asks, deterministically:
a rules file (JSON, read at every command, so a test changes it between runs without a restart)
says which transaction gets which refusal, e.g. "554 DT:SPM" after DATA for the third message.
Every transaction is appended to a log (JSON lines) that tests count.

Usage: /usr/bin/python3 smtp-server.py CONFIG.json   (prints "READY <port> <tlsport>" when listening)
"""
import asyncio
import warnings
import json
import os
import ssl
import sys
import time
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

warnings.filterwarnings("ignore")
CONFIG = json.load(open(sys.argv[1], encoding="utf-8"))
RULES_FILE = CONFIG["rulesFile"]
LOG_FILE = CONFIG["logFile"]
MAILDIR = CONFIG["maildir"]
OWNER = (CONFIG.get("uid", -1), CONFIG.get("gid", -1))
fired = {}
transactions = 0


def rules():
    try:
        with open(RULES_FILE, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return []


def log(entry):
    entry["at"] = time.time()
    with open(LOG_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def matching_rule(stage, rcpt=None, headers=None, nth=None):
    for index, rule in enumerate(rules()):
        if rule.get("stage") != stage:
            continue
        match = rule.get("match", {})
        if "rcpt" in match and match["rcpt"] != rcpt:
            continue
        if "subjectContains" in match and (headers is None or match["subjectContains"] not in str(headers.get("Subject", ""))):
            continue
        if "nth" in match and match["nth"] != nth:
            continue
        key = json.dumps(rule, sort_keys=True)
        times = rule.get("times")
        if times is not None and fired.get(key, 0) >= times:
            continue
        fired[key] = fired.get(key, 0) + 1
        return rule
    return None


def ensure_maildir():
    for sub in ("tmp", "new", "cur"):
        path = os.path.join(MAILDIR, sub)
        os.makedirs(path, exist_ok=True)
        if OWNER[0] >= 0:
            os.chown(MAILDIR, *OWNER)
            os.chown(path, *OWNER)


def deliver(rcpt, mail_from, content):
    ensure_maildir()
    name = "%d.%d_%d.huizong-test" % (time.time(), os.getpid(), time.monotonic_ns())
    temp = os.path.join(MAILDIR, "tmp", name)
    data = ("Delivered-To: %s\r\nReturn-Path: <%s>\r\n" % (rcpt, mail_from)).encode() + content
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if OWNER[0] >= 0:
        os.chown(temp, *OWNER)
    os.rename(temp, os.path.join(MAILDIR, "new", name))


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        rule = matching_rule("mail")
        if rule:
            log({"stage": "mail", "mailFrom": address, "reply": rule["reply"]})
            return rule["reply"]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rule = matching_rule("rcpt", rcpt=address)
        if rule:
            log({"stage": "rcpt", "mailFrom": envelope.mail_from, "rcpt": address, "reply": rule["reply"]})
            return rule["reply"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global transactions
        transactions += 1
        content = envelope.original_content or envelope.content
        headers = BytesHeaderParser(policy=default_policy).parsebytes(content)
        entry = {
            "stage": "data",
            "nth": transactions,
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "subject": str(headers.get("Subject", "")),
            "messageId": str(headers.get("Message-ID", "")),
            "user": getattr(session, "auth_data", None).login.decode() if isinstance(getattr(session, "auth_data", None), LoginPassword) else None,
        }
        rule = matching_rule("data", headers=headers, nth=transactions)
        if rule and rule.get("action") == "deliver-then-drop":
            # The message arrives, the answer never does: the client cannot know it was sent.
            for rcpt in envelope.rcpt_tos:
                deliver(rcpt, envelope.mail_from, content)
            log({**entry, "reply": None, "delivered": True})
            server.transport.abort()
            await asyncio.sleep(3600)
        if rule:
            log({**entry, "reply": rule["reply"], "delivered": False})
            return rule["reply"]
        for rcpt in envelope.rcpt_tos:
            deliver(rcpt, envelope.mail_from, content)
        log({**entry, "reply": "250", "delivered": True})
        return "250 OK: queued as %d" % transactions


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == CONFIG.get("user") and auth_data.password.decode() == CONFIG.get("password")
    if not ok:
        log({"stage": "auth", "reply": "535"})
    return AuthResult(success=ok, handled=False)


def tls_context():
    if not CONFIG.get("certFile"):
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CONFIG["certFile"], CONFIG["keyFile"])
    return context


class NoAuthSMTP(SMTP):
    """A server without AUTH (an office relay, an old server): not offered, and refused as unknown."""

    async def smtp_AUTH(self, arg):
        await self.push("500 Error: command 'AUTH' not recognized")


class TestController(Controller):
    def factory(self):
        if CONFIG.get("noAuth"):
            return NoAuthSMTP(self.handler, hostname="smtp.huizong.test", authenticator=None, auth_required=False, auth_require_tls=True, decode_data=False, **self.SMTP_kwargs)
        return SMTP(
            self.handler,
            hostname="smtp.huizong.test",
            authenticator=authenticator if CONFIG.get("user") else None,
            auth_required=bool(CONFIG.get("user")),
            auth_require_tls=False,
            decode_data=False,
            **self.SMTP_kwargs,
        )


def main():
    plain = TestController(Handler(), hostname="127.0.0.1", port=CONFIG["port"])
    plain.start()
    tls_port = 0
    secure = None
    if CONFIG.get("tlsPort"):
        secure = TestController(Handler(), hostname="127.0.0.1", port=CONFIG["tlsPort"], ssl_context=tls_context())
        secure.start()
        tls_port = CONFIG["tlsPort"]
    print("READY %d %d" % (CONFIG["port"], tls_port), flush=True)
    try:
        sys.stdin.read()  # ends when the test closes our stdin (or dies)
    finally:
        plain.stop()
        if secure:
            secure.stop()


main()
