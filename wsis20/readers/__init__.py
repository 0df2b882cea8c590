"""Readers of formats other than the wsis markup: each turns a file from
elsewhere into a document tree that the source writer gives back as .wsis text.
Their input is untrusted in the same way a draft is (SECURITY.md)."""
