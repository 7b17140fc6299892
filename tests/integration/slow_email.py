"""An email backend that makes sending slow and observable, for the worker-kill test.

Before each message it writes a marker file "about to send to <address>" into
ACTIONLOG_IT_MARKERS, sleeps ACTIONLOG_IT_SEND_DELAY seconds, then writes the message
with Django's file backend (EMAIL_FILE_PATH). A worker killed during the sleep has
announced the email but not written it.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages):
        markers = Path(os.environ["ACTIONLOG_IT_MARKERS"])
        delay = float(os.environ.get("ACTIONLOG_IT_SEND_DELAY", "0"))
        sent = 0
        for message in email_messages:
            name = f"{time.time_ns()}-{os.getpid()}"
            partial = markers / f".{name}.tmp"
            partial.write_text(f"about to send to {', '.join(message.to)}\n")
            partial.rename(markers / f"{name}.txt")  # whole, or not there at all
            time.sleep(delay)
            sent += super().send_messages([message])
        return sent
