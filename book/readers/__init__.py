"""Readers: the manuscript's files -> the document model and the data the transforms use."""
