"""mockint: a full-screen terminal mock interviewer."""

__version__ = "0.1.0"
