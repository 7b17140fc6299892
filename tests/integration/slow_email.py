"""An email backend that makes sending slow and observable, for the worker-kill tests.

Before each message it writes a marker file "about to send to <address>" into
ACTIONLOG_IT_MARKERS and sleeps ACTIONLOG_IT_SEND_DELAY seconds; then it writes the
message with Django's file backend (EMAIL_FILE_PATH), writes a marker "sent to <address>"
and sleeps ACTIONLOG_IT_AFTER_SEND_DELAY seconds. A worker killed in the first sleep has
announced the email but not written it; one killed in the second has sent the email but
not recorded that it did.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


def _marker(text: str) -> None:
    markers = Path(os.environ["ACTIONLOG_IT_MARKERS"])
    name = f"{time.time_ns()}-{os.getpid()}"
    partial = markers / f".{name}.tmp"
    partial.write_text(text + "\n")
    partial.rename(markers / f"{name}.txt")  # whole, or not there at all


class EmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages):
        before = float(os.environ.get("ACTIONLOG_IT_SEND_DELAY", "0"))
        after = float(os.environ.get("ACTIONLOG_IT_AFTER_SEND_DELAY", "0"))
        sent = 0
        for message in email_messages:
            _marker(f"about to send to {', '.join(message.to)}")
            time.sleep(before)
            sent += super().send_messages([message])
            _marker(f"sent to {', '.join(message.to)}")
            time.sleep(after)
        return sent
