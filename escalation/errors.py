"""Expected failures of the queue; every message is safe to show to staff."""

from __future__ import annotations


class QueueError(Exception):
    """Base of the expected failures: the message is shown to staff as it is."""


class UsageError(QueueError):
    """Wrong arguments: the message is the command's usage line."""


class UnknownCommand(QueueError):
    pass


class TicketNotFound(QueueError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"Ticket #{ticket_id} does not exist.")
        self.ticket_id = ticket_id


class TicketStateError(QueueError):
    """The ticket is not in a state that allows the action (closed, taken by someone else)."""


class UserNotFound(QueueError):
    pass


class NotStaff(QueueError):
    def __init__(self) -> None:
        super().__init__("That command is for support staff.")
