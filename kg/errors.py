"""Errors users see as one line; anything else is a bug and may show a traceback."""


class InputError(Exception):
    """Bad input (file, folder, parameter): the message names it."""
