"""The rich (WYSIWYG) article body editor and its QTextDocument adapter of the body model."""
