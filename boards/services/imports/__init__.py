"""Imports of a board's papers, each checked in full, previewed, then saved in one transaction:

minutes            a meeting's minutes (importers.minutes) -> meeting, items, actions
action_log         an existing action log (importers.action_log) -> actions; its rows are
                   checked in action_log_rows, and the file read travels signed (action_log_tokens)
refused            ImportRefused: the reasons nothing was saved, for the clerk
"""
