"""The rich (WYSIWYG) article body editor and its Markdown conversion."""
