"""Writers: the model (and the page map) -> the outputs; they never parse Markdown."""
