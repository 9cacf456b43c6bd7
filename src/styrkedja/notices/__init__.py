"""Reminders and notices by e-mail: before and after a round's deadline to the reporter of each part not
yet ready, and when a part is returned or approved; each user chooses what they get."""
