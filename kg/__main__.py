"""The `kg` entry point. It imports nothing heavy before Ctrl-C is handled, so an interrupt
at any moment (even while the libraries load) ends with one line and exit status 130."""

from __future__ import annotations

import os
import signal
import sys

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


_MAIN = os.getpid()


def _interrupted(signum: int, frame: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # one message, even if the user presses again during clean-up
    if os.getpid() == _MAIN:  # Ctrl-C reaches the build's worker processes too: they stop without a word
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
    raise KeyboardInterrupt


def _usage_error(exc: Exception) -> bool:
    """Click's usage errors (missing argument, bad option value). Typer vendors click in recent
    releases, so the class is matched by what it offers, not by import."""
    return hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        from kg.cli import app

        status = app(prog_name="kg", standalone_mode=False)  # usage errors come back here, to be printed as one line
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except Exception as exc:
        sys.exit(_report(exc))
    sys.exit(status if isinstance(status, int) else 0)


def _report(exc: Exception) -> int:
    """One line on stderr for what the user can act on; the exit status. Anything else is a bug
    and keeps its traceback."""
    from kg.errors import InputError

    if isinstance(exc, InputError):  # a command that forgot to catch it still prints one line
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if isinstance(exc, OSError):  # disk full, a file vanished mid-write: the system's words
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"error: {where}{exc.strerror or exc}\n")
        return 1
    if not _usage_error(exc):
        raise exc
    if type(exc).__name__ == "NoArgsIsHelpError":  # `kg export` alone: the help is the answer
        exc.show()  # type: ignore[attr-defined]
    else:
        ctx = getattr(exc, "ctx", None)
        hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
        sys.stderr.write(f"error: {exc.format_message()}{hint}\n")  # type: ignore[attr-defined]
    return exc.exit_code  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
