"""A real SMTP server for the notices (the account tests' aiosmtpd server)."""

from tests.accounts.conftest import Mailbox, smtp_server

__all__ = ["Mailbox", "smtp_server"]
