"""The article body without Qt: blocks of styled runs, HTML reading and paste cleaning, Markdown
writing in the article dialect, and the checkable text of a Markdown body."""
