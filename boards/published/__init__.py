"""Published copies of the log: what a board saw in its agenda pack, kept for good.

This package holds the domain part: snapshot.py freezes the log's rows to JSON and thaws them
back into a document. The other parts live in their layers: the stored copy in
models/published.py, the writer in services/publishing.py, the pages in views/publishing.py.
"""
