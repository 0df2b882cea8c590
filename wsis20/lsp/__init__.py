"""wsisc lsp: a Language Server Protocol server over the compiler's own pipeline.

Needs the optional extra ``wsisc[lsp]`` (pygls, lsprotocol); wsis20.lsp.server
imports them, this package does not, so that the command can say what is missing.
"""
