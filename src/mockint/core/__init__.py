"""The pure domain: deck models, the interview state machine, analysis, scheduling.

Imports neither `mockint.storage` nor Textual, so it is tested without a terminal.
"""
