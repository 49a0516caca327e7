"""Delivery backends. settings.REFAH_NOTIFICATION_BACKEND names one; the demo prints or writes files.

A real SMS gateway or SMTP relay is one more class with a `send(notification)` method.
"""

from django.conf import settings

from refah.notifications.models import Notification

DEFAULT_BACKEND = "refah.notifications.backends.ConsoleBackend"


class BaseBackend:
    def send(self, notification: Notification) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints the message (development, demo)."""

    def send(self, notification: Notification) -> None:
        to = notification.phone or notification.email
        print(f"[{notification.channel} → {to}] {notification.text}", flush=True)


class FileBackend(BaseBackend):
    """Writes one text file per message under VAR_DIR/notifications/."""

    def send(self, notification: Notification) -> None:
        folder = settings.VAR_DIR / "notifications"
        folder.mkdir(parents=True, exist_ok=True)
        to = notification.phone or notification.email
        body = f"To: {to}\nChannel: {notification.channel}\nTemplate: {notification.template}\n\n{notification.text}\n"
        path = folder / f"{notification.created_at:%Y%m%dT%H%M%S}-{notification.pk.hex[:12]}.txt"
        path.write_text(body, encoding="utf-8")


outbox: list[Notification] = []


class LocmemBackend(BaseBackend):
    """Keeps messages in `outbox` (tests)."""

    def send(self, notification: Notification) -> None:
        outbox.append(notification)
