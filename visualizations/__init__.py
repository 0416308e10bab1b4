"""Pages for journalists: graphs rendered as offline HTML."""
