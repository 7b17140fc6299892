"""Email backends for tests: Django's locmem backend that can be told to fail.

The SMTP server is the one part outside this machine, so its faults are stood in for at
Django's email-backend boundary (the integration tests use a real SMTP server instead).
"""

import smtplib

from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    """Fails the next `failures` sends (a refused connection), then delivers; `refused`
    addresses are refused for good, as a mail server rejects an unknown mailbox."""

    failures = 0
    refused: set = set()
    attempts = 0

    def send_messages(self, messages):
        for message in messages:
            type(self).attempts += 1
            if type(self).failures > 0:
                type(self).failures -= 1
                raise ConnectionRefusedError(111, "Connection refused")
            bad = [address for address in message.to if address in type(self).refused]
            if bad:
                raise smtplib.SMTPRecipientsRefused(
                    {address: (550, b"5.1.1 No such mailbox") for address in bad}
                )
        return super().send_messages(messages)

    @classmethod
    def reset(cls):
        cls.failures, cls.refused, cls.attempts = 0, set(), 0
