"""Citation styles: a source and a locator -> the words of a note or a bibliography entry."""
