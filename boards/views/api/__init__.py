"""The read-only JSON API at /api/v1/ (README "JSON API").

Every answer starts from boards.access (the same rules as the pages), and the board's
actions are the log's rows: boards.log_query.log_filter for which rows and their order,
boards.log_table.build_rows for what each row says.
"""
