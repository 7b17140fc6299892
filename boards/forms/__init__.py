"""Forms: each validates fully before anything is saved; a form may ask a service whether a
change is allowed, a service never sees a form. One module per area:

    actions        an action's update and edit, meetings and their minute items, closing,
                   reminder policy, publishing; the shared fields (UK dates, due, officers)
    attendance     who attended: on the meeting form and on the minutes import's preview
    board_setup    a new board, its settings, its RAG key
    log_import     the action-log import: upload and the preview's choices
    minutes_import the minutes import: the source and the preview
    people         a board's people: a pasted list, one person, a role, a merge
"""
